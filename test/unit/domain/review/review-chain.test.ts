import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  type ChainOrganisations,
  type ReviewState,
  type ReviewSubject,
  canCancelForFraud,
  canWithdraw,
  isEditable,
  nextState,
  organisationAt,
  reviewDecisions,
  reviewViolation,
  seatOf,
  stagesOf,
} from '../../../../src/domain/review/review-chain.js';

const full: ChainOrganisations = { unit: 10, supervisor: 20, agency: 30 };
const direct: ChainOrganisations = { unit: 10, supervisor: null, agency: 30 };

describe('the chain', () => {
  it('passes every seat in order to recognised', () => {
    let s: ReviewState = { status: 'submitted', stage: 'unit_handler' };
    const seen = [s.stage];
    while (s.status === 'submitted') {
      s = nextState(s, 'approve', full);
      seen.push(s.stage);
    }
    expect(seen).toEqual([
      'unit_handler',
      'unit_leader',
      'supervisor_handler',
      'supervisor_leader',
      'agency_handler',
      'agency_leader',
      null,
    ]);
    expect(s.status).toBe('recognised');
  });
  it('skips the supervisor stages when there is none', () => {
    expect(stagesOf(direct)).toEqual(['unit_handler', 'unit_leader', 'agency_handler', 'agency_leader']);
    expect(nextState({ status: 'submitted', stage: 'unit_leader' }, 'approve', direct)).toEqual({
      status: 'submitted',
      stage: 'agency_handler',
    });
  });
  it('return and reject leave the chain', () => {
    const s: ReviewState = { status: 'submitted', stage: 'agency_handler' };
    expect(nextState(s, 'return', full)).toEqual({ status: 'returned', stage: null });
    expect(nextState(s, 'reject', full)).toEqual({ status: 'rejected', stage: null });
  });
  it('refuses decisions outside review', () => {
    expect(() => nextState({ status: 'returned', stage: null }, 'approve', full)).toThrow();
    expect(() =>
      nextState({ status: 'submitted', stage: 'supervisor_handler' }, 'approve', direct),
    ).toThrow();
  });
  it('names the seat and organisation of each stage', () => {
    expect(seatOf('supervisor_leader')).toEqual({ level: 'supervisor', role: 'leader' });
    expect(organisationAt(full, 'agency_handler')).toBe(30);
    expect(organisationAt(full, 'unit_leader')).toBe(10);
  });
  it('any sequence of decisions keeps stage set exactly while in review, and ends', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.array(fc.constantFrom(...reviewDecisions), { minLength: 1, maxLength: 10 }),
        (hasSupervisor, decisions) => {
          const chain = hasSupervisor ? full : direct;
          let s: ReviewState = { status: 'submitted', stage: 'unit_handler' };
          let steps = 0;
          for (const d of decisions) {
            if (s.status !== 'submitted') break;
            s = nextState(s, d, chain);
            steps++;
            expect(s.stage === null).toBe(s.status !== 'submitted');
          }
          expect(steps).toBeLessThanOrEqual(stagesOf(chain).length);
        },
      ),
    );
  });
});

describe('who may act', () => {
  const subject: ReviewSubject = {
    status: 'submitted',
    stage: 'unit_leader',
    revision: 3,
    applicantPersonId: 1,
    chain: full,
    actedThisRound: [{ stage: 'unit_handler', personId: 5 }],
  };
  const leader = { actorPersonId: 6, actorSeats: [{ organisationId: 10, role: 'leader' as const }] };
  it('lets the seat of the stage act on the current revision', () => {
    expect(reviewViolation(subject, { ...leader, decision: 'approve', expectedRevision: 3 })).toBeNull();
  });
  it('refuses a stale revision before anything else', () => {
    expect(reviewViolation(subject, { ...leader, decision: 'approve', expectedRevision: 2 })).toEqual({
      code: 'STALE',
      revision: 3,
    });
  });
  it('refuses the wrong seat, the wrong organisation, and out of turn', () => {
    const v = (seats: { organisationId: number; role: 'handler' | 'leader' }[]) =>
      reviewViolation(subject, {
        decision: 'approve',
        expectedRevision: 3,
        actorPersonId: 6,
        actorSeats: seats,
      });
    expect(v([{ organisationId: 10, role: 'handler' }])?.code).toBe('NOT_YOUR_TURN');
    expect(v([{ organisationId: 20, role: 'leader' }])?.code).toBe('NOT_YOUR_TURN');
    expect(v([])?.code).toBe('NOT_YOUR_TURN');
  });
  it('refuses one’s own application from any seat', () => {
    expect(
      reviewViolation(subject, { ...leader, actorPersonId: 1, decision: 'approve', expectedRevision: 3 }),
    ).toEqual({ code: 'OWN_APPLICATION' });
  });
  it('refuses the person who handled it this round acting again as leader', () => {
    expect(
      reviewViolation(subject, { ...leader, actorPersonId: 5, decision: 'approve', expectedRevision: 3 })
        ?.code,
    ).toBe('SAME_PERSON_BOTH_SEATS');
  });
  it('says a decided application is decided', () => {
    expect(
      reviewViolation(
        { ...subject, status: 'recognised', stage: null },
        { ...leader, decision: 'approve', expectedRevision: 3 },
      ),
    ).toEqual({ code: 'ALREADY_DECIDED', status: 'recognised' });
    expect(
      reviewViolation(
        { ...subject, status: 'returned', stage: null },
        { ...leader, decision: 'approve', expectedRevision: 3 },
      ),
    ).toEqual({ code: 'NOT_IN_REVIEW', status: 'returned' });
  });
});

describe('applicant-side rules', () => {
  it('withdraws only before the first review of the round', () => {
    expect(canWithdraw({ status: 'submitted', stage: 'unit_handler' }, false)).toBe(true);
    expect(canWithdraw({ status: 'submitted', stage: 'unit_handler' }, true)).toBe(false);
    expect(canWithdraw({ status: 'submitted', stage: 'unit_leader' }, false)).toBe(false);
    expect(canWithdraw({ status: 'returned', stage: null }, false)).toBe(false);
  });
  it('edits drafts and returned ones only', () => {
    expect(isEditable('draft')).toBe(true);
    expect(isEditable('returned')).toBe(true);
    expect(isEditable('submitted')).toBe(false);
    expect(isEditable('recognised')).toBe(false);
  });
  it('cancels for fraud anything submitted, also after a decision', () => {
    expect(canCancelForFraud('recognised')).toBe(true);
    expect(canCancelForFraud('submitted')).toBe(true);
    expect(canCancelForFraud('draft')).toBe(false);
    expect(canCancelForFraud('cancelled')).toBe(false);
  });
});
