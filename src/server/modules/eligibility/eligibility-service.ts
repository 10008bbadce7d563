/**
 * The pre-check (自测, CONTRACT.md): the same engine that will judge a submitted application, run on
 * what a person types, with the policy in force today and, when an ID number is given, the blacklist.
 */
import type { AppContext } from '../../context.js';
import type { DbOrTx } from '../../db/client.js';
import { AppError } from '../../errors.js';
import type { EligibilityCheckBody, EligibilityResult } from '../../../contract/eligibility.js';
import { evaluateEligibility } from '../../../domain/eligibility/eligibility-engine.js';
import type { ApplicantFacts } from '../../../domain/eligibility/policy-types.js';
import { validateIdNumber } from '../../../domain/id-number.js';
import { todayInZone, offeredToApplicants } from '../../../domain/batch-window.js';
import { findSeriesByCode, listSpecialties } from '../catalogue/catalogue-repository.js';
import { policyInForce } from '../policy/policy-service.js';
import * as repo from './eligibility-repository.js';

/** The blacklist entry in force for this ID number on `day`, if any. */
export const blacklistEntryInForce = repo.blacklistEntryInForce;

const invalid = (field: string, message: string) =>
  new AppError('VALIDATION_FAILED', 422, message, { field });

export async function check(ctx: AppContext, body: EligibilityCheckBody): Promise<EligibilityResult> {
  const today = todayInZone(ctx.clock.now(), ctx.config.TZ_NAME);
  let cutoffDate = body.cutoffDate;
  if (body.batchId !== undefined) {
    const batch = await repo.findBatch(ctx.db, body.batchId);
    // A draft schedule's batch is not public yet: answered as if it did not exist.
    if (!batch || !offeredToApplicants(batch)) throw invalid('batchId', '批次不存在');
    cutoffDate = batch.cutoffDate;
  }
  const series = await findSeriesByCode(ctx.db, body.seriesCode);
  if (!series) throw invalid('seriesCode', `系列代码“${body.seriesCode}”不存在，请从系列目录中选择`);
  if (body.specialtyCode) {
    const specialties = await listSpecialties(ctx.db, series.id);
    if (!specialties.some((s) => s.code === body.specialtyCode)) {
      throw invalid('specialtyCode', `专业代码“${body.specialtyCode}”不属于“${series.name}”系列`);
    }
  }
  let blacklisted: ApplicantFacts['blacklisted'];
  if (body.idNumber) {
    const id = validateIdNumber(body.idNumber, ctx.clock.now());
    if (!id.ok) throw invalid('idNumber', id.reason);
    const entry = await blacklistEntryInForce(ctx.db, id.value, today);
    blacklisted = entry ? { listed: true, until: entry.endsOn, reason: entry.reason } : { listed: false };
  }
  const policy = await policyInForce(ctx, today);
  return evaluateEligibility(
    {
      cutoffDate: cutoffDate!,
      seriesCode: body.seriesCode,
      specialtyCode: body.specialtyCode,
      targetLevel: body.targetLevel,
      educations: [body.education],
      majorRelated: body.majorRelated,
      professionalWorkStart: body.professionalWorkStart,
      employer: body.employer,
      post: body.post,
      practiceLicences: body.practiceLicences,
      socialInsurance: body.socialInsurance,
      blacklisted,
    },
    policy,
  );
}

/**
 * Evaluates with the policy in force today and stores the decision with the version it used, in the
 * caller's transaction. Later policy versions never touch a stored decision.
 */
export async function decide(
  ctx: AppContext,
  tx: DbOrTx,
  facts: ApplicantFacts,
  subject: { type: string; id: string | number | null },
) {
  // Read through the caller's transaction: on PGlite a second connection does not exist.
  const policy = await policyInForce(ctx, undefined, tx);
  const result = evaluateEligibility(facts, policy);
  const decisionId = await repo.insertDecision(tx, {
    policyVersionId: policy.id,
    policyCode: policy.code,
    subjectType: subject.type,
    subjectId: subject.id === null ? null : String(subject.id),
    facts,
    result,
    createdAt: ctx.clock.now(),
  });
  return { decisionId, result };
}

export async function findDecision(db: DbOrTx, id: number) {
  const row = await repo.findDecision(db, id);
  return row ? { ...row, result: row.result as EligibilityResult, facts: row.facts as ApplicantFacts } : null;
}
