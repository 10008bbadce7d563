import { z } from 'zod';
import { DateString, EducationLevel, LevelCode } from './common.js';

export const Health = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgres']),
  version: z.string(),
});
export type Health = z.infer<typeof Health>;
/** 503 from /health while the database cannot be reached (not in CONTRACT.md's 200 shape). */
export const HealthUnavailable = z.object({
  status: z.literal('unavailable'),
  database: z.enum(['pglite', 'postgres']),
  version: z.string(),
  message: z.string(),
});

export const AgencyWindow = z.object({
  id: z.number(),
  batch: z.number().int(),
  name: z.string().meta({ description: '第一批 …' }),
  opens: DateString,
  closes: DateString,
  cutoffDate: DateString,
  status: z.enum(['upcoming', 'open', 'closed']),
  closesAt: z.string().meta({ description: 'last instant of the window, ISO 8601 +08:00' }),
  opensAt: z.string(),
});
export const ScopeRule = z.object({
  levels: z.array(LevelCode),
  regionName: z.string(),
  regionCode: z.string(),
});
export const Agency = z.object({
  code: z.string(),
  name: z.string(),
  phone: z.string(),
  scope: z.object({
    levels: z.array(LevelCode),
    regionName: z.string(),
    description: z.string().meta({ description: '认定对象范围, as the annex writes it' }),
    rules: z.array(ScopeRule),
  }),
  windows: z.array(AgencyWindow),
});
export type Agency = z.infer<typeof Agency>;
export const AgenciesQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });

export const Specialty = z.object({ code: z.string(), name: z.string() });
export const Series = z.object({
  code: z.string(),
  name: z.string(),
  minEducation: EducationLevel,
  examBased: z.boolean(),
  practiceLicence: z.string().nullable(),
  levels: z.object({
    junior: z.string().nullable(),
    assistant: z.string().nullable(),
    intermediate: z.string().nullable(),
  }),
  note: z.string().nullable(),
  specialties: z.array(Specialty),
});
export type Series = z.infer<typeof Series>;

export const Region = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  level: z.enum(['province', 'city', 'county']),
  parentId: z.number().nullable(),
});
export type Region = z.infer<typeof Region>;
