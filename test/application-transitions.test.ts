/**
 * Issue 11 item 8: one owner of an application's state. Every transition (submit, withdraw, review,
 * cancel) takes the row lock and checks the revision the same way; the loser of a race gets 409 with
 * the current state, never a 500; database constraint violations reach a client as 409/422 in Chinese;
 * the state columns carry CHECK constraints. On PostgreSQL (DATABASE_URL) the injected calls run
 * truly in parallel on a connection pool; on PGlite they interleave on the one connection.
 */
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { type TestApp, createTestApp } from './helpers/test-app.js';
import { type Session, adminSession, firstLogin } from './helpers/session.js';
import { type Chain, buildChain, idNumber, importSocialInsurance, mobile } from './helpers/fixtures.js';
import type { ApplicationDetail, Routing } from '../src/contract/applications.js';
import { applicationVersions, auditLog } from '../src/server/db/schema.js';
import errorsPlugin from '../src/server/plugins/errors-plugin.js';

let t: TestApp;
let chain: Chain;
let teacher: Session;
const teacherId = idNumber('19980315', 511);

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n' +
    '2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n' +
    '3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 200 200]>> endobj\n' +
    'trailer <</Root 1 0 R>>\n%%EOF\n',
);

beforeAll(async () => {
  t = await createTestApp({}, '2026-11-10T10:00:00+08:00'); // 第四批 is open (10-20 → 11-20)
  const admin = await adminSession(t);
  chain = await buildChain(admin);
  teacher = await applicantOfSchool('赵并发', teacherId);
});
afterAll(() => t.close());

/** An applicant of the school, insured there, signed in. */
async function applicantOfSchool(name: string, id: string): Promise<Session> {
  await importSocialInsurance(chain.bureauHandler, [[name, id, '赣州市章贡区第一中学', 30]]);
  const res = await chain.schoolHandler.post(`/api/v1/employers/${chain.school.id}/applicants`, {
    name,
    idNumber: id,
    mobile: mobile(),
  });
  expect(res.statusCode, res.body).toBe(201);
  const a = res.json();
  return firstLogin(t.app, a.applicant.username, a.initialPassword);
}

/** A new 助理级 draft of `who` in the open batch. */
async function newDraft(who: Session): Promise<ApplicationDetail> {
  const routing = (await who.get('/api/v1/applications/routing?targetLevel=assistant')).json<Routing>();
  const open = routing.batches.find((b) => b.status === 'open')!;
  const created = await who.post('/api/v1/applications', { batchId: open.id, targetLevel: 'assistant' });
  expect(created.statusCode, created.body).toBe(201);
  return created.json<ApplicationDetail>();
}

/** A complete, eligible 助理级 中小学教师 draft, ready to submit. */
async function readyDraft(): Promise<ApplicationDetail> {
  const draft = await newDraft(teacher);
  const upload = async (name: string) =>
    (await teacher.upload('/api/v1/uploads', PDF, name, 'application/pdf')).json<{ id: number }>().id;
  const saved = await teacher.put(`/api/v1/applications/${draft.id}/form`, {
    seriesCode: 'schoolTeacher',
    specialtyCode: null,
    education: [
      {
        level: 'bachelor',
        fullTime: true,
        school: '赣南师范大学',
        major: '汉语言文学',
        graduationDate: '2025-06-30',
        degree: '文学学士',
        chsiCode: 'ABCD1234',
      },
    ],
    qualifications: [],
    workHistory: [
      { unit: '赣州市章贡区第一中学', from: '2025-07-01', to: null, professional: true, duties: '语文教学' },
    ],
    professionalWorkStart: '2025-07-01',
    majorRelated: true,
    practiceLicences: ['教师资格'],
    socialInsuranceConfirmed: true,
    commitmentSigned: true,
    materials: [
      {
        category: 'idCard',
        purpose: 'general',
        title: '身份证正反面',
        uploadIds: [await upload('身份证.pdf')],
      },
      {
        category: 'education',
        purpose: 'general',
        title: '毕业证书',
        uploadIds: [await upload('毕业证.pdf')],
      },
      {
        category: 'practiceLicence',
        purpose: 'general',
        title: '教师资格证书',
        uploadIds: [await upload('教师资格证.pdf')],
      },
    ],
  });
  expect(saved.statusCode, saved.body).toBe(200);
  return draft;
}

async function auditCount(action: string, id: number) {
  const rows = await t.ctx.db
    .select({ seq: auditLog.seq })
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.targetId, String(id))));
  return rows.length;
}

/** Two identical calls at the same moment: one wins, the other is told 409 with the current state. */
function expectOneWinnerOne409(results: { statusCode: number; body: string }[]) {
  const statuses = results.map((r) => r.statusCode).sort();
  expect(statuses, results.map((r) => r.body).join('\n')).toEqual([200, 409]);
  const loser = results.find((r) => r.statusCode === 409)!;
  const body = JSON.parse(loser.body) as { code: string; message: string; details?: Record<string, unknown> };
  expect(body.message).toMatch(/[\u4e00-\u9fff]/);
  expect(body.details, loser.body).toMatchObject({
    status: expect.any(String),
    revision: expect.any(Number),
  });
  return body;
}

describe('races between two identical transitions', () => {
  let draft: ApplicationDetail;

  it('two simultaneous submits of one draft: one 200, one 409, one version, one audit row', async () => {
    draft = await readyDraft();
    const results = await Promise.all([
      teacher.post(`/api/v1/applications/${draft.id}/submit`),
      teacher.post(`/api/v1/applications/${draft.id}/submit`),
    ]);
    const loser = expectOneWinnerOne409(results);
    expect(loser.code).toBe('ALREADY_HANDLED');
    expect(loser.details).toMatchObject({ status: 'submitted', stage: 'unit_handler' });
    const versions = await t.ctx.db
      .select()
      .from(applicationVersions)
      .where(eq(applicationVersions.applicationId, draft.id));
    expect(versions).toHaveLength(1);
    expect(await auditCount('application.submitted', draft.id)).toBe(1);
    const now = (await teacher.get(`/api/v1/applications/${draft.id}`)).json<ApplicationDetail>();
    expect(now).toMatchObject({ status: 'submitted', version: 1 });
  });

  it('two simultaneous withdrawals: one 200, one 409 with the current state', async () => {
    const results = await Promise.all([
      teacher.post(`/api/v1/applications/${draft.id}/withdraw`),
      teacher.post(`/api/v1/applications/${draft.id}/withdraw`),
    ]);
    const loser = expectOneWinnerOne409(results);
    expect(loser.details).toMatchObject({ status: 'withdrawn' });
    expect(await auditCount('application.withdrawn', draft.id)).toBe(1);
  });

  it('cancel for fraud: a stale revision and the second of two simultaneous calls get 409, not 422', async () => {
    const again = await readyDraft();
    const submitted = await teacher.post(`/api/v1/applications/${again.id}/submit`);
    expect(submitted.statusCode, submitted.body).toBe(200);
    const { revision } = (await chain.bureauHandler.get(`/api/v1/review/applications/${again.id}`)).json<{
      revision: number;
    }>();
    const body = (expectedRevision: number) => ({
      expectedRevision,
      reason: '伪造学历证书',
      decisionDocument: '章人社字〔2026〕19号',
    });
    const stale = await chain.bureauHandler.post(
      `/api/v1/review/applications/${again.id}/cancel`,
      body(revision - 1),
    );
    expect(stale.statusCode, stale.body).toBe(409);
    expect(stale.json()).toMatchObject({
      code: 'ALREADY_HANDLED',
      details: { status: 'submitted', stage: 'unit_handler', revision },
    });
    const results = await Promise.all([
      chain.bureauHandler.post(`/api/v1/review/applications/${again.id}/cancel`, body(revision)),
      chain.bureauHandler.post(`/api/v1/review/applications/${again.id}/cancel`, body(revision)),
    ]);
    const loser = expectOneWinnerOne409(results);
    expect(loser.details).toMatchObject({ status: 'cancelled' });
    expect(await auditCount('application.cancelled_for_fraud', again.id)).toBe(1);
  });
});

describe('database constraints', () => {
  /** An application row of its own to try the constraints on (the teacher above is blacklisted by now). */
  let app: ApplicationDetail;
  beforeAll(async () => {
    app = await newDraft(await applicantOfSchool('钱约束', idNumber('19970707', 512)));
  });

  it('state columns carry CHECK constraints', async () => {
    const attempts = [
      sql`update applications set status = 'approved' where id = ${app.id}`,
      sql`update applications set stage = 'agency_handler' where id = ${app.id}`,
      sql`update applications set status = 'submitted', stage = null where id = ${app.id}`,
      sql`update batches set state = 'open' where id = (select min(id) from batches)`,
      sql`insert into schedules (year, status) values (1999, 'archived')`,
    ];
    for (const q of attempts) {
      const error = await t.ctx.db.execute(q).then(
        () => null,
        (e: unknown) => e,
      );
      // Drizzle wraps the driver's error; PGlite and node-postgres both carry the SQLSTATE as `code`.
      const cause = (error as { cause?: { code?: string } } | null)?.cause ?? error;
      expect((cause as { code?: string } | null)?.code, String(q.queryChunks.length)).toBe('23514');
    }
    // Tables without rows here are checked by their constraints' presence.
    const checks = (
      (await t.ctx.db.execute(
        sql`select conrelid::regclass::text as "table", pg_get_constraintdef(oid) as def from pg_constraint where contype = 'c'`,
      )) as unknown as { rows: { table: string; def: string }[] }
    ).rows;
    for (const [table, column] of [
      ['certificates', 'status'],
      ['approval_documents', 'status'],
      ['year_end_reports', 'status'],
      ['policy_versions', 'status'],
      ['review_actions', 'decision'],
    ]) {
      expect(
        checks.some((c) => c.table === table && c.def.includes(column!)),
        `${table}.${column}`,
      ).toBe(true);
    }
  });

  it('a constraint violation or a serialisation failure reaches the client as 409/422 in Chinese, never 500', async () => {
    const probe = Fastify();
    await probe.register(errorsPlugin);
    const db = t.ctx.db;
    probe.post('/unique', async () => {
      await db.execute(sql`insert into schedules (year, status) values (1998, 'draft')`);
      await db.execute(sql`insert into schedules (year, status) values (1998, 'draft')`);
    });
    probe.post('/foreign-key', async () => {
      await db.execute(
        sql`insert into agency_scope_rules (agency_id, region_id, levels) values (999999, 999999, '{}')`,
      );
    });
    probe.post('/check', async () => {
      await db.execute(sql`update batches set state = 'open' where id = (select min(id) from batches)`);
    });
    probe.post('/in-transaction', async () => {
      await db.transaction(async (tx) => {
        await tx.execute(sql`insert into schedules (year, status) values (1997, 'draft')`);
        await tx.execute(sql`insert into schedules (year, status) values (1997, 'draft')`);
      });
    });
    // node-postgres's DatabaseError and PGlite's error carry the SQLSTATE the same way.
    probe.post('/serialization', async () => {
      throw Object.assign(new Error('could not serialize access due to concurrent update'), {
        code: '40001',
      });
    });
    probe.post('/deadlock', async () => {
      throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
    });
    const expected: Record<string, number> = {
      '/unique': 409,
      '/foreign-key': 422,
      '/check': 422,
      '/in-transaction': 409,
      '/serialization': 409,
      '/deadlock': 409,
    };
    for (const [url, status] of Object.entries(expected)) {
      const res = await probe.inject({ method: 'POST', url });
      expect(res.statusCode, `${url}: ${res.body}`).toBe(status);
      const body = res.json<{ code: string; message: string }>();
      expect(body.message, url).toMatch(/^[^A-Za-z]*$/);
      expect(body.message, url).toMatch(/[\u4e00-\u9fff]/);
    }
    await probe.close();
  });
});
