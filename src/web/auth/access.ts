/**
 * What the signed-in person may use, derived from their role assignments (ant-design-pro style
 * access map). The server enforces every permission; this only decides what the UI offers.
 */
import type { Me, OrgKind, RoleAssignment, RoleCode } from '../api/types';

export const OFFICE_ROLES: readonly RoleCode[] = ['system_admin', 'province_office', 'city_office'];
const SEAT_ROLES: readonly RoleCode[] = ['handler', 'leader'];
/** Organisations whose reviewer seats may manage organisations below / beside them. */
const ORG_MANAGING_KINDS: readonly OrgKind[] = [
  'hr_bureau',
  'supervisor',
  'personnel_agency',
  'self_recognition_unit',
];

export interface SeatOrganisation {
  id: number;
  name: string;
  kind: OrgKind;
}

export interface Access {
  isOffice: boolean;
  isSystemAdmin: boolean;
  isApplicant: boolean;
  /** Employers whose handler/leader seat the person holds: they manage those employers' applicants. */
  employerSeats: SeatOrganisation[];
  canManageApplicants: boolean;
  /** 我的申报: an applicant fills in and submits their own applications. */
  canApply: boolean;
  canManageOrganisations: boolean;
  canUseSocialInsurance: boolean;
  /** Imports are filed under an HR body: office accounts need an organisation (the admin has none). */
  canImportSocialInsurance: boolean;
  canManageAccounts: boolean;
  canManageCatalogue: boolean;
  canManageAgencies: boolean;
  canReadAudit: boolean;
  canEditPolicy: boolean;
  /** 审查工作台: any handler/leader seat reviews what arrives at it. */
  canReview: boolean;
  /** 黑名单: title offices, and HR bureaus (agencies) for what they recorded. */
  canSeeBlacklist: boolean;
  /** 档案托管人员申报: local HR verifies, the city aggregates, the province decides; agencies follow theirs. */
  canSeeArchiveHosted: boolean;
  /** 自主评审: units apply and file batches; HR bureaus and title offices approve and accept. */
  canSeeSelfRecognition: boolean;
  /** 批复管理: handler/leader seats of an HR bureau (认定机构) draft 批复 and issue them (the server decides). */
  canIssueApprovals: boolean;
  /** 证书管理: title offices, and the agencies' seats for the certificates they issued. */
  canManageCertificates: boolean;
  /** 年度报送: title offices see every agency's report; agencies' seats (HR bureaus, self-recognition units) report. */
  canSeeYearEndReports: boolean;
  /** 统计分析: title offices and agencies' seats, over their own scope. */
  canSeeStatistics: boolean;
  /** Seats of HR bureaus (the body that verifies and accepts filings). */
  hrSeatOrganisations: SeatOrganisation[];
  /** Employers / self-recognition units whose seat may apply for self-recognition and file batches. */
  unitSeatOrganisations: SeatOrganisation[];
}

function uniqueOrgs(roles: RoleAssignment[]): SeatOrganisation[] {
  const seen = new Map<number, SeatOrganisation>();
  for (const r of roles)
    if (r.organisation && !seen.has(r.organisation.id)) seen.set(r.organisation.id, r.organisation);
  return [...seen.values()];
}

export function computeAccess(me: Me | null | undefined): Access {
  const roles = me?.roles ?? [];
  const has = (codes: readonly RoleCode[]) => roles.some((r) => codes.includes(r.role));
  const seats = roles.filter((r) => SEAT_ROLES.includes(r.role) && r.organisation);
  const isOffice = has(OFFICE_ROLES);
  const employerSeats = uniqueOrgs(seats.filter((r) => r.organisation?.kind === 'employer'));
  const orgSeat = seats.some((r) => r.organisation && ORG_MANAGING_KINDS.includes(r.organisation.kind));
  const hrSeat = seats.some((r) => r.organisation?.kind === 'hr_bureau');
  return {
    isOffice,
    isSystemAdmin: has(['system_admin']),
    isApplicant: has(['applicant']),
    employerSeats,
    canManageApplicants: employerSeats.length > 0,
    canApply: has(['applicant']),
    canManageOrganisations: isOffice || orgSeat,
    canUseSocialInsurance: isOffice || hrSeat,
    canImportSocialInsurance:
      hrSeat || roles.some((r) => OFFICE_ROLES.includes(r.role) && r.organisation !== null),
    canManageAccounts: isOffice,
    canManageCatalogue: isOffice,
    canManageAgencies: isOffice,
    canReadAudit: isOffice,
    canEditPolicy: isOffice,
    canReview: seats.length > 0,
    canSeeBlacklist: isOffice || hrSeat,
    canSeeArchiveHosted: isOffice || hrSeat || seats.some((r) => r.organisation?.kind === 'personnel_agency'),
    canSeeSelfRecognition:
      isOffice ||
      hrSeat ||
      seats.some(
        (r) => r.organisation?.kind === 'employer' || r.organisation?.kind === 'self_recognition_unit',
      ),
    canIssueApprovals: hrSeat,
    canManageCertificates: isOffice || hrSeat,
    canSeeYearEndReports:
      isOffice || hrSeat || seats.some((r) => r.organisation?.kind === 'self_recognition_unit'),
    canSeeStatistics:
      isOffice || hrSeat || seats.some((r) => r.organisation?.kind === 'self_recognition_unit'),
    hrSeatOrganisations: uniqueOrgs(seats.filter((r) => r.organisation?.kind === 'hr_bureau')),
    unitSeatOrganisations: uniqueOrgs(
      seats.filter(
        (r) => r.organisation?.kind === 'employer' || r.organisation?.kind === 'self_recognition_unit',
      ),
    ),
  };
}

export type AccessKey = {
  [K in keyof Access]: Access[K] extends boolean ? K : never;
}[keyof Access];
