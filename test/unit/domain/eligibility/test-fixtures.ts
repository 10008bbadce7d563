/** Shared by the eligibility tests: the shipped catalogue, the default policy, and a typical applicant. */
import { readFileSync } from 'node:fs';
import {
  defaultPolicyParameters,
  type SeriesCatalogueEntry,
} from '../../../../src/domain/eligibility/default-policy.js';
import type { ApplicantFacts, PolicyVersion } from '../../../../src/domain/eligibility/policy-types.js';

export const catalogue = JSON.parse(
  readFileSync(new URL('../../../../reference/series.json', import.meta.url), 'utf8'),
) as SeriesCatalogueEntry[];

export const defaultPolicy = (): PolicyVersion => ({
  code: '2026-默认',
  name: '默认政策',
  effectiveFrom: '2026-01-14',
  parameters: defaultPolicyParameters(catalogue),
});

/** A 本科 graduate in a state enterprise, 工程 series, one full year at the second-batch cutoff. */
export const baseFacts = (): ApplicantFacts => ({
  cutoffDate: '2026-06-30',
  seriesCode: 'engineering',
  specialtyCode: 'civil',
  targetLevel: 'assistant',
  educations: [{ level: 'bachelor', fullTime: true, graduationDate: '2025-06-20', major: '土木工程' }],
  majorRelated: true,
  professionalWorkStart: '2025-06-30',
  employer: { name: '赣州建工集团有限公司', ownership: 'state', kind: 'enterprise' },
  practiceLicences: [],
  socialInsurance: { insuredUnitName: '赣州建工集团有限公司', hasAffiliationProof: false },
  blacklisted: { listed: false },
});
