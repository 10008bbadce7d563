import { z } from 'zod';
import {
  EmployerKind,
  IdNumberInput,
  Mobile,
  NOTHING_TO_CHANGE,
  OrgKind,
  Ownership,
  PersonName,
  changesSomething,
} from './common.js';

export const Organisation = z.object({
  id: z.number(),
  name: z.string(),
  kind: OrgKind,
  parentId: z.number().nullable(),
  parentName: z.string().nullable(),
  regionId: z.number(),
  regionName: z.string(),
  creditCode: z.string().nullable(),
  ownership: Ownership.nullable(),
  employerKind: EmployerKind.nullable(),
  agencyCode: z.string().nullable().meta({ description: 'set when this HR body is a recognition agency' }),
  actsAsSupervisor: z
    .boolean()
    .meta({ description: 'HR bureau: reviews as the supervising department of employers directly under it' }),
  childCount: z.number(),
});
export type Organisation = z.infer<typeof Organisation>;

export const OrganisationsQuery = z.object({
  kind: OrgKind.optional(),
  parentId: z.coerce.number().int().positive().optional(),
  q: z.string().trim().max(50).optional(),
});

export const CreditCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/, '统一社会信用代码应为18位');

export const CreateOrganisationBody = z.object({
  parentId: z.number().int().positive(),
  kind: OrgKind,
  name: z.string().trim().min(2, '机构名称至少2个字').max(100, '机构名称过长'),
  regionId: z.number().int().positive(),
  creditCode: CreditCode.optional(),
  ownership: Ownership.optional(),
  employerKind: EmployerKind.optional(),
});
export type CreateOrganisationBody = z.infer<typeof CreateOrganisationBody>;
export const UpdateOrganisationBody = CreateOrganisationBody.pick({
  name: true,
  creditCode: true,
  ownership: true,
  employerKind: true,
})
  .extend({ actsAsSupervisor: z.boolean() })
  .partial()
  .refine(changesSomething, NOTHING_TO_CHANGE);

export const PersonInput = z.object({ name: PersonName, idNumber: IdNumberInput, mobile: Mobile });
export type PersonInput = z.infer<typeof PersonInput>;

export const SeatRole = z.enum(['handler', 'leader']);
export type SeatRole = z.infer<typeof SeatRole>;
export const Seat = z.object({
  role: SeatRole,
  assignmentId: z.number(),
  accountId: z.number(),
  username: z.string(),
  personName: z.string(),
  idNumberMasked: z.string(),
  mobileMasked: z.string().nullable(),
  since: z.string(),
});
export const SeatHistory = Seat.extend({ until: z.string().nullable() });
export const OrganisationSeats = z.object({
  current: z.array(Seat),
  history: z.array(SeatHistory),
});
export const SeatParams = z.object({ id: z.coerce.number().int().positive(), role: SeatRole });
export const AssignSeatBody = z.object({
  person: PersonInput,
  username: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.-]{3,40}$/, '用户名为3-40位字母、数字、下划线')
    .optional()
    .meta({ description: 'for a new account; defaults to the ID number' }),
});
export const AccountCreated = z.object({
  accountId: z.number(),
  username: z.string(),
  initialPassword: z
    .string()
    .nullable()
    .meta({ description: 'shown once; null when the person already had an account' }),
});
export type AccountCreated = z.infer<typeof AccountCreated>;
