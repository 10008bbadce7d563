/**
 * 年度报送 (四、（七）) and 统计分析 (SPEC §6): the agencies' year-end reports to the city title office
 * and the title offices' and agencies' counts over their own scope.
 */
import { z } from 'zod';
import { DateString, Instant } from './common.js';

const Year = z.coerce.number().int().min(2000, '年度应为 2000—2100').max(2100, '年度应为 2000—2100');

export const ReportYearQuery = z.object({
  /** Omitted: the current year on the system's clock (Asia/Shanghai). */
  year: Year.optional(),
});

export const yearEndStatuses = ['not_started', 'draft', 'submitted', 'accepted', 'returned'] as const;
export const YearEndStatus = z.enum(yearEndStatuses);
export type YearEndStatus = z.infer<typeof YearEndStatus>;
export const yearEndStatusNames: Record<YearEndStatus, string> = {
  not_started: '未填报',
  draft: '填报中',
  submitted: '已报送',
  accepted: '已接收',
  returned: '已退回',
};

export const YearEndDocument = z.object({
  id: z.number().int(),
  documentNumber: z.string(),
  title: z.string(),
  issuedOn: DateString,
  /** Persons in the 批复. */
  count: z.number().int(),
});
export type YearEndDocument = z.infer<typeof YearEndDocument>;

const ReportBase = z.object({
  /** Null while the agency has not started its report. */
  id: z.number().int().nullable(),
  year: z.number().int(),
  agencyCode: z.string(),
  agencyName: z.string(),
  agencyKind: z.enum(['annex', 'self_recognition']),
  status: YearEndStatus,
  /** The city office's deadline for the year (四、（七）, 12-31 by default). */
  deadline: DateString,
  submittedAt: Instant.nullable(),
  firstSubmittedAt: Instant.nullable(),
  decidedAt: Instant.nullable(),
  /** Not submitted by the deadline (first submission after it, or none and the deadline has passed). */
  late: z.boolean(),
  documentCount: z.number().int(),
  certificateCount: z.number().int(),
  cityComment: z.string().nullable(),
});

export const YearEndRow = ReportBase;
export type YearEndRow = z.infer<typeof YearEndRow>;

export const YearEndList = z.object({
  year: z.number().int(),
  today: DateString,
  items: z.array(YearEndRow),
});
export type YearEndList = z.infer<typeof YearEndList>;

export const YearEndReport = ReportBase.extend({
  note: z.string(),
  /** Issued 批复 of the year: live while the report is a draft, as submitted afterwards. */
  documents: z.array(YearEndDocument),
  today: DateString,
  /** The actor may submit it (the agency's leader seat, report not submitted or accepted). */
  canSubmit: z.boolean(),
  canEdit: z.boolean(),
});
export type YearEndReport = z.infer<typeof YearEndReport>;

export const SaveYearEndBody = z.object({
  year: Year,
  note: z.string().trim().max(2000, '说明不超过 2000 字'),
});

export const SubmitYearEndBody = z.object({ year: Year });

export const DecideYearEndBody = z.object({
  comment: z.string().trim().max(1000, '意见不超过 1000 字').optional(),
});
export const ReturnYearEndBody = z.object({
  comment: z.string().trim().min(1, '请填写退回意见').max(1000, '意见不超过 1000 字'),
});

export const statisticsGroups = [
  'series',
  'level',
  'region',
  'education',
  'unit',
  'month',
  'agency',
  'batch',
] as const;
export const StatisticsGroup = z.enum(statisticsGroups);
export type StatisticsGroup = z.infer<typeof StatisticsGroup>;
export const statisticsGroupNames: Record<StatisticsGroup, string> = {
  series: '系列',
  level: '级别',
  region: '地区',
  education: '学历',
  unit: '单位',
  month: '月份',
  agency: '认定机构',
  batch: '认定机构批次',
};

export const StatisticsQuery = z.object({
  year: Year.optional(),
  groupBy: StatisticsGroup.default('agency'),
});

export const StatisticsCounts = z.object({
  /** Applications of the year's batches submitted at least once. */
  received: z.number().int(),
  /** Of those, now in the review chain (status submitted). */
  inReview: z.number().int(),
  recognised: z.number().int(),
  /** 不予通过 (status rejected). */
  rejected: z.number().int(),
  /** Certificates issued in the year (by issue date), revoked ones included. */
  certificates: z.number().int(),
});
export type StatisticsCounts = z.infer<typeof StatisticsCounts>;

export const StatisticsRow = StatisticsCounts.extend({ key: z.string(), label: z.string() });
export type StatisticsRow = z.infer<typeof StatisticsRow>;

export const Statistics = z.object({
  year: z.number().int(),
  groupBy: StatisticsGroup,
  rows: z.array(StatisticsRow),
  total: StatisticsCounts,
});
export type Statistics = z.infer<typeof Statistics>;

export const statisticsColumnNames: Record<keyof StatisticsCounts, string> = {
  received: '受理申报',
  inReview: '审查中',
  recognised: '认定通过',
  rejected: '不予通过',
  certificates: '发放证书',
};
