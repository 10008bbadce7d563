/**
 * The review chain through the API (issue 5): every seat to 认定通过, return → correction →
 * resubmission → rejection, the employer's duties, and each forbidden action.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { type TestApp, createTestApp } from './helpers/test-app.js';
import { type Session, TEST_PASSWORD, adminSession, firstLogin, login } from './helpers/session.js';
import {
  type Chain,
  buildChain,
  createOrg,
  idNumber,
  importSocialInsurance,
  mobile,
  regionId,
  seatSession,
} from './helpers/fixtures.js';
import type { ApplicationDetail, PrecheckResult, Routing } from '../src/contract/applications.js';
import type { NotificationList, Queue, ReviewView } from '../src/contract/review.js';
import { auditLog } from '../src/server/db/schema.js';

let t: TestApp;
let admin: Session;
let chain: Chain;
const s: Record<string, Session> = {};
const teacherId = idNumber('19980315', 401);
const secondId = idNumber('19970420', 402);
// 谢科长 holds the supervising department's handler seat and is also a teacher applying at the school.
const supervisorHandlerId = idNumber('19820606', 403);

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

async function relogin() {
  for (const k of Object.keys(s)) s[k] = await login(t.app, s[k]!.me.username, TEST_PASSWORD);
}

async function applicant(name: string, id: string) {
  const res = await s.schoolHandler!.post(`/api/v1/employers/${chain.school.id}/applicants`, {
    name,
    idNumber: id,
    mobile: mobile(),
  });
  expect(res.statusCode, res.body).toBe(201);
  // A person who already has an account (a reviewer) gets the applicant role on that same account.
  const { applicant: a, initialPassword } = res.json();
  return initialPassword
    ? firstLogin(t.app, a.username, initialPassword)
    : login(t.app, a.username, TEST_PASSWORD);
}

/** A complete, eligible 助理级 中小学教师 application, submitted (working at `unit` since 2025-07-01). */
async function submitted(
  who: Session,
  unit = '赣州市章贡区第一中学',
  extra: (upload: (name: string) => Promise<number>) => Promise<Record<string, unknown>> = async () => ({}),
): Promise<ApplicationDetail> {
  const routing = (await who.get('/api/v1/applications/routing?targetLevel=assistant')).json<Routing>();
  const draft = (
    await who.post('/api/v1/applications', {
      batchId: routing.batches.find((b) => b.status === 'open')!.id,
      targetLevel: 'assistant',
    })
  ).json<ApplicationDetail>();
  const idCard = (await who.upload('/api/v1/uploads', PNG, '身份证.png')).json();
  const diploma = (await who.upload('/api/v1/uploads', PNG, '毕业证书.png')).json();
  const licence = (await who.upload('/api/v1/uploads', PNG, '教师资格证.png')).json();
  const saved = await who.put(`/api/v1/applications/${draft.id}/form`, {
    seriesCode: 'schoolTeacher',
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
    workHistory: [{ unit, from: '2025-07-01', to: null, professional: true, duties: '语文教学' }],
    professionalWorkStart: '2025-07-01',
    majorRelated: true,
    practiceLicences: ['教师资格'],
    socialInsuranceConfirmed: true,
    commitmentSigned: true,
    materials: [
      { category: 'idCard', title: '身份证正反面', uploadIds: [idCard.id] },
      { category: 'education', title: '本科毕业证书', uploadIds: [diploma.id] },
      // 三、（五）: the scan of the practice licence the series requires.
      { category: 'practiceLicence', title: '教师资格证', uploadIds: [licence.id] },
    ],
    ...(await extra(async (name) => (await who.upload('/api/v1/uploads', PNG, name)).json().id as number)),
  });
  expect(saved.statusCode, saved.body).toBe(200);
  const res = await who.post(`/api/v1/applications/${draft.id}/submit`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<ApplicationDetail>();
}

const view = async (who: Session, id: number) =>
  (await who.get(`/api/v1/review/applications/${id}`)).json<ReviewView>();

async function act(who: Session, id: number, body: Record<string, unknown>) {
  const revision = (await view(who, id)).revision;
  return who.post(`/api/v1/review/applications/${id}/decision`, { expectedRevision: revision, ...body });
}

async function checkAll(id: number) {
  const v = await view(s.schoolHandler!, id);
  for (const m of v.materials) {
    const r = await s.schoolHandler!.post(`/api/v1/review/applications/${id}/materials/${m.index}/check`, {
      expectedRevision: v.revision,
    });
    expect(r.statusCode, r.body).toBe(200);
  }
}

beforeAll(async () => {
  t = await createTestApp({}, '2026-11-10T10:00:00+08:00'); // Tuesday; 第四批 open until 11-20
  admin = await adminSession(t);
  chain = await buildChain(admin);
  s.schoolHandler = chain.schoolHandler;
  s.bureauHandler = chain.bureauHandler;
  s.companyHandler = chain.companyHandler;
  s.schoolLeader = await seatSession(s.bureauHandler, chain.school.id, 'leader', {
    name: '钱校长',
    idNumber: idNumber('19710909', 404),
  });
  s.supervisorHandler = await seatSession(s.bureauHandler, chain.supervisor.id, 'handler', {
    name: '谢科长',
    idNumber: supervisorHandlerId,
  });
  s.supervisorLeader = await seatSession(s.bureauHandler, chain.supervisor.id, 'leader', {
    name: '黎局长',
    idNumber: idNumber('19690707', 405),
  });
  s.bureauLeader = await seatSession(admin, chain.bureau.id, 'leader', {
    name: '赵主任',
    idNumber: idNumber('19700303', 406),
  });
  await importSocialInsurance(s.bureauHandler, [
    ['李晓华', teacherId, '赣州市章贡区第一中学', 30],
    ['黄志强', secondId, '赣州市章贡区第一中学', 26],
    ['谢科长', supervisorHandlerId, '赣州市章贡区第一中学', 60],
  ]);
  s.teacher = await applicant('李晓华', teacherId);
  s.second = await applicant('黄志强', secondId);
  s.selfApplicant = await applicant('谢科长', supervisorHandlerId);
});
afterAll(() => t.close());

describe('one application through every seat (issue 5 §1, §3)', () => {
  let app: ApplicationDetail;
  /** 谢科长's own application, beside it at the school. */
  let own: ApplicationDetail;

  it('arrives at the unit handler, who is notified and sees it in the queue', async () => {
    app = await submitted(s.teacher!);
    own = await submitted(s.selfApplicant!);
    expect(app).toMatchObject({ status: 'submitted', stage: 'unit_handler', canWithdraw: true });
    const q = (await s.schoolHandler!.get('/api/v1/review/queue')).json<Queue>();
    expect(q.seat).toMatchObject({ organisationId: chain.school.id, role: 'handler' });
    const seats = (await s.schoolHandler!.get('/api/v1/review/seats')).json<
      { organisationId: number; waiting: number; overdue: number }[]
    >();
    // 第四批 closes 11-20, within 3 days of neither 11-10: nothing overdue yet.
    expect(seats).toEqual([
      expect.objectContaining({ organisationId: chain.school.id, waiting: 2, overdue: 0 }),
    ]);
    expect(q.items.map((i) => i.applicantName)).toEqual(['李晓华', '谢科长']);
    // Keyset paging: one per page, the cursor leads to the second, then the end.
    const p1 = (await s.schoolHandler!.get('/api/v1/review/queue?limit=1')).json<Queue>();
    const p2 = (
      await s.schoolHandler!.get(`/api/v1/review/queue?limit=1&after=${p1.nextCursor}`)
    ).json<Queue>();
    expect([p1.items[0]!.applicantName, p2.items[0]!.applicantName, p2.nextCursor]).toEqual([
      '李晓华',
      '谢科长',
      null,
    ]);
    const inbox = (await s.schoolHandler!.get('/api/v1/notifications')).json<NotificationList>();
    expect(inbox.unread).toBe(2);
    expect(inbox.items[0]!.title).toBe('待办：申报单位经办人审查');
  });

  it('cannot leave the unit with an unchecked material or without vouching for work experience', async () => {
    const r1 = await act(s.schoolHandler!, app.id, { decision: 'approve', workExperienceConfirmed: true });
    expect(r1.statusCode).toBe(422);
    expect(r1.json()).toMatchObject({
      code: 'MATERIALS_UNCHECKED',
      message: expect.stringContaining('3 项材料未核验'),
    });
    await checkAll(app.id);
    const v = await view(s.schoolHandler!, app.id);
    expect(v.materials.map((m) => m.check?.endorsement)).toEqual(['与原件相符', '与原件相符', '与原件相符']);
    expect(v.materials[0]!.check!.by).toBe('王老师');
    // Review has begun: the applicant can no longer withdraw.
    const w = await s.teacher!.post(`/api/v1/applications/${app.id}/withdraw`);
    expect(w.statusCode).toBe(409);
    const r2 = await act(s.schoolHandler!, app.id, { decision: 'approve' });
    expect(r2.json().code).toBe('WORK_EXPERIENCE_NOT_CONFIRMED');
    const r3 = await act(s.schoolHandler!, app.id, { decision: 'approve', workExperienceConfirmed: true });
    expect(r3.statusCode, r3.body).toBe(200);
    expect(r3.json()).toMatchObject({ status: 'submitted', stage: 'unit_leader' });
    await checkAll(own.id);
    expect(
      (await act(s.schoolHandler!, own.id, { decision: 'approve', workExperienceConfirmed: true }))
        .statusCode,
    ).toBe(200);
  });

  it('the seats of the chain open the materials (combined PDF and pages); others do not', async () => {
    const v = await view(s.schoolHandler!, app.id);
    const combined = v.materials[1]!.combinedUploadId!;
    const page = v.materials[0]!.pageUploadIds[0]!;
    for (const who of [s.schoolHandler!, s.supervisorLeader!, s.bureauLeader!]) {
      const pdf = await who.get(`/api/v1/uploads/${combined}/content`);
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect((await who.get(`/api/v1/uploads/${page}/content`)).statusCode).toBe(200);
    }
    expect((await s.companyHandler!.get(`/api/v1/uploads/${combined}/content`)).statusCode).toBe(404);
    expect((await s.second!.get(`/api/v1/uploads/${page}`)).statusCode).toBe(404);
  });

  it('refuses acting out of turn, out of scope, and with a stale revision', async () => {
    const outOfTurn = await act(s.supervisorLeader!, app.id, { decision: 'approve' });
    expect(outOfTurn.statusCode).toBe(403);
    expect(outOfTurn.json().message).toContain('申报单位领导审查');
    const outOfScope = await s.companyHandler!.post(`/api/v1/review/applications/${app.id}/decision`, {
      decision: 'approve',
      expectedRevision: 0,
    });
    expect(outOfScope.statusCode).toBe(404);
    const stale = await s.schoolLeader!.post(`/api/v1/review/applications/${app.id}/decision`, {
      decision: 'approve',
      expectedRevision: 1,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({
      code: 'ALREADY_HANDLED',
      message: expect.stringContaining('已被他人处理'),
      details: { status: 'submitted', stage: 'unit_leader' },
    });
  });

  it('the unit leader sends it on only after at least 5 working days of publicity', async () => {
    const none = await act(s.schoolLeader!, app.id, { decision: 'approve' });
    expect(none.json().code).toBe('PUBLICITY_REQUIRED');
    const p = await s.schoolLeader!.post('/api/v1/review/publicities', {
      organisationId: chain.school.id,
      title: '2026年第四批职称考核认定申报人员公示',
      startsOn: '2026-11-10',
      applicationIds: [app.id, own.id],
    });
    expect(p.statusCode, p.body).toBe(201);
    expect(p.json()).toMatchObject({ endsOn: '2026-11-16', workingDays: 5, ended: false });
    const o = await s.schoolHandler!.post(`/api/v1/review/publicities/${p.json().id}/objections`, {
      applicationId: app.id,
      content: '反映其任教时间有误',
      handling: '经核实任教时间无误，异议不成立',
    });
    expect(o.statusCode, o.body).toBe(200);
    const early = await act(s.schoolLeader!, app.id, { decision: 'approve' });
    expect(early.json()).toMatchObject({
      code: 'PUBLICITY_NOT_ENDED',
      message: expect.stringContaining('2026-11-16'),
    });
    t.clock.set('2026-11-17T09:00:00+08:00');
    await relogin();
    const v = await view(s.schoolLeader!, app.id);
    expect(v.publicity).toMatchObject({ ended: true, objections: [{ content: '反映其任教时间有误' }] });
    expect((await act(s.schoolLeader!, app.id, { decision: 'approve' })).json().stage).toBe(
      'supervisor_handler',
    );
    expect((await act(s.schoolLeader!, own.id, { decision: 'approve' })).json().stage).toBe(
      'supervisor_handler',
    );
  });

  it('nobody reviews their own application, also from a seat up the chain (四、（二））', async () => {
    const r = await act(s.supervisorHandler!, own.id, { decision: 'approve', workExperienceConfirmed: true });
    expect(r.statusCode).toBe(403);
    expect(r.json().message).toContain('不能审查本人的申报');
    expect((await view(s.supervisorHandler!, own.id)).allowed).toMatchObject({ decide: false });
  });

  it('passes the supervising department and the agency to 认定通过; the applicant is told', async () => {
    const sup = await act(s.supervisorHandler!, app.id, { decision: 'approve' });
    expect(sup.json().code).toBe('WORK_EXPERIENCE_NOT_CONFIRMED');
    for (const [who, extra, stage] of [
      [s.supervisorHandler!, { workExperienceConfirmed: true }, 'supervisor_leader'],
      [s.supervisorLeader!, {}, 'agency_handler'],
      [s.bureauHandler!, {}, 'agency_leader'],
      [s.bureauLeader!, { comment: '同意认定' }, null],
    ] as const) {
      const r = await act(who, app.id, { decision: 'approve', ...extra });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json().stage).toBe(stage);
    }
    const done = (await s.teacher!.get(`/api/v1/applications/${app.id}`)).json<ApplicationDetail>();
    expect(done).toMatchObject({ status: 'recognised', progress: { stage: '认定通过' } });
    expect(done.reviews.map((r) => r.stageName)).toEqual([
      '申报单位经办人审查',
      '申报单位领导审查',
      '主管部门经办人审查',
      '主管部门领导审查',
      '认定机构经办人审查',
      '认定机构领导审批',
    ]);
    const inbox = (await s.teacher!.get('/api/v1/notifications')).json<NotificationList>();
    expect(inbox.items[0]).toMatchObject({ title: '考核认定通过', applicationId: app.id, read: false });
    // The notice names the qualification and when it counts from (issue 11 item 13b).
    expect(inbox.items[0]!.body).toContain('取得“二级教师”专业技术资格（中小学教师助理级）');
    expect(inbox.items[0]!.body).toContain('资格取得时间自认定机构批复文件确定的日期起算');
    expect(inbox.items[0]!.body).toMatch(/于 \d{4}-\d{2}-\d{2} 认定通过/);
    const after = await act(s.bureauLeader!, app.id, { decision: 'approve' });
    expect(after.statusCode).toBe(409);
    expect(after.json().code).toBe('ALREADY_DECIDED');
  });

  it('the applicant sees who opened their record (四、（四））', async () => {
    const viewers = (await s.teacher!.get(`/api/v1/applications/${app.id}/viewers`)).json<
      { viewerName: string; role: string }[]
    >();
    expect(viewers.map((v) => v.viewerName)).toEqual(expect.arrayContaining(['王老师', '钱校长', '赵主任']));
    expect((await s.second!.get(`/api/v1/applications/${app.id}/viewers`)).statusCode).toBe(404);
  });
});

describe('return → correction → resubmission → rejection', () => {
  let app: ApplicationDetail;
  it('returns with reasons per field and material, which the applicant sees', async () => {
    app = await submitted(s.second!);
    const bare = await act(s.schoolHandler!, app.id, { decision: 'return' });
    expect(bare.json().code).toBe('REASONS_REQUIRED');
    const r = await act(s.schoolHandler!, app.id, {
      decision: 'return',
      reasons: [
        { field: 'education.0', message: '学信网验证码无法查询，请核对' },
        { field: 'materials.1', message: '毕业证书照片不清晰，请重新拍照上传' },
      ],
    });
    expect(r.statusCode, r.body).toBe(200);
    const mine = (await s.second!.get(`/api/v1/applications/${app.id}`)).json<ApplicationDetail>();
    expect(mine).toMatchObject({ status: 'returned', stage: null, canWithdraw: false });
    expect(mine.returnReasons.map((x) => x.field)).toEqual(['education.0', 'materials.1']);
    const inbox = (await s.second!.get('/api/v1/notifications')).json<NotificationList>();
    expect(inbox.items[0]).toMatchObject({
      title: '申报被退回修改',
      body: expect.stringContaining('学信网验证码'),
    });
  });

  it('is corrected and resubmitted as version 2, back at the unit handler; the history stays', async () => {
    const form = (await s.second!.get(`/api/v1/applications/${app.id}`)).json<ApplicationDetail>().form;
    form.education[0]!.chsiCode = 'WXYZ5678';
    expect((await s.second!.put(`/api/v1/applications/${app.id}/form`, form)).statusCode).toBe(200);
    const res = await s.second!.post(`/api/v1/applications/${app.id}/submit`);
    expect(res.statusCode, res.body).toBe(200);
    const again = res.json<ApplicationDetail>();
    expect(again).toMatchObject({
      status: 'submitted',
      stage: 'unit_handler',
      version: 2,
      returnReasons: [],
    });
    expect(again.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(again.reviews).toMatchObject([{ version: 1, decision: 'return' }]);
    // Material checks belong to a version: the new one must be checked again.
    expect((await view(s.schoolHandler!, app.id)).materials.every((m) => m.check === null)).toBe(true);
  });

  it('is rejected with reasons, which is final', async () => {
    const r = await act(s.schoolHandler!, app.id, {
      decision: 'reject',
      reasons: [{ field: 'general', message: '经核实不符合申报条件' }],
    });
    expect(r.json()).toMatchObject({ status: 'rejected', stage: null });
    const mine = (await s.second!.get(`/api/v1/applications/${app.id}`)).json<ApplicationDetail>();
    expect(mine.status).toBe('rejected');
    expect((await s.second!.put(`/api/v1/applications/${app.id}/form`, mine.form)).statusCode).toBe(409);
  });
});

describe('discipline (四、（四））', () => {
  /** An application of its own, checked by 王老师 and sent on by the unit to the supervising department. */
  let app: ApplicationDetail;
  let cheat: Session;
  beforeAll(async () => {
    t.clock.set('2026-11-10T10:00:00+08:00'); // Tuesday; 第四批 open until 11-20
    await relogin();
    cheat = await applicant('蔡文博', await siPerson('蔡文博', 411));
    app = await submitted(cheat);
    await checkAll(app.id);
    const checked = await act(s.schoolHandler!, app.id, {
      decision: 'approve',
      workExperienceConfirmed: true,
    });
    expect(checked.statusCode, checked.body).toBe(200);
    const p = await s.schoolLeader!.post('/api/v1/review/publicities', {
      organisationId: chain.school.id,
      title: '2026年第四批职称考核认定申报人员公示',
      startsOn: '2026-11-10',
      applicationIds: [app.id],
    });
    expect(p.statusCode, p.body).toBe(201);
    t.clock.set('2026-11-17T09:00:00+08:00'); // the publicity ended on 11-16
    await relogin();
    cheat = await login(t.app, cheat.me.username, TEST_PASSWORD);
    const sent = await act(s.schoolLeader!, app.id, { decision: 'approve' });
    expect(sent.statusCode, sent.body).toBe(200);
  });

  it('the agency cancels for fraud at any step: blacklisted 3 years, reviewers and unit recorded for censure', async () => {
    const v = await view(s.bureauHandler!, app.id);
    expect(v.application.stage).toBe('supervisor_handler');
    const schoolAction = v.application.reviews.find((r) => r.stage === 'unit_handler')!;
    // Not the unit's business.
    const byUnit = await s.schoolHandler!.post(`/api/v1/review/applications/${app.id}/cancel`, {
      expectedRevision: v.revision,
      reason: '伪造学历证书',
      decisionDocument: '章人社字〔2026〕9号',
    });
    expect(byUnit.statusCode).toBe(403);
    const res = await s.bureauHandler!.post(`/api/v1/review/applications/${app.id}/cancel`, {
      expectedRevision: v.revision,
      reason: '伪造学历证书',
      decisionDocument: '章人社字〔2026〕9号',
      censureActionIds: [schoolAction.id],
      censureOrganisationIds: [chain.school.id],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ id: app.id, status: 'cancelled', blacklistedUntil: '2029-11-17' });
    const list = (await s.bureauHandler!.get('/api/v1/blacklist')).json<{ name: string; state: string }[]>();
    expect(list).toContainEqual(expect.objectContaining({ name: '蔡文博', state: 'in_force' }));
    const inbox = (await cheat.get('/api/v1/notifications')).json<NotificationList>();
    expect(inbox.items.find((n) => n.title === '申报资格已被取消')!.body).toContain('2029-11-17');
    // Blocked from starting a new application while the entry is in force.
    const routing = (await cheat.get('/api/v1/applications/routing?targetLevel=junior')).json<Routing>();
    const again = await cheat.post('/api/v1/applications', {
      batchId: routing.batches[0]!.id,
      targetLevel: 'junior',
    });
    expect(again.statusCode).toBe(422);
    expect(again.json().code).toBe('BLACKLISTED');
    const { censureRecords } = await import('../src/server/db/schema.js');
    const censured = await t.ctx.db.select().from(censureRecords);
    expect(censured.map((c) => c.subject).sort()).toEqual(
      ['赣州市章贡区第一中学', '赣州市章贡区第一中学 王老师（经办人审查）'].sort(),
    );
  });
});

describe('seats and races', () => {
  it('ten simultaneous approvals of one application: exactly one wins, one audit row', async () => {
    await importSocialInsurance(s.bureauHandler!, [
      ['周敏', idNumber('19960101', 408), '赣州市章贡区第一中学', 20],
    ]);
    const who = await applicant('周敏', idNumber('19960101', 408));
    const app = await submitted(who);
    await checkAll(app.id);
    const revision = (await view(s.schoolHandler!, app.id)).revision;
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        s.schoolHandler!.post(`/api/v1/review/applications/${app.id}/decision`, {
          decision: 'approve',
          expectedRevision: revision,
          workExperienceConfirmed: true,
        }),
      ),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
    expect(
      results.filter((r) => r.statusCode === 409).every((r) => r.json().code === 'ALREADY_HANDLED'),
    ).toBe(true);
    const rows = await t.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'review.approve'), eq(auditLog.targetId, String(app.id))));
    expect(rows).toHaveLength(1);
  });

  it('a seat change takes effect for the next action; one person never acts in both seats of a round', async () => {
    const linId = idNumber('19990125', 407);
    await importSocialInsurance(s.bureauHandler!, [['林雪', linId, '赣州市章贡区第一中学', 14]]);
    const who = await applicant('林雪', linId);
    const app = await submitted(who);
    const waiting = await submitted(await applicant('吴刚', await siPerson('吴刚', 409)));
    await checkAll(app.id);
    expect(
      (await act(s.schoolHandler!, app.id, { decision: 'approve', workExperienceConfirmed: true })).json()
        .stage,
    ).toBe('unit_leader');
    // 王老师 leaves the handler seat and becomes the unit's leader.
    const wang = s.schoolHandler!.me;
    const newHandler = await s.bureauHandler!.put(`/api/v1/organisations/${chain.school.id}/seats/handler`, {
      person: { name: '孙经办', idNumber: idNumber('19880808', 410), mobile: mobile() },
    });
    expect(newHandler.statusCode, newHandler.body).toBe(200);
    const leader = await s.bureauHandler!.put(`/api/v1/organisations/${chain.school.id}/seats/leader`, {
      person: { name: wang.person.name, idNumber: idNumber('19850505', 21), mobile: mobile() },
    });
    expect(leader.statusCode, leader.body).toBe(200);
    const wangNow = await login(t.app, wang.username, TEST_PASSWORD);
    const same = await act(wangNow, app.id, { decision: 'approve' });
    expect(same.statusCode).toBe(403);
    expect(same.json().message).toContain('经办人审查和领导审查须由不同人员办理');
    // The handler seat is no longer his: the waiting one is out of his turn now.
    const old = await act(wangNow, waiting.id, { decision: 'approve', workExperienceConfirmed: true });
    expect(old.statusCode).toBe(403);
    // The audit log says who held which seat when.
    const seatRows = await t.ctx.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.targetId, String(app.id)));
    expect(seatRows.find((r) => r.action === 'review.approve')!.actorName).toBe(wang.person.name);
  });
});

async function siPerson(name: string, seq: number) {
  const id = idNumber('19950505', seq);
  await importSocialInsurance(s.bureauHandler!, [[name, id, '赣州市章贡区第一中学', 24]]);
  return id;
}

describe('the supervising department of the chain (SPEC §2)', () => {
  it('is the unit’s supervisor; else its HR bureau acting as one, unless that bureau is the agency or is set not to', async () => {
    const { chainFor } = await import('../src/server/modules/review/review-routing.js');
    const { organisations } = await import('../src/server/db/schema.js');
    const row = async (id: number) =>
      (await t.ctx.db.select().from(organisations).where(eq(organisations.id, id)))[0]!;
    const cityAgency = (
      await t.ctx.db.select().from(organisations).where(eq(organisations.name, '赣州市职称工作办公室'))
    )[0]!;
    expect((await chainFor(t.ctx.db, await row(chain.school.id), chain.bureau.id)).supervisor).toBe(
      chain.supervisor.id,
    );
    // 中级 of a company directly under the county bureau goes to the city: the bureau reviews as supervisor…
    expect((await chainFor(t.ctx.db, await row(chain.company.id), cityAgency.id)).supervisor).toBe(
      chain.bureau.id,
    );
    // …but never twice when it is the agency itself,
    expect((await chainFor(t.ctx.db, await row(chain.company.id), chain.bureau.id)).supervisor).toBeNull();
    // and not at all once it is set not to act.
    admin = await login(t.app, 'admin', TEST_PASSWORD); // the clock moved past the earlier session
    const off = await admin.patch(`/api/v1/organisations/${chain.bureau.id}`, { actsAsSupervisor: false });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json().actsAsSupervisor).toBe(false);
    expect((await chainFor(t.ctx.db, await row(chain.company.id), cityAgency.id)).supervisor).toBeNull();
    const wrong = await admin.patch(`/api/v1/organisations/${chain.school.id}`, { actsAsSupervisor: false });
    expect(wrong.json().code).toBe('NOT_AN_HR_BUREAU');
  });
});

/**
 * A unit of its own under the supervising department, with both seats and an insured applicant each,
 * signed in at the current clock — so a describe below runs alone and after any other.
 */
async function ownUnit(name: string, seq: number, applicants: string[]) {
  s.bureauHandler = await login(t.app, s.bureauHandler!.me.username, TEST_PASSWORD);
  const org = await createOrg(s.bureauHandler, {
    parentId: chain.supervisor.id,
    kind: 'employer',
    name,
    regionId: await regionId(s.bureauHandler, '章贡区'),
    ownership: 'state',
    employerKind: 'school',
  });
  const handler = await seatSession(s.bureauHandler, org.id, 'handler', {
    name: `${name.slice(-4)}经办`,
    idNumber: idNumber('19860101', seq),
  });
  const leader = await seatSession(s.bureauHandler, org.id, 'leader', {
    name: `${name.slice(-4)}校长`,
    idNumber: idNumber('19700101', seq),
  });
  const people = applicants.map((person, i) => ({ person, id: idNumber('19960606', seq + 1 + i) }));
  await importSocialInsurance(
    s.bureauHandler,
    people.map(({ person, id }) => [person, id, name, 24]),
  );
  const sessions: Session[] = [];
  for (const { person, id } of people) {
    const res = await handler.post(`/api/v1/employers/${org.id}/applicants`, {
      name: person,
      idNumber: id,
      mobile: mobile(),
    });
    expect(res.statusCode, res.body).toBe(201);
    const { applicant: a, initialPassword } = res.json();
    sessions.push(await firstLogin(t.app, a.username, initialPassword));
  }
  return { org, handler, leader, applicants: sessions };
}

/** The unit handler checks every material of the current version and sends it to the unit leader. */
async function unitHandlerApproves(handler: Session, id: number) {
  const v = await view(handler, id);
  for (const m of v.materials) {
    const r = await handler.post(`/api/v1/review/applications/${id}/materials/${m.index}/check`, {
      expectedRevision: v.revision,
    });
    expect(r.statusCode, r.body).toBe(200);
  }
  const r = await act(handler, id, { decision: 'approve', workExperienceConfirmed: true });
  expect(r.statusCode, r.body).toBe(200);
  expect(r.json().stage).toBe('unit_leader');
}

describe('业绩成果 in the form and in the review view (issue 11 item 10, 四、（五））', () => {
  const unitName = '赣州市章贡区第四中学';
  let unit: Awaited<ReturnType<typeof ownUnit>>;
  beforeAll(async () => {
    t.clock.set('2026-11-10T09:00:00+08:00');
    unit = await ownUnit(unitName, 530, ['钟丽萍', '廖春华']);
  });

  it('each achievement is saved with its type, date, description and evidence; submission asks for it complete', async () => {
    const [who] = unit.applicants;
    const routing = (await who!.get('/api/v1/applications/routing?targetLevel=assistant')).json<Routing>();
    const draft = (
      await who!.post('/api/v1/applications', {
        batchId: routing.batches.find((b) => b.status === 'open')!.id,
        targetLevel: 'assistant',
      })
    ).json<ApplicationDetail>();
    const paper = {
      type: 'paper',
      title: '初中语文群文阅读教学策略研究',
      achievedOn: '2026-05-10',
      description: '《江西教育》2026年第5期，独立作者',
      uploadIds: [] as number[],
    };
    expect(
      (
        await who!.put(`/api/v1/applications/${draft.id}/form`, {
          seriesCode: 'schoolTeacher',
          achievements: [paper],
        })
      ).statusCode,
    ).toBe(200);
    const pre = (await who!.post(`/api/v1/applications/${draft.id}/precheck`)).json<PrecheckResult>();
    expect(pre.problems).toContainEqual({
      field: 'achievements.0',
      message: '第 1 条业绩成果未上传佐证材料（如证书、论文、获奖文件的扫描件或照片）',
    });
    const future = await who!.put(`/api/v1/applications/${draft.id}/form`, {
      achievements: [{ ...paper, achievedOn: '2027-01-01' }],
    });
    expect(future.statusCode).toBe(422);
    expect(future.json().details.field).toBe('achievements.0.achievedOn');
  });

  it('the unit and the supervising department see them, with the evidence, in the review view', async () => {
    const who = unit.applicants[1];
    const app = await submitted(who!, unitName, async (upload) => ({
      achievements: [
        {
          type: 'award',
          title: '章贡区初中语文优质课比赛一等奖',
          achievedOn: '2026-04-18',
          description: '章贡区教育局颁发',
          uploadIds: [await upload('获奖证书.png')],
        },
      ],
    }));
    const v = await view(unit.handler, app.id);
    const form = v.submitted!.form as { achievements: { uploadIds: number[] }[] };
    expect(form.achievements).toEqual([
      {
        type: 'award',
        title: '章贡区初中语文优质课比赛一等奖',
        achievedOn: '2026-04-18',
        description: '章贡区教育局颁发',
        uploadIds: [expect.any(Number)],
      },
    ]);
    expect(v.allowed.needsWorkConfirmation).toBe(true);
    const evidence = form.achievements[0]!.uploadIds[0]!;
    for (const who of [unit.handler, s.bureauHandler!]) {
      expect((await who.get(`/api/v1/uploads/${evidence}/content`)).statusCode).toBe(200);
    }
    const company = await login(t.app, s.companyHandler!.me.username, TEST_PASSWORD);
    expect((await company.get(`/api/v1/uploads/${evidence}/content`)).statusCode).toBe(404);
    // Vouching for work experience and achievements (四、（五））, then on to the unit leader.
    await unitHandlerApproves(unit.handler, app.id);
  });
});

describe('the unit’s publicity is a publicity of candidates (issue 11 item 12)', () => {
  const unitName = '赣州市章贡区第三中学';
  let unit: Awaited<ReturnType<typeof ownUnit>>;
  let a: ApplicationDetail;
  let b: ApplicationDetail;
  const publicise = (body: Record<string, unknown>) =>
    unit.leader.post('/api/v1/review/publicities', {
      organisationId: unit.org.id,
      title: '2026年第四批职称考核认定申报人员公示',
      ...body,
    });
  const signInAgain = async () => {
    unit.handler = await login(t.app, unit.handler.me.username, TEST_PASSWORD);
    unit.leader = await login(t.app, unit.leader.me.username, TEST_PASSWORD);
    unit.applicants = await Promise.all(
      unit.applicants.map((x) => login(t.app, x.me.username, TEST_PASSWORD)),
    );
  };

  beforeAll(async () => {
    t.clock.set('2026-11-09T09:00:00+08:00'); // Monday; 第四批 open until 11-20
    unit = await ownUnit(unitName, 520, ['温志刚', '曾雅琴']);
    a = await submitted(unit.applicants[0]!, unitName);
    b = await submitted(unit.applicants[1]!, unitName);
    await unitHandlerApproves(unit.handler, a.id);
    await unitHandlerApproves(unit.handler, b.id);
  });

  it('cannot start before the applications were submitted', async () => {
    const early = await publicise({ startsOn: '2026-11-06', applicationIds: [a.id, b.id] });
    expect(early.statusCode).toBe(422);
    expect(early.json()).toMatchObject({
      code: 'PUBLICITY_BEFORE_SUBMISSION',
      message: expect.stringContaining('早于温志刚的申报提交日期 2026-11-09'),
      details: { field: 'startsOn' },
    });
  });

  it('the same application cannot be registered twice', async () => {
    const p = await publicise({ startsOn: '2026-11-09', applicationIds: [a.id, b.id, a.id] });
    expect(p.statusCode, p.body).toBe(201);
    expect(p.json()).toMatchObject({ endsOn: '2026-11-13', workingDays: 5 });
    expect(
      p
        .json()
        .applications.map((x: { id: number }) => x.id)
        .sort(),
    ).toEqual([a.id, b.id].sort());
    const again = await publicise({ startsOn: '2026-11-10', applicationIds: [a.id] });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      code: 'ALREADY_IN_PUBLICITY',
      message: expect.stringContaining('温志刚的申报（第 1 版）已列入公示'),
    });
  });

  it('counts for the later versions after a return for correction: the leader is not blocked again', async () => {
    t.clock.set('2026-11-16T09:00:00+08:00'); // the publicity ended on 11-13
    await signInAgain();
    for (const app of [a, b]) {
      const r = await act(unit.leader, app.id, {
        decision: 'return',
        reasons: [{ field: 'education.0', message: '学信网验证码无法查询，请核对' }],
      });
      expect(r.statusCode, r.body).toBe(200);
    }
    for (const [i, app] of [a, b].entries()) {
      const who = unit.applicants[i]!;
      const form = (await who.get(`/api/v1/applications/${app.id}`)).json<ApplicationDetail>().form;
      form.education[0]!.chsiCode = 'WXYZ5678';
      expect((await who.put(`/api/v1/applications/${app.id}/form`, form)).statusCode).toBe(200);
      const res = await who.post(`/api/v1/applications/${app.id}/submit`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().version).toBe(2);
      await unitHandlerApproves(unit.handler, app.id);
    }
    const v = await view(unit.leader, a.id);
    expect(v.publicity).toMatchObject({ startsOn: '2026-11-09', ended: true, forVersion: 1 });
    const sent = await act(unit.leader, a.id, { decision: 'approve' });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json().stage).toBe('supervisor_handler');
  });

  it('unless the unit chooses to hold a new one, which then counts', async () => {
    const carried = await publicise({ startsOn: '2026-11-16', applicationIds: [b.id] });
    expect(carried.statusCode).toBe(409);
    expect(carried.json()).toMatchObject({
      code: 'ALREADY_IN_PUBLICITY',
      message: expect.stringContaining('退回修改后沿用该公示'),
    });
    // The new one cannot start before the corrected version was submitted either.
    const early = await publicise({ startsOn: '2026-11-13', applicationIds: [b.id], renew: true });
    expect(early.json().code).toBe('PUBLICITY_BEFORE_SUBMISSION');
    const renewed = await publicise({ startsOn: '2026-11-16', applicationIds: [b.id], renew: true });
    expect(renewed.statusCode, renewed.body).toBe(201);
    expect(renewed.json()).toMatchObject({ endsOn: '2026-11-20' });
    expect((await view(unit.leader, b.id)).publicity).toMatchObject({ forVersion: 2, ended: false });
    const blocked = await act(unit.leader, b.id, { decision: 'approve' });
    expect(blocked.json()).toMatchObject({
      code: 'PUBLICITY_NOT_ENDED',
      message: expect.stringContaining('2026-11-20'),
    });
    const twice = await publicise({ startsOn: '2026-11-16', applicationIds: [b.id], renew: true });
    expect(twice.json().code).toBe('ALREADY_IN_PUBLICITY');
  });
});
