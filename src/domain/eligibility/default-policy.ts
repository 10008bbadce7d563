/**
 * The default policy version (SPEC §4) built from the series catalogue, and the checks a title
 * office's edited version must pass before it is saved or published. Pure: no I/O.
 */
import { EmployerKind, educationLevels, levelCodes } from '../../contract/common.js';
import type { EducationLevel, LevelCode } from '../../contract/common.js';
import type { EducationYearsRow, PolicyParameters, SeriesPolicy } from './policy-types.js';

/** One entry of reference/series.json, as far as the policy needs it (other fields are ignored). */
export interface SeriesCatalogueEntry {
  code: string;
  minEducation: EducationLevel;
  examBased: boolean;
  practiceLicence: string | null;
  /** The qualification name per level; null where the series has no such level. */
  levels: Partial<Record<LevelCode, string | null>>;
}

/**
 * Education + full years → level (赣人社规〔2025〕3号 as SPEC §4.2 renders the common national
 * pattern). It is the editable default: a title office corrects it in a new policy version, not in code.
 */
export const DEFAULT_EDUCATION_YEARS: readonly EducationYearsRow[] = [
  { education: 'secondary', level: 'junior', years: 1 },
  { education: 'associate', level: 'junior', years: 1 },
  { education: 'associate', level: 'assistant', years: 3 },
  { education: 'bachelor', level: 'assistant', years: 1 },
  { education: 'master', level: 'assistant', years: 0 },
  { education: 'secondBachelor', level: 'assistant', years: 0 },
  { education: 'postgradClass', level: 'assistant', years: 0 },
  { education: 'master', level: 'intermediate', years: 3 },
  { education: 'doctor', level: 'intermediate', years: 0 },
];

/** 《职称评审管理暂行规定》（人力资源社会保障部令第40号）: the unit's publicity lasts at least 5 working days. */
export const DEFAULT_PUBLICITY_WORKING_DAYS = 5;

/**
 * The notice (四、（四））orders 取消申报资格并列入“黑名单” but gives no period; 3 years is the period the
 * title office set as its default. A policy version may change it; a decision may still say otherwise.
 */
export const DEFAULT_BLACKLIST_YEARS = 3;

/**
 * The 全日制 switch. The notice (三、认定条件) does not require full-time education, so the default is
 * off; a version that switches it on names the document that requires it (`source`), which the rule cites.
 */
export interface FullTimeSetting {
  required: boolean;
  source: string | null;
}
export const DEFAULT_FULL_TIME: FullTimeSetting = { required: false, source: null };

/**
 * What versions stored before the source was a parameter cited for a full-time requirement (then
 * written in code). Reading them with it keeps their explanation as it was.
 */
export const LEGACY_FULL_TIME_SOURCE = '《江西省职称考核认定办法》（赣人社规〔2025〕3号）';

/**
 * The default parameters. `basisDocumentNumber` is the 文号 the default version rests on and `fullTime`
 * the 全日制 switch with its source; both come from reference data (reference/policy-default.json), not
 * from code.
 */
export function defaultPolicyParameters(
  seriesCatalogue: readonly SeriesCatalogueEntry[],
  basisDocumentNumber: string | null = null,
  fullTime: FullTimeSetting = DEFAULT_FULL_TIME,
): PolicyParameters {
  const series: Record<string, SeriesPolicy> = {};
  for (const s of seriesCatalogue) {
    series[s.code] = {
      minEducation: s.minEducation,
      examBased: s.examBased,
      practiceLicence: s.practiceLicence,
      // A level "exists" when the catalogue names a qualification for it (高等学校教师 has no 员级).
      levels: levelCodes.filter((l) => s.levels[l] != null),
    };
  }
  return {
    series,
    // Copies, so that editing one version's table never edits the shared constant.
    educationYears: DEFAULT_EDUCATION_YEARS.map((r) => ({ ...r })),
    mismatchExtraYears: 1, // 三、（二）
    fullTimeRequired: fullTime.required,
    fullTimeSource: fullTime.source,
    vocationalTeacherSeries: 'vocationalTeacher', // 三、（三）: 中等职业学校教师
    vocationalEmployerKinds: ['vocationalSchool', 'vocationalResearch'],
    nonStateExcludedSeries: ['engineering'], // 三、（六）
    publicityWorkingDays: DEFAULT_PUBLICITY_WORKING_DAYS,
    blacklistYears: DEFAULT_BLACKLIST_YEARS,
    basisDocumentNumber,
  };
}

/**
 * A stored version's parameters, with the defaults for fields added after it was saved: versions
 * published before the publicity period, the blacklist period and the basis 文号 became policy data
 * lack them, and they applied exactly these defaults (then written in code), so reading them this way
 * changes no past or present rule.
 */
export function withParameterDefaults(stored: unknown): PolicyParameters {
  const p = (isObject(stored) ? stored : {}) as Partial<PolicyParameters>;
  return {
    ...(p as PolicyParameters),
    publicityWorkingDays: p.publicityWorkingDays ?? DEFAULT_PUBLICITY_WORKING_DAYS,
    blacklistYears: p.blacklistYears ?? DEFAULT_BLACKLIST_YEARS,
    basisDocumentNumber: p.basisDocumentNumber ?? null,
    fullTimeSource:
      p.fullTimeSource !== undefined
        ? p.fullTimeSource
        : p.fullTimeRequired === true
          ? LEGACY_FULL_TIME_SOURCE
          : null,
  };
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isNonNegativeInteger = (v: unknown): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0;
const employerKinds: readonly string[] = EmployerKind.options;

/**
 * Problems (Chinese, one sentence each) that make a policy version unusable; empty when it is fine.
 * The parameters come back from an editing form as JSON, so every field is checked as `unknown`
 * even though the type says otherwise.
 */
export function validatePolicyParameters(p: PolicyParameters): string[] {
  const problems: string[] = [];
  const raw: unknown = p;
  if (!isObject(raw)) return ['政策参数缺失或格式不正确'];

  const seriesCodes = new Set<string>();
  if (!isObject(raw.series) || Object.keys(raw.series).length === 0) {
    problems.push('系列目录不能为空');
  } else {
    for (const [code, s] of Object.entries(raw.series)) {
      seriesCodes.add(code);
      const label = `系列“${code}”`;
      if (!isObject(s)) {
        problems.push(`${label}的参数格式不正确`);
        continue;
      }
      if (!(educationLevels as readonly unknown[]).includes(s.minEducation)) {
        problems.push(`${label}的最低学历“${String(s.minEducation)}”不是有效的学历层次`);
      }
      if (typeof s.examBased !== 'boolean') problems.push(`${label}须注明是否“以考代评”`);
      if (
        s.practiceLicence !== null &&
        (typeof s.practiceLicence !== 'string' || s.practiceLicence.trim() === '')
      ) {
        problems.push(`${label}的从业资格须为名称或留空（不要求）`);
      }
      if (!Array.isArray(s.levels) || s.levels.length === 0) {
        problems.push(`${label}至少应设一个层级`);
      } else {
        for (const l of s.levels) {
          if (!(levelCodes as readonly unknown[]).includes(l))
            problems.push(`${label}的层级“${String(l)}”无效`);
        }
        if (new Set(s.levels).size !== s.levels.length) problems.push(`${label}的层级有重复`);
      }
    }
  }

  if (!Array.isArray(raw.educationYears) || raw.educationYears.length === 0) {
    problems.push('学历与年限对应表不能为空');
  } else {
    const seen = new Set<string>();
    raw.educationYears.forEach((row: unknown, i) => {
      const label = `学历与年限对应表第 ${i + 1} 行`;
      if (!isObject(row)) {
        problems.push(`${label}格式不正确`);
        return;
      }
      if (!(educationLevels as readonly unknown[]).includes(row.education)) {
        problems.push(`${label}的学历“${String(row.education)}”无效`);
      }
      if (!(levelCodes as readonly unknown[]).includes(row.level))
        problems.push(`${label}的层级“${String(row.level)}”无效`);
      if (!isNonNegativeInteger(row.years)) problems.push(`${label}的年限须为不小于 0 的整数`);
      const key = `${String(row.education)}/${String(row.level)}`;
      // Two rows for the same education and level would leave it unclear which one the office meant.
      if (seen.has(key)) problems.push(`${label}与前面的行重复（同一学历、同一层级）`);
      seen.add(key);
    });
  }

  if (!isNonNegativeInteger(raw.mismatchExtraYears)) problems.push('专业不相近延长年限须为不小于 0 的整数');
  if (typeof raw.fullTimeRequired !== 'boolean') problems.push('须注明是否要求全日制学历');
  if (
    raw.fullTimeSource !== null &&
    (typeof raw.fullTimeSource !== 'string' ||
      raw.fullTimeSource.trim() === '' ||
      raw.fullTimeSource.length > 200)
  ) {
    problems.push('全日制要求的依据须为不超过 200 字的文件名称或文号，或留空');
  } else if (raw.fullTimeRequired === true && raw.fullTimeSource === null) {
    // The notice is silent on 全日制: a requirement must say where it comes from.
    problems.push('要求全日制学历时须写明依据文件（通知未规定全日制要求）');
  }

  if (typeof raw.vocationalTeacherSeries !== 'string' || raw.vocationalTeacherSeries.trim() === '') {
    problems.push('须指定职业学校教师适用的系列（三、（三））');
  } else if (seriesCodes.size > 0 && !seriesCodes.has(raw.vocationalTeacherSeries)) {
    problems.push(`职业学校教师适用的系列“${raw.vocationalTeacherSeries}”不在系列目录中`);
  }
  if (!Array.isArray(raw.vocationalEmployerKinds)) {
    problems.push('职业学校教师的单位类型须为列表');
  } else {
    for (const k of raw.vocationalEmployerKinds) {
      if (!employerKinds.includes(k as string)) problems.push(`单位类型“${String(k)}”无效`);
    }
  }
  if (!Array.isArray(raw.nonStateExcludedSeries)) {
    problems.push('非国有企业不予认定的系列须为列表');
  } else {
    for (const code of raw.nonStateExcludedSeries) {
      if (typeof code !== 'string' || (seriesCodes.size > 0 && !seriesCodes.has(code))) {
        problems.push(`非国有企业不予认定的系列“${String(code)}”不在系列目录中`);
      }
    }
  }
  if (
    !isNonNegativeInteger(raw.publicityWorkingDays) ||
    raw.publicityWorkingDays < 1 ||
    raw.publicityWorkingDays > 30
  ) {
    problems.push('单位内部公示期须为 1 至 30 之间的整数（个工作日）');
  }
  if (!isNonNegativeInteger(raw.blacklistYears) || raw.blacklistYears < 1 || raw.blacklistYears > 10) {
    problems.push('列入黑名单的默认年限须为 1 至 10 之间的整数');
  }
  if (
    raw.basisDocumentNumber !== null &&
    (typeof raw.basisDocumentNumber !== 'string' ||
      raw.basisDocumentNumber.trim() === '' ||
      raw.basisDocumentNumber.length > 100)
  ) {
    problems.push('依据文件文号须为不超过 100 字的文号，或留空');
  }
  return problems;
}
