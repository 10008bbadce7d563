/**
 * A policy version: every parameter the eligibility engine uses, as data (三、（八）: the newest policy
 * in force prevails). Title offices edit a copy and give it an effective date; a decision stores the
 * version it used, so editing never changes a past decision. Pure types, no I/O.
 */
import type { EducationLevel, EmployerKind, LevelCode, Ownership } from '../../contract/common.js';

export interface SeriesPolicy {
  /** Minimum education for any level of the series (三、（一）). */
  minEducation: EducationLevel;
  /** 以考代评: the series' junior/intermediate titles come from a national exam; not recognised (三、（六））. */
  examBased: boolean;
  /** The practice licence (从业资格/准入) needed first (三、（五）), or null. */
  practiceLicence: string | null;
  /** Levels the series has at all (e.g. 高等学校教师 has no 员级). */
  levels: LevelCode[];
}

/** One row of the education + years → level table (赣人社规〔2025〕3号; default per SPEC §4.2). */
export interface EducationYearsRow {
  education: EducationLevel;
  level: LevelCode;
  /** Full years (周年) of professional work after graduation, before the mismatch extension. */
  years: number;
}

export interface PolicyParameters {
  /** Series catalogue flags, by series code. */
  series: Record<string, SeriesPolicy>;
  educationYears: EducationYearsRow[];
  /** Extra years when the studied major is not the same as or close to the practised one (三、（二））. */
  mismatchExtraYears: number;
  /** Whether recognition by assessment requires full-time (全日制) education. */
  fullTimeRequired: boolean;
  /**
   * The document that requires full-time education (cited by the rule), e.g. a provincial measure; the
   * notice itself is silent on 全日制, so a version that switches the requirement on must name it.
   */
  fullTimeSource: string | null;
  /** The only series open to teachers of vocational schools and vocational research bodies (三、（三））. */
  vocationalTeacherSeries: string;
  /** Employer kinds whose teachers fall under 三、（三）. */
  vocationalEmployerKinds: EmployerKind[];
  /** Series not recognised for non-state enterprises (三、（六）: 工程). */
  nonStateExcludedSeries: string[];
  /**
   * Working days the unit publicises its candidates before sending them on: 《职称评审管理暂行规定》
   * （人力资源社会保障部令第40号） requires at least 5. Data, so a title office can follow a changed rule.
   */
  publicityWorkingDays: number;
  /**
   * Years on the blacklist after cancellation for fraud, unless the decision says otherwise. The notice
   * (四、（四））only says 列入“黑名单” and names no period, so this is the title office's own default.
   */
  blacklistYears: number;
  /**
   * 文号 of the notice the version rests on (e.g. 赣市人社字〔2026〕5号), quoted in the 个人承诺书 and the
   * import template; null when the version names none (the texts then use a neutral wording).
   */
  basisDocumentNumber: string | null;
}

export interface PolicyVersion {
  /** Stable label stored with every decision, e.g. "2026-默认". */
  code: string;
  name: string;
  effectiveFrom: string; // YYYY-MM-DD
  parameters: PolicyParameters;
}

/** One education the applicant entered (学历; the degree, if any, goes with it). */
export interface EducationFact {
  level: EducationLevel;
  fullTime: boolean;
  graduationDate: string;
  major?: string;
  school?: string;
}

/** 岗位 (三、（三）concerns teachers): 教师岗 or 其他专业技术岗. */
export type ApplicantPost = 'teacher' | 'other';

/** The facts of one applicant, as CONTRACT.md's pre-check body gives them. */
export interface ApplicantFacts {
  cutoffDate: string; // YYYY-MM-DD
  seriesCode: string;
  specialtyCode?: string;
  targetLevel: LevelCode;
  /**
   * Every education entered (the pre-check gives one). The engine leaves out those obtained after the
   * cutoff (三、（七）) and uses, for each rule, the highest one that satisfies it.
   */
  educations: EducationFact[];
  majorRelated: boolean;
  professionalWorkStart: string;
  /**
   * The employer whose ownership and kind the rules read. For a person hosted by a personnel agency
   * this is the real employer; `ownership: null` when it was not stated (三、（六）then cannot pass).
   */
  employer: { name: string; ownership: Ownership | null; kind: EmployerKind };
  /** Absent: treated as a teacher (as before the post was asked), so 三、（三）still applies. */
  post?: ApplicantPost;
  practiceLicences: string[];
  /** Absent: the rule reports "not checked". */
  socialInsurance?: { insuredUnitName: string; hasAffiliationProof: boolean };
  /** Absent (no ID number given): the blacklist rule reports "not checked". */
  blacklisted?: { listed: boolean; until?: string | null; reason?: string | null };
}

export const ruleIds = [
  'min-education',
  'full-time',
  'education-years',
  'vocational-teacher',
  'practice-licence',
  'exam-based',
  'non-state-engineering',
  'social-insurance',
  'blacklist',
] as const;
export type RuleId = (typeof ruleIds)[number];

export interface RuleCheck {
  rule: RuleId;
  /** null: not checked (a fact it needs was not given). */
  passed: boolean | null;
  message: string;
  clause: string;
}

export interface EligibilityResult {
  eligible: boolean;
  highestLevel: LevelCode | null;
  policyVersion: string;
  checks: RuleCheck[];
  /**
   * Index in `facts.educations` of the education the level was judged on (null: none counted). Not part
   * of the public pre-check's response (its messages name the education); the application's pre-check
   * shows it.
   */
  educationUsed?: number | null;
}
