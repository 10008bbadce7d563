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
  EducationFact,
  EducationYearsRow,
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

/** The clause of the notice (or the document) each rule comes from; `full-time` cites the version's source. */
const CLAUSES: Record<RuleId, string> = {
  'min-education': '三、（一）',
  'full-time': '政策版本',
  'education-years': '三、（二）、（七）',
  'vocational-teacher': '三、（三）',
  'practice-licence': '三、（五）',
  'exam-based': '三、（六）',
  'non-state-engineering': '三、（六）',
  'social-insurance': '三、（四）',
  blacklist: '四、（四）',
};

const check = (rule: RuleId, passed: boolean | null, message: string, clause = CLAUSES[rule]): RuleCheck => ({
  rule,
  passed,
  message,
  clause,
});

const UNKNOWN_SERIES_NOTE = '系列未知，未核验';

/** One education with its place in `facts.educations`. */
interface Candidate {
  index: number;
  e: EducationFact;
  rank: number;
}

/** e.g. 全日制本科（2015-07-01 毕业，土木工程） — how a message names the education it used. */
const educationLabel = (e: EducationFact): string =>
  `${e.fullTime ? '全日制' : '非全日制'}${educationName(e.level)}（${e.graduationDate} 毕业${
    e.major?.trim() ? `，${e.major.trim()}` : ''
  }）`;

/**
 * Which educations count (三、（七）: obtained by the cutoff) and which of them the rules may use: with
 * full-time required, only full-time ones (a later part-time course does not replace an earlier
 * full-time degree, nor spoil it).
 */
interface EducationPools {
  counted: Candidate[];
  /** Obtained after the cutoff (or with an unreadable date): named and left out. */
  late: Candidate[];
  invalid: Candidate[];
  /** The counted ones the rules may use: full-time ones when required and there are any. */
  usable: Candidate[];
  /** A sentence naming what was left out, or ''. */
  leftOut: string;
}

function educationPools(facts: ApplicantFacts, p: PolicyParameters): EducationPools {
  const all = (facts.educations ?? []).map((e, index) => ({
    index,
    e,
    rank: educationRank(e.level) ?? -1,
  }));
  const cutoffOk = isCalendarDate(facts.cutoffDate);
  const invalid = all.filter((c) => !isCalendarDate(c.e.graduationDate));
  const late = all.filter(
    (c) => isCalendarDate(c.e.graduationDate) && cutoffOk && c.e.graduationDate > facts.cutoffDate,
  );
  const counted = all.filter((c) => !invalid.includes(c) && !late.includes(c));
  const fullTime = counted.filter((c) => c.e.fullTime);
  const usable = p.fullTimeRequired && fullTime.length > 0 ? fullTime : counted;
  const notes: string[] = late.map(
    (c) =>
      `${educationLabel(c.e)}晚于终算时间 ${facts.cutoffDate}，按三、（七）学历、学位计算至终算时间，不计入`,
  );
  if (p.fullTimeRequired && fullTime.length > 0) {
    for (const c of counted.filter((x) => !x.e.fullTime))
      notes.push(`${educationLabel(c.e)}为非全日制学历，不作为考核认定依据`);
  }
  return { counted, late, invalid, usable, leftOut: notes.join('；') };
}

const withNote = (message: string, note: string) => (note ? `${message}（${note}）` : message);

/** The highest-ranked of some educations; ties: the earlier graduation. */
const highestOf = (cs: Candidate[]): Candidate | undefined =>
  [...cs].sort((a, b) => b.rank - a.rank || a.e.graduationDate.localeCompare(b.e.graduationDate))[0];

function minEducation(
  facts: ApplicantFacts,
  series: SeriesPolicy | undefined,
  policy: PolicyVersion,
  pools: EducationPools,
): RuleCheck {
  if (!series) {
    return check(
      'min-education',
      false,
      `系列代码“${facts.seriesCode}”不在政策版本“${policy.code}”的系列目录中，无法判断申报条件，请从系列目录中选择`,
    );
  }
  const required = educationName(series.minEducation);
  const requiredRank = educationRank(series.minEducation);
  const unknown = pools.usable.find((c) => educationRank(c.e.level) === undefined);
  if (unknown || requiredRank === undefined) {
    return check(
      'min-education',
      false,
      `学历“${educationName(unknown?.e.level ?? '')}”或最低学历要求“${required}”无法识别`,
    );
  }
  const best = highestOf(pools.usable);
  if (!best) {
    const none =
      pools.late.length > 0
        ? `截至终算时间 ${facts.cutoffDate} 尚未取得学历`
        : '未填写可计算的学历（学历层次和毕业时间）';
    return check(
      'min-education',
      false,
      withNote(`该系列最低学历要求${required}，${none}，不符合`, pools.leftOut),
    );
  }
  const have = educationLabel(best.e);
  return best.rank >= requiredRank
    ? check(
        'min-education',
        true,
        withNote(`该系列最低学历要求${required}，按申报人${have}，符合`, pools.leftOut),
      )
    : check(
        'min-education',
        false,
        withNote(`该系列最低学历要求${required}及以上，申报人最高学历为${have}，不符合`, pools.leftOut),
      );
}

function fullTime(facts: ApplicantFacts, p: PolicyParameters, pools: EducationPools): RuleCheck {
  const source = p.fullTimeSource?.trim() || null;
  if (!p.fullTimeRequired) return check('full-time', true, '现行政策版本不要求全日制学历', '政策版本');
  const clause = source ?? '政策版本';
  const cite = source ? `（${source}）` : '';
  const fullTimeOnes = pools.counted.filter((c) => c.e.fullTime);
  const best = highestOf(fullTimeOnes);
  if (best)
    return check(
      'full-time',
      true,
      `按${educationLabel(best.e)}，符合考核认定须为全日制学历的要求${cite}`,
      clause,
    );
  const none =
    pools.counted.length > 0
      ? `申报人截至终算时间 ${facts.cutoffDate} 的学历均为非全日制`
      : `截至终算时间 ${facts.cutoffDate} 尚无可计入的学历`;
  return check(
    'full-time',
    false,
    `考核认定须为全日制学历${cite}，${none}，不能考核认定，可通过职称评审途径申报`,
    clause,
  );
}

interface YearsOutcome {
  check: RuleCheck;
  highestLevel: LevelCode | null;
  used: Candidate | null;
}

/** What one education reaches: the full years it counts and the highest level. */
interface Reach {
  c: Candidate;
  countFrom: string;
  years: number;
  highestLevel: LevelCode | null;
  rows: EducationYearsRow[];
}

/** 三、（二）、（七）: the level the education and full years reach, and whether it covers the target. */
function educationYears(
  facts: ApplicantFacts,
  series: SeriesPolicy | undefined,
  p: PolicyParameters,
  pools: EducationPools,
): YearsOutcome {
  if (!series)
    return { check: check('education-years', null, UNKNOWN_SERIES_NOTE), highestLevel: null, used: null };
  const { professionalWorkStart, cutoffDate, targetLevel } = facts;
  const badDate = [
    ...(facts.educations ?? []).map((e) => e.graduationDate),
    professionalWorkStart,
    cutoffDate,
  ].find((d) => !isCalendarDate(d));
  if (badDate !== undefined) {
    return {
      check: check(
        'education-years',
        false,
        `日期“${badDate}”不是有效日期（应为 YYYY-MM-DD），无法计算工作年限`,
      ),
      highestLevel: null,
      used: null,
    };
  }
  if (pools.usable.length === 0) {
    const none =
      pools.late.length > 0
        ? `截至终算时间 ${cutoffDate} 尚未取得学历，学历、资历均计算至终算时间`
        : '未填写可计算的学历（学历层次和毕业时间）';
    return {
      check: check(
        'education-years',
        false,
        withNote(`${none}，按学历资历尚不能认定任何层级`, pools.leftOut),
      ),
      highestLevel: null,
      used: null,
    };
  }

  const extra = facts.majorRelated ? 0 : p.mismatchExtraYears;
  const needed = (rowYears: number) => rowYears + extra;
  const inSeries = (l: LevelCode) => series.levels.includes(l);
  const targetRank = levelRank(targetLevel);

  const reachOf = (c: Candidate): Reach => {
    // Years count from the start of professional work, but never from before graduation.
    const countFrom = professionalWorkStart > c.e.graduationDate ? professionalWorkStart : c.e.graduationDate;
    const years = fullYearsBetween(countFrom, cutoffDate);
    // Only levels the series has: a row for 员级 is no route in a series without 员级.
    const rows = p.educationYears.filter((r) => r.education === c.e.level && inSeries(r.level));
    let highestLevel: LevelCode | null = null;
    for (const r of rows) {
      if (
        years >= needed(r.years) &&
        (highestLevel === null || LEVEL_RANK[r.level] > LEVEL_RANK[highestLevel])
      ) {
        highestLevel = r.level;
      }
    }
    return { c, countFrom, years, highestLevel, rows };
  };
  // Educations below the series' minimum are no route when another one meets it (三、（一））.
  const requiredRank = educationRank(series.minEducation) ?? -1;
  const meetingMin = pools.usable.filter((c) => c.rank >= requiredRank);
  const reaches = (meetingMin.length > 0 ? meetingMin : pools.usable).map(reachOf);
  const rankOfLevel = (l: LevelCode | null) => (l === null ? -1 : LEVEL_RANK[l]);
  const covers = (r: Reach) =>
    targetRank !== undefined && r.highestLevel !== null && LEVEL_RANK[r.highestLevel] >= targetRank;
  // The one that meets the target, else reaches the highest level, else the highest education.
  const best = [...reaches].sort(
    (a, b) =>
      Number(covers(b)) - Number(covers(a)) ||
      rankOfLevel(b.highestLevel) - rankOfLevel(a.highestLevel) ||
      b.c.rank - a.c.rank ||
      a.c.e.graduationDate.localeCompare(b.c.e.graduationDate),
  )[0]!;
  const highestLevel = reaches.reduce<LevelCode | null>(
    (h, r) => (rankOfLevel(r.highestLevel) > rankOfLevel(h) ? r.highestLevel : h),
    null,
  );
  const { years, countFrom, rows } = best;
  const edu = educationName(best.c.e.level);
  const start =
    countFrom === professionalWorkStart
      ? `${professionalWorkStart} 起从事专业技术工作`
      : `从事专业技术工作年限自毕业之日 ${countFrom} 起算`;
  const facts1 = `按${educationLabel(best.c.e)}：${start}，至终算时间 ${cutoffDate} 满 ${years} 周年`;
  const reach = highestLevel
    ? `按学历资历最高可认定${levelName(highestLevel)}`
    : '按学历资历尚不能认定任何层级';
  const done = (passed: boolean, message: string): YearsOutcome => ({
    check: check('education-years', passed, withNote(message, pools.leftOut)),
    highestLevel,
    used: best.c,
  });

  if (targetRank === undefined || !inSeries(targetLevel)) {
    return done(false, `该系列不设${levelName(targetLevel)}；${facts1}，${reach}`);
  }
  // The rows that lead to the target level or above: the easiest of them is the requirement to state.
  const routes = rows.filter((r) => LEVEL_RANK[r.level] >= targetRank);
  if (routes.length === 0) {
    return done(
      false,
      `${facts1}；按政策版本的学历与年限对应表，${edu}学历不能认定${levelName(targetLevel)}，${reach}`,
    );
  }
  const easiest = routes.reduce((a, b) => (needed(b.years) < needed(a.years) ? b : a));
  const need = needed(easiest.years);
  const mismatch = facts.majorRelated
    ? `所学专业与从事专业相同或相近，需满 ${need} 周年`
    : `所学专业与从事专业不相近，需满 ${need} 周年（${easiest.years} + ${extra}）`;
  const via = easiest.level === targetLevel ? '' : `（按${levelName(easiest.level)}的条件）`;
  const passed = covers(best);
  const verdict = passed
    ? `，符合申报${levelName(targetLevel)}条件`
    : `，申报${levelName(targetLevel)}尚差 ${need - years} 周年；${reach}`;
  return done(passed, `${facts1}；${mismatch}${via}${verdict}`);
}

/** 三、（三）: teachers of 职业高中 and 职业教育教研机构 apply only in the 中职教师 series. */
function vocationalTeacher(facts: ApplicantFacts, p: PolicyParameters): RuleCheck {
  const kind = facts.employer.kind;
  if (!p.vocationalEmployerKinds.includes(kind)) {
    return check('vocational-teacher', true, '申报单位不属于职业高中、职业教育教研机构，不受此项限制');
  }
  const unit = own(employerKindNames, kind) ?? kind;
  // The clause concerns teachers; other professionals there (实验技术, 图书资料 …) use their own series.
  if (facts.post === 'other') {
    return check(
      'vocational-teacher',
      true,
      `${unit}其他专业技术岗位人员（非教师岗）按从事专业申报相应系列，三、（三）只限制教师，不受此项限制`,
    );
  }
  return facts.seriesCode === p.vocationalTeacherSeries
    ? check('vocational-teacher', true, `${unit}教师申报中等职业学校教师系列，符合`)
    : check(
        'vocational-teacher',
        false,
        `${unit}教师不再参加中小学教师系列及其他系列职称评审，只能申报中等职业学校教师系列（系列代码 ${p.vocationalTeacherSeries}，赣人社字〔2022〕267号）；非教师岗的专业技术人员请将岗位选为“其他专业技术岗”`,
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

/** 三、（六）: 工程 is not recognised for non-state *enterprises* (not for every non-state employer). */
function nonStateEngineering(facts: ApplicantFacts, p: PolicyParameters): RuleCheck {
  if (!p.nonStateExcludedSeries.includes(facts.seriesCode)) {
    return check('non-state-engineering', true, '该系列不受非国有企业限制');
  }
  const { ownership, kind } = facts.employer;
  const unit = own(employerKindNames, kind) ?? kind;
  if (ownership !== 'state' && ownership !== 'nonState') {
    return check(
      'non-state-engineering',
      false,
      '未说明实际工作单位的所有制性质（国有/非国有），无法判断是否属于非国有企业；人事代理机构托管人员请填写实际工作单位的性质和类型',
    );
  }
  if (ownership === 'state') return check('non-state-engineering', true, '国有单位申报，不受非国有企业限制');
  return kind === 'enterprise'
    ? check('non-state-engineering', false, '非国有企业工程专业技术资格不组织考核认定')
    : check(
        'non-state-engineering',
        true,
        `申报单位为非国有${unit}，不是企业，不受“非国有企业工程专业技术资格不组织考核认定”的限制`,
      );
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
  const pools = educationPools(facts, p);
  const years = educationYears(facts, series, p, pools);
  // The order is the contract's order of rule ids.
  const checks: RuleCheck[] = [
    minEducation(facts, series, policy, pools),
    fullTime(facts, p, pools),
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
    educationUsed: (years.used ?? highestOf(pools.usable))?.index ?? null,
  };
}
