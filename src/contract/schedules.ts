/** A year's schedule of acceptance windows (受理时间安排), kept by the title offices. */
import { z } from 'zod';
import { DateString } from './common.js';

const Year = z.coerce.number().int().min(2000, '年度应为 2000—2100').max(2100, '年度应为 2000—2100');
const Reason = z.string().trim().max(500, '理由不超过 500 字');

export const YearParams = z.object({ year: Year });

export const ScheduleSummary = z.object({
  year: z.number().int(),
  status: z.enum(['draft', 'published']),
  sourceYear: z.number().int().nullable(),
  publishedAt: z.string().nullable(),
  batchCount: z.number().int(),
});
export type ScheduleSummary = z.infer<typeof ScheduleSummary>;

export const ScheduleBatch = z.object({
  id: z.number().int(),
  number: z.number().int(),
  name: z.string(),
  opensOn: DateString,
  closesOn: DateString,
  cutoffDate: DateString,
  state: z.enum(['draft', 'published', 'cancelled']),
  /** Where the window stands today (a draft batch is never open). */
  status: z.enum(['upcoming', 'open', 'closed']),
  /** Its schedule is published and its first day has come: dates change only by extension. */
  opened: z.boolean(),
  beyondYearEnd: z.boolean(),
  cancelReason: z.string().nullable(),
  applicationCount: z.number().int(),
});
export type ScheduleBatch = z.infer<typeof ScheduleBatch>;

export const Schedule = ScheduleSummary.extend({
  today: DateString,
  agencies: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      phone: z.string(),
      scopeDescription: z.string(),
      yearEndDeadline: DateString.meta({
        description: '四、（七） the agency finishes the year by this day',
      }),
      batches: z.array(ScheduleBatch),
    }),
  ),
});
export type Schedule = z.infer<typeof Schedule>;

export const CreateScheduleBody = z.object({
  year: Year,
  /** Copy every agency's batches from this year, each date moved by whole years; omit for an empty draft. */
  sourceYear: Year.nullable().optional(),
});

export const BatchDatesBody = z.object({
  opensOn: DateString,
  closesOn: DateString,
  cutoffDate: DateString,
  /** Allow the window to end after the agency's year-end deadline (a reason is then required). */
  beyondYearEnd: z.boolean().optional(),
  /** Required when an opened batch is extended or the year-end deadline is passed; recorded in the log. */
  reason: Reason.optional(),
});
export const AddBatchBody = BatchDatesBody.extend({
  agencyCode: z.string().min(1, '请选择认定机构'),
  name: z.string().trim().min(2, '批次名称至少 2 个字').max(30, '批次名称不超过 30 字').optional(),
});
export const CancelBatchBody = z.object({ reason: Reason.min(2, '请填写取消理由') });

/** What the public home shows: the year of the table, and the year whose schedule is awaited. */
export const ScheduleOverview = z.object({
  today: DateString,
  /** The year `GET /agencies` answers for without `year` (null: nothing published yet). */
  year: z.number().int().nullable(),
  /** Set when the shown year has no window open or still to come: its schedule is not published yet. */
  awaitedYear: z.number().int().nullable(),
  publishedYears: z.array(z.number().int()),
});
export type ScheduleOverview = z.infer<typeof ScheduleOverview>;
