/**
 * Policy versions (三、（八））. Published versions are immutable; a title office clones one into a
 * draft, edits and validates it, and publishes it with an effective date from today on. The newest
 * published version whose date has come is in force; every decision records the version it used.
 */
import type { z } from 'zod';
import type { AppContext } from '../../context.js';
import type { DbOrTx } from '../../db/client.js';
import { AppError, conflict, notFound, unprocessable } from '../../errors.js';
import type { PolicyVersionDetail, UpdatePolicyDraftBody } from '../../../contract/eligibility.js';
import type { PolicyParameters, PolicyVersion } from '../../../domain/eligibility/policy-types.js';
import {
  validatePolicyParameters,
  withParameterDefaults,
} from '../../../domain/eligibility/default-policy.js';
import { todayInZone } from '../../../domain/batch-window.js';
import { appendAudit } from '../audit/audit-repository.js';
import { type Actor, auditActorOf } from '../auth/actor.js';
import { requireRole } from '../access/data-scope.js';
import { TITLE_OFFICE_ROLES } from '../catalogue/catalogue-service.js';
import * as repo from './policy-repository.js';
import { cachedReference } from '../../cache/reference-cache.js';
import { listSeriesWithSpecialties } from '../catalogue/catalogue-repository.js';
import { levelCodes } from '../../../contract/common.js';

const DENIED = '只有职称办可以维护政策版本';

export function toDomain(row: repo.PolicyVersionRow): PolicyVersion {
  return {
    code: row.code,
    name: row.name,
    effectiveFrom: row.effectiveFrom,
    // Versions saved before a parameter existed read it as its default (see withParameterDefaults).
    parameters: withParameterDefaults(row.parameters),
  };
}

/** The policy in force on a date (default: today in the system time zone). */
export async function policyInForce(
  ctx: AppContext,
  date?: string,
  db: DbOrTx = ctx.db,
): Promise<PolicyVersion & { id: number }> {
  const day = date ?? todayInZone(ctx.clock.now(), ctx.config.TZ_NAME);
  const load = async () => {
    const row = await repo.findInForce(db, day);
    if (!row) throw new AppError('NO_POLICY_IN_FORCE', 503, `${day} 没有生效的政策版本，请联系职称办`);
    return { id: row.id, ...toDomain(row) };
  };
  // Versions change a few times a year, and each publication bumps reference_version (migration 0016):
  // outside a transaction the version-checked cache answers (one primary-key read instead of the row
  // and its parameters, read three times by a submission; issue 12 item 2). Inside a transaction, what
  // that transaction sees. The answer is shared: callers only read it.
  return db === ctx.db ? cachedReference(ctx, `policy-in-force:${day}`, load) : load();
}

/**
 * The 文号 of the notice the version in force rests on, quoted by templates; null when it names none or
 * no version is in force (a template is still worth downloading then, with a neutral wording).
 */
export async function basisDocumentInForce(ctx: AppContext): Promise<string | null> {
  const row = await repo.findInForce(ctx.db, todayInZone(ctx.clock.now(), ctx.config.TZ_NAME));
  return row ? withParameterDefaults(row.parameters).basisDocumentNumber : null;
}

function toDetail(
  row: repo.PolicyVersionRow,
  inForceId: number | null,
  all: repo.PolicyVersionRow[],
): PolicyVersionDetail {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    status: row.status,
    effectiveFrom: row.effectiveFrom,
    inForce: row.id === inForceId,
    isDefault: row.isDefault,
    basedOn: all.find((x) => x.id === row.basedOnId)?.code ?? null,
    note: row.note,
    createdAt: row.createdAt.toISOString(),
    publishedAt: row.publishedAt?.toISOString() ?? null,
    parameters: withParameterDefaults(row.parameters),
  };
}

async function listing(ctx: AppContext) {
  const all = await repo.listVersions(ctx.db);
  const inForce = await repo.findInForce(ctx.db, todayInZone(ctx.clock.now(), ctx.config.TZ_NAME));
  return { all, inForceId: inForce?.id ?? null };
}

/** Public: which versions exist and which is in force (transparency of the rules). */
export async function listVersions(ctx: AppContext) {
  const { all, inForceId } = await listing(ctx);
  return all
    .filter((r) => r.status === 'published')
    .map((r) => {
      const { parameters: _p, ...summary } = toDetail(r, inForceId, all);
      return summary;
    });
}

export async function listAllVersions(ctx: AppContext, actor: Actor) {
  requireRole(actor, TITLE_OFFICE_ROLES, DENIED);
  const { all, inForceId } = await listing(ctx);
  return all.map((r) => {
    const { parameters: _p, ...summary } = toDetail(r, inForceId, all);
    return summary;
  });
}

export async function getVersion(
  ctx: AppContext,
  actor: Actor | null,
  id: number,
): Promise<PolicyVersionDetail> {
  const row = await repo.findVersion(ctx.db, id);
  // Drafts are the title offices' work in progress; published versions are public.
  if (
    !row ||
    (row.status === 'draft' &&
      !actor?.roles.some((r) => (TITLE_OFFICE_ROLES as readonly string[]).includes(r.role)))
  ) {
    throw notFound('政策版本');
  }
  const { all, inForceId } = await listing(ctx);
  return toDetail(row, inForceId, all);
}

export async function createDraft(
  ctx: AppContext,
  actor: Actor,
  basedOnId: number,
): Promise<PolicyVersionDetail> {
  const role = requireRole(actor, TITLE_OFFICE_ROLES, DENIED);
  const base = await repo.findVersion(ctx.db, basedOnId);
  if (!base) throw notFound('政策版本');
  const now = ctx.clock.now();
  const today = todayInZone(now, ctx.config.TZ_NAME);
  const id = await ctx.db.transaction(async (tx) => {
    let code = `${base.code}-修订`;
    for (let n = 2; await repo.findByCode(tx, code); n++) code = `${base.code}-修订${n}`;
    // Series added to the catalogue since the base version come in with the flags they were created with.
    const parameters = withParameterDefaults(structuredClone(base.parameters));
    for (const s of await listSeriesWithSpecialties(tx)) {
      parameters.series[s.code] ??= {
        minEducation: s.minEducation as PolicyParameters['series'][string]['minEducation'],
        examBased: s.examBased,
        practiceLicence: s.practiceLicence,
        levels: levelCodes.filter((l) => s.levelNames[l] !== null),
      };
    }
    const row = await repo.insertVersion(tx, {
      code,
      name: `${base.name.replace(/（修订稿）$/, '')}（修订稿）`,
      status: 'draft',
      effectiveFrom: today,
      parameters,
      basedOnId: base.id,
      note: null,
      createdByAccountId: actor.accountId,
      createdAt: now,
    });
    await appendAudit(
      tx,
      auditActorOf(actor, role),
      {
        action: 'policy.draft_created',
        targetType: 'policy_version',
        targetId: row.id,
        after: { code, basedOn: base.code },
      },
      now,
    );
    return row.id;
  });
  return getVersion(ctx, actor, id);
}

async function draftOrThrow(ctx: AppContext, id: number) {
  const row = await repo.findVersion(ctx.db, id);
  if (!row) throw notFound('政策版本');
  if (row.status !== 'draft')
    throw conflict('POLICY_PUBLISHED', '已发布的政策版本不能修改，请以它为基础新建修订稿');
  return row;
}

export async function updateDraft(
  ctx: AppContext,
  actor: Actor,
  id: number,
  body: z.infer<typeof UpdatePolicyDraftBody>,
) {
  const role = requireRole(actor, TITLE_OFFICE_ROLES, DENIED);
  const before = await draftOrThrow(ctx, id);
  const problems = validatePolicyParameters(body.parameters as PolicyParameters);
  if (problems.length) throw unprocessable('POLICY_INVALID', `政策参数有误：${problems[0]}`, { problems });
  const other = await repo.findByCode(ctx.db, body.code);
  if (other && other.id !== id) throw conflict('POLICY_CODE_TAKEN', `版本号“${body.code}”已被使用`);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await repo.updateVersion(tx, id, {
      name: body.name,
      code: body.code,
      effectiveFrom: body.effectiveFrom,
      note: body.note,
      parameters: body.parameters,
    });
    await appendAudit(
      tx,
      auditActorOf(actor, role),
      { action: 'policy.draft_updated', targetType: 'policy_version', targetId: id, before, after: body },
      now,
    );
  });
  return getVersion(ctx, actor, id);
}

export async function publish(ctx: AppContext, actor: Actor, id: number) {
  const role = requireRole(actor, TITLE_OFFICE_ROLES, DENIED);
  const draft = await draftOrThrow(ctx, id);
  const now = ctx.clock.now();
  const today = todayInZone(now, ctx.config.TZ_NAME);
  if (draft.effectiveFrom < today) {
    throw unprocessable(
      'EFFECTIVE_DATE_PAST',
      `生效日期 ${draft.effectiveFrom} 早于今天（${today}），请改为今天或以后`,
      { field: 'effectiveFrom' },
    );
  }
  const parameters = withParameterDefaults(draft.parameters);
  const problems = validatePolicyParameters(parameters);
  if (problems.length) throw unprocessable('POLICY_INVALID', `政策参数有误：${problems[0]}`, { problems });
  await ctx.db.transaction(async (tx) => {
    // A draft saved before a parameter existed is published with the value it was read with.
    await repo.updateVersion(tx, id, { status: 'published', publishedAt: now, parameters });
    await appendAudit(
      tx,
      auditActorOf(actor, role),
      {
        action: 'policy.published',
        targetType: 'policy_version',
        targetId: id,
        after: { code: draft.code, effectiveFrom: draft.effectiveFrom },
      },
      now,
    );
  });
  return getVersion(ctx, actor, id);
}

export async function deleteDraft(ctx: AppContext, actor: Actor, id: number) {
  const role = requireRole(actor, TITLE_OFFICE_ROLES, DENIED);
  const draft = await draftOrThrow(ctx, id);
  await ctx.db.transaction(async (tx) => {
    await repo.deleteVersion(tx, id);
    await appendAudit(
      tx,
      auditActorOf(actor, role),
      {
        action: 'policy.draft_deleted',
        targetType: 'policy_version',
        targetId: id,
        before: { code: draft.code },
      },
      ctx.clock.now(),
    );
  });
}
