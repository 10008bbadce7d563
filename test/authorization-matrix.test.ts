/**
 * The authorization matrix (issue 13 item 1): every route the API registers, called by every kind of
 * actor (anonymous, applicant, the handler and leader seats of a unit, a supervising department and an
 * agency, the city and province offices, the system admin) on a target of their own chain, of another
 * county's chain and — for a person's records — of another person of the same unit, compared with the
 * table of expected answers in test/authz/route-access.ts. The routes come from Fastify's onRoute hook
 * over the same registration the app uses, never from a list here: a route without an entry in the
 * table fails (shown below with a route registered for the purpose), as does an entry without a route.
 *
 * Zero leaks: the table itself may declare only refusals outside the caller's scope; each refusal must
 * change nothing (row count and a content hash of every table, and the audit log's last seq, before and
 * after); an answer to one of A's people never contains a name or ID number of chain B (nor an applicant
 * their peer's). All mismatches are reported at once.
 */
import { writeFileSync } from 'node:fs';
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from './helpers/test-app.js';
import type { Session } from './helpers/session.js';
import { registerRoutes } from '../src/server/routes.js';
import {
  ACTORS,
  type Actor,
  BOTH_CHAINS,
  type Outcome,
  ROUTE_ACCESS,
  type RouteAccess,
  type Variant,
  coverageProblems,
  expected,
  leakDeclarations,
  variantsOf,
} from './authz/route-access.js';
import { type Call, ROUTE_CALLS, type Target } from './authz/requests.js';
import { type World, buildWorld, freshSession } from './authz/world.js';

interface RegisteredRoute {
  key: string;
  method: string;
  url: string;
  isPublic: boolean;
}

/**
 * Every route the API registers: Fastify's onRoute hook on a bare instance given the app's own route
 * registration (`registerRoutes`, under /api/v1), plus whatever `extra` registers (the test below adds
 * a route that is not in the table).
 */
async function registeredRoutes(
  ctx: TestApp['ctx'],
  extra?: (app: FastifyInstance) => Promise<void>,
): Promise<RegisteredRoute[]> {
  const bare = Fastify();
  bare.setValidatorCompiler(validatorCompiler);
  bare.setSerializerCompiler(serializerCompiler);
  bare.decorate('ctx', ctx);
  const found: RegisteredRoute[] = [];
  bare.addHook('onRoute', (r) => {
    const isPublic = (r.config as { public?: boolean } | undefined)?.public === true;
    for (const method of [r.method].flat()) {
      if (method === 'HEAD') continue;
      found.push({ key: `${method} ${r.url}`, method, url: r.url, isPublic });
    }
  });
  await bare.register(registerRoutes, { prefix: '/api/v1' });
  if (extra) await extra(bare);
  await bare.ready();
  await bare.close();
  return found;
}

let t: TestApp;
let w: World;
let routes: RegisteredRoute[] = [];

beforeAll(async () => {
  // No audit sealing in the background: between two requests only the requests write.
  t = await createTestApp({ AUDIT_SEAL_INTERVAL_MS: 0 }, '2026-11-10T10:00:00+08:00');
  w = await buildWorld(t);
  routes = await registeredRoutes(t.ctx);
}, 180_000);
afterAll(() => t.close());

// ——— what changed: a fingerprint of every table ———

/** Tables a refused request may still touch: the per-address rate-limit counters (a guard, not data). */
const NOT_DATA = new Set(['rate_limit_counters']);

/**
 * One query over every table: its row count and the sum of its rows' xmin. An INSERT or DELETE changes
 * the count; an UPDATE writes a new row version with a new xmin, even when it sets a column to the value
 * it had; a row merely locked (SELECT … FOR UPDATE) keeps its xmin. Cheap: no row is read as text.
 */
async function fingerprintQuery(): Promise<{ tables: string[]; query: ReturnType<typeof sql.raw> }> {
  const res = (await t.ctx.db.execute(
    sql`select tablename from pg_tables where schemaname = 'public' order by tablename`,
  )) as unknown as { rows: { tablename: string }[] };
  const tables = res.rows.map((r) => r.tablename).filter((n) => !NOT_DATA.has(n));
  const parts = tables.map(
    (name) => `(select count(*) || ':' || coalesce(sum(xmin::text::bigint), 0) from "${name}")`,
  );
  return { tables, query: sql.raw(`select json_build_array(${parts.join(', ')}) as f`) };
}

let fp: Awaited<ReturnType<typeof fingerprintQuery>>;
async function fullFingerprint(): Promise<string[]> {
  const res = (await t.ctx.db.execute(fp.query)) as unknown as { rows: { f: string[] | string }[] };
  const f = res.rows[0]!.f;
  return typeof f === 'string' ? (JSON.parse(f) as string[]) : f;
}

/**
 * The next transaction id: it moves only when a transaction that wrote (or locked) something ended. While
 * it stands still nothing can have changed, and the tables need not be read again.
 */
async function nextTransactionId(): Promise<string> {
  const res = (await t.ctx.db.execute(
    sql`select pg_snapshot_xmax(pg_current_snapshot())::text as x`,
  )) as unknown as { rows: { x: string }[] };
  return res.rows[0]!.x;
}

let last: { xid: string; tables: string[] } | null = null;
/** The fingerprint of every table now (read again only if some transaction has ended since the last). */
async function fingerprint(): Promise<string[]> {
  const xid = await nextTransactionId();
  if (last?.xid !== xid) last = { xid, tables: await fullFingerprint() };
  return last.tables;
}
const changedTables = (before: string[], after: string[]) =>
  fp.tables.filter((_, i) => before[i] !== after[i]);

// ——— calling a route ———

async function sessionFor(actor: Actor, call: Call): Promise<Session | null> {
  if (actor === 'anonymous') return null;
  const session = w.actors[actor];
  return call.fresh ? freshSession(session) : session;
}

async function send(
  route: RegisteredRoute,
  session: Session | null,
  call: Call,
  /** The CSRF token to send with the session's cookie: its own unless given (null: none). */
  csrfToken?: string | null,
): Promise<LightMyRequestResponse> {
  const url =
    route.url.replace(/:(\w+)/g, (_, name: string) => {
      const value = call.params?.[name];
      if (value === undefined) throw new Error(`${route.key}: no value for :${name}`);
      return encodeURIComponent(String(value));
    }) +
    (call.query
      ? '?' + new URLSearchParams(Object.entries(call.query).map(([k, v]) => [k, String(v)])).toString()
      : '');
  const headers: Record<string, string> = {};
  if (session) headers.cookie = session.cookie;
  const token = csrfToken === undefined ? session?.me.csrfToken : csrfToken;
  if (session && token) headers['x-csrf-token'] = token;
  if (call.upload) {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(call.upload.content)]), call.upload.fileName);
    const req = new Request('http://local/', { method: 'POST', body: form });
    headers['content-type'] = req.headers.get('content-type')!;
    return t.app.inject({
      method: route.method as 'POST',
      url,
      headers,
      payload: Buffer.from(await req.arrayBuffer()),
    });
  }
  return t.app.inject({
    method: route.method as 'GET',
    url,
    headers,
    ...(call.body !== undefined ? { payload: call.body as object } : {}),
  });
}

interface Answer {
  status: number;
  code: string | null;
  message: string;
}

function answerOf(route: RegisteredRoute, res: LightMyRequestResponse): Answer {
  const custom = ROUTE_CALLS[route.key]?.outcome?.(res);
  if (custom) return { ...custom, message: custom.code ?? '' };
  let body: { code?: string; message?: string } = {};
  if (res.statusCode >= 400) {
    try {
      body = res.json();
    } catch {
      body = {};
    }
  }
  return { status: res.statusCode, code: body.code ?? null, message: body.message ?? '' };
}

/** The outcome class of an answer (see route-access.ts). */
function classOf(a: Answer): Outcome | 'invalid' | string {
  if (a.status >= 200 && a.status < 300) return 'ok';
  if (a.status === 409 || a.status === 422) return 'ok';
  if (a.status === 400) return a.code === 'VALIDATION_FAILED' ? 'invalid' : 'ok';
  if (a.status === 401 && a.code === 'UNAUTHENTICATED') return 'unauthenticated';
  if (a.status === 403 && a.code === 'FORBIDDEN') return 'forbidden';
  if (a.status === 404 && a.code === 'NOT_FOUND') return 'hidden';
  return `${a.status} ${a.code ?? ''}`.trim();
}

/** The text of an answer, to look for names that must not be in it (JSON, text, or an xlsx's cells). */
async function textOf(res: LightMyRequestResponse): Promise<string> {
  const type = String(res.headers['content-type'] ?? '');
  if (/json|text/.test(type)) return res.body;
  if (/spreadsheetml/.test(type)) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(res.rawPayload).buffer as ArrayBuffer);
    const cells: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => cells.push(String(c.value ?? '')))));
    return cells.join('\n');
  }
  return '';
}

interface Observation {
  route: string;
  variant: Variant;
  actor: Actor;
  want: Outcome;
  got: string;
  answer: Answer;
}

const observed: Observation[] = [];
const changes: string[] = [];
const leaks: string[] = [];
let requestCount = 0;
let markerSightings = 0;

async function runRoute(route: RegisteredRoute, entry: RouteAccess) {
  const spec = ROUTE_CALLS[route.key];
  for (const variant of variantsOf(entry.expect)) {
    const row = expected(entry.expect, variant);
    for (const actor of ACTORS) {
      const want = row[actor];
      const target: Target | 'any' = variant;
      const call = spec ? await spec.call(target, w, t) : {};
      const session = await sessionFor(actor, call);
      const before = await fingerprint();
      const res = await send(route, session, call);
      requestCount++;
      const answer = answerOf(route, res);
      let got: string = classOf(answer);
      // Outside the caller's scope, a domain refusal that a missing record gets too reveals nothing.
      if (got === 'ok' && answer.status >= 400 && (variant === 'other' || variant === 'peer') && spec) {
        const absent = answerOf(route, await send(route, session, await spec.call('absent', w, t)));
        requestCount++;
        if (absent.status === answer.status && absent.code === answer.code) got = 'hidden';
      }
      const after = await fingerprint();
      const changed = changedTables(before, after);
      if (want === 'ignored' && got === 'ok' && answer.status < 300 && changed.length === 0) got = 'ignored';
      // A refusal (and a write that ignores what is not the caller's) changes nothing.
      if ((got !== 'ok' || want === 'ignored') && changed.length > 0)
        changes.push(
          `${route.key} [${variant}] ${actor}: answered ${answer.status}, but changed ${changed.join(', ')}`,
        );
      if (res.statusCode < 300 && !route.isPublic && actor !== 'anonymous' && !BOTH_CHAINS.includes(actor)) {
        const text = await textOf(res);
        const markers = actor === 'applicant' ? [...w.otherMarkers, ...w.peerMarkers] : w.otherMarkers;
        const found = markers.filter((m) => text.includes(m));
        if (found.length)
          leaks.push(`${route.key} [${variant}] ${actor}: the answer contains ${found.join('、')}`);
      } else if (res.statusCode < 300 && BOTH_CHAINS.includes(actor) && variant !== 'own') {
        // The scan at work: the offices do see chain B, and their answers show it.
        if (w.otherMarkers.some((m) => res.body.includes(m))) markerSightings++;
      }
      if (route.method === 'GET' && res.statusCode < 300 && actor !== 'anonymous')
        fullNumbers.push(...fullNumbersIn(route, variant, actor, res));
      observed.push({ route: route.key, variant, actor, want, got, answer });
      if (res.statusCode < 300 && spec?.remake) await spec.remake(target, w, t);
    }
  }
}

// ——— ID and mobile numbers in answers (issue 13 item 4) ———

interface FullNumber {
  route: string;
  variant: Variant;
  actor: Actor;
  /** A list or page (an array, or an object with `items`), or one record. */
  shape: 'list' | 'detail';
  kind: 'ID number' | 'mobile';
  /** The caller's own number. */
  own: boolean;
}
const fullNumbers: FullNumber[] = [];

/** The world's ID and mobile numbers an answer shows in full (JSON answers; exports are files). */
function fullNumbersIn(
  route: RegisteredRoute,
  variant: Variant,
  actor: Actor,
  res: LightMyRequestResponse,
): FullNumber[] {
  if (!/json/.test(String(res.headers['content-type'] ?? ''))) return [];
  const body = res.body;
  const { idNumbers, mobiles, byUsername } = w.registry;
  const found = [
    ...idNumbers.filter((n) => body.includes(n)).map((n) => ({ n, kind: 'ID number' as const })),
    ...mobiles.filter((n) => body.includes(n)).map((n) => ({ n, kind: 'mobile' as const })),
  ];
  if (found.length === 0) return [];
  const json = res.json<unknown>();
  const shape =
    Array.isArray(json) || Array.isArray((json as { items?: unknown } | null)?.items) ? 'list' : 'detail';
  const me = byUsername.get(w.actors[actor as Exclude<Actor, 'anonymous'>].me.username);
  return found.map(({ n, kind }) => ({
    route: route.key,
    variant,
    actor,
    shape,
    kind,
    own: n === me?.idNumber || n === me?.mobile,
  }));
}

function mismatchReport(list: Observation[]): string {
  return list
    .map(
      (o) =>
        `${o.route} [${o.variant}] ${o.actor}: expected ${o.want}, got ${o.got}` +
        ` (${o.answer.status}${o.answer.code ? ' ' + o.answer.code : ''}${o.answer.message ? ' ' + o.answer.message.slice(0, 60) : ''})`,
    )
    .join('\n');
}

describe('the authorization matrix', () => {
  it('has one entry per registered route, and calls for every route that needs a target', () => {
    const keys = routes.map((r) => r.key);
    expect(keys.length).toBeGreaterThan(100);
    const problems = coverageProblems(keys, ROUTE_ACCESS);
    for (const r of routes) {
      const entry = ROUTE_ACCESS[r.key];
      if (!entry) continue;
      const scoped = !('any' in entry.expect);
      if ((scoped || r.url.includes(':')) && !ROUTE_CALLS[r.key])
        problems.push(`${r.key}: no call in test/authz/requests.ts for its target`);
    }
    for (const k of Object.keys(ROUTE_CALLS))
      if (!keys.includes(k)) problems.push(`${k}: a call in requests.ts for a route that is not registered`);
    expect(problems.join('\n')).toBe('');
    // The bare registration is the app's: every operation the app documents is among them.
    const spec = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(spec.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    expect(documented.length).toBeGreaterThan(100);
    expect(documented.filter((k) => !keys.includes(k))).toEqual([]);
  });

  it('declares no leak: outside the caller’s scope only refusals', () => {
    const publicRoutes = new Set(routes.filter((r) => r.isPublic).map((r) => r.key));
    expect(leakDeclarations(ROUTE_ACCESS, publicRoutes).join('\n')).toBe('');
    // A leak written into the table is refused: the agency reading chain B's application.
    const entry = ROUTE_ACCESS['GET /api/v1/applications/:id']!;
    const leaky = {
      'GET /api/v1/applications/:id': {
        ...entry,
        expect: {
          ...entry.expect,
          other: { ...expected(entry.expect, 'other'), agencyHandler: 'ok' as const },
        },
      },
    };
    expect(leakDeclarations(leaky, publicRoutes)).toEqual([
      "GET /api/v1/applications/:id (other, agencyHandler): outside the caller's scope a read must be hidden, the table says ok",
    ]);
  });

  it('answers every route × actor × target as the table says, changing nothing when it refuses', async () => {
    fp = await fingerprintQuery();
    const started = Date.now();
    for (const route of routes) {
      const entry = ROUTE_ACCESS[route.key];
      if (entry) await runRoute(route, entry);
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const cells = observed.length;
    console.log(
      `authorization matrix: ${routes.length} routes, ${ACTORS.length} actors, ${cells} route × actor × target cells, ${requestCount} requests, ${seconds} s`,
    );
    if (process.env.AUTHZ_MATRIX_OBSERVED)
      writeFileSync(process.env.AUTHZ_MATRIX_OBSERVED, JSON.stringify(observed, null, 1));
    const mismatches = observed.filter((o) => o.got !== o.want);
    const report = [
      mismatches.length
        ? `${mismatches.length} answers differ from the table:\n${mismatchReport(mismatches)}`
        : '',
      changes.length ? `${changes.length} refusals changed data:\n${changes.join('\n')}` : '',
      leaks.length
        ? `${leaks.length} answers show another chain's (or person's) data:\n${leaks.join('\n')}`
        : '',
    ]
      .filter(Boolean)
      .join('\n\n');
    if (report) expect.fail(`\n${report}`);
    expect(markerSightings).toBeGreaterThan(10);
  }, 600_000);

  it('shows ID and mobile numbers masked in every list, to every caller (issue 13 item 4)', () => {
    // On the matrix's own answers: every GET, as every signed-in actor, on every target.
    expect(observed.length, 'runs after the matrix, on its answers').toBeGreaterThan(1000);
    // The rule: no list or page shows a full number, not even the caller's own; one record may show
    // the caller's own (GET /auth/me: the username, which is the ID number, and the mobile on their
    // own page). No record of someone else needs a full number in the product: reviewers compare
    // identities by the person's record on the server (conflict of interest, blacklist), never by
    // reading the number. (Exports are files, not lists: the 发证表 carries full ID numbers because the
    // city office files it so.)
    const shown = fullNumbers.filter((f) => f.shape === 'list' || !f.own);
    const report = [
      ...new Set(
        shown.map(
          (f) => `${f.route} [${f.variant}] ${f.actor}: a full ${f.kind} (${f.shape}${f.own ? ', own' : ''})`,
        ),
      ),
    ];
    expect(report.join('\n')).toBe('');
    // The scan at work: the callers' own numbers are seen where they may be shown.
    expect(fullNumbers.filter((f) => f.own && f.kind === 'ID number').length).toBeGreaterThan(5);
    expect(fullNumbers.filter((f) => f.own && f.kind === 'mobile').length).toBeGreaterThan(5);
  });

  it('refuses every cookie write without its session’s CSRF token, changing nothing (issue 13 item 4)', async () => {
    fp ??= await fingerprintQuery();
    // Signing in is the one write made without a session (it starts one); every other write route,
    // with a valid call as the matrix makes it, is refused before its handler runs.
    const writes = routes.filter((r) => r.method !== 'GET' && r.key !== 'POST /api/v1/auth/login');
    expect(writes.length).toBeGreaterThan(50);
    const session = await freshSession(w.actors.cityOffice);
    const otherToken = w.actors.unitHandler.me.csrfToken;
    const wrong: string[] = [];
    for (const route of writes) {
      const spec = ROUTE_CALLS[route.key];
      const call = spec ? await spec.call('own', w, t) : {};
      for (const token of [null, otherToken, 'forged']) {
        const before = await fingerprint();
        const res = await send(route, session, call, token);
        const changed = changedTables(before, await fingerprint());
        const code = res.statusCode === 403 ? res.json<{ code: string }>().code : null;
        if (code !== 'CSRF_FAILED' || changed.length)
          wrong.push(`${route.key} token=${token}: ${res.statusCode} ${code ?? ''} changed [${changed}]`);
      }
    }
    expect(wrong.join('\n')).toBe('');
    // The same session with its own token does get through (the refusals above were the token's).
    const out = await send(
      routes.find((r) => r.key === 'POST /api/v1/auth/logout')!,
      session,
      {},
    );
    expect(out.statusCode).toBe(200);
  });

  it('the fingerprint sees a write that changes no value', async () => {
    fp ??= await fingerprintQuery();
    const before = await fingerprint();
    await t.ctx.db.execute(sql`update organisations set name = name where id = ${w.A.school.id}`);
    expect(changedTables(before, await fingerprint())).toContain('organisations');
  });

  it('fails for a route added without an entry in the table', async () => {
    const withNew = await registeredRoutes(t.ctx, async (app) => {
      await app.register(
        async (api) => {
          api.get('/matrix-new-route/:id', async () => ({ ok: true }));
        },
        { prefix: '/api/v1' },
      );
    });
    expect(
      coverageProblems(
        withNew.map((r) => r.key),
        ROUTE_ACCESS,
      ),
    ).toEqual(['GET /api/v1/matrix-new-route/:id: registered, but has no entry in the access table']);
    // And an entry whose route is gone is reported too.
    const stale = { ...ROUTE_ACCESS, 'GET /api/v1/gone': ROUTE_ACCESS['GET /api/v1/health']! };
    expect(
      coverageProblems(
        routes.map((r) => r.key),
        stale,
      ),
    ).toEqual(['GET /api/v1/gone: in the access table, but no such route is registered']);
  });
});
