/**
 * Which organisations an application passes through, fixed at submission, and where it starts.
 * Kept apart from the review service so that the applications module can use it without a cycle.
 */
import type { DbOrTx } from '../../db/client.js';
import type { organisations } from '../../db/schema.js';
import {
  type ChainOrganisations,
  type ReviewStage,
  FIRST_STAGE,
  seatOf,
  stageNames,
} from '../../../domain/review/review-chain.js';
import * as repo from './review-repository.js';
import type { Actor } from '../auth/actor.js';
import { dataScopeOf, pathInScope } from '../access/data-scope.js';

type OrganisationRow = typeof organisations.$inferSelect;

/**
 * The organisations an application passes through, fixed at submission: its unit, the supervising
 * department (the unit's parent when it is one; else its HR bureau when that bureau acts as one and is
 * not itself the agency; else none), and the agency.
 */
export async function chainFor(
  db: DbOrTx,
  employer: OrganisationRow,
  agencyOrganisationId: number,
): Promise<ChainOrganisations> {
  const parent = employer.parentId ? await repo.findOrganisation(db, employer.parentId) : null;
  let supervisor: number | null = null;
  if (parent?.kind === 'supervisor') supervisor = parent.id;
  else if (parent?.kind === 'hr_bureau' && parent.actsAsSupervisor && parent.id !== agencyOrganisationId)
    supervisor = parent.id;
  if (supervisor === agencyOrganisationId) supervisor = null;
  return { unit: employer.id, supervisor, agency: agencyOrganisationId };
}

/** Where a (re)submitted application starts: the unit's handler seat. */
export function firstStageColumns(chain: ChainOrganisations, now: Date) {
  return {
    status: 'submitted' as const,
    stage: FIRST_STAGE,
    holderOrganisationId: chain.unit,
    holderRole: 'handler' as const,
    stageSince: now,
    supervisorOrganisationId: chain.supervisor,
  };
}

export function chainOfLoaded(r: {
  app: { employerId: number; supervisorOrganisationId: number | null };
  agency: { organisationId: number };
}): ChainOrganisations {
  return {
    unit: r.app.employerId,
    supervisor: r.app.supervisorOrganisationId,
    agency: r.agency.organisationId,
  };
}

/** Used by the applicant-side progress view. */
export async function holderDescription(db: DbOrTx, organisationId: number, stage: ReviewStage) {
  const org = await repo.findOrganisation(db, organisationId);
  const names = await repo.seatHolderNames(db, organisationId, seatOf(stage).role);
  return `${org?.name ?? ''}（${stageNames[stage]}${names.length ? `：${names.join('、')}` : ''}）`;
}

/** Visible to its applicant, to the data scope above its unit, and to every seat of its chain. */
export function applicationVisibleTo(
  actor: Actor,
  r: {
    app: { applicantAccountId: number; employerId: number; supervisorOrganisationId: number | null };
    agency: { organisationId: number };
    employer: { path: string };
  },
): boolean {
  const chain = chainOfLoaded(r);
  const chainOrgs = [chain.unit, chain.supervisor, chain.agency];
  return (
    r.app.applicantAccountId === actor.accountId ||
    pathInScope(dataScopeOf(actor), r.employer.path) ||
    actor.roles.some(
      (x) =>
        (x.role === 'handler' || x.role === 'leader') &&
        x.organisationId !== null &&
        chainOrgs.includes(x.organisationId),
    )
  );
}
