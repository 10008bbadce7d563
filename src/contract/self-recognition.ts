/** Self-recognition units (自主评审单位, 一、 and 四、（一））: authorisation and filed batches. */
import { z } from 'zod';
import { DateString, LevelCode } from './common.js';

/** 认定范围内的系列: checked at approval (三、（六）), whichever way the unit is authorised. */
const ScopeSeriesCodes = z.array(z.string().trim().min(1).max(40)).max(50).default([]).meta({
  description:
    '认定范围内的系列代码；不填时按认定范围说明中写明的系列名称判断。范围内若没有该单位可考核认定的系列（如非国有企业只报工程技术，三、（六）），不能批准',
});

export const AuthoriseBody = z.object({
  levels: z.array(LevelCode).min(1, '请选择可认定的层级'),
  phone: z.string().trim().min(1, '请填写联系电话').max(40),
  scopeDescription: z.string().trim().min(1, '请填写认定范围').max(300),
  seriesCodes: ScopeSeriesCodes,
});
export const SelfRecognitionUnit = z.object({
  organisationId: z.number(),
  name: z.string(),
  agencyCode: z.string(),
  levels: z.array(LevelCode),
});

export const FilingStatus = z.enum(['not_required', 'pending', 'accepted', 'refused']);
export const filingStatusNames = {
  not_required: '无需报备',
  pending: '已报备，待职称部门确认',
  accepted: '报备通过',
  refused: '报备未通过',
} as const;

export const FiledBatchBody = z
  .object({
    year: z.number().int().min(2020).max(2100),
    number: z.number().int().min(1).max(99),
    name: z.string().trim().min(1).max(50),
    opensOn: DateString,
    closesOn: DateString,
    cutoffDate: DateString,
    filingDocument: z.string().trim().min(1, '请填写书面报备文件的文号或名称').max(200),
  })
  .refine((b) => b.opensOn <= b.closesOn, { message: '受理开始日期不能晚于截止日期', path: ['closesOn'] })
  .refine((b) => b.cutoffDate >= b.closesOn, {
    message: '终算时间不能早于受理截止日期',
    path: ['cutoffDate'],
  });

export const FiledBatch = z.object({
  id: z.number(),
  unitName: z.string(),
  year: z.number(),
  number: z.number(),
  name: z.string(),
  opensOn: DateString,
  closesOn: DateString,
  cutoffDate: DateString,
  filingStatus: FilingStatus,
  filingStatusName: z.string(),
  filingDocument: z.string().nullable(),
  filingNote: z.string().nullable(),
  filedAt: z.string().nullable(),
});
export type FiledBatch = z.infer<typeof FiledBatch>;
export const FilingDecisionBody = z.object({
  accept: z.boolean(),
  note: z.string().trim().max(300).default(''),
});

export const SelfRecognitionApplicationBody = z.object({
  category: z.enum(['chainLeader', 'newRnd']),
  statement: z.string().trim().min(1, '请说明单位情况及符合条件的依据').max(2000),
  requestedLevels: z.array(LevelCode).min(1, '请选择申请自主认定的层级'),
  contactPhone: z.string().trim().min(1, '请填写联系电话').max(40),
});
export const SelfRecognitionApplication = z.object({
  id: z.number(),
  organisationId: z.number(),
  organisationName: z.string(),
  category: z.enum(['chainLeader', 'newRnd']),
  categoryName: z.string(),
  statement: z.string(),
  requestedLevels: z.array(LevelCode),
  contactPhone: z.string(),
  status: z.enum(['pending', 'approved', 'refused']),
  grantedLevels: z.array(LevelCode).nullable(),
  decisionNote: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
});
export const SelfRecognitionDecisionBody = z.object({
  approve: z.boolean(),
  levels: z.array(LevelCode).default([]),
  seriesCodes: ScopeSeriesCodes,
  scopeDescription: z.string().trim().max(300).default(''),
  note: z.string().trim().max(300).default(''),
});
