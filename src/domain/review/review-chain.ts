/**
 * The review chain (SPEC §5, notice 四、（二）（三）（五）) as an explicit state machine, shared by the
 * server (which enforces it) and the web (which shows who may do what). Pure: no I/O, no clock.
 *
 *   draft ──submit──▶ submitted@unit_handler ─approve▶ unit_leader ─approve▶ supervisor_handler
 *     ─approve▶ supervisor_leader ─approve▶ agency_handler ─approve▶ agency_leader ─approve▶ recognised
 *   at any stage: return ▶ returned (the applicant corrects and resubmits: back to unit_handler)
 *                 reject ▶ rejected (final)
 *   submitted@unit_handler before any review action: withdraw ▶ withdrawn (by the applicant)
 *   any live state: cancel for fraud ▶ cancelled (an agency; the person is blacklisted)
 *
 * The two supervisor stages are skipped when the employer has no supervising department and its HR
 * bureau is configured not to act as one (the `supervisor` of the chain is then null).
 */

export const reviewStages = [
  'unit_handler',
  'unit_leader',
  'supervisor_handler',
  'supervisor_leader',
  'agency_handler',
  'agency_leader',
] as const;
export type ReviewStage = (typeof reviewStages)[number];

export const applicationStatuses = [
  'draft',
  'submitted',
  'returned',
  'withdrawn',
  'recognised',
  'rejected',
  'cancelled',
] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];

export const reviewDecisions = ['approve', 'return', 'reject'] as const;
export type ReviewDecision = (typeof reviewDecisions)[number];

export type ChainLevel = 'unit' | 'supervisor' | 'agency';
export type SeatRole = 'handler' | 'leader';

export const stageNames: Record<ReviewStage, string> = {
  unit_handler: '申报单位经办人审查',
  unit_leader: '申报单位领导审查',
  supervisor_handler: '主管部门经办人审查',
  supervisor_leader: '主管部门领导审查',
  agency_handler: '认定机构经办人审查',
  agency_leader: '认定机构领导审批',
};

export const statusNames: Record<ApplicationStatus, string> = {
  draft: '草稿',
  submitted: '审查中',
  returned: '退回修改',
  withdrawn: '已撤回',
  recognised: '认定通过',
  rejected: '未通过',
  cancelled: '已取消申报资格',
};

export const decisionNames: Record<ReviewDecision, string> = {
  approve: '通过',
  return: '退回修改',
  reject: '不予通过',
};

/** Which organisation of the chain and which seat acts at a stage. */
export function seatOf(stage: ReviewStage): { level: ChainLevel; role: SeatRole } {
  const [level, role] = stage.split('_') as [ChainLevel, SeatRole];
  return { level, role };
}

/** The organisations an application passes through; `supervisor` null: those stages are skipped. */
export interface ChainOrganisations {
  unit: number;
  supervisor: number | null;
  agency: number;
}

export function stagesOf(chain: ChainOrganisations): ReviewStage[] {
  return reviewStages.filter((s) => seatOf(s).level !== 'supervisor' || chain.supervisor !== null);
}

export function organisationAt(chain: ChainOrganisations, stage: ReviewStage): number {
  const level = seatOf(stage).level;
  return level === 'supervisor' ? chain.supervisor! : chain[level];
}

export interface ReviewState {
  status: ApplicationStatus;
  /** The stage that holds it; non-null exactly while `status` is 'submitted'. */
  stage: ReviewStage | null;
}

export const FIRST_STAGE: ReviewStage = 'unit_handler';

/** The state after a reviewer's decision at the current stage. */
export function nextState(
  state: ReviewState,
  decision: ReviewDecision,
  chain: ChainOrganisations,
): ReviewState {
  if (state.status !== 'submitted' || state.stage === null) {
    throw new Error(`no review decision possible in status ${state.status}`);
  }
  if (decision === 'return') return { status: 'returned', stage: null };
  if (decision === 'reject') return { status: 'rejected', stage: null };
  const stages = stagesOf(chain);
  const i = stages.indexOf(state.stage);
  if (i < 0) throw new Error(`stage ${state.stage} is not in this chain`);
  const next = stages[i + 1];
  return next ? { status: 'submitted', stage: next } : { status: 'recognised', stage: null };
}

export const LIVE_STATUSES: readonly ApplicationStatus[] = ['draft', 'submitted', 'returned'];
export const FINAL_STATUSES: readonly ApplicationStatus[] = [
  'withdrawn',
  'recognised',
  'rejected',
  'cancelled',
];

/** What the actor brings to a review action, as the server resolved it. */
export interface ReviewAttempt {
  decision: ReviewDecision;
  /** The version of the review state the reviewer saw (optimistic concurrency). */
  expectedRevision: number;
  actorPersonId: number;
  /** The organisations where the actor holds a seat now, with the seat. */
  actorSeats: { organisationId: number; role: SeatRole }[];
}

export interface ReviewSubject extends ReviewState {
  revision: number;
  applicantPersonId: number;
  chain: ChainOrganisations;
  /** Persons who already acted on it in this round (since its last submission), by stage. */
  actedThisRound: { stage: ReviewStage; personId: number }[];
}

export type ReviewViolation =
  | { code: 'ALREADY_DECIDED'; status: ApplicationStatus }
  | { code: 'NOT_IN_REVIEW'; status: ApplicationStatus }
  | { code: 'STALE'; revision: number }
  | { code: 'NOT_YOUR_TURN'; stage: ReviewStage }
  | { code: 'OWN_APPLICATION' }
  | { code: 'SAME_PERSON_BOTH_SEATS'; stage: ReviewStage };

/**
 * Why this attempt may not proceed, or null. The order matters for the message the reviewer gets:
 * a decided application says so before anything else; a stale view says "已被他人处理".
 */
export function reviewViolation(subject: ReviewSubject, attempt: ReviewAttempt): ReviewViolation | null {
  if (FINAL_STATUSES.includes(subject.status)) return { code: 'ALREADY_DECIDED', status: subject.status };
  if (subject.revision !== attempt.expectedRevision) return { code: 'STALE', revision: subject.revision };
  if (subject.status !== 'submitted' || subject.stage === null)
    return { code: 'NOT_IN_REVIEW', status: subject.status };
  // 四、（二）: nobody reviews their own application, whatever seat they hold.
  if (attempt.actorPersonId === subject.applicantPersonId) return { code: 'OWN_APPLICATION' };
  const { role } = seatOf(subject.stage);
  const org = organisationAt(subject.chain, subject.stage);
  if (!attempt.actorSeats.some((s) => s.organisationId === org && s.role === role))
    return { code: 'NOT_YOUR_TURN', stage: subject.stage };
  // 经办人审查 and 领导审查 of one organisation are different people, also when seats change hands
  // between the two steps of one round.
  if (role === 'leader') {
    const handlerStage = subject.stage.replace('_leader', '_handler') as ReviewStage;
    if (subject.actedThisRound.some((a) => a.stage === handlerStage && a.personId === attempt.actorPersonId))
      return { code: 'SAME_PERSON_BOTH_SEATS', stage: subject.stage };
  }
  return null;
}

/** The applicant may withdraw only before the first review action of the current round. */
export function canWithdraw(state: ReviewState, reviewedThisRound: boolean): boolean {
  return state.status === 'submitted' && state.stage === FIRST_STAGE && !reviewedThisRound;
}

/** Only a draft or a returned application is edited and (re)submitted. */
export function isEditable(status: ApplicationStatus): boolean {
  return status === 'draft' || status === 'returned';
}

/** An agency may cancel for fraud anything not yet final (四、（四））, and also a recognised one. */
export function canCancelForFraud(status: ApplicationStatus): boolean {
  return status !== 'withdrawn' && status !== 'cancelled' && status !== 'draft';
}
