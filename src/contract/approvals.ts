/** 批复 (approval documents) and certificates. */
import { z } from 'zod';
import { DateString, LevelCode, NOTHING_TO_CHANGE, changesSomething } from './common.js';

export const CandidateQuery = z.object({
  batchId: z.coerce.number().int().positive().optional(),
  seriesCode: z.string().max(40).optional(),
  level: LevelCode.optional(),
  employerId: z.coerce.number().int().positive().optional(),
});

export const ApprovalCandidate = z.object({
  applicationId: z.number().int(),
  number: z.string(),
  name: z.string(),
  employer: z.string(),
  batch: z.string(),
  seriesCode: z.string(),
  series: z.string(),
  specialty: z.string(),
  qualification: z.string(),
  level: LevelCode,
});
export type ApprovalCandidate = z.infer<typeof ApprovalCandidate>;

/** What an agency has decided (its 已办结 list): filters and server-side paging. */
export const DecidedOutcome = z.enum(['recognised', 'rejected', 'cancelled']);
export const DecidedQuery = z.object({
  outcome: DecidedOutcome.optional(),
  batchId: z.coerce.number().int().positive().optional(),
  seriesCode: z.string().max(40).optional(),
  level: LevelCode.optional(),
  q: z.string().trim().max(50, '搜索内容不超过 50 个字').optional().meta({
    description: 'applicant name, application number or certificate number',
  }),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export const DecidedItem = z.object({
  applicationId: z.number().int(),
  number: z.string(),
  name: z.string(),
  employer: z.string(),
  batch: z.string(),
  seriesCode: z.string(),
  series: z.string(),
  specialty: z.string(),
  qualification: z.string(),
  level: LevelCode,
  outcome: DecidedOutcome,
  /** When this agency last acted on it (the decision). */
  decidedAt: z.string(),
  certificateNumber: z.string().nullable(),
  certificateStatus: z.enum(['valid', 'revoked']).nullable(),
  documentNumber: z.string().nullable(),
});
export type DecidedItem = z.infer<typeof DecidedItem>;
export const DecidedPage = z.object({
  total: z.number().int(),
  /** Per outcome over the same filters except the outcome itself (the tabs' badges). */
  counts: z.object({ recognised: z.number().int(), rejected: z.number().int(), cancelled: z.number().int() }),
  items: z.array(DecidedItem),
});
export type DecidedPage = z.infer<typeof DecidedPage>;

export const CreateApprovalBody = z.object({
  applicationIds: z
    .array(z.number().int().positive())
    .min(1, '请至少选择一份申报')
    .max(2000, '一份批复最多 2000 人'),
  /** 主送机关; default: the applicants' units. */
  recipient: z.string().trim().max(300, '主送机关不超过 300 字').optional(),
  /** The date the qualification counts from; default: today. */
  effectiveOn: DateString.optional(),
  copyTo: z.string().trim().max(300, '抄送不超过 300 字').optional(),
});

export const ApprovalSummary = z.object({
  id: z.number().int(),
  agencyCode: z.string(),
  agencyName: z.string(),
  status: z.enum(['draft', 'issued']),
  documentNumber: z.string().nullable(),
  title: z.string(),
  issuedOn: DateString.nullable(),
  count: z.number().int(),
});
export type ApprovalSummary = z.infer<typeof ApprovalSummary>;

export const ApprovalDetail = ApprovalSummary.omit({ count: true }).extend({
  recipient: z.string(),
  issuer: z.string(),
  effectiveOn: DateString,
  copyTo: z.string().nullable(),
  /** The agency's 机关代字 (null: to be set before issuing). */
  documentPrefix: z.string().nullable(),
  items: z.array(
    z.object({
      applicationId: z.number().int(),
      name: z.string(),
      gender: z.string(),
      employer: z.string(),
      series: z.string(),
      specialty: z.string(),
      qualification: z.string(),
      level: LevelCode,
      certificateNumber: z.string().nullable(),
      certificateId: z.number().int().nullable(),
    }),
  ),
  /**
   * Rare characters (e.g. of CJK Extension C+) in a name or unit that the embedded fonts lack: the
   * PDFs would show an empty box for them, so the agency is warned before issuing.
   */
  unprintable: z.array(z.object({ name: z.string(), characters: z.array(z.string()) })),
});
export type ApprovalDetail = z.infer<typeof ApprovalDetail>;

export const DocumentSettingsBody = z
  .object({
    documentPrefix: z
      .string()
      .trim()
      .min(2, '机关代字至少 2 个字')
      .max(12, '机关代字不超过 12 个字')
      .optional(),
    issuerName: z
      .string()
      .trim()
      .min(2, '发文机关名称至少 2 个字')
      .max(60, '发文机关名称不超过 60 字')
      .optional(),
  })
  .refine(changesSomething, NOTHING_TO_CHANGE);
export const DocumentSettings = z.object({
  documentPrefix: z.string().nullable(),
  issuerName: z.string().nullable(),
});

/** CONTRACT.md: the public query. Wrong number and wrong name answer alike; never the ID number. */
export const VerifyQuery = z.object({
  number: z.string().trim().min(1, '请输入证书编号').max(40, '证书编号不超过 40 个字符'),
  name: z.string().trim().min(1, '请输入姓名').max(50, '姓名不超过 50 个字'),
});
export const VerifyResponse = z.object({
  valid: z.boolean(),
  certificate: z
    .object({
      number: z.string(),
      name: z.string(),
      series: z.string(),
      specialty: z.string(),
      qualification: z.string(),
      level: z.string(),
      agency: z.string(),
      documentNumber: z.string(),
      issuedOn: DateString,
      status: z.enum(['valid', 'revoked']),
      revokedOn: DateString.nullable(),
    })
    .optional(),
});
export type VerifyResponse = z.infer<typeof VerifyResponse>;
