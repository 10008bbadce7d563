import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from './helpers/test-app.js';
import { type Session, TEST_PASSWORD, adminSession, firstLogin, login } from './helpers/session.js';
import { idNumber, mobile, orgByName } from './helpers/fixtures.js';
import type { EligibilityResult, PolicyVersionDetail } from '../src/contract/eligibility.js';
import type { Agency, Series } from '../src/contract/public.js';
import { eq, sql } from 'drizzle-orm';
import { blacklistEntries, policyVersions, referenceDataLoads } from '../src/server/db/schema.js';
import { loadReferenceData } from '../src/server/db/reference-data.js';
import { decide, findDecision } from '../src/server/modules/eligibility/eligibility-service.js';
import type { ApplicantFacts } from '../src/domain/eligibility/policy-types.js';
import { idNumberColumns } from '../src/server/crypto/personal-data-cipher.js';

let t: TestApp;
let city: Session;

beforeAll(async () => {
  t = await createTestApp({}, '2026-11-10T10:00:00+08:00');
  const admin = await adminSession(t);
  const cityOrg = await orgByName(admin, '赣州市职称工作办公室');
  const created = await admin.post('/api/v1/accounts', {
    person: { name: '市职办', idNumber: idNumber('19810909', 91, '360700'), mobile: mobile() },
    role: 'city_office',
    organisationId: cityOrg.id,
  });
  city = await firstLogin(t.app, created.json().username, created.json().initialPassword);
});
afterAll(() => t.close());

/** A 本科 engineer at a state enterprise, one full year after graduation: 助理工程师. */
function body(overrides: Record<string, unknown> = {}) {
  return {
    cutoffDate: '2026-12-31',
    seriesCode: 'engineering',
    targetLevel: 'assistant',
    education: { level: 'bachelor', fullTime: true, graduationDate: '2025-06-30', major: '土木工程' },
    majorRelated: true,
    professionalWorkStart: '2025-07-01',
    employer: { name: '赣州建工集团有限公司', ownership: 'state', kind: 'enterprise' },
    practiceLicences: [],
    ...overrides,
  };
}

async function check(b: Record<string, unknown>): Promise<EligibilityResult> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/eligibility/check', payload: b });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<EligibilityResult>();
}
const failing = (r: EligibilityResult) => r.checks.filter((c) => c.passed === false).map((c) => c.rule);
const verdict = (r: EligibilityResult, rule: string) => r.checks.find((c) => c.rule === rule)!;

describe('POST /eligibility/check (CONTRACT.md)', () => {
  it('answers with every rule, in order, the level and the policy version', async () => {
    const r = await check(body());
    expect(r).toMatchObject({ eligible: true, highestLevel: 'assistant', policyVersion: '2026-默认' });
    expect(r.checks.map((c) => c.rule)).toEqual([
      'min-education',
      'full-time',
      'education-years',
      'vocational-teacher',
      'practice-licence',
      'exam-based',
      'non-state-engineering',
      'social-insurance',
      'blacklist',
    ]);
    for (const c of r.checks)
      expect(c).toMatchObject({ message: expect.any(String), clause: expect.any(String) });
    expect(verdict(r, 'social-insurance').passed).toBeNull();
    expect(verdict(r, 'blacklist').passed).toBeNull();
  });

  it('三、（一）: 大专 cannot use the 中职教师 series (本科 minimum)', async () => {
    const r = await check(
      body({
        seriesCode: 'vocationalTeacher',
        education: { level: 'associate', fullTime: true, graduationDate: '2020-06-30', major: '机电' },
        professionalWorkStart: '2020-07-01',
        employer: { name: '赣州市中等专业学校', ownership: 'state', kind: 'vocationalSchool' },
        practiceLicences: ['教师资格'],
      }),
    );
    expect(failing(r)).toEqual(['min-education']);
    expect(r.eligible).toBe(false);
  });

  it('三、（二）and（七）: full years to the cutoff, +1 when the major is not related', async () => {
    const june = await check(body({ cutoffDate: '2026-06-30' }));
    expect(failing(june)).toEqual(['education-years']);
    expect(verdict(june, 'education-years').message).toContain('满 0 周年');
    // The anniversary on the cutoff day counts.
    const onDay = await check(body({ cutoffDate: '2026-07-01' }));
    expect(onDay.eligible).toBe(true);
    const mismatch = await check(body({ majorRelated: false }));
    expect(failing(mismatch)).toEqual(['education-years']);
    expect(verdict(mismatch, 'education-years').message).toMatch(/不相近/);
    const later = await check(body({ majorRelated: false, cutoffDate: '2027-07-01' }));
    expect(later.eligible).toBe(true);
  });

  it('三、（七）: a batch id stands for its cutoff date', async () => {
    const agencies = (await t.app.inject('/api/v1/agencies')).json<Agency[]>();
    const second = agencies[0]!.windows.find((w) => w.batch === 2)!;
    const { cutoffDate: _omit, ...rest } = body();
    const r = await check({ ...rest, batchId: second.id });
    expect(failing(r)).toEqual(['education-years']); // 2026-06-30: not yet a full year
    const fourth = agencies[0]!.windows.find((w) => w.batch === 4)!;
    expect((await check({ ...rest, batchId: fourth.id })).eligible).toBe(true);
  });

  it('三、（三）: a vocational-school teacher may not use the 中小学教师 series', async () => {
    const r = await check(
      body({
        seriesCode: 'schoolTeacher',
        targetLevel: 'assistant',
        employer: { name: '赣州市第一职业高级中学', ownership: 'state', kind: 'vocationalSchool' },
        practiceLicences: ['教师资格'],
      }),
    );
    expect(failing(r)).toEqual(['vocational-teacher']);
  });

  it('三、（四）: a different insured unit needs the affiliation proof', async () => {
    const si = (hasAffiliationProof: boolean, insuredUnitName = '赣州某人力资源公司') => ({
      insuredUnitName,
      hasAffiliationProof,
    });
    expect(failing(await check(body({ socialInsurance: si(false) })))).toEqual(['social-insurance']);
    expect(verdict(await check(body({ socialInsurance: si(true) })), 'social-insurance').passed).toBe(true);
    expect(
      verdict(await check(body({ socialInsurance: si(false, '赣州建工集团有限公司') })), 'social-insurance')
        .passed,
    ).toBe(true);
  });

  it('三、（五）: the practice licence comes first', async () => {
    const r = await check(
      body({
        seriesCode: 'schoolTeacher',
        employer: { name: '赣州市第三中学', ownership: 'state', kind: 'school' },
      }),
    );
    expect(failing(r)).toEqual(['practice-licence']);
    expect(verdict(r, 'practice-licence').message).toContain('教师资格');
  });

  it('三、（六）: 以考代评 series and non-state engineering are excluded', async () => {
    const series = (await t.app.inject('/api/v1/series')).json<Series[]>();
    const accounting = series.find((s) => s.name.includes('会计'))!;
    expect(failing(await check(body({ seriesCode: accounting.code })))).toContain('exam-based');
    const nonState = await check(
      body({ employer: { name: '赣州某科技有限公司', ownership: 'nonState', kind: 'enterprise' } }),
    );
    expect(failing(nonState)).toEqual(['non-state-engineering']);
  });

  it('四、（四）: a person on the blacklist cannot apply while the entry is in force', async () => {
    const listed = idNumber('19940404', 44);
    await t.ctx.db.insert(blacklistEntries).values([
      {
        ...idNumberColumns(listed),
        name: '弄虚作假',
        reason: '提供虚假学历证明',
        startsOn: '2026-01-01',
        endsOn: '2028-12-31',
      },
      {
        ...idNumberColumns(idNumber('19940404', 45)),
        name: '已期满',
        reason: '旧案',
        startsOn: '2020-01-01',
        endsOn: '2025-12-31',
      },
    ]);
    const r = await check(body({ idNumber: listed }));
    expect(failing(r)).toEqual(['blacklist']);
    expect((await check(body({ idNumber: idNumber('19940404', 45) }))).eligible).toBe(true);
    expect(verdict(await check(body({ idNumber: idNumber('19940404', 46) })), 'blacklist').passed).toBe(true);
  });

  it('refuses bad input with a message naming the field, never a 500', async () => {
    const post = (payload: unknown) =>
      t.app.inject({ method: 'POST', url: '/api/v1/eligibility/check', payload: payload as object });
    const unknownSeries = await post(body({ seriesCode: 'nope' }));
    expect(unknownSeries.statusCode).toBe(422);
    expect(unknownSeries.json()).toMatchObject({ details: { field: 'seriesCode' } });
    const { cutoffDate: _c, ...noCutoff } = body();
    expect((await post(noCutoff)).statusCode).toBe(400);
    expect((await post(body({ cutoffDate: '2026/12/31' }))).statusCode).toBe(400);
    expect((await post(body({ targetLevel: 'senior' }))).statusCode).toBe(400);
    const badId = await post(body({ idNumber: '123' }));
    expect(badId.statusCode).toBe(422);
    expect(badId.json().details.field).toBe('idNumber');
    expect((await post(body({ batchId: 99999 }))).statusCode).toBe(422);
  });
});

describe('issue 11: the rules exactly as the notice says', () => {
  it('三、（七）: a 硕士 or 博士 graduating after the cutoff does not count; the message names both dates', async () => {
    for (const level of ['master', 'doctor']) {
      const r = await check(
        body({
          cutoffDate: '2026-06-30',
          targetLevel: level === 'doctor' ? 'intermediate' : 'assistant',
          education: { level, fullTime: true, graduationDate: '2026-07-01', major: '土木工程' },
          professionalWorkStart: '2026-07-01',
        }),
      );
      expect(r.eligible).toBe(false);
      expect(r.highestLevel).toBeNull();
      expect(verdict(r, 'education-years').passed).toBe(false);
      expect(verdict(r, 'education-years').message).toMatch(/2026-07-01 毕业.*晚于终算时间 2026-06-30/);
      expect(verdict(r, 'min-education').message).toMatch(/截至终算时间 2026-06-30 尚未取得学历/);
    }
    // Graduating on the cutoff day counts.
    const onTheDay = await check(
      body({
        cutoffDate: '2026-06-30',
        education: { level: 'master', fullTime: true, graduationDate: '2026-06-30', major: '土木工程' },
        professionalWorkStart: '2026-07-01',
      }),
    );
    expect(onTheDay).toMatchObject({ eligible: true, highestLevel: 'assistant' });
  });

  it('三、（三）concerns teachers: a lab technician of a 职业高中 may apply as 实验技术; a teacher may not', async () => {
    const vocational = { name: '赣州市第一职业中学', ownership: 'state', kind: 'vocationalSchool' };
    const technician = await check(body({ seriesCode: 'laboratory', employer: vocational, post: 'other' }));
    expect(verdict(technician, 'vocational-teacher')).toMatchObject({ passed: true, clause: '三、（三）' });
    expect(verdict(technician, 'vocational-teacher').message).toMatch(/非教师岗/);
    const teacher = await check(body({ seriesCode: 'laboratory', employer: vocational, post: 'teacher' }));
    expect(failing(teacher)).toContain('vocational-teacher');
    // Without the post, as before: judged as a teacher.
    expect(failing(await check(body({ seriesCode: 'laboratory', employer: vocational })))).toContain(
      'vocational-teacher',
    );
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/eligibility/check',
      payload: body({ post: 'cleaner' }),
    });
    expect(bad.statusCode).toBe(400);
  });

  it('三、（六）concerns enterprises: a non-state 民办非企业 institute may apply for 工程', async () => {
    const institute = await check(
      body({ employer: { name: '赣州稀土应用研究院', ownership: 'nonState', kind: 'publicInstitution' } }),
    );
    expect(verdict(institute, 'non-state-engineering')).toMatchObject({ passed: true, clause: '三、（六）' });
    expect(institute.eligible).toBe(true);
    const firm = await check(
      body({ employer: { name: '赣州某科技有限公司', ownership: 'nonState', kind: 'enterprise' } }),
    );
    expect(failing(firm)).toEqual(['non-state-engineering']);
  });

  it('7: the notice does not require 全日制, so the default version does not; every rule cites its clause', async () => {
    const r = await check(
      body({
        education: { level: 'bachelor', fullTime: false, graduationDate: '2025-06-30', major: '土木工程' },
      }),
    );
    expect(verdict(r, 'full-time')).toMatchObject({ passed: true, message: '现行政策版本不要求全日制学历' });
    expect(r.checks.map((c) => c.clause)).toEqual([
      '三、（一）',
      '政策版本',
      '三、（二）、（七）',
      '三、（三）',
      '三、（五）',
      '三、（六）',
      '三、（六）',
      '三、（四）',
      '四、（四）',
    ]);
    const version = (await city.get('/api/v1/policy-versions')).json<PolicyVersionDetail[]>()[0]!;
    const detail = (await city.get(`/api/v1/policy-versions/${version.id}`)).json<PolicyVersionDetail>();
    expect(detail.parameters).toMatchObject({ fullTimeRequired: false, fullTimeSource: null });
  });
});

describe('policy versions (三、（八）: the newest policy prevails)', () => {
  const facts: ApplicantFacts = {
    cutoffDate: '2026-12-31',
    seriesCode: 'engineering',
    targetLevel: 'assistant',
    educations: [{ level: 'bachelor', fullTime: true, graduationDate: '2025-06-30' }],
    majorRelated: true,
    professionalWorkStart: '2025-07-01',
    employer: { name: '赣州建工集团有限公司', ownership: 'state', kind: 'enterprise' },
    practiceLicences: [],
  };

  it('an edit takes effect from its date and leaves earlier decisions unchanged', async () => {
    const earlier = await t.ctx.db.transaction((tx) => decide(t.ctx, tx, facts, { type: 'test', id: 1 }));
    expect(earlier.result).toMatchObject({ eligible: true, policyVersion: '2026-默认' });

    const list = (await city.get('/api/v1/policy-versions?includeDrafts=true')).json<PolicyVersionDetail[]>();
    const current = list.find((v) => v.inForce)!;
    const draftRes = await city.post('/api/v1/policy-versions', { basedOnId: current.id });
    expect(draftRes.statusCode, draftRes.body).toBe(201);
    const draft = draftRes.json<PolicyVersionDetail>();
    expect(draft).toMatchObject({ status: 'draft', basedOn: '2026-默认', inForce: false });

    // 本科 now needs 2 full years for 助理级, from tomorrow.
    const parameters = structuredClone(draft.parameters);
    parameters.educationYears = parameters.educationYears.map((r) =>
      r.education === 'bachelor' && r.level === 'assistant' ? { ...r, years: 2 } : r,
    );
    const edit = {
      name: '2026年修订',
      code: '2026-修订1',
      effectiveFrom: '2026-11-11',
      note: '测试修订',
      parameters,
    };
    const badParams = await city.put(`/api/v1/policy-versions/${draft.id}`, {
      ...edit,
      parameters: { ...parameters, vocationalTeacherSeries: 'noSuchSeries' },
    });
    expect(badParams.statusCode).toBe(422);
    expect(badParams.json().code).toBe('POLICY_INVALID');
    const saved = await city.put(`/api/v1/policy-versions/${draft.id}`, edit);
    expect(saved.statusCode, saved.body).toBe(200);
    const published = await city.post(`/api/v1/policy-versions/${draft.id}/publish`);
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ status: 'published', inForce: false });

    // Today the default still applies.
    expect((await check(body())).policyVersion).toBe('2026-默认');
    // From its effective date the new version applies.
    t.clock.set('2026-11-11T00:00:01+08:00');
    // Fourteen hours later the 12-hour session has expired: sign in again.
    expect((await city.get('/api/v1/auth/me')).statusCode).toBe(401);
    city = await login(t.app, city.me.username, TEST_PASSWORD);
    const after = await check(body());
    expect(after).toMatchObject({ policyVersion: '2026-修订1', eligible: false });
    expect(verdict(after, 'education-years').message).toContain('2');

    // The decision made before is untouched: same version, same explanation.
    const stored = await findDecision(t.ctx.db, earlier.decisionId);
    expect(stored!.policyCode).toBe('2026-默认');
    expect(stored!.result).toEqual(earlier.result);

    // Published versions are immutable.
    const again = await city.put(`/api/v1/policy-versions/${draft.id}`, edit);
    expect(again.statusCode).toBe(409);
    const audit = (await city.get('/api/v1/audit-logs?action=policy.published')).json();
    expect(audit.items[0]).toMatchObject({ actorName: '市职办', targetType: 'policy_version' });
  });

  it('refuses to publish with an effective date in the past', async () => {
    city = await login(t.app, city.me.username, TEST_PASSWORD);
    const list = (await city.get('/api/v1/policy-versions?includeDrafts=true')).json<PolicyVersionDetail[]>();
    const current = list.find((v) => v.inForce)!;
    const draft = (
      await city.post('/api/v1/policy-versions', { basedOnId: current.id })
    ).json<PolicyVersionDetail>();
    const put = await city.put(`/api/v1/policy-versions/${draft.id}`, {
      name: '倒签',
      code: '2026-倒签',
      effectiveFrom: '2026-01-01',
      note: null,
      parameters: draft.parameters,
    });
    expect(put.statusCode).toBe(200);
    const pub = await city.post(`/api/v1/policy-versions/${draft.id}/publish`);
    expect(pub.statusCode).toBe(422);
    expect(pub.json().code).toBe('EFFECTIVE_DATE_PAST');
  });

  it('GET /series shows the flags of the policy in force; drafts can be deleted', async () => {
    const list = (await city.get('/api/v1/policy-versions?includeDrafts=true')).json<PolicyVersionDetail[]>();
    const current = list.find((v) => v.inForce)!;
    const draft = (
      await city.post('/api/v1/policy-versions', { basedOnId: current.id })
    ).json<PolicyVersionDetail>();
    const parameters = structuredClone(draft.parameters);
    parameters.series.engineering!.minEducation = 'associate';
    const day = '2026-11-12';
    expect(
      (
        await city.put(`/api/v1/policy-versions/${draft.id}`, {
          name: '工程系列学历调整',
          code: '2026-修订2',
          effectiveFrom: day,
          note: null,
          parameters,
        })
      ).statusCode,
    ).toBe(200);
    expect((await city.post(`/api/v1/policy-versions/${draft.id}/publish`)).statusCode).toBe(200);
    const engineering = async () =>
      (await t.app.inject('/api/v1/series')).json<Series[]>().find((x) => x.code === 'engineering')!;
    expect((await engineering()).minEducation).toBe('secondary');
    t.clock.set(`${day}T08:00:00+08:00`);
    expect((await engineering()).minEducation).toBe('associate');

    city = await login(t.app, city.me.username, TEST_PASSWORD);
    const spare = (
      await city.post('/api/v1/policy-versions', { basedOnId: draft.id })
    ).json<PolicyVersionDetail>();
    expect((await city.delete(`/api/v1/policy-versions/${spare.id}`)).statusCode).toBe(200);
    expect((await city.get(`/api/v1/policy-versions/${spare.id}`)).statusCode).toBe(404);
    expect((await city.delete(`/api/v1/policy-versions/${draft.id}`)).statusCode).toBe(409);
  });

  it('the default version comes from reference/policy-default.json; older rows read the defaults that applied', async () => {
    const listed = (await t.app.inject('/api/v1/policy-versions')).json<PolicyVersionDetail[]>();
    const id = listed.find((v) => v.isDefault)!.id;
    const detail = async () =>
      (await t.app.inject(`/api/v1/policy-versions/${id}`)).json<PolicyVersionDetail>();
    expect(await detail()).toMatchObject({
      code: '2026-默认',
      effectiveFrom: '2026-01-14',
      publishedAt: '2026-01-13T16:00:00.000Z',
      parameters: {
        publicityWorkingDays: 5,
        blacklistYears: 3,
        basisDocumentNumber: '赣市人社字〔2026〕5号',
      },
    });

    // A database seeded before these were policy data: the row lacks them and reads the defaults.
    const stripped = sql`${policyVersions.parameters} - 'publicityWorkingDays' - 'blacklistYears' - 'basisDocumentNumber'`;
    await t.ctx.db.update(policyVersions).set({ parameters: stripped }).where(eq(policyVersions.id, id));
    expect((await detail()).parameters).toMatchObject({
      publicityWorkingDays: 5,
      blacklistYears: 3,
      basisDocumentNumber: null,
    });
    // Its first start with policy-default.json gives that row the basis 文号, and adds no second row.
    await t.ctx.db.delete(referenceDataLoads).where(eq(referenceDataLoads.name, 'policy-default.json'));
    expect(await loadReferenceData(t.ctx.db, t.clock.now())).toEqual(['policy-default.json']);
    expect((await detail()).parameters.basisDocumentNumber).toBe('赣市人社字〔2026〕5号');
    const rows = await t.ctx.db.select().from(policyVersions).where(eq(policyVersions.code, '2026-默认'));
    expect(rows).toHaveLength(1);
  });

  it('a draft sets the publicity period, the blacklist period and the basis 文号, within bounds', async () => {
    city = await login(t.app, city.me.username, TEST_PASSWORD);
    const list = (await city.get('/api/v1/policy-versions?includeDrafts=true')).json<PolicyVersionDetail[]>();
    const draft = (
      await city.post('/api/v1/policy-versions', { basedOnId: list.find((v) => v.inForce)!.id })
    ).json<PolicyVersionDetail>();
    const edit = (parameters: Record<string, unknown>) =>
      city.put(`/api/v1/policy-versions/${draft.id}`, {
        name: '公示与黑名单期限',
        code: '2026-期限',
        effectiveFrom: draft.effectiveFrom,
        note: null,
        parameters: { ...draft.parameters, ...parameters },
      });
    const saved = await edit({ publicityWorkingDays: 7, blacklistYears: 2, basisDocumentNumber: null });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json<PolicyVersionDetail>().parameters).toMatchObject({
      publicityWorkingDays: 7,
      blacklistYears: 2,
      basisDocumentNumber: null,
    });
    expect((await edit({ publicityWorkingDays: 0 })).statusCode).toBe(400);
    expect((await edit({ blacklistYears: 11 })).statusCode).toBe(400);
    expect((await city.delete(`/api/v1/policy-versions/${draft.id}`)).statusCode).toBe(200);
  });

  it('only title offices edit; the public sees published versions only', async () => {
    const pub = (await t.app.inject('/api/v1/policy-versions')).json<PolicyVersionDetail[]>();
    expect(pub.every((v) => v.status === 'published')).toBe(true);
    expect((await t.app.inject('/api/v1/policy-versions?includeDrafts=true')).statusCode).toBe(401);
  });
});
