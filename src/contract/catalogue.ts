import { z } from 'zod';
import { EducationLevel, NOTHING_TO_CHANGE, changesSomething } from './common.js';

const Code = z
  .string()
  .trim()
  .regex(/^[A-Za-z][A-Za-z0-9_-]{1,39}$/, '代码为2-40位字母、数字');
export const SeriesParams = z.object({ code: z.string() });
export const SeriesBody = z.object({
  code: Code,
  name: z.string().trim().min(2).max(50),
  minEducation: EducationLevel,
  examBased: z.boolean(),
  // Null when the series needs no licence; a blank name would be copied into the next policy version,
  // whose parameters refuse it (SeriesPolicy), and every policy version answer would then fail.
  practiceLicence: z
    .string()
    .trim()
    .min(1, '从业资格名称不能为空；不要求从业资格时请不填')
    .max(50)
    .nullable(),
  levels: z.object({
    junior: z.string().trim().max(30).nullable(),
    assistant: z.string().trim().max(30).nullable(),
    intermediate: z.string().trim().max(30).nullable(),
  }),
  note: z.string().trim().max(500).nullable(),
});
/** Names only: the rule flags of an existing series are changed through a new policy version. */
export const UpdateSeriesBody = SeriesBody.pick({ name: true, levels: true, note: true })
  .partial()
  .refine(changesSomething, NOTHING_TO_CHANGE);
export const SpecialtyBody = z.object({ code: Code, name: z.string().trim().min(1).max(50) });
export const AgencyParams = z.object({ code: z.string() });
export const UpdateAgencyBody = z
  .object({
    phone: z
      .string()
      .trim()
      .regex(/^[0-9-]{7,20}$/, '电话格式不正确')
      .optional(),
  })
  .refine(changesSomething, NOTHING_TO_CHANGE);
export const BatchParams = z.object({ code: z.string(), batchId: z.coerce.number().int().positive() });
