/**
 * The eligibility engine (三、认定条件 of 赣市人社字〔2026〕5号): facts + a policy version in, one
 * explained verdict per rule out. Pure and synchronous, so the anonymous pre-check and the reviewer's
 * view of a submitted application get the same answer from the same code. It never throws: whatever
 * it cannot judge is reported as a failed or "not checked" rule with a message saying why.
 */
import { educationNames, employerKindNames, levelNames } from '../../contract/common.js';
import type { EducationLevel, LevelCode } from '../../contract/common.js';
import { fullYearsBetween, isCalendarDate } from '../full-years.js';
import type {
  ApplicantFacts,
  EligibilityResult,
  PolicyParameters,
  PolicyVersion,
  RuleCheck,
  RuleId,
  SeriesPolicy,
} from './policy-types.js';

/**
 * Education levels, lowest first. 第二学士学位 and 研究生班 share a rank: both are above 本科 and
 * below 硕士, and neither outranks the other for a minimum-education test.
 */
export const EDUCATION_RANK: Readonly<Record<EducationLevel, number>> = {
  secondary: 0,
  associate: 1,
  bachelor: 2,
  secondBachelor: 3,
  postgradClass: 3,
  master: 4,
  doctor: 5,
};

export const LEVEL_RANK: Readonly<Record<LevelCode, number>> = { junior: 0, assistant: 1, intermediate: 2 };

// Lookups through hasOwn so that a series code like "constructor" or an unexpected enum value is
// "unknown", never a property inherited from Object.prototype.
const own = <T>(record: Readonly<Record<string, T>>, key: string): T | undefined =>
  Object.hasOwn(record, key) ? record[key] : undefined;
const educationRank = (e: string): number | undefined => own(EDUCATION_RANK, e);
const levelRank = (l: string): number | undefined => own(LEVEL_RANK, l);
const educationName = (e: string): string => own(educationNames, e) ?? e;
const levelName = (l: string): string => own(levelNames, l) ?? l;

const CLAUSES: Record<RuleId, string> = {
  'min-education': '三、（一）',
  // The notice itself is silent on 全日制; the requirement comes from 江西省职称考核认定办法.
  'full-time': '赣人社规〔2025〕3号',
  'education-years': '三、（二）、（七）',
  'vocational-teacher': '三、（三）',
  'practice-licence': '三、（五）',
  'exam-based': '三、（六）',
  'non-state-engineering': '三、（六）',
  'social-insurance': '三、（四）',
  blacklist: '四、（四）',
};

const check = (rule: RuleId, passed: boolean | null, message: string): RuleCheck => ({
  rule,
  passed,
  message,
  clause: CLAUSES[rule],
});

const UNKNOWN_SERIES_NOTE = '系列未知，未核验';

function minEducation(
  facts: ApplicantFacts,
  series: SeriesPolicy | undefined,
  policy: PolicyVersion,
): RuleCheck {
  if (!series) {
    return check(
      'min-education',
      false,
      `系列代码“${facts.seriesCode}”不在政策版本“${policy.code}”的系列目录中，无法判断申报条件，请从系列目录中选择`,
    );
  }
  const required = educationName(series.minEducation);
  const have = educationName(facts.education.level);
  const haveRank = educationRank(facts.education.level);
  const requiredRank = educationRank(series.minEducation);
  if (haveRank === undefined || requiredRank === undefined) {
    return check('min-education', false, `学历“${have}”或最低学历要求“${required}”无法识别`);
  }
  return haveRank >= requiredRank
    ? check('min-education', true, `该系列最低学历要求${required}，申报人学历为${have}，符合`)
    : check('min-education', false, `该系列最低学历要求${required}及以上，申报人学历为${have}，不符合`);
}

function fullTime(facts: ApplicantFacts, p: PolicyParameters): RuleCheck {
  if (!p.fullTimeRequired) return check('full-time', true, '现行政策版本不要求全日制学历');
  return facts.education.fullTime
    ? check('full-time', true, '全日制学历，符合考核认定要求')
    : check(
        'full-time',
        false,
        '考核认定须为全日制学历（《江西省职称考核认定办法》），非全日制学历不能考核认定，可通过职称评审途径申报',
      );
}

interface YearsOutcome {
  check: RuleCheck;
  highestLevel: LevelCode | null;
}

/** 三、（二）、（七）: the level the education and full years reach, and whether it covers the target. */
function educationYears(
  facts: ApplicantFacts,
  series: SeriesPolicy | undefined,
  p: PolicyParameters,
): YearsOutcome {
  if (!series) return { check: check('education-years', null, UNKNOWN_SERIES_NOTE), highestLevel: null };
  const { graduationDate } = facts.education;
  const { professionalWorkStart, cutoffDate, targetLevel } = facts;
  const badDate = [graduationDate, professionalWorkStart, cutoffDate].find((d) => !isCalendarDate(d));
  if (badDate !== undefined) {
    return {
      check: check(
        'education-years',
        false,
        `日期“${badDate}”不是有效日期（应为 YYYY-MM-DD），无法计算工作年限`,
      ),
      highestLevel: null,
    };
  }

  // Years count from the start of professional work, but never from before graduation.
  const countFrom = professionalWorkStart > graduationDate ? professionalWorkStart : graduationDate;
  const years = fullYearsBetween(countFrom, cutoffDate);
  const extra = facts.majorRelated ? 0 : p.mismatchExtraYears;
  const needed = (rowYears: number) => rowYears + extra;

  const inSeries = (l: LevelCode) => series.levels.includes(l);
  // Only levels the series has: a row for 员级 is no route in a series without 员级.
  const rows = p.educationYears.filter((r) => r.education === facts.education.level && inSeries(r.level));
  let highestLevel: LevelCode | null = null;
  for (const r of rows) {
    if (
      years >= needed(r.years) &&
      (highestLevel === null || LEVEL_RANK[r.level] > LEVEL_RANK[highestLevel])
    ) {
      highestLevel = r.level;
    }
  }

  const edu = educationName(facts.education.level);
  const start =
    countFrom === professionalWorkStart
      ? `${professionalWorkStart} 起从事专业技术工作`
      : `从事专业技术工作年限自毕业之日 ${graduationDate} 起算`;
  const facts1 = `${edu}毕业，${start}，至 ${cutoffDate} 满 ${years} 周年`;
  const reach = highestLevel
    ? `按学历资历最高可认定${levelName(highestLevel)}`
    : '按学历资历尚不能认定任何层级';

  const targetRank = levelRank(targetLevel);
  if (targetRank === undefined || !inSeries(targetLevel)) {
    return {
      check: check('education-years', false, `该系列不设${levelName(targetLevel)}；${facts1}，${reach}`),
      highestLevel,
    };
  }
  // The rows that lead to the target level or above: the easiest of them is the requirement to state.
  const routes = rows.filter((r) => LEVEL_RANK[r.level] >= targetRank);
  if (routes.length === 0) {
    return {
      check: check(
        'education-years',
        false,
        `${facts1}；按政策版本的学历与年限对应表，${edu}学历不能认定${levelName(targetLevel)}，${reach}`,
      ),
      highestLevel,
    };
  }
  const easiest = routes.reduce((a, b) => (needed(b.years) < needed(a.years) ? b : a));
  const need = needed(easiest.years);
  const mismatch = facts.majorRelated
    ? `所学专业与从事专业相同或相近，需满 ${need} 周年`
    : `所学专业与从事专业不相近，需满 ${need} 周年（${easiest.years} + ${extra}）`;
  const via = easiest.level === targetLevel ? '' : `（按${levelName(easiest.level)}的条件）`;
  const passed = highestLevel !== null && LEVEL_RANK[highestLevel] >= targetRank;
  const verdict = passed
    ? `，符合申报${levelName(targetLevel)}条件`
    : `，申报${levelName(targetLevel)}尚差 ${need - years} 周年；${reach}`;
  return { check: check('education-years', passed, `${facts1}；${mismatch}${via}${verdict}`), highestLevel };
}

function vocationalTeacher(facts: ApplicantFacts, p: PolicyParameters): RuleCheck {
  const kind = facts.employer.kind;
  if (!p.vocationalEmployerKinds.includes(kind)) {
    return check('vocational-teacher', true, '申报单位不属于职业高中、职业教育教研机构，不受此项限制');
  }
  const unit = own(employerKindNames, kind) ?? kind;
  return facts.seriesCode === p.vocationalTeacherSeries
    ? check('vocational-teacher', true, `${unit}教师申报中等职业学校教师系列，符合`)
    : check(
        'vocational-teacher',
        false,
        `${unit}教师不再参加中小学教师系列及其他系列职称评审，只能申报中等职业学校教师系列（系列代码 ${p.vocationalTeacherSeries}，赣人社字〔2022〕267号）`,
      );
}

function practiceLicence(facts: ApplicantFacts, series: SeriesPolicy | undefined): RuleCheck {
  if (!series) return check('practice-licence', null, UNKNOWN_SERIES_NOTE);
  const required = series.practiceLicence;
  if (required === null) return check('practice-licence', true, '该系列无从业准入要求');
  const held = facts.practiceLicences.some((l) => l.trim() === required.trim());
  return held
    ? check('practice-licence', true, `已取得${required}`)
    : check('practice-licence', false, `该系列有从业准入要求，须先取得${required}，方可考核认定`);
}

function examBased(series: SeriesPolicy | undefined): RuleCheck {
  if (!series) return check('exam-based', null, UNKNOWN_SERIES_NOTE);
  return series.examBased
    ? check('exam-based', false, '该系列已实行“以考代评”，不得考核认定，请参加全国统一考试取得资格')
    : check('exam-based', true, '该系列未实行“以考代评”');
}

function nonStateEngineering(facts: ApplicantFacts, p: PolicyParameters): RuleCheck {
  if (!p.nonStateExcludedSeries.includes(facts.seriesCode)) {
    return check('non-state-engineering', true, '该系列不受非国有企业限制');
  }
  return facts.employer.ownership === 'nonState'
    ? check('non-state-engineering', false, '非国有企业工程专业技术资格不组织考核认定')
    : check('non-state-engineering', true, '国有单位申报，不受非国有企业限制');
}

function socialInsurance(facts: ApplicantFacts): RuleCheck {
  const si = facts.socialInsurance;
  if (!si) return check('social-insurance', null, '未提供社保信息，未核验');
  const insured = si.insuredUnitName.trim();
  const employer = facts.employer.name.trim();
  if (insured === employer)
    return check('social-insurance', true, `参保单位与申报单位名称一致（${employer}）`);
  return si.hasAffiliationProof
    ? check(
        'social-insurance',
        true,
        `参保单位“${insured}”与申报单位“${employer}”名称不一致，须在“其他”栏上传加盖两者公章的隶属关系证明：已提供`,
      )
    : check(
        'social-insurance',
        false,
        `参保单位“${insured}”与申报单位“${employer}”名称不一致，须在“其他”栏上传申报单位和参保单位隶属关系证明（加盖两者公章）`,
      );
}

function blacklist(facts: ApplicantFacts): RuleCheck {
  const b = facts.blacklisted;
  if (!b) return check('blacklist', null, '未提供身份证号码，未核查黑名单');
  if (!b.listed) return check('blacklist', true, '未被列入职称申报“黑名单”');
  const details = [b.reason ? `原因：${b.reason}` : '', b.until ? `期限至 ${b.until}` : '']
    .filter(Boolean)
    .join('，');
  return check(
    'blacklist',
    false,
    `已被列入职称申报“黑名单”${details ? `（${details}）` : ''}，期间不得申报`,
  );
}

export function evaluateEligibility(facts: ApplicantFacts, policy: PolicyVersion): EligibilityResult {
  const p = policy.parameters;
  const series = own(p.series, facts.seriesCode);
  const years = educationYears(facts, series, p);
  // The order is the contract's order of rule ids.
  const checks: RuleCheck[] = [
    minEducation(facts, series, policy),
    fullTime(facts, p),
    years.check,
    vocationalTeacher(facts, p),
    practiceLicence(facts, series),
    examBased(series),
    nonStateEngineering(facts, p),
    socialInsurance(facts),
    blacklist(facts),
  ];
  return {
    // "Not checked" (null) does not block; only an explicit failure does.
    eligible: checks.every((c) => c.passed !== false),
    highestLevel: years.highestLevel,
    policyVersion: policy.code,
    checks,
  };
}
