import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from './helpers/test-app.js';
import { type Session, adminSession, firstLogin } from './helpers/session.js';
import { type Chain, buildChain, idNumber, importSocialInsurance, mobile } from './helpers/fixtures.js';
import type { ApplicationDetail, PrecheckResult, Routing } from '../src/contract/applications.js';
import { and, eq } from 'drizzle-orm';
import { applicationVersions, auditLog, blacklistEntries } from '../src/server/db/schema.js';
import { PDFDocument } from 'pdf-lib';
import { idNumberColumns } from '../src/server/crypto/personal-data-cipher.js';

let t: TestApp;
let chain: Chain;
let teacher: Session;
let worker: Session;
let workerAccountId: number;
let teacherAccountId: number;
const teacherId = idNumber('19980315', 301);
const workerId = idNumber('19970420', 302);

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n' +
    '2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n' +
    '3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 200 200]>> endobj\n' +
    'trailer <</Root 1 0 R>>\n%%EOF\n',
);
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

beforeAll(async () => {
  t = await createTestApp({}, '2026-11-10T10:00:00+08:00'); // 第四批 is open (10-20 → 11-20)
  const admin = await adminSession(t);
  chain = await buildChain(admin);
  await importSocialInsurance(chain.bureauHandler, [
    ['李晓华', teacherId, '赣州市章贡区第一中学', 30],
    ['黄志强', workerId, '章贡区人力资源派遣有限公司', 40],
  ]);
  const a = (
    await chain.schoolHandler.post(`/api/v1/employers/${chain.school.id}/applicants`, {
      name: '李晓华',
      idNumber: teacherId,
      mobile: mobile(),
    })
  ).json();
  teacher = await firstLogin(t.app, a.applicant.username, a.initialPassword);
  teacherAccountId = a.applicant.accountId;
  const b = (
    await chain.schoolHandler.post(`/api/v1/employers/${chain.school.id}/applicants`, {
      name: '黄志强',
      idNumber: workerId,
      mobile: mobile(),
    })
  ).json();
  workerAccountId = b.applicant.accountId;
  worker = await firstLogin(t.app, b.applicant.username, b.initialPassword);
});
afterAll(() => t.close());

async function materials(s: Session) {
  const idCard = (await s.upload('/api/v1/uploads', PNG, '身份证.png')).json();
  const diploma = (await s.upload('/api/v1/uploads', PDF, '毕业证书.pdf')).json();
  const licence = (await s.upload('/api/v1/uploads', PNG, '教师资格证.png')).json();
  return [
    { category: 'idCard', purpose: 'general', title: '身份证正反面', uploadIds: [idCard.id] },
    { category: 'education', purpose: 'general', title: '本科毕业证书', uploadIds: [diploma.id] },
    // 三、（五）: the series requires 教师资格 — its scan, not only its name typed in.
    { category: 'practiceLicence', purpose: 'general', title: '教师资格证', uploadIds: [licence.id] },
  ];
}

function teacherForm<T extends Record<string, unknown>>(extra: T = {} as T) {
  return {
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
    practiceLicences: [],
    socialInsuranceConfirmed: true,
    commitmentSigned: true,
    ...extra,
  };
}

async function newDraft(s: Session, level = 'assistant'): Promise<ApplicationDetail> {
  const routing = (await s.get(`/api/v1/applications/routing?targetLevel=${level}`)).json<Routing>();
  expect(routing.agency.name).toBe('章贡区职称改革领导小组办公室');
  const open = routing.batches.find((b) => b.status === 'open')!;
  const res = await s.post('/api/v1/applications', { batchId: open.id, targetLevel: level });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<ApplicationDetail>();
}

describe("the applicant's journey", () => {
  let app: ApplicationDetail;

  it('routes 初级 of a 章贡区 unit to the 章贡区 agency and 中级 to the city office', async () => {
    const city = (await teacher.get('/api/v1/applications/routing?targetLevel=intermediate')).json<Routing>();
    expect(city.agency).toMatchObject({ code: 'GZ01', name: '赣州市职称工作办公室', phone: '0797-8179808' });
    app = await newDraft(teacher);
    expect(app).toMatchObject({
      status: 'draft',
      number: null,
      version: 0,
      window: { cutoffDate: '2026-12-31', status: 'open' },
    });
    expect(app.socialInsurance).toEqual({
      insuredUnitName: '赣州市章贡区第一中学',
      months: 30,
      matchesEmployer: true,
    });
  });

  it('saves the draft as it is typed; the pre-check names what to fix', async () => {
    const saved = await teacher.put(
      `/api/v1/applications/${app.id}/form`,
      teacherForm({ materials: await materials(teacher) }),
    );
    expect(saved.statusCode, saved.body).toBe(200);
    const pre = (await teacher.post(`/api/v1/applications/${app.id}/precheck`)).json<PrecheckResult>();
    expect(pre.canSubmit).toBe(false);
    expect(pre.problems).toEqual([]);
    expect(pre.eligibility.checks.filter((c) => c.passed === false).map((c) => c.rule)).toEqual([
      'practice-licence',
    ]);
    const refused = await teacher.post(`/api/v1/applications/${app.id}/submit`);
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({
      code: 'NOT_ELIGIBLE',
      message: expect.stringContaining('教师资格'),
    });
    const form = (await teacher.get(`/api/v1/applications/${app.id}`)).json<ApplicationDetail>().form;
    const changed = { ...form, practiceLicences: ['教师资格'] };
    const first = await teacher.put(`/api/v1/applications/${app.id}/form`, changed);
    // The same form again (an autosave retry, a blur without typing): the same answer, nothing written,
    // nothing logged — the log records edits, not saves.
    const savesLogged = async () =>
      (
        await t.ctx.db
          .select({ seq: auditLog.seq })
          .from(auditLog)
          .where(and(eq(auditLog.action, 'application.form_saved'), eq(auditLog.targetId, String(app.id))))
      ).length;
    const logged = await savesLogged();
    const again = await teacher.put(`/api/v1/applications/${app.id}/form`, changed);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toEqual(first.json());
    expect(await savesLogged()).toBe(logged);
    expect(
      (await teacher.post(`/api/v1/applications/${app.id}/precheck`)).json<PrecheckResult>().canSubmit,
    ).toBe(true);
  });

  it('submits in the window: frozen, numbered, with the policy version and the pre-check', async () => {
    const res = await teacher.post(`/api/v1/applications/${app.id}/submit`);
    expect(res.statusCode, res.body).toBe(200);
    const done = res.json<ApplicationDetail>();
    expect(done).toMatchObject({
      status: 'submitted',
      version: 1,
      number: expect.stringMatching(/^GZ02-20264-\d{6}$/),
    });
    expect(done.versions).toEqual([{ version: 1, submittedAt: expect.any(String), policyCode: '2026-默认' }]);
    expect(done.progress).toEqual({
      stage: '审查中：申报单位经办人审查',
      holder: '赣州市章贡区第一中学（申报单位经办人审查：王老师）',
      since: done.submittedAt,
    });
    const [frozen] = await t.ctx.db.select().from(applicationVersions);
    expect(frozen!.snapshot).toMatchObject({
      eligibility: { eligible: true },
      socialInsurance: { months: 30 },
      files: [{ mimeType: 'image/png' }, { mimeType: 'application/pdf' }, { mimeType: 'image/png' }],
    });
    // Each material's pages are combined, in order, into one PDF kept with the frozen version.
    const snapshot = frozen!.snapshot as {
      materials: { title: string; combined: { uploadId: number; sha256: string } }[];
    };
    expect(snapshot.materials.map((m) => m.title)).toEqual(['身份证正反面', '本科毕业证书', '教师资格证']);
    for (const m of snapshot.materials) {
      const pdf = await t.ctx.storage.read(m.combined.sha256);
      expect((await PDFDocument.load(pdf)).getPageCount()).toBe(1);
    }
    const edit = await teacher.put(`/api/v1/applications/${app.id}/form`, teacherForm());
    expect(edit.statusCode).toBe(409);
  });

  it('refuses a second application for the same person, batch and level', async () => {
    const routing = (await teacher.get('/api/v1/applications/routing?targetLevel=assistant')).json<Routing>();
    const res = await teacher.post('/api/v1/applications', {
      batchId: routing.batches.find((b) => b.status === 'open')!.id,
      targetLevel: 'assistant',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('DUPLICATE_APPLICATION');
  });

  it('can be withdrawn before the first review, then applied for again', async () => {
    const w = await teacher.post(`/api/v1/applications/${app.id}/withdraw`);
    expect(w.statusCode, w.body).toBe(200);
    expect(w.json().status).toBe('withdrawn');
    await newDraft(teacher);
  });

  it('keeps a half-filled entry as typed; submission names what is incomplete', async () => {
    const [draft] = (await teacher.get('/api/v1/applications?mine=true&status=draft')).json<{
      items: ApplicationDetail[];
    }>().items;
    const half = { level: null, fullTime: true, school: '赣南师范大学', major: '', graduationDate: null };
    const saved = await teacher.put(
      `/api/v1/applications/${draft!.id}/form`,
      teacherForm({ education: [half] }),
    );
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json<ApplicationDetail>().form.education[0]).toMatchObject({
      school: '赣南师范大学',
      level: null,
      graduationDate: null,
    });
    const pre = (await teacher.post(`/api/v1/applications/${draft!.id}/precheck`)).json<PrecheckResult>();
    expect(pre.canSubmit).toBe(false);
    expect(pre.problems.map((p) => p.message)).toContain(
      '第 1 条学历信息不完整（学历、学校、专业、毕业时间）',
    );
  });

  it('its unit sees it; another unit does not', async () => {
    const list = (await chain.schoolHandler.get('/api/v1/applications')).json<{
      total: number;
      items: { id: number; applicantName: string }[];
    }>();
    expect(list.items.map((a) => a.applicantName)).toContain('李晓华');
    expect(list.total).toBe(list.items.length);
    expect((await chain.companyHandler.get('/api/v1/applications')).json()).toEqual({ total: 0, items: [] });
    expect((await chain.companyHandler.get(`/api/v1/applications/${app.id}`)).statusCode).toBe(404);
    // 我的申报 is the clerk's own only: none of the colleagues' in the unit's scope.
    expect((await chain.schoolHandler.get('/api/v1/applications?mine=true')).json()).toEqual({
      total: 0,
      items: [],
    });
  });

  it('filters and pages on the server: status, year, name or number, the total apart from the page', async () => {
    const page = async (query: string) =>
      (await chain.schoolHandler.get(`/api/v1/applications?${query}`)).json<{
        total: number;
        items: { id: number; applicantName: string; status: string; number: string | null; year: number }[];
      }>();
    const all = await page('pageSize=200');
    expect(all.total).toBeGreaterThanOrEqual(2);
    const first = await page('pageSize=1');
    const second = await page('pageSize=1&page=2');
    expect([first.total, second.total]).toEqual([all.total, all.total]);
    expect(first.items.length + second.items.length).toBe(2);
    expect(first.items[0]!.id).not.toBe(second.items[0]!.id);
    expect([first.items[0]!.id, second.items[0]!.id]).toEqual(all.items.slice(0, 2).map((a) => a.id));
    const withdrawn = await page('status=withdrawn');
    expect(withdrawn.items.length).toBeGreaterThan(0);
    expect(withdrawn.items.every((a) => a.status === 'withdrawn')).toBe(true);
    expect(withdrawn.total).toBe(all.items.filter((a) => a.status === 'withdrawn').length);
    const byName = await page(`q=${encodeURIComponent('晓华')}`);
    expect(byName.total).toBe(all.items.filter((a) => a.applicantName.includes('晓华')).length);
    expect(byName.items.every((a) => a.applicantName === '李晓华')).toBe(true);
    const numbered = all.items.find((a) => a.number)!;
    const byNumber = await page(`q=${encodeURIComponent(numbered.number!.slice(-6))}`);
    expect(byNumber.items.map((a) => a.id)).toContain(numbered.id);
    // % and _ are taken literally, not as wildcards.
    expect((await page('q=%25')).total).toBe(0);
    expect((await page(`year=${numbered.year + 1}`)).total).toBe(0);
    expect((await page(`year=${numbered.year}`)).total).toBe(
      all.items.filter((a) => a.year === numbered.year).length,
    );
    const bad = await chain.schoolHandler.get('/api/v1/applications?status=nope');
    expect(bad.statusCode).toBe(400);
    expect((await chain.schoolHandler.get('/api/v1/applications?pageSize=500')).statusCode).toBe(400);
  });
});

describe('refusals at submission (issue 4 acceptance)', () => {
  it('outside the window, naming the next one — by the clock at that moment', async () => {
    // A draft in 第三批 (07-20 → 08-20); the agency's next window is 第四批.
    t.clock.set('2026-08-10T10:00:00+08:00');
    worker = await firstLoginAgain(worker);
    const draft = await newDraft(worker);
    expect(draft.window).toMatchObject({ opens: '2026-07-20', closes: '2026-08-20' });
    await worker.put(
      `/api/v1/applications/${draft.id}/form`,
      teacherForm({ practiceLicences: ['教师资格'], materials: await materials(worker) }),
    );
    // A minute before the close the window is not what stops it (the missing proof is, see below).
    t.clock.set('2026-08-20T23:59:00+08:00');
    const inTime = await (await firstLoginAgain(worker)).post(`/api/v1/applications/${draft.id}/submit`);
    expect(inTime.json().code).not.toBe('WINDOW_CLOSED');
    t.clock.set('2026-08-21T00:00:05+08:00');
    const fresh = await firstLoginAgain(worker);
    const res = await fresh.post(`/api/v1/applications/${draft.id}/submit`);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      code: 'WINDOW_CLOSED',
      message:
        '2026年第三批已于 2026-08-20 23:59 截止受理，逾期不予受理。下一批次为2026年第四批（2026-10-20 至 2026-11-20）',
    });
  });

  it('a different insured unit without the affiliation proof (三、（四））, accepted with it', async () => {
    t.clock.set('2026-11-10T10:00:00+08:00');
    worker = await firstLoginAgain(worker);
    // 黄志强 is insured by 章贡区人力资源派遣有限公司, not by the school.
    const draft = await newDraft(worker);
    const spare = await newDraft(worker, 'junior');
    const form = teacherForm({ practiceLicences: ['教师资格'], materials: await materials(worker) });
    for (const d of [draft, spare]) await worker.put(`/api/v1/applications/${d.id}/form`, form);
    const res = await worker.post(`/api/v1/applications/${draft.id}/submit`);
    expect(res.statusCode).toBe(422);
    expect(res.json().message).toMatch(/隶属关系证明/);
    const proof = (await worker.upload('/api/v1/uploads', PDF, '隶属关系证明.pdf')).json();
    const withProof = {
      ...form,
      materials: [
        ...form.materials,
        {
          category: 'other',
          purpose: 'affiliationProof',
          title: '隶属关系证明（双方盖章）',
          uploadIds: [proof.id],
        },
      ],
    };
    for (const d of [draft, spare])
      expect((await worker.put(`/api/v1/applications/${d.id}/form`, withProof)).statusCode).toBe(200);
    // With the proof the same application is accepted.
    const pre = (await worker.post(`/api/v1/applications/${draft.id}/precheck`)).json<PrecheckResult>();
    expect(pre).toMatchObject({ canSubmit: true, problems: [] });
    const accepted = await worker.post(`/api/v1/applications/${draft.id}/submit`);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json<ApplicationDetail>()).toMatchObject({ status: 'submitted', version: 1 });
    expect(accepted.json<ApplicationDetail>().form.materials.map((m) => m.purpose)).toContain(
      'affiliationProof',
    );
    // Now blacklisted (四、（四））: the other draft, complete with its proof, is refused.
    await t.ctx.db.insert(blacklistEntries).values({
      ...idNumberColumns(workerId),
      name: '黄志强',
      reason: '提供虚假材料',
      startsOn: '2026-01-01',
      endsOn: null,
    });
    const listed = await worker.post(`/api/v1/applications/${spare.id}/submit`);
    expect(listed.statusCode).toBe(422);
    expect(listed.json().message).toMatch(/黑名单/);
    expect(listed.json().message).not.toMatch(/隶属关系证明/);
  });

  it('a clerk can create and fill an application on behalf of a person (recorded as such)', async () => {
    chain.schoolHandler = await firstLoginAgain(chain.schoolHandler);
    chain.companyHandler = await firstLoginAgain(chain.companyHandler);
    const routing = (
      await chain.schoolHandler.get(
        `/api/v1/applications/routing?targetLevel=junior&applicantAccountId=${teacherAccountId}`,
      )
    ).json<Routing>();
    // 黄志强 is on the blacklist now: no new application while the entry is in force (四、（四））.
    const listed = await chain.schoolHandler.post('/api/v1/applications', {
      batchId: routing.batches[0]!.id,
      targetLevel: 'junior',
      applicantAccountId: workerAccountId,
    });
    expect(listed.statusCode).toBe(422);
    expect(listed.json().code).toBe('BLACKLISTED');
    const res = await chain.schoolHandler.post('/api/v1/applications', {
      batchId: routing.batches[0]!.id,
      targetLevel: 'junior',
      applicantAccountId: teacherAccountId,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ createdOnBehalf: true, applicantName: '李晓华' });
    const other = await chain.companyHandler.post('/api/v1/applications', {
      batchId: routing.batches[0]!.id,
      targetLevel: 'junior',
      applicantAccountId: teacherAccountId,
    });
    expect(other.statusCode).toBe(404);
  });
});

/** A fresh applicant of the school (insured there), signed in at the current clock. */
async function freshApplicant(name: string, id: string): Promise<Session> {
  chain.bureauHandler = await firstLoginAgain(chain.bureauHandler);
  chain.schoolHandler = await firstLoginAgain(chain.schoolHandler);
  await importSocialInsurance(chain.bureauHandler, [[name, id, '赣州市章贡区第一中学', 36]]);
  const res = await chain.schoolHandler.post(`/api/v1/employers/${chain.school.id}/applicants`, {
    name,
    idNumber: id,
    mobile: mobile(),
  });
  expect(res.statusCode, res.body).toBe(201);
  const created = res.json();
  return firstLogin(t.app, created.applicant.username, created.initialPassword);
}

describe('dates that cannot be true are refused at entry (issue 11 item 11)', () => {
  // Born 2000-05-20: sixteen on 2016-05-20.
  const personId = idNumber('20000520', 311);
  let s: Session;
  let draft: ApplicationDetail;
  beforeAll(async () => {
    t.clock.set('2026-11-10T20:00:00+08:00'); // 11 hours before the next day, within the session
    s = await freshApplicant('罗文静', personId);
    draft = await newDraft(s);
  });
  const save = (extra: Record<string, unknown>) =>
    s.put(`/api/v1/applications/${draft.id}/form`, teacherForm(extra));
  const refusal = async (extra: Record<string, unknown>) => {
    const res = await save(extra);
    expect(res.statusCode, res.body).toBe(422);
    const body = res.json();
    expect(body.code).toBe('IMPOSSIBLE_DATE');
    return { field: body.details.field as string, message: body.message as string };
  };
  const graduation = (graduationDate: string) => ({
    education: [{ ...teacherForm().education[0], graduationDate }],
  });

  it('a graduation in the future, by the app clock, naming the field; nothing is saved', async () => {
    expect((await save({})).statusCode).toBe(200);
    expect(await refusal(graduation('2030-06-30'))).toEqual({
      field: 'education.0.graduationDate',
      message: '第 1 条学历的毕业时间（2030-06-30）晚于今天（2026-11-10），不能填写将来的日期',
    });
    const kept = (await s.get(`/api/v1/applications/${draft.id}`)).json<ApplicationDetail>();
    expect(kept.form.education[0]!.graduationDate).toBe('2025-06-30');
    // Today is fine, tomorrow is not — until the clock gets there.
    expect((await save(graduation('2026-11-10'))).statusCode).toBe(200);
    expect((await refusal(graduation('2026-11-11'))).field).toBe('education.0.graduationDate');
    t.clock.set('2026-11-11T07:00:00+08:00');
    expect((await save(graduation('2026-11-11'))).statusCode).toBe(200);
    t.clock.set('2026-11-10T20:00:00+08:00');
  });

  it('a qualification or the start of professional work in the future', async () => {
    expect(
      (await refusal({ qualifications: [{ name: '教师资格', obtainedOn: '2027-01-05', appointedOn: null }] }))
        .field,
    ).toBe('qualifications.0.obtainedOn');
    const start = await refusal({ professionalWorkStart: '2026-12-01' });
    expect(start).toEqual({
      field: 'professionalWorkStart',
      message: '从事专业技术工作起始时间（2026-12-01）晚于今天（2026-11-10），不能填写将来的日期',
    });
    expect(
      (
        await refusal({
          workHistory: [{ unit: '赣州市章贡区第一中学', from: '2027-02-01', to: null, professional: true }],
        })
      ).field,
    ).toBe('workHistory.0.from');
  });

  it('a work period that ends before it starts, or overlaps another', async () => {
    const reversed = await refusal({
      workHistory: [
        { unit: '赣州市章贡区第一中学', from: '2025-07-01', to: '2024-07-01', professional: true },
      ],
    });
    expect(reversed).toEqual({
      field: 'workHistory.0.to',
      message: '第 1 条工作经历的截止时间（2024-07-01）早于起始时间（2025-07-01）',
    });
    const overlap = await refusal({
      workHistory: [
        { unit: '赣州市章贡区第一中学', from: '2025-07-01', to: null, professional: true },
        { unit: '某培训学校', from: '2025-03-01', to: '2025-09-30', professional: true },
      ],
    });
    expect(overlap.field).toBe('workHistory.1.from');
    expect(overlap.message).toContain('与第 1 条');
    expect(overlap.message).toContain('时间重叠');
    // Handing over on the same day is not an overlap.
    const handover = await save({
      workHistory: [
        { unit: '某培训学校', from: '2024-09-01', to: '2025-07-01', professional: false },
        { unit: '赣州市章贡区第一中学', from: '2025-07-01', to: null, professional: true },
      ],
    });
    expect(handover.statusCode, handover.body).toBe(200);
  });

  it('work begun before the 16th birthday (by the ID number)', async () => {
    const early = await refusal({ professionalWorkStart: '2016-05-19' });
    expect(early.field).toBe('professionalWorkStart');
    expect(early.message).toContain('年满 16 周岁之日（2016-05-20');
    expect(
      (
        await refusal({
          workHistory: [{ unit: '某工厂', from: '2015-09-01', to: '2016-08-31', professional: false }],
        })
      ).field,
    ).toBe('workHistory.0.from');
    expect((await save({ professionalWorkStart: '2016-05-20' })).statusCode).toBe(200);
  });
});

describe('the education that qualifies (issue 11 item 2)', () => {
  it('a later part-time course does not spoil an earlier full-time degree; the one used is named', async () => {
    t.clock.set('2026-11-10T10:00:00+08:00');
    const s = await freshApplicant('涂志远', idNumber('19880315', 313));
    const draft = await newDraft(s);
    const form = teacherForm({
      education: [
        {
          level: 'bachelor',
          fullTime: true,
          school: '赣南师范大学',
          major: '汉语言文学',
          graduationDate: '2010-06-30',
          degree: '文学学士',
          chsiCode: 'ABCD1234',
        },
        // Entered last (the most recent): a part-time 大专 course, lower than the degree.
        {
          level: 'associate',
          fullTime: false,
          school: '江西开放大学',
          major: '学前教育',
          graduationDate: '2025-01-10',
          degree: '',
          chsiCode: 'EFGH5678',
        },
      ],
      workHistory: [
        {
          unit: '赣州市章贡区第一中学',
          from: '2010-07-01',
          to: null,
          professional: true,
          duties: '语文教学',
        },
      ],
      professionalWorkStart: '2010-07-01',
    });
    expect((await s.put(`/api/v1/applications/${draft.id}/form`, form)).statusCode).toBe(200);
    const result = (await s.post(`/api/v1/applications/${draft.id}/precheck`)).json<PrecheckResult>();
    const years = result.eligibility.checks.find((c) => c.rule === 'education-years')!;
    expect(years.passed).toBe(true);
    expect(years.message).toContain('本科');
    expect(result.educationUsed).toMatchObject({ index: 0, level: 'bachelor', graduationDate: '2010-06-30' });
  });
});

describe('evidence the notice asks for before submission (issue 11 item 6)', () => {
  let s: Session;
  let draft: ApplicationDetail;
  beforeAll(async () => {
    t.clock.set('2026-11-10T10:00:00+08:00');
    s = await freshApplicant('邱建明', idNumber('19950812', 312));
    draft = await newDraft(s);
  });
  const precheckOf = async (id: number) =>
    (await s.post(`/api/v1/applications/${id}/precheck`)).json<PrecheckResult>();
  const upload = async (name: string) => (await s.upload('/api/v1/uploads', PNG, name)).json().id as number;

  it('the practice licence the series requires: its scan, not only its name typed in (三、（五））', async () => {
    const all = await materials(s);
    const withoutScan = all.filter((m) => m.category !== 'practiceLicence');
    await s.put(
      `/api/v1/applications/${draft.id}/form`,
      teacherForm({ practiceLicences: ['教师资格'], materials: withoutScan }),
    );
    const pre = await precheckOf(draft.id);
    expect(pre.canSubmit).toBe(false);
    expect(pre.problems).toEqual([
      {
        field: 'materials',
        message:
          '该系列有从业准入要求，须在“材料上传—从业资格”中上传教师资格证书原件的扫描件或照片（三、（五））',
      },
    ]);
    const refused = await s.post(`/api/v1/applications/${draft.id}/submit`);
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({
      code: 'SUBMISSION_INCOMPLETE',
      message: expect.stringContaining('从业资格'),
    });
    await s.put(
      `/api/v1/applications/${draft.id}/form`,
      teacherForm({ practiceLicences: ['教师资格'], materials: all }),
    );
    expect((await precheckOf(draft.id)).canSubmit).toBe(true);
  });

  it('work before this unit needs the prior-work proof under 其他 (四、（三））', async () => {
    const form = teacherForm({
      education: [{ ...teacherForm().education[0], graduationDate: '2023-06-30' }],
      workHistory: [
        {
          unit: '赣州市某民办学校',
          from: '2023-07-01',
          to: '2025-06-30',
          professional: true,
          duties: '语文教学',
        },
        {
          unit: '赣州市章贡区第一中学',
          from: '2025-07-01',
          to: null,
          professional: true,
          duties: '语文教学',
        },
      ],
      professionalWorkStart: '2023-07-01',
      practiceLicences: ['教师资格'],
      materials: await materials(s),
    });
    expect((await s.put(`/api/v1/applications/${draft.id}/form`, form)).statusCode).toBe(200);
    const pre = await precheckOf(draft.id);
    expect(pre.canSubmit).toBe(false);
    expect(pre.problems).toEqual([
      {
        field: 'materials',
        message:
          '在申报单位工作之前有专业技术工作经历（赣州市某民办学校），须在“材料上传—其他”中上传相关工作佐证材料，用途选“此前工作经历证明”（四、（三））',
      },
    ]);
    const refused = await s.post(`/api/v1/applications/${draft.id}/submit`);
    expect(refused.json()).toMatchObject({
      code: 'SUBMISSION_INCOMPLETE',
      message: expect.stringContaining('四、（三）'),
    });
    // An 其他 material for another purpose does not count.
    const general = {
      category: 'other',
      purpose: 'general',
      title: '其他材料',
      uploadIds: [await upload('其他.png')],
    };
    await s.put(`/api/v1/applications/${draft.id}/form`, {
      ...form,
      materials: [...form.materials, general],
    });
    expect((await precheckOf(draft.id)).canSubmit).toBe(false);
    // Only the start date says so (no earlier unit listed): still work before this unit.
    const unlisted = { ...form, workHistory: [form.workHistory[1]] };
    await s.put(`/api/v1/applications/${draft.id}/form`, unlisted);
    expect((await precheckOf(draft.id)).problems.map((p) => p.message)).toEqual([
      expect.stringContaining('自 2023-07-01 起'),
    ]);
    const proof = {
      category: 'other',
      purpose: 'priorWork',
      title: '赣州市某民办学校工作证明',
      uploadIds: [await upload('工作证明.png')],
    };
    await s.put(`/api/v1/applications/${draft.id}/form`, { ...form, materials: [...form.materials, proof] });
    expect(await precheckOf(draft.id)).toMatchObject({ problems: [], canSubmit: true });
    const res = await s.post(`/api/v1/applications/${draft.id}/submit`);
    expect(res.statusCode, res.body).toBe(200);
  });
});

/** Sessions last 12 hours; after moving the clock, sign in again with the same password. */
async function firstLoginAgain(s: Session): Promise<Session> {
  const { login, TEST_PASSWORD } = await import('./helpers/session.js');
  return login(t.app, s.me.username, TEST_PASSWORD);
}
