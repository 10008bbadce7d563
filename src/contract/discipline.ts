/** 四、（四）: cancellation for fraud, the blacklist, censure, and who looked at a record. */
import { z } from 'zod';
import { DateString } from './common.js';

export const CancelBody = z.object({
  expectedRevision: z.number().int().min(0),
  reason: z.string().trim().min(1, '请写明弄虚作假等违纪违规情形').max(500),
  decisionDocument: z.string().trim().min(1, '请填写处理决定文号').max(100),
  /**
   * How long the person stays on the blacklist. Absent: the policy in force's blacklistYears (the notice,
   * 四、（四）, names no period; the default is the title office's).
   */
  years: z.number().int().min(1).max(10).optional(),
  /** Review actions (reviewers) and chain organisations (units) to record for 通报批评. */
  censureActionIds: z.array(z.number().int().positive()).max(20).default([]),
  censureOrganisationIds: z.array(z.number().int().positive()).max(5).default([]),
});
export type CancelBody = z.infer<typeof CancelBody>;

export const BlacklistEntry = z.object({
  id: z.number(),
  name: z.string(),
  idNumberMasked: z.string(),
  reason: z.string(),
  decisionDocument: z.string().nullable(),
  startsOn: DateString,
  endsOn: DateString.nullable(),
  state: z.enum(['in_force', 'expired', 'revoked', 'upcoming']),
  organisationName: z.string().nullable(),
  createdAt: z.string(),
});
export type BlacklistEntry = z.infer<typeof BlacklistEntry>;

export const BlacklistBody = z
  .object({
    name: z.string().trim().min(1).max(50),
    idNumber: z.string().trim().min(15).max(18),
    reason: z.string().trim().min(1, '请写明列入原因').max(500),
    decisionDocument: z.string().trim().min(1, '请填写处理决定文号').max(100),
    startsOn: DateString,
    endsOn: DateString.nullable(),
  })
  .refine((b) => b.endsOn === null || b.endsOn >= b.startsOn, {
    message: '截止日期不能早于开始日期',
    path: ['endsOn'],
  });

export const CensureRecord = z.object({
  id: z.number(),
  applicationNumber: z.string().nullable(),
  subject: z.string(),
  reason: z.string(),
  createdAt: z.string(),
});

export const RecordView = z.object({
  viewerName: z.string(),
  organisationName: z.string().nullable(),
  role: z.string(),
  day: DateString,
  firstAt: z.string(),
});
