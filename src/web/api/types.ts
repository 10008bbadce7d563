/** Types of the shared contract, as the web app uses them (z.infer of the zod schemas). */
import type { z } from 'zod';
import type {
  AccountCreated as AccountCreatedSchema,
  ApplicantCreated as ApplicantCreatedSchema,
  ApplicantImportResult as ApplicantImportResultSchema,
  AssignSeatBody as AssignSeatBodySchema,
  AuditEntry as AuditEntrySchema,
  AuditPage as AuditPageSchema,
  AgencyWindow as AgencyWindowSchema,
  ChangePasswordBody as ChangePasswordBodySchema,
  CreateOfficeAccountBody as CreateOfficeAccountBodySchema,
  LoginBody as LoginBodySchema,
  OrganisationSeats as OrganisationSeatsSchema,
  PasswordReset as PasswordResetSchema,
  PolicyDocumentBody as PolicyDocumentBodySchema,
  PolicyDocumentSummary as PolicyDocumentSummarySchema,
  PolicyParameters as PolicyParametersSchema,
  PolicyVersionDetail as PolicyVersionDetailSchema,
  PolicyVersionSummary as PolicyVersionSummarySchema,
  Seat as SeatSchema,
  SeatHistory as SeatHistorySchema,
  SeriesBody as SeriesBodySchema,
  SocialInsuranceImport as SocialInsuranceImportSchema,
  SocialInsuranceImportResult as SocialInsuranceImportResultSchema,
  SocialInsurancePage as SocialInsurancePageSchema,
  SocialInsuranceRecord as SocialInsuranceRecordSchema,
  SpecialtyBody as SpecialtyBodySchema,
  UpdateOrganisationBody as UpdateOrganisationBodySchema,
  UpdatePolicyDraftBody as UpdatePolicyDraftBodySchema,
  UpdateSeriesBody as UpdateSeriesBodySchema,
  Specialty as SpecialtySchema,
} from '../../contract/index';

export type {
  AccountRow,
  Agency,
  Applicant,
  CreateOrganisationBody,
  EducationLevel,
  EmployerKind,
  ErrorBody,
  Health,
  LevelCode,
  Me,
  OrgKind,
  Organisation,
  Ownership,
  PersonInput,
  PolicyDocument,
  Region,
  RoleAssignment,
  RoleCode,
  RowError,
  SeatRole,
  Series,
} from '../../contract/index';

export type AccountCreated = z.infer<typeof AccountCreatedSchema>;
export type AgencyWindow = z.infer<typeof AgencyWindowSchema>;
export type ApplicantCreated = z.infer<typeof ApplicantCreatedSchema>;
export type ApplicantImportResult = z.infer<typeof ApplicantImportResultSchema>;
export type AssignSeatBody = z.input<typeof AssignSeatBodySchema>;
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
export type AuditPage = z.infer<typeof AuditPageSchema>;
export type ChangePasswordBody = z.infer<typeof ChangePasswordBodySchema>;
export type CreateOfficeAccountBody = z.input<typeof CreateOfficeAccountBodySchema>;
export type LoginBody = z.infer<typeof LoginBodySchema>;
export type OrganisationSeats = z.infer<typeof OrganisationSeatsSchema>;
export type PasswordReset = z.infer<typeof PasswordResetSchema>;
export type PolicyDocumentBody = z.input<typeof PolicyDocumentBodySchema>;
export type PolicyDocumentSummary = z.infer<typeof PolicyDocumentSummarySchema>;
export type PolicyParameters = z.infer<typeof PolicyParametersSchema>;
export type SeriesPolicy = PolicyParameters['series'][string];
export type EducationYearsRow = PolicyParameters['educationYears'][number];
export type PolicyVersionSummary = z.infer<typeof PolicyVersionSummarySchema>;
export type PolicyVersionDetail = z.infer<typeof PolicyVersionDetailSchema>;
export type Seat = z.infer<typeof SeatSchema>;
export type SeatHistory = z.infer<typeof SeatHistorySchema>;
export type SeriesBody = z.input<typeof SeriesBodySchema>;
export type SocialInsuranceImport = z.infer<typeof SocialInsuranceImportSchema>;
export type SocialInsuranceImportResult = z.infer<typeof SocialInsuranceImportResultSchema>;
export type SocialInsurancePage = z.infer<typeof SocialInsurancePageSchema>;
export type SocialInsuranceRecord = z.infer<typeof SocialInsuranceRecordSchema>;
export type Specialty = z.infer<typeof SpecialtySchema>;
export type SpecialtyBody = z.input<typeof SpecialtyBodySchema>;
export type UpdateOrganisationBody = z.input<typeof UpdateOrganisationBodySchema>;
export type UpdatePolicyDraftBody = z.input<typeof UpdatePolicyDraftBodySchema>;
export type UpdateSeriesBody = z.input<typeof UpdateSeriesBodySchema>;

export type Ok = { ok: true };
