/**
 * Issue 13 item 2: every write route (POST/PUT/PATCH/DELETE) fuzzed from its own zod schema.
 *
 * The route table is walked (an onRoute hook over the same registration the app uses), so a new route is
 * fuzzed without touching this file. For each route and each of six callers (anonymous, applicant, unit
 * handler, agency handler, city office, system admin) fast-check sends requests whose body is
 *  - an arbitrary JSON value, malformed JSON text, or no body at all;
 *  - generated from the route's body schema (`z.toJSONSchema` → test/helpers/json-schema-arbitrary.ts),
 *    strict or wild (boundary strings and numbers, missing and unknown fields);
 *  - for a multipart route, a random file (bytes, or an xlsx with random cells under the real headers);
 * and whose path parameters are ids of existing rows, random numbers or boundary strings.
 *
 * Per request: the status is below 500; a rejected request (4xx) has a Chinese `message` and changed
 * nothing in the database — for every table, its row count and the newest xmin (the transaction that
 * last wrote a row of it, so an UPDATE is seen as well as an INSERT or DELETE), plus the audit log's last
 * seq. The audit sealer is off in this app (AUDIT_SEAL_INTERVAL_MS=0) so that nothing moves on its own;
 * `rate_limit_counters` is left out, since counting refused requests is its purpose. After a 2xx the
 * fingerprint is simply taken again.
 *
 * On failure fast-check prints the seed, the path and the counterexample (URL and body), and the error
 * names the request (method, URL, caller, body), the answer and what the server logged. To replay:
 * `FUZZ_SEED=<seed> npx vitest run test/fuzz-write-routes.test.ts -t '<METHOD> <route>'` (the
 * database then lacks what earlier routes' successful requests wrote, which a few failures may depend
 * on). `FUZZ_RUNS=<n>` sets the runs per route and caller (default 5: about 1 700 requests per run, both databases in CI; 8 gives about 2 700).
 * The signed-in callers are repaired after each route (a fuzzed logout, password reset or seat change
 * must not leave the next route fuzzed as a stranger).
 */
import Fastify, { type LightMyRequestResponse } from 'fastify';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerRoutes } from '../src/server/routes.js';
import { rowsOf } from '../src/server/db/client.js';
import type { Me } from '../src/contract/auth.js';
import { type TestApp, createTestApp } from './helpers/test-app.js';
import { Session, TEST_PASSWORD, adminSession, firstLogin } from './helpers/session.js';
import {
  type Chain,
  buildChain,
  idNumber,
  importSocialInsurance,
  mobile,
  orgByName,
} from './helpers/fixtures.js';
import {
  type Json,
  type JsonSchema,
  arbitraryFromJsonSchema,
  boundaryStrings,
  jsonSchemaOf,
} from './helpers/json-schema-arbitrary.js';
import { decryptIdNumber } from '../src/server/crypto/personal-data-cipher.js';

// ---------------------------------------------------------------------------------------------------
// The write routes, found at collection time so that each is its own test.

interface WriteRoute {
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  isPublic: boolean;
  multipart: boolean;
  body: JsonSchema | null;
  params: JsonSchema | null;
}

async function writeRoutes(): Promise<WriteRoute[]> {
  const bare = Fastify();
  bare.setValidatorCompiler(validatorCompiler);
  bare.setSerializerCompiler(serializerCompiler);
  bare.decorate('ctx', {} as never);
  const found: WriteRoute[] = [];
  bare.addHook('onRoute', (r) => {
    const schema = (r.schema ?? {}) as { body?: unknown; params?: unknown; consumes?: string[] };
    for (const method of [r.method].flat())
      if (method === 'POST' || method === 'PUT' || method === 'PATCH' || method === 'DELETE')
        found.push({
          method: method as WriteRoute['method'],
          url: r.url,
          isPublic: (r.config as { public?: boolean } | undefined)?.public === true,
          multipart: schema.consumes?.includes('multipart/form-data') ?? false,
          body: schema.body ? jsonSchemaOf(schema.body) : null,
          params: schema.params ? jsonSchemaOf(schema.params) : null,
        });
  });
  await bare.register(registerRoutes, { prefix: '/api/v1' });
  await bare.ready();
  await bare.close();
  return found;
}

const ROUTES = await writeRoutes();
const RUNS = Number(process.env.FUZZ_RUNS ?? 5);
if (process.env.FUZZ_SEED) fc.configureGlobal({ seed: Number(process.env.FUZZ_SEED) });

// ---------------------------------------------------------------------------------------------------
// The app, its callers and the rows their requests can refer to.

const CALLERS = ['anonymous', 'applicant', 'unitHandler', 'agencyHandler', 'cityOffice', 'admin'] as const;
type Caller = (typeof CALLERS)[number];

interface Person {
  name: string;
  idNumber: string;
}
interface Signed {
  username: string;
  accountId: number;
  session: Session;
  /** Roles and organisations the caller must keep (restored after a fuzzed seat change). */
  rolesKey: string;
  seat?: { orgId: number; role: 'handler' | 'leader'; person: Person };
}

let t: TestApp;
let chain: Chain;
const callers = new Map<Caller, Signed>();
/** Initial passwords handed out by fuzzed requests that succeeded (a reset, a new seat): username → password. */
const handedOut = new Map<string, string>();
let addressSeq = 0;
const nextAddress = () => {
  addressSeq++;
  return `172.${16 + ((addressSeq >> 16) & 15)}.${(addressSeq >> 8) & 255}.${addressSeq & 255}`;
};

const rolesKeyOf = (me: Me) =>
  me.roles
    .map((r) => `${r.role}@${r.organisation?.id ?? ''}`)
    .sort()
    .join(',');

function signed(session: Session, seat?: Signed['seat']): Signed {
  return {
    username: session.me.username,
    accountId: session.me.accountId,
    session,
    rolesKey: rolesKeyOf(session.me),
    seat,
  };
}

/** Every table of the schema, read once (information_schema: the same on PGlite and PostgreSQL). */
let tables: string[] = [];
/** Tables whose rows a refused request may legitimately write: the rate limits count refused requests. */
const MAY_CHANGE_ON_REFUSAL = new Set(['rate_limit_counters']);

type Fingerprint = Map<string, string>;

/** Row count and newest xmin of every table, and the audit log's last seq and head, in one query. */
async function fingerprint(): Promise<Fingerprint> {
  const parts = tables.map(
    (name) =>
      `select '${name}' as k, count(*)::text || '/' || coalesce(max(xmin::text::bigint), 0)::text as v from "${name}"`,
  );
  parts.push(`select 'audit_log.last_seq', coalesce(max(seq), 0)::text from audit_log`);
  parts.push(`select 'audit_head.position', coalesce(max(last_position), 0)::text from audit_head`);
  const rows = rowsOf<{ k: string; v: string }>(await t.ctx.db.execute(sql.raw(parts.join(' union all '))));
  return new Map(rows.map((r) => [r.k, r.v]));
}

/**
 * The first transaction id not yet completed. Every write (and every row lock) takes a transaction id,
 * reads do not: while this stays the same, nothing was written anywhere, and the full fingerprint need
 * not be read again. When it moves (a write, a rolled-back attempt, another database on the same
 * PostgreSQL server) the full fingerprint decides.
 */
async function nextTransactionId(): Promise<string> {
  const [row] = rowsOf<{ x: string }>(
    await t.ctx.db.execute(sql`select pg_snapshot_xmax(pg_current_snapshot())::text as x`),
  );
  return row!.x;
}

function changes(before: Fingerprint, after: Fingerprint): string[] {
  const out: string[] = [];
  for (const [k, v] of after) {
    if (MAY_CHANGE_ON_REFUSAL.has(k)) continue;
    if (before.get(k) !== v) out.push(`${k}: ${before.get(k)} → ${v} (rows/newest xmin)`);
  }
  return out;
}

/** Real values for path parameters and id-like body fields, read afresh for each route. */
interface Pools {
  ids: Map<string, number[]>;
  all: number[];
  agencyCodes: string[];
  seriesCodes: string[];
  specialtyCodes: string[];
  years: number[];
  people: Person[];
}
let pools: Pools;

async function readPools(): Promise<Pools> {
  const idTables = rowsOf<{ table_name: string }>(
    await t.ctx.db.execute(
      sql`select table_name from information_schema.columns
          where table_schema = 'public' and column_name = 'id' and data_type in ('integer', 'bigint')
          order by table_name`,
    ),
  ).map((r) => r.table_name);
  const ids = new Map<string, number[]>();
  for (const table of idTables) {
    const rows = rowsOf<{ id: number | string }>(
      await t.ctx.db.execute(sql.raw(`select id from "${table}" order by id desc limit 40`)),
    );
    ids.set(
      table,
      rows.map((r) => Number(r.id)),
    );
  }
  const column = async (q: string) =>
    rowsOf<{ v: string | number }>(await t.ctx.db.execute(sql.raw(q))).map((r) => r.v);
  return {
    ids,
    all: [...new Set([...ids.values()].flat())],
    agencyCodes: (await column(`select code as v from agencies order by code`)).map(String),
    seriesCodes: (await column(`select code as v from series order by code`)).map(String),
    specialtyCodes: (await column(`select code as v from specialties order by code limit 60`)).map(String),
    years: (await column(`select year as v from schedules order by year`)).map(Number),
    // ID numbers are stored encrypted (issue 13 item 5).
    people: rowsOf<{ name: string; c: string | null }>(
      await t.ctx.db.execute(sql`select name, id_number_cipher as c from persons order by id desc limit 20`),
    ).map((p) => ({ name: p.name, idNumber: decryptIdNumber(p.c) }) as Person),
  };
}

/** The table a path's `:id` refers to, from the segment before it. */
function tableOfId(url: string): string | null {
  const m = /\/([a-z-]+)\/:id(?:\/|$)/.exec(url);
  const segment = m?.[1];
  if (!segment) return null;
  if (segment === 'applications')
    return url.includes('/self-recognition/') ? 'self_recognition_applications' : 'applications';
  const bySegment: Record<string, string> = {
    organisations: 'organisations',
    employers: 'organisations',
    units: 'organisations',
    accounts: 'accounts',
    publicities: 'publicities',
    requests: 'archive_hosted_requests',
    batches: 'batches',
    blacklist: 'blacklist_entries',
    approvals: 'approval_documents',
    certificates: 'certificates',
    'year-end': 'year_end_reports',
    'policy-documents': 'policy_documents',
    'policy-versions': 'policy_versions',
  };
  return bySegment[segment] ?? null;
}

/** The table an id-like body property refers to. */
function tableOfProperty(property: string): string | null {
  if (/^(parentId|organisationId|employerId|unitId)$/.test(property)) return 'organisations';
  if (property === 'regionId') return 'regions';
  if (/^applicationIds?$/.test(property)) return 'applications';
  if (property === 'batchId') return 'batches';
  if (property === 'basedOnId') return 'policy_versions';
  if (/accountId$/i.test(property)) return 'accounts';
  return null;
}

const idsOf = (table: string | null) => (table ? (pools.ids.get(table) ?? []) : []);

// ---------------------------------------------------------------------------------------------------
// Requests.

type Body =
  | { kind: 'none' }
  | { kind: 'json'; value: Json }
  | { kind: 'raw'; text: string }
  | {
      kind: 'multipart';
      field: string;
      fileName: string;
      mime: string;
      content: { bytes: Uint8Array } | { rows: (string | number)[][] };
    };

interface FuzzRequest {
  caller: Caller;
  url: string;
  body: Body;
}

const MALFORMED_JSON = [
  '',
  '{',
  '{"a":',
  '[1,2',
  'nul',
  '{"__proto__":{"polluted":1}}',
  '{"constructor":{"prototype":{"polluted":1}}}',
  '"\\ud800"',
  '\u0000',
  '{"a":1}{"b":2}',
];

const HEADER_ROWS: (string | number)[][] = [
  ['姓名', '身份证号', '参保单位', '缴费月数'],
  ['姓名', '身份证号', '手机号'],
];

const PDF_HEAD = '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n';

/** Percent-encodes a path segment; a lone surrogate goes as its (invalid) UTF-8 bytes, as a client might. */
const encodeSegment = (s: string) =>
  Array.from(s)
    .map((ch) => (/^[\ud800-\udfff]$/.test(ch) ? '%ED%A0%BD' : encodeURIComponent(ch)))
    .join('');

function pathArbitrary(route: WriteRoute): fc.Arbitrary<string> {
  const names = [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  if (!names.length) return fc.constant(route.url);
  const props = route.params?.properties ?? {};
  const parts = names.map((name) => {
    const schema = props[name] ?? {};
    const options: fc.WeightedArbitrary<string | number>[] = [
      { weight: 1, arbitrary: fc.constantFrom(...boundaryStrings.filter((s) => s.length < 100)) },
    ];
    if (schema.enum?.length)
      options.push({ weight: 6, arbitrary: fc.constantFrom(...(schema.enum as string[])) });
    const real =
      name === 'id'
        ? idsOf(tableOfId(route.url))
        : name === 'batchId'
          ? idsOf('batches')
          : name === 'accountId'
            ? idsOf('accounts')
            : name === 'year'
              ? [...pools.years, 2026, 2027, 2028]
              : name === 'index'
                ? [0, 1, 2, 3]
                : name === 'code'
                  ? route.url.includes('/series/')
                    ? pools.seriesCodes
                    : pools.agencyCodes
                  : [];
    const fallback = name === 'id' && !real.length ? pools.all : real;
    if (fallback.length)
      options.push({ weight: 6, arbitrary: fc.constantFrom<string | number>(...fallback) });
    const type = [schema.type ?? []].flat();
    if (type.includes('integer') || type.includes('number'))
      options.push({ weight: 2, arbitrary: fc.integer({ min: 1, max: 1_000_000 }) });
    else options.push({ weight: 2, arbitrary: fc.string({ maxLength: 20 }) });
    return fc.oneof(...options);
  });
  return fc.tuple(...parts).map((values) => {
    let i = 0;
    return route.url.replace(/:(\w+)/g, () => encodeSegment(String(values[i++])));
  });
}

function bodyArbitrary(route: WriteRoute): fc.Arbitrary<Body> {
  const json: fc.Arbitrary<Body> = fc
    .jsonValue({ maxDepth: 3 })
    .map((value) => ({ kind: 'json', value: value as Json }));
  const raw: fc.Arbitrary<Body> = fc
    .oneof(fc.constantFrom(...MALFORMED_JSON), fc.string({ maxLength: 30 }))
    .map((text) => ({ kind: 'raw', text }));
  const none: fc.Arbitrary<Body> = fc.constant({ kind: 'none' });
  const options: fc.WeightedArbitrary<Body>[] = [
    { weight: 2, arbitrary: json },
    { weight: 1, arbitrary: raw },
    { weight: 1, arbitrary: none },
  ];
  const hints = {
    idsFor: (property: string) => {
      const table = tableOfProperty(property);
      return table ? idsOf(table) : pools.all;
    },
    stringFor: (property: string) => {
      if (property === 'idNumber')
        return fc.oneof(
          ...(pools.people.length ? [fc.constantFrom(...pools.people.map((p) => p.idNumber))] : []),
          fc
            .tuple(
              fc.date({ min: new Date('1960-01-01'), max: new Date('2005-12-31'), noInvalidDate: true }),
              fc.nat(999),
            )
            .map(([d, seq]) => idNumber(d.toISOString().slice(0, 10).replaceAll('-', ''), seq)),
        );
      if (property === 'seriesCode' && pools.seriesCodes.length) return fc.constantFrom(...pools.seriesCodes);
      if (property === 'specialtyCode' && pools.specialtyCodes.length)
        return fc.constantFrom(...pools.specialtyCodes);
      if (property === 'mobile') return fc.constant(mobile());
      return undefined;
    },
  };
  if (route.body) {
    const strict = arbitraryFromJsonSchema(route.body, { wild: false, hints });
    const wild = arbitraryFromJsonSchema(route.body, { wild: true, hints });
    options.push(
      { weight: 4, arbitrary: strict.map((value): Body => ({ kind: 'json', value })) },
      { weight: 3, arbitrary: wild.map((value): Body => ({ kind: 'json', value })) },
    );
  }
  if (route.multipart) {
    const content = fc.oneof(
      fc.uint8Array({ maxLength: 3000 }).map((bytes) => ({ bytes })),
      fc.uint8Array({ maxLength: 500 }).map((tail) => ({
        bytes: new Uint8Array([...Buffer.from(PDF_HEAD), ...tail]),
      })),
      fc
        .tuple(
          fc.constantFrom(...HEADER_ROWS),
          fc.array(
            fc.array(
              fc.oneof(
                fc.constantFrom(...boundaryStrings.filter((s) => !s.includes('\u0000'))),
                fc.string({ maxLength: 20 }),
                fc.integer(),
                fc.constant(idNumber('19900101', 1)),
              ),
              { maxLength: 5 },
            ),
            { maxLength: 6 },
          ),
        )
        .map(([header, rows]) => ({ rows: [header, ...rows] })),
    );
    options.push({
      weight: 8,
      arbitrary: fc.record({
        kind: fc.constant('multipart' as const),
        field: fc.constantFrom('file', 'file', 'other'),
        fileName: fc.oneof(
          fc.constantFrom('社保.xlsx', '人员.xlsx', 'a.pdf', 'scan.png', 'x.jpg', 'noext'),
          fc.constantFrom(...boundaryStrings.filter((s) => s.length < 100 && !s.includes('\u0000'))),
        ),
        mime: fc.constantFrom(
          'application/octet-stream',
          'application/pdf',
          'image/png',
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          'text/plain',
        ),
        content,
      }),
    });
  }
  return fc.oneof(...options);
}

async function payloadOf(
  body: Body,
): Promise<{ headers: Record<string, string>; payload?: string | Buffer }> {
  switch (body.kind) {
    case 'none':
      return { headers: {} };
    case 'json':
      return { headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body.value) };
    case 'raw':
      return { headers: { 'content-type': 'application/json' }, payload: body.text };
    case 'multipart': {
      let bytes: Uint8Array;
      if ('rows' in body.content) {
        const wb = new ExcelJS.Workbook();
        const ws = wb.addWorksheet('Sheet1');
        body.content.rows.forEach((r) => ws.addRow(r));
        bytes = new Uint8Array(await wb.xlsx.writeBuffer());
      } else bytes = body.content.bytes;
      const form = new FormData();
      form.append(body.field, new Blob([new Uint8Array(bytes)], { type: body.mime }), body.fileName);
      const req = new Request('http://local/', { method: 'POST', body: form });
      return {
        headers: { 'content-type': req.headers.get('content-type')! },
        payload: Buffer.from(await req.arrayBuffer()),
      };
    }
  }
}

async function send(route: WriteRoute, req: FuzzRequest): Promise<LightMyRequestResponse> {
  const { headers, payload } = await payloadOf(req.body);
  const who = req.caller === 'anonymous' ? null : callers.get(req.caller)!.session;
  if (who) Object.assign(headers, { cookie: who.cookie, 'x-csrf-token': who.me.csrfToken });
  return t.app.inject({
    method: route.method,
    url: req.url,
    headers,
    ...(payload !== undefined ? { payload } : {}),
    // Each request from its own address: the per-address limits (login, pre-check) are not what is tested.
    remoteAddress: nextAddress(),
  });
}

const clip = (s: string, n = 1500) => (s.length > n ? `${s.slice(0, n)}…（共 ${s.length} 字符）` : s);

function describeRequest(route: WriteRoute, req: FuzzRequest, res: LightMyRequestResponse): string {
  const b = req.body;
  const body =
    b.kind === 'none'
      ? '(no body)'
      : b.kind === 'json'
        ? clip(JSON.stringify(b.value))
        : b.kind === 'raw'
          ? `raw ${JSON.stringify(clip(b.text))}`
          : `multipart field=${b.field} file=${JSON.stringify(clip(b.fileName, 100))} type=${b.mime} ` +
            ('rows' in b.content
              ? `xlsx ${clip(JSON.stringify(b.content.rows))}`
              : `${b.content.bytes.length} bytes`);
  return `${route.method} ${req.url} as ${req.caller}, body: ${body}\n→ ${res.statusCode} ${clip(res.body, 600)}`;
}

const CJK = /[\u3400-\u9fff]/;

/** What the app logged for its last unhandled error (the app's logger is off; its `error` is captured). */
let lastServerError: unknown = null;
let restoreLogger = () => {};
function captureServerErrors() {
  const log = t.app.log as unknown as { error: (...args: unknown[]) => void };
  const original = log.error;
  log.error = (obj: unknown) => {
    lastServerError = (obj as { err?: unknown } | null)?.err ?? obj;
  };
  restoreLogger = () => {
    log.error = original;
  };
}
const serverError = () =>
  lastServerError instanceof Error
    ? `\nlogged: ${lastServerError.message}${lastServerError.cause instanceof Error ? ` (cause: ${lastServerError.cause.message})` : ''}`
    : '';

// ---------------------------------------------------------------------------------------------------
// Keeping the callers signed in and in their seats.

async function tryLogin(username: string, password: string): Promise<Session | null> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
    remoteAddress: nextAddress(),
  });
  if (res.statusCode !== 200) return null;
  const me = res.json<Me>();
  if (me.mustChangePassword) return firstLogin(t.app, username, password);
  const cookie = res.cookies.find((c) => c.name === 'zc_session');
  return cookie ? new Session(t.app, `zc_session=${cookie.value}`, me) : null;
}

async function alive(c: Signed): Promise<boolean> {
  const res = await c.session.get('/api/v1/auth/me');
  return res.statusCode === 200 && rolesKeyOf(res.json<Me>()) === c.rolesKey;
}

/** Signs a caller in again and puts it back in its seat, after whatever the fuzzed requests did. */
async function repair(name: Caller): Promise<void> {
  const c = callers.get(name)!;
  if (await alive(c)) return;
  const admin = callers.get('admin')!;
  if (name !== 'admin' && c.seat) {
    const res = await admin.session.put(`/api/v1/organisations/${c.seat.orgId}/seats/${c.seat.role}`, {
      person: { ...c.seat.person, mobile: mobile() },
    });
    expect(res.statusCode, `restoring ${name}'s seat: ${res.body}`).toBe(200);
  }
  let session =
    (await tryLogin(c.username, TEST_PASSWORD)) ??
    (handedOut.has(c.username) ? await tryLogin(c.username, handedOut.get(c.username)!) : null);
  if (!session && name !== 'admin') {
    await admin.session.post(`/api/v1/accounts/${c.accountId}/unlock`);
    session = await tryLogin(c.username, TEST_PASSWORD);
    if (!session) {
      const reset = await admin.session.post(`/api/v1/accounts/${c.accountId}/reset-password`);
      expect(reset.statusCode, `resetting ${name}'s password: ${reset.body}`).toBe(200);
      session = await firstLogin(
        t.app,
        c.username,
        reset.json<{ initialPassword: string }>().initialPassword,
      );
    }
  }
  if (!session) throw new Error(`cannot sign ${name} (${c.username}) in again after the fuzzed requests`);
  c.session = session;
  expect(rolesKeyOf(session.me), `${name} keeps its roles`).toBe(c.rolesKey);
}

// ---------------------------------------------------------------------------------------------------

let requests = 0;
const statusCounts = new Map<string, number>();

beforeAll(async () => {
  // The sealer off: nothing in the database moves except through the requests themselves.
  t = await createTestApp({ AUDIT_SEAL_INTERVAL_MS: 0 }, '2026-11-10T10:00:00+08:00');
  captureServerErrors();
  const admin = await adminSession(t);
  chain = await buildChain(admin);
  const cityOrg = await orgByName(admin, '赣州市职称工作办公室');
  const cityPerson = { name: '钟市职办', idNumber: idNumber('19810909', 901, '360700') };
  const created = await admin.post('/api/v1/accounts', {
    person: { ...cityPerson, mobile: mobile() },
    role: 'city_office',
    organisationId: cityOrg.id,
  });
  expect(created.statusCode, created.body).toBe(201);
  const city = await firstLogin(t.app, created.json().username, created.json().initialPassword);
  const applicantId = idNumber('19980315', 902);
  await importSocialInsurance(chain.bureauHandler, [['李晓华', applicantId, '赣州市章贡区第一中学', 30]]);
  const applicantRes = await chain.schoolHandler.post(`/api/v1/employers/${chain.school.id}/applicants`, {
    name: '李晓华',
    idNumber: applicantId,
    mobile: mobile(),
  });
  expect(applicantRes.statusCode, applicantRes.body).toBe(201);
  const applicant = await firstLogin(
    t.app,
    applicantRes.json().applicant.username,
    applicantRes.json().initialPassword,
  );
  // Rows for the real ids: a draft application, a policy draft, a blacklist entry.
  const routing = (await applicant.get('/api/v1/applications/routing?targetLevel=assistant')).json<{
    batches: { id: number; status: string }[];
  }>();
  const open = routing.batches.find((b) => b.status === 'open');
  if (open) {
    const draft = await applicant.post('/api/v1/applications', {
      batchId: open.id,
      targetLevel: 'assistant',
    });
    expect(draft.statusCode, draft.body).toBe(201);
  }
  const current = (await city.get('/api/v1/policy-versions')).json<{ id: number }[]>()[0];
  if (current) await city.post('/api/v1/policy-versions', { basedOnId: current.id });
  await city.post('/api/v1/blacklist', {
    name: '赵某',
    idNumber: idNumber('19750101', 903),
    reason: '伪造学历证书',
    decisionDocument: '赣市人社字〔2026〕1号',
  });

  callers.set('admin', signed(admin));
  callers.set('cityOffice', signed(city));
  callers.set('applicant', signed(applicant));
  callers.set(
    'agencyHandler',
    signed(chain.bureauHandler, {
      orgId: chain.bureau.id,
      role: 'handler',
      person: { name: '刘经办', idNumber: idNumber('19800101', 11) },
    }),
  );
  callers.set(
    'unitHandler',
    signed(chain.schoolHandler, {
      orgId: chain.school.id,
      role: 'handler',
      person: { name: '王老师', idNumber: idNumber('19850505', 21) },
    }),
  );
  tables = rowsOf<{ table_name: string }>(
    await t.ctx.db.execute(
      sql`select table_name from information_schema.tables
          where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
    ),
  ).map((r) => r.table_name);
  expect(tables).toContain('audit_log');
});

afterAll(async () => {
  const counts = [...statusCounts.entries()].sort().map(([s, n]) => `${s}: ${n}`);
  console.log(`fuzz: ${requests} requests on ${ROUTES.length} write routes; statuses ${counts.join(', ')}`);
  restoreLogger();
  await t?.close();
});

describe('every write route, fuzzed from its schema', () => {
  it('finds the write routes, the public ones among them', () => {
    expect(ROUTES.length).toBeGreaterThan(50);
    expect(ROUTES.filter((r) => r.multipart).length).toBeGreaterThanOrEqual(3);
    expect(ROUTES.filter((r) => r.body).length).toBeGreaterThan(30);
    expect(ROUTES.filter((r) => r.isPublic).map((r) => `${r.method} ${r.url}`)).toEqual(
      expect.arrayContaining(['POST /api/v1/auth/login', 'POST /api/v1/eligibility/check']),
    );
  });

  for (const route of ROUTES) {
    it(`${route.method} ${route.url}`, { timeout: 120_000 }, async () => {
      pools = await readPools();
      const paths = pathArbitrary(route);
      const bodies = bodyArbitrary(route);
      let before = await fingerprint();
      let beforeXid = await nextTransactionId();
      for (const caller of CALLERS) {
        // A stranger is refused before the body is read on every route that is not public
        // (anonymous-and-validation.test.ts); a few requests suffice there.
        const numRuns = caller === 'anonymous' && !route.isPublic ? Math.max(1, Math.ceil(RUNS / 5)) : RUNS;
        await fc.assert(
          fc.asyncProperty(paths, bodies, async (url, body) => {
            const req: FuzzRequest = { caller, url, body };
            lastServerError = null;
            const res = await send(route, req);
            requests++;
            const bucket = `${Math.floor(res.statusCode / 100)}xx`;
            statusCounts.set(bucket, (statusCounts.get(bucket) ?? 0) + 1);
            if (res.statusCode >= 200 && res.statusCode < 300) {
              const answer = res.body.startsWith('{') ? (res.json() as Record<string, unknown>) : {};
              if (typeof answer.username === 'string' && typeof answer.initialPassword === 'string')
                handedOut.set(answer.username, answer.initialPassword);
            }
            const xid = await nextTransactionId();
            const previous = before;
            if (xid !== beforeXid) {
              before = await fingerprint();
              beforeXid = xid;
            }
            const after = before;
            if (res.statusCode >= 500)
              throw new Error(`server error:\n${describeRequest(route, req, res)}${serverError()}`);
            if (res.statusCode >= 400) {
              const changed = changes(previous, after);
              if (changed.length)
                throw new Error(
                  `refused, yet the database changed (${changed.join('; ')}):\n${describeRequest(route, req, res)}`,
                );
              let message: unknown;
              try {
                message = (JSON.parse(res.body) as { message?: unknown }).message;
              } catch {
                message = undefined;
              }
              if (typeof message !== 'string' || !CJK.test(message))
                throw new Error(`refused without a Chinese message:\n${describeRequest(route, req, res)}`);
            }
          }),
          { numRuns },
        );
      }
      for (const caller of ['admin', 'cityOffice', 'agencyHandler', 'unitHandler', 'applicant'] as const)
        await repair(caller);
    });
  }
});
