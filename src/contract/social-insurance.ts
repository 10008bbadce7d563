import { z } from 'zod';

export const SocialInsuranceRecord = z.object({
  id: z.number(),
  name: z.string(),
  idNumberMasked: z.string(),
  insuredUnitName: z.string(),
  months: z.number(),
  importedAt: z.string(),
  importedByOrganisation: z.string(),
});
export const SocialInsuranceQuery = z.object({
  q: z.string().trim().max(50).optional().meta({ description: 'name, unit or full ID number' }),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export const SocialInsurancePage = z.object({
  total: z.number(),
  items: z.array(SocialInsuranceRecord),
});
export const SocialInsuranceImportResult = z.object({
  importId: z.number(),
  rows: z.number(),
  inserted: z.number(),
  updated: z.number(),
});
export const SocialInsuranceImport = z.object({
  id: z.number(),
  fileName: z.string(),
  rows: z.number(),
  inserted: z.number(),
  updated: z.number(),
  organisation: z.string(),
  importedBy: z.string(),
  importedAt: z.string(),
});
