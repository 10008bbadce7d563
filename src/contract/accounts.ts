import { z } from 'zod';
import { RoleAssignment } from './auth.js';
import { PersonInput } from './organisations.js';
import { RoleCode } from './common.js';

export const AccountRow = z.object({
  id: z.number(),
  username: z.string(),
  personId: z.number(),
  personName: z.string(),
  idNumberMasked: z.string(),
  mobileMasked: z.string().nullable(),
  roles: z.array(RoleAssignment),
  locked: z.boolean(),
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
});
export type AccountRow = z.infer<typeof AccountRow>;
export const AccountsQuery = z.object({
  organisationId: z.coerce.number().int().positive().optional(),
  role: RoleCode.optional(),
  q: z.string().trim().max(50).optional(),
});

export const SocialInsuranceLink = z.object({
  insuredUnitName: z.string(),
  months: z.number(),
  matchesEmployer: z.boolean().meta({ description: 'insured unit name = the employer name (三、（四））' }),
});
export const Applicant = z.object({
  accountId: z.number(),
  username: z.string(),
  personId: z.number(),
  name: z.string(),
  idNumberMasked: z.string(),
  mobileMasked: z.string().nullable(),
  socialInsurance: SocialInsuranceLink.nullable(),
  createdAt: z.string(),
});
export type Applicant = z.infer<typeof Applicant>;
export const EmployerParams = z.object({ id: z.coerce.number().int().positive() });
export const CreateApplicantBody = PersonInput;
export const ApplicantCreated = z.object({
  applicant: Applicant,
  initialPassword: z.string().nullable(),
});
export const ApplicantImportResult = z.object({
  created: z.array(
    z.object({
      row: z.number(),
      name: z.string(),
      username: z.string(),
      initialPassword: z.string().nullable(),
    }),
  ),
});
export const RowError = z.object({ row: z.number(), field: z.string(), message: z.string() });
export type RowError = z.infer<typeof RowError>;

export const CreateOfficeAccountBody = z.object({
  person: PersonInput,
  role: z.enum(['system_admin', 'province_office', 'city_office']),
  organisationId: z.number().int().positive().nullable(),
});
export const PasswordReset = z.object({ username: z.string(), initialPassword: z.string() });
