import { describe, expect, it } from 'vitest';
import { evaluateEligibility } from '../../../../src/domain/eligibility/eligibility-engine.js';
import {
  ruleIds,
  type ApplicantFacts,
  type PolicyVersion,
  type RuleCheck,
  type RuleId,
} from '../../../../src/domain/eligibility/policy-types.js';
import { baseFacts, defaultPolicy } from './test-fixtures.js';

type Edit = (f: ApplicantFacts) => void;
type PolicyEdit = (p: PolicyVersion) => void;

/** A version that switches 全日制 on, naming its source. */
const requireFullTime: PolicyEdit = (p) => {
  p.parameters.fullTimeRequired = true;
  p.parameters.fullTimeSource = '某省级文件';
};

function run(edit: Edit = () => {}, policyEdit: PolicyEdit = () => {}) {
  const facts = baseFacts();
  edit(facts);
  const policy = defaultPolicy();
  policyEdit(policy);
  return evaluateEligibility(facts, policy);
}

function ruleOf(result: ReturnType<typeof run>, rule: RuleId): RuleCheck {
  const c = result.checks.find((x) => x.rule === rule);
  if (!c) throw new Error(`no ${rule}`);
  return c;
}

describe('evaluateEligibility: shape', () => {
  it('answers every rule, in the contract order, with clauses, for an eligible applicant', () => {
    const r = run();
    expect(r.checks.map((c) => c.rule)).toEqual([...ruleIds]);
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
    expect(r.checks.every((c) => c.passed === true)).toBe(true);
    expect(r).toMatchObject({ eligible: true, highestLevel: 'assistant', policyVersion: '2026-默认' });
  });

  it('"not checked" does not block: no social insurance and no ID number still eligible', () => {
    const r = run((f) => {
      delete f.socialInsurance;
      delete f.blacklisted;
    });
    expect(ruleOf(r, 'social-insurance')).toMatchObject({ passed: null, message: '未提供社保信息，未核验' });
    expect(ruleOf(r, 'blacklist').passed).toBeNull();
    expect(r.eligible).toBe(true);
  });
});

interface Case {
  name: string;
  edit?: Edit;
  policy?: PolicyEdit;
  rule: RuleId;
  passed: boolean | null;
  message?: string | RegExp;
  highestLevel?: string | null;
}

// One table per point of 三、认定条件 (and 四、（四）). Every case also checks that `eligible`
// follows the verdicts.
// prettier-ignore
const cases: Case[] = [
  // 三、（一） minimum education by series
  { name: '新闻记者 needs 本科: 大专 fails', rule: 'min-education', passed: false, message: '该系列最低学历要求本科及以上，申报人最高学历为全日制大专（2025-06-20 毕业，土木工程），不符合', edit: (f) => { f.seriesCode = 'newsReporter'; f.educations[0]!.level = 'associate'; } },
  { name: '新闻记者: 本科 passes', rule: 'min-education', passed: true, message: '该系列最低学历要求本科，按申报人全日制本科（2025-06-20 毕业，土木工程），符合', edit: (f) => { f.seriesCode = 'newsReporter'; } },
  { name: '高校（教学）: 中专 fails', rule: 'min-education', passed: false, edit: (f) => { f.seriesCode = 'universityTeacher'; f.educations[0]!.level = 'secondary'; } },
  { name: '党校: 第二学士学位 is above 本科', rule: 'min-education', passed: true, edit: (f) => { f.seriesCode = 'partySchoolTeacher'; f.educations[0]!.level = 'secondBachelor'; } },
  { name: '工程: 中专 passes the catalogue minimum', rule: 'min-education', passed: true, edit: (f) => { f.educations[0]!.level = 'secondary'; } },
  { name: '体育: 中专 below 大专 minimum', rule: 'min-education', passed: false, edit: (f) => { f.seriesCode = 'sports'; f.educations[0]!.level = 'secondary'; } },
  { name: '研究生班 ≈ 第二学士学位 (equal rank)', rule: 'min-education', passed: true, edit: (f) => { f.educations[0]!.level = 'postgradClass'; }, policy: (p) => { p.parameters.series.engineering!.minEducation = 'secondBachelor'; } },
  { name: '第二学士学位 ≈ 研究生班 (equal rank)', rule: 'min-education', passed: true, edit: (f) => { f.educations[0]!.level = 'secondBachelor'; }, policy: (p) => { p.parameters.series.engineering!.minEducation = 'postgradClass'; } },
  { name: '研究生班 below 硕士', rule: 'min-education', passed: false, edit: (f) => { f.educations[0]!.level = 'postgradClass'; }, policy: (p) => { p.parameters.series.engineering!.minEducation = 'master'; } },
  { name: '本科 below 第二学士学位', rule: 'min-education', passed: false, policy: (p) => { p.parameters.series.engineering!.minEducation = 'secondBachelor'; } },
  { name: '博士 above everything', rule: 'min-education', passed: true, edit: (f) => { f.educations[0]!.level = 'doctor'; }, policy: (p) => { p.parameters.series.engineering!.minEducation = 'master'; } },
  { name: 'unknown series fails with a clear message', rule: 'min-education', passed: false, message: /系列代码“nope”不在政策版本“2026-默认”的系列目录中/, highestLevel: null, edit: (f) => { f.seriesCode = 'nope'; } },
  { name: 'a series code inherited from Object.prototype is unknown too', rule: 'min-education', passed: false, message: /constructor/, edit: (f) => { f.seriesCode = 'constructor'; } },
  { name: 'unknown series: practice licence not checked', rule: 'practice-licence', passed: null, edit: (f) => { f.seriesCode = 'nope'; } },
  { name: 'unknown series: exam-based not checked', rule: 'exam-based', passed: null, edit: (f) => { f.seriesCode = 'nope'; } },
  { name: 'unknown series: education-years not checked', rule: 'education-years', passed: null, edit: (f) => { f.seriesCode = 'nope'; } },
  { name: 'an unrecognisable education level fails rather than throws', rule: 'min-education', passed: false, message: /无法识别/, edit: (f) => { f.educations[0]!.level = 'phd' as never; } },

  // full-time: a policy switch citing the source the version names (off by default: the notice is silent)
  { name: '非全日制 fails when required', rule: 'full-time', passed: false, message: '考核认定须为全日制学历（某省级文件），申报人截至终算时间 2026-06-30 的学历均为非全日制，不能考核认定，可通过职称评审途径申报', edit: (f) => { f.educations[0]!.fullTime = false; }, policy: requireFullTime },
  { name: '全日制 passes', rule: 'full-time', passed: true, message: '按全日制本科（2025-06-20 毕业，土木工程），符合考核认定须为全日制学历的要求（某省级文件）', policy: requireFullTime },
  { name: 'off by default', rule: 'full-time', passed: true, message: '现行政策版本不要求全日制学历', edit: (f) => { f.educations[0]!.fullTime = false; } },
  { name: '非全日制 passes when the version does not require it', rule: 'full-time', passed: true, message: /不要求全日制/, edit: (f) => { f.educations[0]!.fullTime = false; }, policy: (p) => { p.parameters.fullTimeRequired = false; } },

  // 三、（二） major mismatch +1 year, 三、（七） full years to the cutoff
  { name: '本科 + 1 year, related → 助理级', rule: 'education-years', passed: true, highestLevel: 'assistant', message: '按全日制本科（2025-06-20 毕业，土木工程）：2025-06-30 起从事专业技术工作，至终算时间 2026-06-30 满 1 周年；所学专业与从事专业相同或相近，需满 1 周年，符合申报助理级条件' },
  { name: 'the example of the issue: unrelated, 0 years', rule: 'education-years', passed: false, highestLevel: null, message: '按全日制本科（2025-06-20 毕业，土木工程）：2025-07-01 起从事专业技术工作，至终算时间 2026-06-30 满 0 周年；所学专业与从事专业不相近，需满 2 周年（1 + 1），申报助理级尚差 2 周年；按学历资历尚不能认定任何层级', edit: (f) => { f.professionalWorkStart = '2025-07-01'; f.majorRelated = false; } },
  { name: '本科 unrelated, 1 year: not enough (1 + 1)', rule: 'education-years', passed: false, highestLevel: null, message: /满 1 周年；所学专业与从事专业不相近，需满 2 周年（1 \+ 1），申报助理级尚差 1 周年/, edit: (f) => { f.majorRelated = false; } },
  { name: '本科 unrelated, 2 years on the cutoff day: enough', rule: 'education-years', passed: true, highestLevel: 'assistant', edit: (f) => { f.majorRelated = false; f.professionalWorkStart = '2024-06-30'; f.educations[0]!.graduationDate = '2024-06-30'; } },
  { name: '本科 unrelated, one day short of 2 years', rule: 'education-years', passed: false, edit: (f) => { f.majorRelated = false; f.professionalWorkStart = '2024-07-01'; f.educations[0]!.graduationDate = '2024-06-30'; } },
  { name: 'anniversary on the cutoff day counts', rule: 'education-years', passed: true, edit: (f) => { f.professionalWorkStart = '2025-06-30'; } },
  { name: 'anniversary the day after the cutoff does not', rule: 'education-years', passed: false, message: /满 0 周年/, edit: (f) => { f.professionalWorkStart = '2025-07-01'; } },
  { name: 'work before graduation counts from graduation', rule: 'education-years', passed: false, message: /从事专业技术工作年限自毕业之日 2025-07-10 起算，至终算时间 2026-06-30 满 0 周年/, edit: (f) => { f.professionalWorkStart = '2020-01-01'; f.educations[0]!.graduationDate = '2025-07-10'; } },
  { name: 'started on 29 Feb: counts to 28 Feb', rule: 'education-years', passed: true, edit: (f) => { f.educations[0]!.graduationDate = '2024-02-29'; f.professionalWorkStart = '2024-02-29'; f.cutoffDate = '2025-02-28'; } },
  { name: 'cutoff before the start: 0 years', rule: 'education-years', passed: false, message: /满 0 周年/, edit: (f) => { f.professionalWorkStart = '2027-01-01'; } },
  { name: '中专 + 1 → 员级', rule: 'education-years', passed: true, highestLevel: 'junior', edit: (f) => { f.educations[0]!.level = 'secondary'; f.targetLevel = 'junior'; } },
  { name: '中专 cannot reach 助理级 at all', rule: 'education-years', passed: false, highestLevel: 'junior', message: /按政策版本的学历与年限对应表，中专学历不能认定助理级，按学历资历最高可认定员级/, edit: (f) => { f.educations[0]!.level = 'secondary'; f.professionalWorkStart = '2010-01-01'; f.educations[0]!.graduationDate = '2009-07-01'; } },
  { name: '大专 + 1 → 员级 only', rule: 'education-years', passed: false, highestLevel: 'junior', message: /需满 3 周年，申报助理级尚差 2 周年；按学历资历最高可认定员级/, edit: (f) => { f.educations[0]!.level = 'associate'; } },
  { name: '大专 + 3 → 助理级', rule: 'education-years', passed: true, highestLevel: 'assistant', edit: (f) => { f.educations[0]!.level = 'associate'; f.professionalWorkStart = '2023-06-30'; f.educations[0]!.graduationDate = '2023-06-30'; } },
  { name: '硕士 + 0 → 助理级', rule: 'education-years', passed: true, highestLevel: 'assistant', edit: (f) => { f.educations[0]!.level = 'master'; f.professionalWorkStart = '2026-06-01'; } },
  { name: '硕士 unrelated needs 1 year for 助理级', rule: 'education-years', passed: false, message: /需满 1 周年（0 \+ 1）/, edit: (f) => { f.educations[0]!.level = 'master'; f.professionalWorkStart = '2026-06-01'; f.majorRelated = false; } },
  { name: '硕士 + 3 → 中级', rule: 'education-years', passed: true, highestLevel: 'intermediate', edit: (f) => { f.educations[0]!.level = 'master'; f.targetLevel = 'intermediate'; f.professionalWorkStart = '2023-06-30'; f.educations[0]!.graduationDate = '2023-06-30'; } },
  { name: '硕士 + 2 → not yet 中级', rule: 'education-years', passed: false, highestLevel: 'assistant', edit: (f) => { f.educations[0]!.level = 'master'; f.targetLevel = 'intermediate'; f.professionalWorkStart = '2024-06-30'; f.educations[0]!.graduationDate = '2024-06-30'; } },
  { name: '第二学士学位 + 0 → 助理级', rule: 'education-years', passed: true, highestLevel: 'assistant', edit: (f) => { f.educations[0]!.level = 'secondBachelor'; f.professionalWorkStart = '2026-01-01'; } },
  { name: '研究生班 + 0 → 助理级', rule: 'education-years', passed: true, highestLevel: 'assistant', edit: (f) => { f.educations[0]!.level = 'postgradClass'; f.professionalWorkStart = '2026-01-01'; } },
  { name: 'the easiest route is stated whatever the row order', rule: 'education-years', passed: true, message: /需满 0 周年，符合申报助理级条件/, edit: (f) => { f.educations[0]!.level = 'master'; f.professionalWorkStart = '2026-06-01'; }, policy: (p) => { p.parameters.educationYears.reverse(); } },
  { name: '博士 → 中级', rule: 'education-years', passed: true, highestLevel: 'intermediate', edit: (f) => { f.educations[0]!.level = 'doctor'; f.targetLevel = 'intermediate'; f.professionalWorkStart = '2026-06-01'; } },
  { name: '博士 applying for 助理级 passes through the 中级 row', rule: 'education-years', passed: true, message: /（按中级的条件），符合申报助理级条件/, edit: (f) => { f.educations[0]!.level = 'doctor'; f.professionalWorkStart = '2026-06-01'; } },
  { name: '高校教师 has no 员级', rule: 'education-years', passed: false, message: /^该系列不设员级；/, edit: (f) => { f.seriesCode = 'universityTeacher'; f.targetLevel = 'junior'; } },
  { name: 'highestLevel ignores levels the series lacks', rule: 'education-years', passed: false, highestLevel: null, message: /按学历资历尚不能认定任何层级/, edit: (f) => { f.seriesCode = 'universityTeacher'; f.educations[0]!.level = 'associate'; } },
  { name: 'an unknown target level is reported, not thrown', rule: 'education-years', passed: false, message: /该系列不设senior/, edit: (f) => { f.targetLevel = 'senior' as never; } },
  { name: 'an invalid date fails with a message', rule: 'education-years', passed: false, highestLevel: null, message: '日期“2026-02-30”不是有效日期（应为 YYYY-MM-DD），无法计算工作年限', edit: (f) => { f.cutoffDate = '2026-02-30'; } },
  { name: 'an edited table applies (三、（八）: the newest policy prevails)', rule: 'education-years', passed: false, message: /需满 2 周年/, policy: (p) => { p.parameters.educationYears = p.parameters.educationYears.map((r) => r.education === 'bachelor' ? { ...r, years: 2 } : r,); } },
  { name: 'an edited mismatch extension applies', rule: 'education-years', passed: false, message: /需满 3 周年（1 \+ 2）/, edit: (f) => { f.majorRelated = false; }, policy: (p) => { p.parameters.mismatchExtraYears = 2; } },

  // 三、（三） vocational teachers
  { name: '职业高中 teacher in 中小学教师 series fails', rule: 'vocational-teacher', passed: false, message: /职业高中\/中等职业学校教师不再参加中小学教师系列及其他系列职称评审/, edit: (f) => { f.seriesCode = 'schoolTeacher'; f.employer.kind = 'vocationalSchool'; } },
  { name: '职业教育教研机构 in 工程 fails', rule: 'vocational-teacher', passed: false, edit: (f) => { f.employer.kind = 'vocationalResearch'; } },
  { name: '职业高中 teacher in 中职教师 series passes', rule: 'vocational-teacher', passed: true, message: /申报中等职业学校教师系列，符合/, edit: (f) => { f.seriesCode = 'vocationalTeacher'; f.employer.kind = 'vocationalSchool'; } },
  { name: 'an employer kind the version added but the contract lacks is named by its code', rule: 'vocational-teacher', passed: false, message: /^college教师不再参加/, edit: (f) => { f.employer.kind = 'college' as never; }, policy: (p) => { (p.parameters.vocationalEmployerKinds as string[]).push('college'); } },
  { name: '中小学 teacher in 中小学教师 series is unaffected', rule: 'vocational-teacher', passed: true, edit: (f) => { f.seriesCode = 'schoolTeacher'; f.employer.kind = 'school'; } },

  // 三、（四） social insurance
  { name: 'same unit name (trimmed) passes', rule: 'social-insurance', passed: true, message: '参保单位与申报单位名称一致（赣州建工集团有限公司）', edit: (f) => { f.socialInsurance = { insuredUnitName: ' 赣州建工集团有限公司 ', hasAffiliationProof: false }; f.employer.name = '赣州建工集团有限公司  '; } },
  { name: 'different unit with affiliation proof passes', rule: 'social-insurance', passed: true, message: /须在“其他”栏上传加盖两者公章的隶属关系证明：已提供/, edit: (f) => { f.socialInsurance = { insuredUnitName: '赣州建工集团', hasAffiliationProof: true }; } },
  { name: 'different unit without proof fails', rule: 'social-insurance', passed: false, message: '参保单位“赣州建工集团”与申报单位“赣州建工集团有限公司”名称不一致，须在“其他”栏上传申报单位和参保单位隶属关系证明（加盖两者公章）', edit: (f) => { f.socialInsurance = { insuredUnitName: '赣州建工集团', hasAffiliationProof: false }; } },

  // 三、（五） practice licence first
  { name: '中小学教师 without 教师资格 fails', rule: 'practice-licence', passed: false, message: '该系列有从业准入要求，须先取得教师资格，方可考核认定', edit: (f) => { f.seriesCode = 'schoolTeacher'; } },
  { name: '中小学教师 with 教师资格 passes', rule: 'practice-licence', passed: true, message: '已取得教师资格', edit: (f) => { f.seriesCode = 'schoolTeacher'; f.practiceLicences = ['普通话证书', ' 教师资格 ']; } },
  { name: 'a different licence does not count', rule: 'practice-licence', passed: false, edit: (f) => { f.seriesCode = 'universityTeacher'; f.practiceLicences = ['教师资格']; } },
  { name: '工程 needs no licence', rule: 'practice-licence', passed: true, message: '该系列无从业准入要求' },

  // 三、（六） exam-based and non-state 工程
  { name: '会计 is 以考代评', rule: 'exam-based', passed: false, message: /以考代评”，不得考核认定/, edit: (f) => { f.seriesCode = 'accounting'; } },
  { name: '工程 is not exam-based', rule: 'exam-based', passed: true },
  { name: '非国有企业 工程 fails', rule: 'non-state-engineering', passed: false, message: '非国有企业工程专业技术资格不组织考核认定', edit: (f) => { f.employer.ownership = 'nonState'; } },
  { name: '国有企业 工程 passes', rule: 'non-state-engineering', passed: true, message: /国有单位/ },
  { name: '非国有企业 in 农业 passes', rule: 'non-state-engineering', passed: true, message: '该系列不受非国有企业限制', edit: (f) => { f.seriesCode = 'agriculture'; f.employer.ownership = 'nonState'; } },

  // 四、（四） blacklist
  { name: 'listed with reason and end date', rule: 'blacklist', passed: false, message: '已被列入职称申报“黑名单”（原因：材料弄虚作假，期限至 2028-12-31），期间不得申报', edit: (f) => { f.blacklisted = { listed: true, until: '2028-12-31', reason: '材料弄虚作假' }; } },
  { name: 'listed without details', rule: 'blacklist', passed: false, message: '已被列入职称申报“黑名单”，期间不得申报', edit: (f) => { f.blacklisted = { listed: true, until: null, reason: null }; } },
  { name: 'not listed', rule: 'blacklist', passed: true, message: '未被列入职称申报“黑名单”' },
  { name: 'no ID number: not checked', rule: 'blacklist', passed: null, message: '未提供身份证号码，未核查黑名单', edit: (f) => { delete f.blacklisted; } },
];

describe('evaluateEligibility: rules', () => {
  it.each(cases)('$rule: $name', (c) => {
    const result = run(c.edit, c.policy);
    const got = ruleOf(result, c.rule);
    expect(got.passed).toBe(c.passed);
    if (typeof c.message === 'string') expect(got.message).toBe(c.message);
    else if (c.message) expect(got.message).toMatch(c.message);
    if (c.highestLevel !== undefined) expect(result.highestLevel).toBe(c.highestLevel);
    expect(result.checks.map((x) => x.rule)).toEqual([...ruleIds]);
    expect(result.eligible).toBe(result.checks.every((x) => x.passed !== false));
    if (c.passed === false) expect(result.eligible).toBe(false);
  });
});

describe('issue 11: the rules exactly as the notice says', () => {
  const bachelor2015 = {
    level: 'bachelor' as const,
    fullTime: true,
    graduationDate: '2015-07-01',
    major: '土木工程',
  };
  const partTimeMaster = {
    level: 'master' as const,
    fullTime: false,
    graduationDate: '2025-01-10',
    major: '工程管理',
  };

  it('三、（七）: a 硕士 graduating after the cutoff does not count (0 ≥ 0 no longer passes)', () => {
    const r = run((f) => {
      f.educations = [{ level: 'master', fullTime: true, graduationDate: '2026-07-01', major: '土木工程' }];
      f.professionalWorkStart = '2026-07-01';
    });
    expect(r).toMatchObject({ eligible: false, highestLevel: null, educationUsed: null });
    expect(ruleOf(r, 'education-years').message).toMatch(
      /全日制硕士研究生（2026-07-01 毕业，土木工程）晚于终算时间 2026-06-30，按三、（七）学历、学位计算至终算时间，不计入/,
    );
  });

  it('三、（七）: an earlier education still counts when a later one is after the cutoff', () => {
    const r = run((f) => {
      f.educations = [
        { level: 'master', fullTime: true, graduationDate: '2026-07-01' },
        { level: 'bachelor', fullTime: true, graduationDate: '2025-06-20' },
      ];
    });
    expect(r).toMatchObject({ eligible: true, highestLevel: 'assistant', educationUsed: 1 });
  });

  it('every education counts: a later part-time course does not spoil an earlier full-time degree', () => {
    const r = run((f) => {
      f.educations = [partTimeMaster, bachelor2015];
      f.professionalWorkStart = '2015-07-01';
    }, requireFullTime);
    expect(r.eligible).toBe(true);
    expect(r.educationUsed).toBe(1);
    expect(ruleOf(r, 'full-time').message).toMatch(/按全日制本科（2015-07-01 毕业，土木工程）/);
    expect(ruleOf(r, 'education-years').message).toMatch(/^按全日制本科（2015-07-01 毕业，土木工程）：/);
    expect(ruleOf(r, 'education-years').message).toMatch(
      /非全日制硕士研究生（2025-01-10 毕业，工程管理）为非全日制学历，不作为考核认定依据/,
    );
  });

  it('the highest education that satisfies each rule is used (a 硕士 reaching 中级 over an older 本科)', () => {
    const r = run((f) => {
      f.targetLevel = 'intermediate';
      f.educations = [bachelor2015, { level: 'master', fullTime: true, graduationDate: '2022-06-30' }];
      f.professionalWorkStart = '2015-07-01';
    });
    expect(r).toMatchObject({ eligible: true, highestLevel: 'intermediate', educationUsed: 1 });
  });

  it('三、（三）concerns teachers only: a lab technician of a 职业高中 may apply as 实验技术', () => {
    const technician = run((f) => {
      f.seriesCode = 'laboratory';
      f.employer.kind = 'vocationalSchool';
      f.post = 'other';
    });
    expect(ruleOf(technician, 'vocational-teacher').passed).toBe(true);
    const teacher = run((f) => {
      f.seriesCode = 'laboratory';
      f.employer.kind = 'vocationalSchool';
      f.post = 'teacher';
    });
    expect(ruleOf(teacher, 'vocational-teacher').passed).toBe(false);
  });

  it('三、（六）concerns enterprises: a non-state 民办非企业 institute may apply for 工程; unknown ownership cannot pass', () => {
    const institute = run((f) => {
      f.employer = { name: '赣州稀土应用研究院', ownership: 'nonState', kind: 'publicInstitution' };
    });
    expect(ruleOf(institute, 'non-state-engineering').passed).toBe(true);
    const unknown = run((f) => {
      f.employer = { name: '赣州人才服务中心', ownership: null, kind: 'other' };
    });
    expect(ruleOf(unknown, 'non-state-engineering')).toMatchObject({
      passed: false,
      message: /实际工作单位/,
    });
  });
});
