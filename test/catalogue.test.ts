import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, sql } from 'drizzle-orm';
import { type TestApp, createTestApp } from './helpers/test-app.js';
import { type Session, adminSession } from './helpers/session.js';
import { buildChain } from './helpers/fixtures.js';
import { prepareDatabase } from '../src/server/bootstrap.js';
import {
  agencies,
  auditLog,
  batches,
  organisations,
  policyVersions,
  series,
} from '../src/server/db/schema.js';
import type { Schedule } from '../src/contract/schedules.js';
import type { Agency, Series } from '../src/contract/public.js';

let t: TestApp;
let admin: Session;
beforeAll(async () => {
  t = await createTestApp();
  admin = await adminSession(t);
});
afterAll(() => t.close());

const counts = async () => ({
  organisations: (await t.ctx.db.select({ n: count() }).from(organisations))[0]!.n,
  agencies: (await t.ctx.db.select({ n: count() }).from(agencies))[0]!.n,
  batches: (await t.ctx.db.select({ n: count() }).from(batches))[0]!.n,
  series: (await t.ctx.db.select({ n: count() }).from(series))[0]!.n,
  policies: (await t.ctx.db.select({ n: count() }).from(policyVersions))[0]!.n,
});

describe('reference data', () => {
  it('is loaded once: a restart migrates and seeds nothing twice', async () => {
    const before = await counts();
    expect(before).toMatchObject({ agencies: 21, batches: 84, policies: 1 });
    const loaded = await prepareDatabase(t.database, t.clock.now());
    expect(loaded).toEqual([]);
    expect(await counts()).toEqual(before);
  });
});

describe('title offices keep the catalogue, agencies and policy documents', () => {
  it('edits an agency phone and a batch, recorded in the audit log', async () => {
    const phone = await admin.patch('/api/v1/agencies/GZ02', { phone: '0797-8199236' });
    expect(phone.statusCode, phone.body).toBe(200);
    expect(phone.json<Agency>().phone).toBe('0797-8199236');
    const batch = phone.json<Agency>().windows[3]!;
    const bad = await admin.put(`/api/v1/agencies/GZ02/batches/${batch.id}`, {
      opensOn: '2026-11-30',
      closesOn: '2026-11-20',
      cutoffDate: '2026-12-31',
    });
    expect(bad.statusCode).toBe(422);
    // 第四批 is open on this clock: it can be extended, with a reason (schedules.test.ts has the rules).
    const ok = await admin.put(`/api/v1/agencies/GZ02/batches/${batch.id}`, {
      opensOn: '2026-10-20',
      closesOn: '2026-11-30',
      cutoffDate: '2026-12-31',
      reason: '顺延受理',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const gz02 = ok.json<Schedule>().agencies.find((a) => a.code === 'GZ02')!;
    expect(gz02.batches[3]).toMatchObject({ closesOn: '2026-11-30', status: 'open' });
    // A batch of another agency cannot be edited through this one.
    const other = (await t.app.inject('/api/v1/agencies')).json<Agency[]>()[2]!.windows[0]!;
    expect(
      (
        await admin.put(`/api/v1/agencies/GZ02/batches/${other.id}`, {
          opensOn: '2026-01-20',
          closesOn: '2026-02-20',
          cutoffDate: '2026-03-31',
        })
      ).statusCode,
    ).toBe(404);
    const audit = await t.ctx.db.select().from(auditLog);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['agency.updated', 'batch.updated']));
  });

  it('adds a series and a specialty; names can be edited, duplicates are refused', async () => {
    const created = await admin.post('/api/v1/series', {
      code: 'digitalEconomy',
      name: '数字经济',
      minEducation: 'associate',
      examBased: false,
      practiceLicence: null,
      levels: { junior: '数字经济员', assistant: '助理数字经济师', intermediate: '数字经济师' },
      note: null,
    });
    expect(created.statusCode, created.body).toBe(201);
    expect((await admin.post('/api/v1/series', { ...created.json<Series>(), note: null })).statusCode).toBe(
      409,
    );
    const sp = await admin.post('/api/v1/series/digitalEconomy/specialties', {
      code: 'data',
      name: '数据分析',
    });
    expect(sp.statusCode).toBe(201);
    expect(sp.json<Series>().specialties).toEqual([{ code: 'data', name: '数据分析' }]);
    expect(
      (await admin.post('/api/v1/series/digitalEconomy/specialties', { code: 'data2', name: '数据分析' }))
        .statusCode,
    ).toBe(409);
    const renamed = await admin.patch('/api/v1/series/digitalEconomy', { name: '数字经济（试点）' });
    expect(renamed.json<Series>()).toMatchObject({ name: '数字经济（试点）', minEducation: 'associate' });
  });

  it('publishes and edits policy documents (四、（六））', async () => {
    const doc = {
      title: '关于开展职称政策进企业宣讲的通知',
      documentNumber: '赣市人社字〔2026〕9号',
      issuer: '赣州市人力资源和社会保障局',
      publishedOn: '2026-03-01',
      body: '第一段。\n\n第二段。',
    };
    const c = await admin.post('/api/v1/policy-documents', doc);
    expect(c.statusCode).toBe(201);
    const u = await admin.put(`/api/v1/policy-documents/${c.json().id}`, {
      ...doc,
      title: '关于开展职称政策进企业、进园区宣讲的通知',
    });
    expect(u.json().title).toContain('进园区');
    expect((await t.app.inject(`/api/v1/policy-documents/${c.json().id}`)).json().body).toBe(doc.body);
  });

  it('refuses these edits to anyone but a title office', async () => {
    const chain = await buildChain(admin);
    for (const res of [
      await chain.bureauHandler.patch('/api/v1/agencies/GZ02', { phone: '0797-1234567' }),
      await chain.bureauHandler.post('/api/v1/series/engineering/specialties', {
        code: 'x1',
        name: '某专业',
      }),
      await chain.schoolHandler.post('/api/v1/policy-documents', {
        title: '无权发布',
        documentNumber: null,
        issuer: null,
        publishedOn: '2026-03-01',
        body: '正文',
      }),
      await chain.schoolHandler.get('/api/v1/audit-logs'),
    ]) {
      expect(res.statusCode).toBe(403);
      expect(res.json().message).toMatch(/职称办/);
    }
  });
});

describe('cached public answers (issue 12 item 2)', () => {
  const phoneOf = async (code: string) => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/agencies' });
    expect(res.statusCode).toBe(200);
    return res.json<Agency[]>().find((a) => a.code === code)!.phone;
  };

  it('are built once per version of the reference data, and rebuilt after any write to it', async () => {
    const before = await phoneOf('GZ03');
    // A write that does not move the version (its trigger switched off): the cached answer stands,
    // which is how one can see that the list is not rebuilt per request.
    await t.ctx.db.transaction(async (tx) => {
      await tx.execute(sql`alter table agencies disable trigger agencies_reference_version`);
      await tx.execute(sql`update agencies set phone = '0797-0000001' where code = 'GZ03'`);
      await tx.execute(sql`alter table agencies enable trigger agencies_reference_version`);
    });
    expect(await phoneOf('GZ03')).toBe(before);
    // Any ordinary write — through the system or by hand in SQL, from this instance or another —
    // moves the version in its own transaction: the next request rebuilds.
    await t.ctx.db.execute(sql`update agencies set phone = '0797-0000002' where code = 'GZ03'`);
    expect(await phoneOf('GZ03')).toBe('0797-0000002');
    const res = await admin.patch('/api/v1/agencies/GZ03', { phone: '0797-0000003' });
    expect(res.statusCode, res.body).toBe(200);
    expect(await phoneOf('GZ03')).toBe('0797-0000003');
  });

  it('follow the date: a window opens at midnight without any write', async () => {
    const statusOf = async () =>
      (await t.app.inject({ method: 'GET', url: '/api/v1/agencies?year=2026' }))
        .json<Agency[]>()
        .find((a) => a.code === 'GZ02')!
        .windows.find((w) => w.opens === '2026-10-20')!.status;
    t.clock.set('2026-10-19T23:59:00+08:00');
    expect(await statusOf()).toBe('upcoming');
    t.clock.set('2026-10-20T00:00:01+08:00');
    expect(await statusOf()).toBe('open');
  });
});
