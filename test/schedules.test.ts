/**
 * SPEC §3 "Years roll over": the city title office creates next year's schedule from a previous
 * one, reviews and publishes it, then moves, extends, adds and cancels batches — each rule checked.
 * The app's clock is set explicitly (the reference data holds the annex's year, 2026).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from './helpers/test-app.js';
import { type Session, TEST_PASSWORD, adminSession, firstLogin, login } from './helpers/session.js';
import {
  type Chain,
  buildChain,
  idNumber,
  importSocialInsurance,
  mobile,
  orgByName,
} from './helpers/fixtures.js';
import type { Agency } from '../src/contract/public.js';
import type { Schedule, ScheduleOverview } from '../src/contract/schedules.js';
import type { Routing } from '../src/contract/applications.js';
import { auditLog } from '../src/server/db/schema.js';
import { desc, eq } from 'drizzle-orm';

let t: TestApp;
let admin: Session;
let city: Session;
let chain: Chain;
let teacher: Session;

const publicGet = (url: string) => t.app.inject({ method: 'GET', url });
const overview = async () => (await publicGet('/api/v1/schedules/overview')).json<ScheduleOverview>();
const batchOf = (s: Schedule, code: string, number: number) =>
  s.agencies.find((a) => a.code === code)!.batches.find((b) => b.number === number)!;

beforeAll(async () => {
  t = await createTestApp({}, '2026-12-02T10:00:00+08:00'); // every 2026 window has closed
  admin = await adminSession(t);
  const cityOrg = await orgByName(admin, '赣州市职称工作办公室');
  const created = await admin.post('/api/v1/accounts', {
    person: { name: '钟市职办', idNumber: idNumber('19800312', 701, '360700'), mobile: mobile() },
    role: 'city_office',
    organisationId: cityOrg.id,
  });
  city = await firstLogin(t.app, created.json().username, created.json().initialPassword);
  chain = await buildChain(admin);
  const teacherId = idNumber('19980315', 702);
  await importSocialInsurance(chain.bureauHandler, [['李晓华', teacherId, '赣州市章贡区第一中学', 30]]);
  const a = (
    await chain.schoolHandler.post(`/api/v1/employers/${chain.school.id}/applicants`, {
      name: '李晓华',
      idNumber: teacherId,
      mobile: mobile(),
    })
  ).json();
  teacher = await firstLogin(t.app, a.applicant.username, a.initialPassword);
});
afterAll(() => t.close());

describe('the public home across the year boundary', () => {
  it('shows last year while the next schedule is unpublished, and says which year is awaited', async () => {
    expect(await overview()).toMatchObject({
      today: '2026-12-02',
      year: 2026,
      awaitedYear: 2027,
      publishedYears: [2026],
    });
    const res = await publicGet('/api/v1/agencies');
    expect(res.headers['x-schedule-year']).toBe('2026');
    const agencies = res.json<Agency[]>();
    expect(agencies).toHaveLength(21);
    expect(agencies.every((a) => a.windows.length === 4)).toBe(true);
  });
});

describe('a schedule is the title office’s', () => {
  it('refuses anyone else: an agency handler, a unit clerk, an applicant, a stranger', async () => {
    for (const s of [chain.bureauHandler, chain.schoolHandler, teacher]) {
      expect((await s.post('/api/v1/schedules', { year: 2027, sourceYear: 2026 })).statusCode).toBe(403);
      expect((await s.get('/api/v1/schedules/2026')).statusCode).toBe(403);
    }
    const anon = await t.app.inject({ method: 'POST', url: '/api/v1/schedules', payload: { year: 2027 } });
    expect(anon.statusCode).toBe(401);
    const agencies = (await publicGet('/api/v1/agencies?year=2026')).json<Agency[]>();
    const batch = agencies.find((a) => a.code === 'GZ02')!.windows[0]!;
    const move = await chain.bureauHandler.put(`/api/v1/agencies/GZ02/batches/${batch.id}`, {
      opensOn: '2026-01-20',
      closesOn: '2026-12-20',
      cutoffDate: '2026-12-31',
      reason: '延长',
    });
    expect(move.statusCode).toBe(403);
    const cancel = await teacher.post(`/api/v1/agencies/GZ02/batches/${batch.id}/cancel`, { reason: '取消' });
    expect(cancel.statusCode).toBe(403);
    expect((await admin.get('/api/v1/schedules')).json()).toHaveLength(1);
  });
});

describe('next year’s schedule', () => {
  let draft: Schedule;

  it('is created for every agency in one action, each date moved by a year, as an invisible draft', async () => {
    const res = await city.post('/api/v1/schedules', { year: 2027, sourceYear: 2026 });
    expect(res.statusCode, res.body).toBe(201);
    draft = res.json<Schedule>();
    expect(draft).toMatchObject({ year: 2027, status: 'draft', sourceYear: 2026, batchCount: 84 });
    expect(draft.agencies).toHaveLength(21);
    expect(batchOf(draft, 'GZ02', 1)).toMatchObject({
      name: '第一批',
      opensOn: '2027-01-20',
      closesOn: '2027-02-20',
      cutoffDate: '2027-03-31',
      state: 'draft',
      opened: false,
    });
    expect(batchOf(draft, 'GZ02', 4)).toMatchObject({ opensOn: '2027-10-20', cutoffDate: '2027-12-31' });
    expect((await city.post('/api/v1/schedules', { year: 2027, sourceYear: 2026 })).statusCode).toBe(409);
  });

  it('is invisible to the public and to the pre-check until published', async () => {
    const agencies = (await publicGet('/api/v1/agencies?year=2027')).json<Agency[]>();
    expect(agencies.every((a) => a.windows.length === 0)).toBe(true);
    expect(await overview()).toMatchObject({ year: 2026, awaitedYear: 2027, publishedYears: [2026] });
    const check = await t.app.inject({
      method: 'POST',
      url: '/api/v1/eligibility/check',
      payload: {
        batchId: batchOf(draft, 'GZ02', 2).id,
        seriesCode: 'schoolTeacher',
        targetLevel: 'assistant',
        education: { level: 'bachelor', fullTime: true, graduationDate: '2020-06-30', major: '汉语言文学' },
        majorRelated: true,
        professionalWorkStart: '2020-07-01',
        employer: { name: '某中学', ownership: 'state', kind: 'school' },
      },
    });
    expect(check.statusCode).toBe(422);
    const routing = (await teacher.get('/api/v1/applications/routing?targetLevel=assistant')).json<Routing>();
    expect(routing.batches.filter((b) => b.year === 2027)).toHaveLength(0);
  });

  it('keeps each window within its year and the agency’s year-end deadline unless the office says so', async () => {
    const second = batchOf(draft, 'GZ02', 2);
    const put = (body: Record<string, unknown>) =>
      city.put(`/api/v1/agencies/GZ02/batches/${second.id}`, body);
    const late = await put({ opensOn: '2027-04-22', closesOn: '2028-01-05', cutoffDate: '2028-01-05' });
    expect(late.statusCode).toBe(422);
    expect(late.json().message).toContain('年度完成时限 2027-12-31');
    const noReason = await put({
      opensOn: '2027-04-22',
      closesOn: '2028-01-05',
      cutoffDate: '2028-01-05',
      beyondYearEnd: true,
    });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().message).toContain('须填写理由');
    const backwards = await put({ opensOn: '2027-05-22', closesOn: '2027-04-25', cutoffDate: '2027-06-30' });
    expect(backwards.statusCode).toBe(422);
    const otherYear = await put({ opensOn: '2026-12-22', closesOn: '2027-01-25', cutoffDate: '2027-06-30' });
    expect(otherYear.statusCode).toBe(422);
    const notADate = await put({ opensOn: '2027-02-30', closesOn: '2027-05-25', cutoffDate: '2027-06-30' });
    expect(notADate.statusCode).toBe(422);
    // Before it opens, a batch moves freely (here: one county's 第二批 a little earlier and longer).
    const moved = await put({ opensOn: '2027-04-12', closesOn: '2027-05-28', cutoffDate: '2027-06-30' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(batchOf(moved.json<Schedule>(), 'GZ02', 2)).toMatchObject({
      opensOn: '2027-04-12',
      closesOn: '2027-05-28',
    });
  });

  it('is published in one action; then the public home shows 2027 (2026 has no window left)', async () => {
    const res = await city.post('/api/v1/schedules/2027/publish');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Schedule>().status).toBe('published');
    expect((await city.post('/api/v1/schedules/2027/publish')).statusCode).toBe(409);
    expect(await overview()).toMatchObject({ year: 2027, awaitedYear: null, publishedYears: [2026, 2027] });
    const all = await publicGet('/api/v1/agencies');
    expect(all.headers['x-schedule-year']).toBe('2027');
    const gz02 = all.json<Agency[]>().find((a) => a.code === 'GZ02')!;
    expect(gz02.windows.map((w) => [w.opens, w.closes])).toEqual([
      ['2027-01-20', '2027-02-20'],
      ['2027-04-12', '2027-05-28'],
      ['2027-07-20', '2027-08-20'],
      ['2027-10-20', '2027-11-20'],
    ]);
    // The year asked for still answers as before (CONTRACT.md).
    expect((await publicGet('/api/v1/agencies?year=2026')).json<Agency[]>()[0]!.windows[0]!.opens).toBe(
      '2026-01-20',
    );
  });

  it('lets an applicant apply in an open 2027 window with 2027’s cutoff', async () => {
    t.clock.set(new Date('2027-04-20T09:00:00+08:00'));
    // Months later: the sessions of December have expired; people sign in again.
    teacher = await login(t.app, teacher.me.username, TEST_PASSWORD);
    city = await login(t.app, city.me.username, TEST_PASSWORD);
    const routing = (await teacher.get('/api/v1/applications/routing?targetLevel=assistant')).json<Routing>();
    const open = routing.batches.find((b) => b.status === 'open')!;
    expect(open).toMatchObject({
      year: 2027,
      name: '第二批',
      cutoffDate: '2027-06-30',
      closes: '2027-05-28',
    });
    const res = await teacher.post('/api/v1/applications', { batchId: open.id, targetLevel: 'assistant' });
    expect(res.statusCode, res.body).toBe(201);
  });

  it('once a window has opened: it cannot start later, end earlier or change its cutoff; it can be extended with a reason', async () => {
    const schedule = (await city.get('/api/v1/schedules/2027')).json<Schedule>();
    const second = batchOf(schedule, 'GZ02', 2);
    expect(second).toMatchObject({ opened: true, status: 'open', applicationCount: 1 });
    const put = (body: Record<string, unknown>) =>
      city.put(`/api/v1/agencies/GZ02/batches/${second.id}`, body);
    const later = await put({
      opensOn: '2027-04-25',
      closesOn: '2027-05-28',
      cutoffDate: '2027-06-30',
      reason: '推迟',
    });
    expect(later.statusCode).toBe(422);
    expect(later.json().message).toContain('不能推迟开始日期');
    const shorter = await put({
      opensOn: '2027-04-12',
      closesOn: '2027-05-20',
      cutoffDate: '2027-06-30',
      reason: '缩短',
    });
    expect(shorter.statusCode).toBe(422);
    const cutoff = await put({
      opensOn: '2027-04-12',
      closesOn: '2027-05-28',
      cutoffDate: '2027-07-31',
      reason: '改终算',
    });
    expect(cutoff.statusCode).toBe(422);
    const silent = await put({ opensOn: '2027-04-12', closesOn: '2027-06-10', cutoffDate: '2027-06-30' });
    expect(silent.statusCode).toBe(422);
    expect(silent.json().message).toContain('须填写理由');
    const extended = await put({
      opensOn: '2027-04-12',
      closesOn: '2027-06-10',
      cutoffDate: '2027-06-30',
      reason: '系统升级停机三天，顺延受理',
    });
    expect(extended.statusCode, extended.body).toBe(200);
    const [row] = await t.ctx.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'batch.updated'))
      .orderBy(desc(auditLog.seq))
      .limit(1);
    expect(JSON.stringify(row!.after)).toContain('系统升级停机三天，顺延受理');
    // The application in it keeps its batch and cutoff.
    const mine = (await teacher.get('/api/v1/applications?mine=true')).json<{
      items: { batchName: string; year: number }[];
    }>();
    expect(mine.items).toMatchObject([{ batchName: '第二批', year: 2027 }]);
  });

  it('cancels a batch only before it opens and while it holds no application', async () => {
    const schedule = (await city.get('/api/v1/schedules/2027')).json<Schedule>();
    const second = batchOf(schedule, 'GZ02', 2);
    const opened = await city.post(`/api/v1/agencies/GZ02/batches/${second.id}/cancel`, {
      reason: '合并批次',
    });
    expect(opened.statusCode).toBe(409);
    // A draft in an upcoming batch is an application too.
    const third = batchOf(schedule, 'GZ02', 3);
    const draft = await teacher.post('/api/v1/applications', { batchId: third.id, targetLevel: 'assistant' });
    expect(draft.statusCode, draft.body).toBe(201);
    const held = await city.post(`/api/v1/agencies/GZ02/batches/${third.id}/cancel`, { reason: '合并批次' });
    expect(held.statusCode, held.body).toBe(409);
    expect(held.json().code).toBe('BATCH_HAS_APPLICATIONS');
    const noReason = await city.post(
      `/api/v1/agencies/GZ03/batches/${batchOf(schedule, 'GZ03', 4).id}/cancel`,
      {
        reason: '',
      },
    );
    expect(noReason.statusCode).toBe(400);
    const ok = await city.post(`/api/v1/agencies/GZ03/batches/${batchOf(schedule, 'GZ03', 4).id}/cancel`, {
      reason: '本年度第四批与第三批合并受理',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(batchOf(ok.json<Schedule>(), 'GZ03', 4)).toMatchObject({ state: 'cancelled' });
    const gz03 = (await publicGet('/api/v1/agencies?year=2027'))
      .json<Agency[]>()
      .find((a) => a.code === 'GZ03')!;
    expect(gz03.windows.map((w) => w.batch)).toEqual([1, 2, 3]);
  });

  it('adds a batch for one agency, numbered after its last, never opening in the past', async () => {
    const past = await city.post('/api/v1/schedules/2027/batches', {
      agencyCode: 'GZ05',
      opensOn: '2027-04-01',
      closesOn: '2027-04-30',
      cutoffDate: '2027-06-30',
    });
    expect(past.statusCode).toBe(422);
    const res = await city.post('/api/v1/schedules/2027/batches', {
      agencyCode: 'GZ05',
      opensOn: '2027-12-01',
      closesOn: '2027-12-20',
      cutoffDate: '2027-12-31',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(batchOf(res.json<Schedule>(), 'GZ05', 5)).toMatchObject({ name: '第五批', state: 'published' });
    const unknown = await city.post('/api/v1/schedules/2027/batches', {
      agencyCode: 'NOPE',
      opensOn: '2027-12-01',
      closesOn: '2027-12-20',
      cutoffDate: '2027-12-31',
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('a draft may be discarded; a published one may not', async () => {
    const empty = await city.post('/api/v1/schedules', { year: 2028 });
    expect(empty.statusCode).toBe(201);
    expect((await city.post('/api/v1/schedules/2028/publish')).json().code).toBe('SCHEDULE_EMPTY');
    expect((await city.delete('/api/v1/schedules/2028')).statusCode).toBe(200);
    expect((await city.get('/api/v1/schedules/2028')).statusCode).toBe(404);
    expect((await city.delete('/api/v1/schedules/2027')).statusCode).toBe(409);
    const badYear = await city.post('/api/v1/schedules', { year: 1999 });
    expect(badYear.statusCode).toBe(400);
  });

  it('records every change in the audit log', async () => {
    const actions = (await t.ctx.db.select({ action: auditLog.action }).from(auditLog)).map((r) => r.action);
    for (const a of [
      'schedule.created',
      'schedule.published',
      'batch.updated',
      'batch.cancelled',
      'batch.added',
      'schedule.discarded',
    ]) {
      expect(actions).toContain(a);
    }
  });
});
