/**
 * 三、（四） second paragraph: an archive-hosted person whose insurance falls short submits only after
 * local HR verified, the city office aggregated and the province office agreed. Also the clerk's
 * reminder (issue 4 §7).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from './helpers/test-app.js';
import { type Session, adminSession, firstLogin } from './helpers/session.js';
import {
  type Chain,
  buildChain,
  createOrg,
  idNumber,
  mobile,
  orgByName,
  regionId,
  seatSession,
} from './helpers/fixtures.js';
import type { ApplicationDetail, PrecheckResult, Routing } from '../src/contract/applications.js';
import type { ArchiveHostedRequest } from '../src/contract/archive-hosted.js';
import type { NotificationList } from '../src/contract/review.js';

let t: TestApp;
let chain: Chain;
let agencyClerk: Session;
let person: Session;
let city: Session;
let province: Session;
let draft: ApplicationDetail;

async function office(admin: Session, role: string, orgName: string, name: string, seq: number) {
  const org = await orgByName(admin, orgName);
  const res = await admin.post('/api/v1/accounts', {
    person: { name, idNumber: idNumber('19800101', seq, '360700'), mobile: mobile() },
    role,
    organisationId: org.id,
  });
  expect(res.statusCode, res.body).toBe(201);
  return firstLogin(t.app, res.json().username, res.json().initialPassword);
}

beforeAll(async () => {
  t = await createTestApp({}, '2026-11-10T10:00:00+08:00');
  const admin = await adminSession(t);
  chain = await buildChain(admin);
  city = await office(admin, 'city_office', '赣州市职称工作办公室', '钟市职办', 501);
  province = await office(admin, 'province_office', '江西省职称工作办公室', '傅省职办', 502);
  const centre = await createOrg(chain.bureauHandler, {
    parentId: chain.bureau.id,
    kind: 'personnel_agency',
    name: '章贡区就业创业服务中心',
    regionId: await regionId(admin, '章贡区'),
  });
  agencyClerk = await seatSession(chain.bureauHandler, centre.id, 'handler', {
    name: '档案管理员',
    idNumber: idNumber('19830303', 503),
  });
  // No insurance record at all: allowed for a personnel agency, which is why the path exists.
  const res = await agencyClerk.post(`/api/v1/employers/${centre.id}/applicants`, {
    name: '邓海',
    idNumber: idNumber('19940404', 504),
    mobile: mobile(),
  });
  expect(res.statusCode, res.body).toBe(201);
  person = await firstLogin(t.app, res.json().applicant.username, res.json().initialPassword);
  const routing = (await person.get('/api/v1/applications/routing?targetLevel=assistant')).json<Routing>();
  draft = (
    await person.post('/api/v1/applications', {
      batchId: routing.batches.find((b) => b.status === 'open')!.id,
      targetLevel: 'assistant',
    })
  ).json<ApplicationDetail>();
});
afterAll(() => t.close());

describe('the archive-hosted path', () => {
  let req: ArchiveHostedRequest;
  /** Its own complete application (the shared draft stays a draft for the reminders below). */
  let mine: ApplicationDetail;
  const PDF = Buffer.from(
    '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n' +
      '2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n' +
      '3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 200 200]>> endobj\n' +
      'trailer <</Root 1 0 R>>\n%%EOF\n',
  );
  /** Refused at submission for the archive-hosted path alone, naming where it stands. */
  const blocked = async (stage: string) => {
    const pre = (await person.post(`/api/v1/applications/${mine.id}/precheck`)).json<PrecheckResult>();
    expect(pre.problems.map((p) => p.field)).toEqual(['socialInsurance']);
    expect(pre.problems[0]!.message).toContain(stage);
    expect(pre.problems[0]!.message).toContain('省职称办同意后方可申报');
    const res = await person.post(`/api/v1/applications/${mine.id}/submit`);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().message).toContain('省职称办同意后方可申报');
    expect((await person.get(`/api/v1/applications/${mine.id}`)).json().status).toBe('draft');
  };
  beforeAll(async () => {
    t.clock.set('2026-11-10T10:00:00+08:00');
    const routing = (await person.get('/api/v1/applications/routing?targetLevel=junior')).json<Routing>();
    mine = (
      await person.post('/api/v1/applications', {
        batchId: routing.batches.find((b) => b.status === 'open')!.id,
        targetLevel: 'junior',
      })
    ).json<ApplicationDetail>();
    const upload = async (name: string) => (await person.upload('/api/v1/uploads', PDF, name)).json().id;
    const saved = await person.put(`/api/v1/applications/${mine.id}/form`, {
      seriesCode: 'archives',
      specialtyCode: null,
      education: [
        {
          level: 'bachelor',
          fullTime: true,
          school: '南昌大学',
          major: '档案学',
          graduationDate: '2024-06-30',
          degree: '管理学学士',
          chsiCode: 'EFGH5678',
        },
      ],
      qualifications: [],
      // Its unit of application is the centre holding its archive (no earlier work to prove here).
      workHistory: [
        {
          unit: '章贡区就业创业服务中心',
          from: '2024-07-01',
          to: null,
          professional: true,
          duties: '档案管理',
        },
      ],
      professionalWorkStart: '2024-07-01',
      majorRelated: true,
      practiceLicences: [],
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
          title: '本科毕业证书',
          uploadIds: [await upload('毕业证书.pdf')],
        },
      ],
    });
    expect(saved.statusCode, saved.body).toBe(200);
  });

  it('blocks submission until the province agreed, saying where it stands', async () => {
    expect(draft.archiveHosted).toMatchObject({ required: true, status: null });
    await blocked('尚未申请');
  });

  it('is asked for, verified by local HR, aggregated by the city office, approved by the province; then submitted', async () => {
    const r = await person.post('/api/v1/archive-hosted/requests', {
      statement: '本人档案托管于章贡区就业创业服务中心，在外省从事专业技术工作，在我省无社保缴纳记录',
    });
    expect(r.statusCode, r.body).toBe(201);
    req = r.json();
    expect((await person.post('/api/v1/archive-hosted/requests', { statement: '再次' })).statusCode).toBe(
      409,
    );
    // Out of turn: the province cannot decide before the city listed it; the applicant's clerk cannot verify.
    expect(
      (await province.post(`/api/v1/archive-hosted/requests/${req.id}/decide`, { approve: true })).statusCode,
    ).toBe(409);
    expect(
      (await agencyClerk.post(`/api/v1/archive-hosted/requests/${req.id}/verify`, { approve: true }))
        .statusCode,
    ).toBe(403);
    const v = await chain.bureauHandler.post(`/api/v1/archive-hosted/requests/${req.id}/verify`, {
      approve: true,
      note: '已核实档案托管情况',
    });
    expect(v.statusCode, v.body).toBe(200);
    expect(v.json()).toMatchObject({ status: 'verified', verifiedBy: '刘经办' });
    // Verified by local HR is not enough.
    await blocked(v.json().statusName);
    const l = await city.post('/api/v1/archive-hosted/requests/list', { ids: [req.id] });
    expect(l.statusCode, l.body).toBe(200);
    expect(l.json()[0].status).toBe('listed');
    // Aggregated by the city office is not enough either.
    await blocked(l.json()[0].statusName);
    const refused = await province.post(`/api/v1/archive-hosted/requests/${req.id}/decide`, {
      approve: false,
    });
    expect(refused.json().code).toBe('REASONS_REQUIRED');
    await blocked(l.json()[0].statusName);
    const d = await province.post(`/api/v1/archive-hosted/requests/${req.id}/decide`, { approve: true });
    expect(d.json()).toMatchObject({ status: 'approved', statusName: '省职称办已同意，可以申报' });
    const inbox = (await person.get('/api/v1/notifications')).json<NotificationList>();
    expect(inbox.items[0]!.title).toContain('省职称办已同意');
    const pre = (await person.post(`/api/v1/applications/${mine.id}/precheck`)).json<PrecheckResult>();
    expect(pre).toMatchObject({ canSubmit: true, problems: [] });
    const submitted = await person.post(`/api/v1/applications/${mine.id}/submit`);
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json<ApplicationDetail>()).toMatchObject({ status: 'submitted', version: 1 });
  });
});

describe('reminders from the unit (issue 4 §7)', () => {
  it('the clerk reminds an applicant of an unfinished draft; others cannot', async () => {
    const r = await agencyClerk.post(`/api/v1/applications/${draft.id}/remind`, {
      message: '请尽快上传学历证书',
    });
    expect(r.statusCode, r.body).toBe(200);
    const inbox = (await person.get('/api/v1/notifications')).json<NotificationList>();
    expect(inbox.items[0]).toMatchObject({
      title: '请尽快完成申报',
      body: expect.stringContaining('请尽快上传学历证书'),
      applicationId: draft.id,
    });
    const read = await person.post('/api/v1/notifications/read', {});
    expect(read.json().unread).toBe(0);
    expect((await chain.companyHandler.post(`/api/v1/applications/${draft.id}/remind`, {})).statusCode).toBe(
      404,
    );
  });
});

describe('reminders before a window closes (issue 5 §8)', () => {
  it('tell the agency and the applicants with unsubmitted drafts three days ahead, once', async () => {
    const { remindClosingWindows } = await import('../src/server/modules/notifications/window-reminders.js');
    const { notifications } = await import('../src/server/db/schema.js');
    expect(await remindClosingWindows(t.ctx)).toBe(0); // 11-10: 第四批 closes 11-20, too early
    t.clock.set('2026-11-18T08:00:00+08:00');
    const sent = await remindClosingWindows(t.ctx);
    expect(sent).toBeGreaterThan(0);
    const before = (await t.ctx.db.select().from(notifications)).length;
    await remindClosingWindows(t.ctx); // the next hourly run, or another instance: nothing twice
    expect((await t.ctx.db.select().from(notifications)).length).toBe(before);
    const { login, TEST_PASSWORD } = await import('./helpers/session.js');
    const bureau = await login(t.app, chain.bureauHandler.me.username, TEST_PASSWORD);
    const agencyInbox = (await bureau.get('/api/v1/notifications')).json<NotificationList>();
    expect(agencyInbox.items.find((n) => n.kind === 'batch.closing')!.title).toBe(
      '2026年第四批将于 2026-11-20 截止受理',
    );
    const mine = await login(t.app, person.me.username, TEST_PASSWORD);
    const inbox = (await mine.get('/api/v1/notifications')).json<NotificationList>();
    expect(inbox.items.find((n) => n.kind === 'application.deadline')).toMatchObject({
      applicationId: draft.id,
      body: expect.stringContaining('逾期不予受理'),
    });
  });
});
