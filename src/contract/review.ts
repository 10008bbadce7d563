/** The reviewer's workbench and the review chain's actions (issue 5). */
import { z } from 'zod';
import { DateString, LevelCode } from './common.js';
import { ApplicationDetail, ApplicationStatus, ReviewStage } from './applications.js';
import { EligibilityResult } from './eligibility.js';

export const Reason = z.object({
  field: z
    .string()
    .trim()
    .min(1)
    .max(60)
    .meta({ description: "'education.0', 'materials.2', 'seriesCode', 'general'…" }),
  message: z.string().trim().min(1, '请填写退回或不予通过的原因').max(500),
});

export const QueueQuery = z.object({
  organisationId: z.coerce.number().int().positive().optional(),
  role: z.enum(['handler', 'leader']).optional(),
  batchId: z.coerce.number().int().positive().optional(),
  seriesCode: z.string().max(40).optional(),
  targetLevel: LevelCode.optional(),
  /** Only those waiting at least this many days. */
  waitingDays: z.coerce.number().int().min(0).max(3650).optional(),
  /** Keyset cursor from the previous page. */
  after: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const QueueItem = z.object({
  id: z.number(),
  number: z.string().nullable(),
  revision: z.number(),
  version: z.number(),
  stage: ReviewStage,
  applicantName: z.string(),
  employerName: z.string(),
  seriesCode: z.string().nullable(),
  targetLevel: LevelCode,
  batchName: z.string(),
  batchCloses: DateString,
  since: z.string(),
  waitingDays: z.number(),
  eligible: z.boolean(),
});
export type QueueItem = z.infer<typeof QueueItem>;

export const ReviewSeat = z.object({
  organisationId: z.number(),
  organisationName: z.string(),
  role: z.enum(['handler', 'leader']),
});
export const ReviewSeatCounts = ReviewSeat.extend({
  waiting: z.number(),
  overdue: z
    .number()
    .meta({ description: 'waiting while the batch window closes within 3 days or has closed' }),
});
export type ReviewSeatCounts = z.infer<typeof ReviewSeatCounts>;
export const Queue = z.object({
  seat: ReviewSeat.nullable(),
  items: z.array(QueueItem),
  nextCursor: z.string().nullable(),
});
export type Queue = z.infer<typeof Queue>;

export const MaterialView = z.object({
  index: z.number(),
  category: z.string(),
  title: z.string(),
  purpose: z.string(),
  combinedUploadId: z.number().nullable(),
  pageUploadIds: z.array(z.number()),
  check: z
    .object({ by: z.string(), organisationName: z.string(), at: z.string(), endorsement: z.string() })
    .nullable(),
});

export const ReviewView = z.object({
  application: ApplicationDetail,
  revision: z.number(),
  /** The frozen submission under review. */
  submitted: z
    .object({
      version: z.number(),
      form: z.unknown(),
      socialInsurance: z.object({ insuredUnitName: z.string(), months: z.number() }).nullable(),
      eligibility: EligibilityResult,
    })
    .nullable(),
  materials: z.array(MaterialView),
  chain: z.array(
    z.object({
      stage: ReviewStage,
      stageName: z.string(),
      organisationId: z.number(),
      organisationName: z.string(),
      current: z.boolean(),
      done: z.boolean(),
    }),
  ),
  /** What this viewer may do now, and why not otherwise. */
  allowed: z.object({
    decide: z.boolean(),
    checkMaterials: z.boolean(),
    needsWorkConfirmation: z.boolean(),
    /** An agency seat or title office may cancel for fraud (四、（四））. */
    cancel: z.boolean(),
    reason: z.string().nullable(),
  }),
  publicity: z
    .object({
      id: z.number(),
      title: z.string(),
      startsOn: DateString,
      endsOn: DateString,
      ended: z.boolean(),
      /** The version it was held for: an earlier one when it carries over after a return for correction. */
      forVersion: z.number(),
      objections: z.array(z.object({ content: z.string(), handling: z.string(), at: z.string() })),
    })
    .nullable(),
});
export type ReviewView = z.infer<typeof ReviewView>;

export const DecisionBody = z.object({
  decision: z.enum(['approve', 'return', 'reject']),
  expectedRevision: z.number().int().min(0),
  comment: z.string().trim().max(1000).default(''),
  reasons: z.array(Reason).max(50).default([]),
  /** 四、（五）: the unit / supervising department confirm work experience and achievements. */
  workExperienceConfirmed: z.boolean().optional(),
});
export type DecisionBody = z.infer<typeof DecisionBody>;

export const DecisionResult = z.object({
  id: z.number(),
  status: ApplicationStatus,
  stage: ReviewStage.nullable(),
  revision: z.number(),
});

export const BulkApproveBody = z.object({
  items: z
    .array(z.object({ id: z.number().int().positive(), expectedRevision: z.number().int().min(0) }))
    .min(1)
    .max(200),
  comment: z.string().trim().max(1000).default(''),
});
export const BulkApproveResult = z.array(
  z.object({ id: z.number(), ok: z.boolean(), code: z.string().nullable(), message: z.string().nullable() }),
);

export const CheckMaterialBody = z.object({ expectedRevision: z.number().int().min(0) });

export const PublicityBody = z.object({
  organisationId: z.number().int().positive(),
  title: z.string().trim().min(1).max(100),
  startsOn: DateString,
  applicationIds: z.array(z.number().int().positive()).min(1).max(500),
  renew: z.boolean().default(false).meta({
    description:
      'hold a new publicity for applications whose earlier version (before a return for correction) was already publicised; without it the earlier publicity counts',
  }),
});
export const Publicity = z.object({
  id: z.number(),
  organisationName: z.string(),
  title: z.string(),
  startsOn: DateString,
  endsOn: DateString,
  workingDays: z.number(),
  ended: z.boolean(),
  applications: z.array(
    z.object({ id: z.number(), applicantName: z.string(), number: z.string().nullable() }),
  ),
  objections: z.array(
    z.object({
      id: z.number(),
      applicationId: z.number().nullable(),
      content: z.string(),
      handling: z.string(),
      at: z.string(),
    }),
  ),
});
export type Publicity = z.infer<typeof Publicity>;
export const ObjectionBody = z.object({
  applicationId: z.number().int().positive().nullable().default(null),
  content: z.string().trim().min(1, '请填写异议内容').max(1000),
  handling: z.string().trim().max(1000).default(''),
});

export const RemindBody = z.object({ message: z.string().trim().max(300).default('') });

export const Notification = z.object({
  id: z.number(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  applicationId: z.number().nullable(),
  createdAt: z.string(),
  read: z.boolean(),
});
export const NotificationList = z.object({ unread: z.number(), items: z.array(Notification) });
export type NotificationList = z.infer<typeof NotificationList>;
