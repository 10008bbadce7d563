import { z } from 'zod';

export const AuditEntry = z.object({
  seq: z.number(),
  at: z.string(),
  actorAccountId: z.number().nullable(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  actorOrganisation: z.string().nullable(),
  clientAddress: z.string().nullable(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});
export const AuditQuery = z.object({
  action: z.string().optional(),
  targetType: z.string().optional(),
  targetId: z.string().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export const AuditPage = z.object({ total: z.number(), items: z.array(AuditEntry) });
export const AuditExportQuery = AuditQuery.pick({ action: true, targetType: true, targetId: true });
