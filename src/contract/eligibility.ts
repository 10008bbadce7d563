import { z } from 'zod';
import { DateString, EducationLevel, EmployerKind, LevelCode, Ownership } from './common.js';

/** 岗位 (三、（三））: 教师岗 / 其他专业技术岗. */
export const applicantPosts = ['teacher', 'other'] as const;
export const ApplicantPost = z.enum(applicantPosts);
export const applicantPostNames: Record<(typeof applicantPosts)[number], string> = {
  teacher: '教师岗',
  other: '其他专业技术岗',
};

/** CONTRACT.md: POST /api/v1/eligibility/check (自测). `cutoffDate` or `batchId`. */
export const EligibilityCheckBody = z
  .object({
    cutoffDate: DateString.optional(),
    batchId: z.number().int().positive().optional(),
    seriesCode: z.string().trim().min(1, '请选择系列'),
    specialtyCode: z.string().trim().optional(),
    targetLevel: LevelCode,
    education: z.object({
      level: EducationLevel,
      fullTime: z.boolean(),
      graduationDate: DateString,
      major: z.string().trim().max(100).optional().default(''),
    }),
    majorRelated: z.boolean(),
    professionalWorkStart: DateString,
    employer: z.object({
      name: z.string().trim().min(1, '请填写单位名称').max(100),
      ownership: Ownership,
      kind: EmployerKind,
    }),
    post: ApplicantPost.optional().meta({
      description:
        '岗位：teacher 教师岗 / other 其他专业技术岗（三、（三）只限制职业高中、职业教育教研机构的教师）。不填按教师岗判断',
    }),
    practiceLicences: z.array(z.string().trim().min(1).max(50)).max(20).default([]),
    socialInsurance: z
      .object({ insuredUnitName: z.string().trim().min(1).max(100), hasAffiliationProof: z.boolean() })
      .optional(),
    idNumber: z.string().trim().optional(),
  })
  .refine((b) => b.cutoffDate !== undefined || b.batchId !== undefined, {
    message: '请提供终算时间 cutoffDate 或批次 batchId',
    path: ['cutoffDate'],
  });
export type EligibilityCheckBody = z.infer<typeof EligibilityCheckBody>;

export const RuleCheck = z.object({
  rule: z.string(),
  passed: z.boolean().nullable(),
  message: z.string(),
  clause: z.string(),
});
export const EligibilityResult = z.object({
  eligible: z.boolean(),
  highestLevel: LevelCode.nullable(),
  policyVersion: z.string(),
  checks: z.array(RuleCheck),
});
export type EligibilityResult = z.infer<typeof EligibilityResult>;

const SeriesPolicy = z.object({
  minEducation: EducationLevel,
  examBased: z.boolean(),
  practiceLicence: z.string().trim().min(1).max(50).nullable(),
  levels: z.array(LevelCode),
});
export const PolicyParameters = z.object({
  series: z.record(z.string(), SeriesPolicy),
  educationYears: z.array(
    z.object({ education: EducationLevel, level: LevelCode, years: z.number().int().min(0).max(50) }),
  ),
  mismatchExtraYears: z.number().int().min(0).max(10),
  fullTimeRequired: z.boolean(),
  /** The document requiring 全日制 (the notice is silent on it); required when fullTimeRequired. */
  fullTimeSource: z.string().trim().min(1).max(200).nullable().default(null),
  vocationalTeacherSeries: z.string().min(1),
  vocationalEmployerKinds: z.array(EmployerKind),
  nonStateExcludedSeries: z.array(z.string()),
  /** 单位内部公示, in working days (《职称评审管理暂行规定》（人力资源社会保障部令第40号）: at least 5). */
  publicityWorkingDays: z.number().int().min(1).max(30),
  /** Default blacklist period after cancellation for fraud; the notice (四、（四））names none. */
  blacklistYears: z.number().int().min(1).max(10),
  /** 文号 of the notice the version rests on; null: none named. */
  basisDocumentNumber: z.string().trim().min(1).max(100).nullable(),
});
export type PolicyParametersDto = z.infer<typeof PolicyParameters>;

export const PolicyVersionSummary = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  status: z.enum(['draft', 'published']),
  effectiveFrom: DateString,
  inForce: z.boolean(),
  isDefault: z.boolean(),
  basedOn: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
});
export const PolicyVersionDetail = PolicyVersionSummary.extend({ parameters: PolicyParameters });
export type PolicyVersionDetail = z.infer<typeof PolicyVersionDetail>;
export const CreatePolicyDraftBody = z.object({ basedOnId: z.number().int().positive() });
export const UpdatePolicyDraftBody = z.object({
  name: z.string().trim().min(2).max(100),
  code: z.string().trim().min(2, '版本号至少2个字').max(50),
  effectiveFrom: DateString,
  note: z.string().trim().max(1000).nullable(),
  parameters: PolicyParameters,
});
