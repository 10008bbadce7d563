/**
 * Issue 5 §5 acceptance: 50 concurrent approve/return calls on the same 200 applications leave every
 * application in exactly one valid state, with one review action and one audit row per successful
 * call. On PostgreSQL the calls go to two real server processes on the one database; the embedded
 * database admits one process, so there they go to the in-process app.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray, like, sql } from 'drizzle-orm';
import { type TestApp, createTestApp } from './helpers/test-app.js';
import { TEST_PASSWORD, adminSession, login } from './helpers/session.js';
import { type Chain, buildChain } from './helpers/fixtures.js';
import { applications, auditLog, reviewActions } from '../src/server/db/schema.js';

let t: TestApp;
let chain: Chain;
let ids: number[] = [];
const servers: { proc: ChildProcess; base: string }[] = [];
const START_REVISION = 5;

type Call = (id: number, body: Record<string, unknown>) => Promise<{ status: number; code?: string }>;
const callers: Call[] = [];

function startServer(port: number) {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/server/server.ts'], {
    env: {
      ...process.env,
      DATA_DIR: '',
      ...t.cliEnv,
      PORT: String(port),
      HOST: '127.0.0.1',
      ADMIN_PASSWORD: 'Concurrency-Admin-1',
      LOG_LEVEL: 'silent',
    },
    stdio: 'ignore',
  });
  return { proc, base: `http://127.0.0.1:${port}` };
}

async function waitHealthy(s: { proc: ChildProcess; base: string }) {
  for (let i = 0; i < 160; i++) {
    if (s.proc.exitCode !== null) throw new Error('server exited with ' + s.proc.exitCode);
    try {
      if ((await fetch(s.base + '/api/v1/health')).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('server did not start');
}

async function httpCaller(base: string): Promise<Call> {
  const res = await fetch(base + '/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: chain.bureauHandler.me.username, password: TEST_PASSWORD }),
  });
  expect(res.status).toBe(200);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  return async (id, body) => {
    const r = await fetch(`${base}/api/v1/review/applications/${id}/decision`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken, cookie },
      body: JSON.stringify(body),
    });
    const json = (await r.json()) as { code?: string };
    return { status: r.status, code: json.code };
  };
}

beforeAll(async () => {
  t = await createTestApp();
  const admin = await adminSession(t);
  chain = await buildChain(admin);
  const agency = (await t.ctx.db.execute(
    sql`select a.id, b.id as batch_id from agencies a join batches b on b.agency_id = a.id where a.organisation_id = ${chain.bureau.id} limit 1`,
  )) as unknown as { rows: { id: number; batch_id: number }[] };
  const { id: agencyId, batch_id: batchId } = agency.rows[0]!;
  // 200 applications waiting at the agency's handler seat (set up directly: the chain before it is
  // tested elsewhere; here only the race matters).
  await t.ctx.db.execute(sql`
    with p as (
      insert into persons (name)
      select '并发' || g from generate_series(1, 200) g
      returning id, name
    ), a as (
      insert into accounts (username, person_id, password_hash)
      select 'race_' || p.id, p.id, 'not-a-login' from p returning id, person_id
    )
    insert into applications (number, applicant_account_id, person_id, employer_id, agency_id, batch_id,
      target_level, status, stage, holder_organisation_id, holder_role, stage_since,
      supervisor_organisation_id, revision, form, version, created_by_account_id, submitted_at)
    select 'RACE-' || a.person_id, a.id, a.person_id, ${chain.school.id}, ${agencyId}, ${batchId},
      'assistant', 'submitted', 'agency_handler', ${chain.bureau.id}, 'handler', now(),
      ${chain.supervisor.id}, ${START_REVISION}, '{}'::jsonb, 1, a.id, now()
    from a`);
  ids = (
    await t.ctx.db
      .select({ id: applications.id })
      .from(applications)
      .where(like(applications.number, 'RACE-%'))
  ).map((r) => r.id);
  expect(ids).toHaveLength(200);
  if (t.ctx.dbKind === 'postgres') {
    const port = 4600 + Math.floor(Math.random() * 300);
    servers.push(startServer(port), startServer(port + 1));
    await Promise.all(servers.map(waitHealthy));
    for (const s of servers) callers.push(await httpCaller(s.base));
  } else {
    callers.push(async (id, body) => {
      const r = await chain.bureauHandler.post(`/api/v1/review/applications/${id}/decision`, body);
      return { status: r.statusCode, code: r.json<{ code?: string }>().code };
    });
  }
}, 120_000);

afterAll(async () => {
  for (const s of servers) {
    s.proc.kill('SIGTERM');
    if (s.proc.exitCode === null) await new Promise((r) => s.proc.once('exit', r));
  }
  await t?.close();
});

describe('concurrent decisions', () => {
  it('50 clients × 8 approve/return calls on 200 applications: one winner each, nothing lost or doubled', async () => {
    const results: { id: number; decision: string; status: number; code?: string }[] = [];
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    await Promise.all(
      Array.from({ length: 50 }, async (_, worker) => {
        for (let k = 0; k < 8; k++) {
          const id = ids[Math.floor(random() * ids.length)]!;
          const decision = random() < 0.5 ? 'approve' : 'return';
          const call = callers[(worker + k) % callers.length]!;
          const r = await call(id, {
            decision,
            expectedRevision: START_REVISION,
            reasons: decision === 'return' ? [{ field: 'general', message: '请补充材料' }] : [],
          });
          results.push({ id, decision, ...r });
        }
      }),
    );
    expect(results).toHaveLength(400);
    // Only a win or "已被他人处理": no 5xx, nothing else.
    expect(
      results.filter((r) => r.status !== 200 && !(r.status === 409 && r.code === 'ALREADY_HANDLED')),
    ).toEqual([]);
    const wins = results.filter((r) => r.status === 200);
    const touched = new Set(results.map((r) => r.id));
    expect(wins.length).toBe(touched.size);

    const rows = await t.ctx.db.select().from(applications).where(inArray(applications.id, ids));
    const actions = await t.ctx.db
      .select()
      .from(reviewActions)
      .where(inArray(reviewActions.applicationId, ids));
    const audits = await t.ctx.db
      .select()
      .from(auditLog)
      .where(
        and(
          inArray(auditLog.action, ['review.approve', 'review.return']),
          inArray(
            auditLog.targetId,
            ids.map((i) => String(i)),
          ),
        ),
      );
    expect(actions).toHaveLength(wins.length);
    expect(audits).toHaveLength(wins.length);
    for (const app of rows) {
      const mine = actions.filter((a) => a.applicationId === app.id);
      const won = wins.find((w) => w.id === app.id);
      if (!won) {
        expect(mine).toHaveLength(0);
        expect(app).toMatchObject({ status: 'submitted', stage: 'agency_handler', revision: START_REVISION });
        continue;
      }
      expect(mine).toHaveLength(1);
      expect(mine[0]!.decision).toBe(won.decision);
      expect(app.revision).toBe(START_REVISION + 1);
      if (won.decision === 'approve')
        expect(app).toMatchObject({
          status: 'submitted',
          stage: 'agency_leader',
          holderOrganisationId: chain.bureau.id,
          holderRole: 'leader',
        });
      else expect(app).toMatchObject({ status: 'returned', stage: null, holderOrganisationId: null });
    }
    // Each audit row names the one application it changed.
    expect(new Set(audits.map((a) => a.targetId)).size).toBe(wins.length);
  }, 120_000);
});

describe('bulk approval by the leader', () => {
  beforeAll(async () => {
    // Five of the applications sent on by the agency's handler, to wait at the leader's seat.
    const handler = await login(t.app, chain.bureauHandler.me.username, TEST_PASSWORD);
    const atHandler = await t.ctx.db
      .select()
      .from(applications)
      .where(and(inArray(applications.id, ids), eq(applications.stage, 'agency_handler')))
      .limit(5);
    expect(atHandler).toHaveLength(5);
    for (const a of atHandler) {
      const r = await handler.post(`/api/v1/review/applications/${a.id}/decision`, {
        decision: 'approve',
        expectedRevision: a.revision,
      });
      expect(r.statusCode, r.body).toBe(200);
    }
  });

  it('approves each chosen application as its own decision and reports the ones that could not be', async () => {
    const { seatSession, idNumber } = await import('./helpers/fixtures.js');
    const admin = await login(t.app, 'admin', TEST_PASSWORD);
    const leader = await seatSession(admin, chain.bureau.id, 'leader', {
      name: '赵主任',
      idNumber: idNumber('19700303', 406),
    });
    const waiting = await t.ctx.db
      .select()
      .from(applications)
      .where(and(inArray(applications.id, ids), inArray(applications.stage, ['agency_leader'])));
    expect(waiting.length).toBeGreaterThan(3);
    const chosen = waiting.slice(0, 3).map((a) => ({ id: a.id, expectedRevision: a.revision }));
    const stale = { id: waiting[3]!.id, expectedRevision: waiting[3]!.revision - 1 };
    const res = await leader.post('/api/v1/review/bulk-approve', {
      items: [...chosen, stale],
      comment: '同意',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual([
      ...chosen.map((c) => ({ id: c.id, ok: true, code: null, message: null })),
      { id: stale.id, ok: false, code: 'ALREADY_HANDLED', message: expect.stringContaining('已被他人处理') },
    ]);
    const after = await t.ctx.db
      .select()
      .from(applications)
      .where(
        inArray(
          applications.id,
          chosen.map((c) => c.id),
        ),
      );
    expect(after.every((a) => a.status === 'recognised')).toBe(true);
    // The handler's seat cannot bulk-approve what waits at the leader's. (Signed in again: on PostgreSQL
    // the server processes, on the real clock, have cleared this test clock's old sessions.)
    const handler = await login(t.app, chain.bureauHandler.me.username, TEST_PASSWORD);
    const handlerTry = await handler.post('/api/v1/review/bulk-approve', {
      items: [{ id: waiting[4]!.id, expectedRevision: waiting[4]!.revision }],
    });
    expect(handlerTry.statusCode, handlerTry.body).toBe(200);
    expect(handlerTry.json()[0]).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});
