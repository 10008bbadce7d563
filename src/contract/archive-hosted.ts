/** 三、（四）: people whose archives a personnel agency holds and whose insurance falls short. */
import { z } from 'zod';

export const ArchiveHostedStatus = z.enum(['requested', 'verified', 'listed', 'approved', 'refused']);
export const ArchiveHostedRequest = z.object({
  id: z.number(),
  year: z.number(),
  applicantName: z.string(),
  idNumberMasked: z.string(),
  personnelAgencyName: z.string(),
  statement: z.string(),
  status: ArchiveHostedStatus,
  statusName: z.string(),
  verifiedBy: z.string().nullable(),
  verifiedAt: z.string().nullable(),
  listedBy: z.string().nullable(),
  listedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  note: z.string(),
  createdAt: z.string(),
});
export type ArchiveHostedRequest = z.infer<typeof ArchiveHostedRequest>;
export const ArchiveHostedRequestBody = z.object({
  statement: z.string().trim().min(1, '请说明档案托管和社保缴纳情况').max(1000),
  applicantAccountId: z.number().int().positive().optional(),
});
export const ArchiveHostedDecisionBody = z.object({
  approve: z.boolean(),
  note: z.string().trim().max(500).default(''),
});
