/**
 * The review chain on the server (issue 5): every decision is checked against the state machine of
 * src/domain/review/review-chain.ts inside one transaction that holds the application's row lock —
 * state, seat, data scope, conflicts of interest, the employer's duties (核验, work experience,
 * publicity) — and is written with its review action, audit row and notifications in that same
 * transaction. Two reviewers racing on one application: the second waits for the lock, then finds a
 * new revision and is told "已被他人处理" with the current state.
 */
import type { AppContext } from '../../context.js';
import type { DbOrTx, Tx } from '../../db/client.js';
import { AppError, conflict, forbidden, notFound, unprocessable } from '../../errors.js';
import {
  type ReviewStage,
  type ReviewViolation,
  canCancelForFraud,
  decisionNames,
  nextState,
  organisationAt,
  reviewViolation,
  seatOf,
  stageNames,
  stagesOf,
  statusNames,
} from '../../../domain/review/review-chain.js';
import { endOfWorkingDays } from '../../../domain/working-days.js';
import { todayInZone } from '../../../domain/batch-window.js';
import { addDays, format, parseISO } from 'date-fns';
import type {
  DecisionBody,
  Publicity,
  Queue,
  QueueItem,
  ReviewSeatCounts,
  ReviewView,
} from '../../../contract/review.js';
import type { EligibilityResult } from '../../../domain/eligibility/policy-types.js';
import { appendAudit } from '../audit/audit-repository.js';
import { type Actor, type ActorRole, auditActorOf } from '../auth/actor.js';
import * as applicationsRepo from '../applications/applications-repository.js';
import { getApplication } from '../applications/applications-service.js';
import { alreadyHandled, lockForTransition, moveLocked } from '../applications/application-state.js';
import { notify, notifySeat } from '../notifications/notifications-service.js';
import * as repo from './review-repository.js';
import { cancellingRole, noteView } from '../discipline/discipline-service.js';
import { policyInForce } from '../policy/policy-service.js';
import { findSeriesByCode, listSpecialties } from '../catalogue/catalogue-repository.js';
import { levelNames } from '../../../contract/common.js';
import { applicationVisibleTo, chainOfLoaded } from './review-routing.js';

type SeatRole = 'handler' | 'leader';

function seatsOf(actor: Actor) {
  return actor.roles
    .filter((r) => (r.role === 'handler' || r.role === 'leader') && r.organisationId !== null)
    .map((r) => ({ organisationId: r.organisationId!, role: r.role as SeatRole, assignment: r }));
}

type Loaded = NonNullable<Awaited<ReturnType<typeof applicationsRepo.findApplication>>>;

/** Visible to its applicant, to the data scope above the unit, and to every seat of its chain. */
async function reviewable(ctx: AppContext, actor: Actor, id: number, db: DbOrTx = ctx.db) {
  const r = await applicationsRepo.findApplication(db, id);
  if (!r) throw notFound('申报');
  if (!applicationVisibleTo(actor, r)) throw notFound('申报');
  return { r, chain: chainOfLoaded(r) };
}

/**
 * Whether the actor may act on the application now (the state machine's answer), from the row, its
 * chain and the actions of its current round.
 */
function violationOf(
  actor: Actor,
  app: Loaded['app'],
  chain: ReturnType<typeof chainOfLoaded>,
  actions: Awaited<ReturnType<typeof repo.actionsOf>>,
  attempt: { decision: 'approve' | 'return' | 'reject'; expectedRevision: number },
) {
  return reviewViolation(
    {
      status: app.status,
      stage: app.stage,
      revision: app.revision,
      applicantPersonId: app.personId,
      chain,
      actedThisRound: actions
        .filter((a) => a.action.version === app.version)
        .map((a) => ({ stage: a.action.stage as ReviewStage, personId: a.action.personId })),
    },
    { ...attempt, actorPersonId: actor.personId, actorSeats: seatsOf(actor) },
  );
}

function violationError(v: ReviewViolation, r: { status: string; stage: string | null; revision: number }) {
  const current = { status: r.status, stage: r.stage, revision: r.revision };
  switch (v.code) {
    case 'ALREADY_DECIDED':
      return conflict('ALREADY_DECIDED', `该申报已办结（${statusNames[v.status]}），不能再审查`, current);
    case 'STALE':
      return alreadyHandled(r);
    case 'NOT_IN_REVIEW':
      return conflict('NOT_IN_REVIEW', `该申报当前为“${statusNames[v.status]}”，不在审查中`, current);
    case 'OWN_APPLICATION':
      return forbidden('不能审查本人的申报（四、（二））');
    case 'NOT_YOUR_TURN':
      return forbidden(`该申报当前在“${stageNames[v.stage]}”环节，您的岗位不能办理`);
    case 'SAME_PERSON_BOTH_SEATS':
      return forbidden('同一单位的经办人审查和领导审查须由不同人员办理（四、（二））');
  }
}

interface MaterialOfVersion {
  category: string;
  title: string;
  purpose?: string;
  uploadIds: number[];
  combined?: { uploadId: number };
}

function materialsOfSnapshot(snapshot: unknown): MaterialOfVersion[] {
  return ((snapshot as { materials?: MaterialOfVersion[] } | null)?.materials ?? []) as MaterialOfVersion[];
}

const ENDORSEMENT = '与原件相符';

export async function reviewView(ctx: AppContext, actor: Actor, id: number): Promise<ReviewView> {
  const { r, chain } = await reviewable(ctx, actor, id);
  if (r.app.applicantAccountId !== actor.accountId) {
    const seat = seatsOf(actor).find((s) =>
      [chain.unit, chain.supervisor, chain.agency].includes(s.organisationId),
    );
    await noteView(ctx, actor, id, seat?.assignment ?? actor.roles[0]);
  }
  const application = await getApplication(ctx, actor, id);
  const version = r.app.version > 0 ? await repo.versionOf(ctx.db, id, r.app.version) : null;
  const checks = version ? await repo.checksOf(ctx.db, id, version.version) : [];
  const actions = await repo.actionsOf(ctx.db, id);
  const orgs = await repo.organisationsByIds(
    ctx.db,
    [chain.unit, chain.supervisor, chain.agency].filter((x): x is number => x !== null),
  );
  const orgName = (oid: number) => orgs.find((o) => o.id === oid)?.name ?? '';
  const stages = stagesOf(chain);
  const currentIndex = r.app.stage ? stages.indexOf(r.app.stage) : -1;
  const materials = materialsOfSnapshot(version?.snapshot).map((m, index) => {
    const c = checks.find((x) => x.materialIndex === index);
    return {
      index,
      category: m.category,
      title: m.title,
      purpose: m.purpose ?? 'general',
      combinedUploadId: m.combined?.uploadId ?? null,
      pageUploadIds: m.uploadIds,
      check: c
        ? {
            by: c.personName,
            organisationName: c.organisationName,
            at: c.checkedAt.toISOString(),
            endorsement: ENDORSEMENT,
          }
        : null,
    };
  });
  const snapshot = version?.snapshot as {
    form: unknown;
    socialInsurance: { insuredUnitName: string; months: number } | null;
    eligibility: EligibilityResult;
  } | null;
  const violation = violationOf(actor, r.app, chain, actions, {
    decision: 'approve',
    expectedRevision: r.app.revision,
  });
  const publicityRow = version ? await repo.publicityOfApplication(ctx.db, id, version.version) : null;
  const today = todayInZone(ctx.clock.now(), ctx.config.TZ_NAME);
  const objections = publicityRow ? await repo.objectionsOf(ctx.db, [publicityRow.id]) : [];
  return {
    application,
    revision: r.app.revision,
    submitted: snapshot
      ? {
          version: version!.version,
          form: snapshot.form,
          socialInsurance: snapshot.socialInsurance,
          eligibility: snapshot.eligibility,
        }
      : null,
    materials,
    chain: stages.map((s, i) => ({
      stage: s,
      stageName: stageNames[s],
      organisationId: organisationAt(chain, s),
      organisationName: orgName(organisationAt(chain, s)),
      current: i === currentIndex,
      done: r.app.status === 'recognised' || (currentIndex >= 0 && i < currentIndex),
    })),
    allowed: {
      decide: violation === null,
      checkMaterials: violation === null && r.app.stage === 'unit_handler',
      needsWorkConfirmation: r.app.stage === 'unit_handler' || r.app.stage === 'supervisor_handler',
      cancel:
        canCancelForFraud(r.app.status) &&
        cancellingRole(actor, r.agency.organisationId, r.employer.path) !== null,
      reason: violation ? violationError(violation, r.app).message : null,
    },
    publicity: publicityRow
      ? {
          id: publicityRow.id,
          title: publicityRow.title,
          startsOn: publicityRow.startsOn,
          endsOn: publicityRow.endsOn,
          ended: publicityRow.endsOn < today,
          forVersion: publicityRow.forVersion,
          objections: objections
            .filter((o) => o.applicationId === null || o.applicationId === id)
            .map((o) => ({ content: o.content, handling: o.handling, at: o.createdAt.toISOString() })),
        }
      : null,
  };
}

/** Checks what the employer must have done before its seats may send the application on. */
async function dutiesBeforeApproval(
  tx: Tx,
  ctx: AppContext,
  app: Loaded['app'],
  stage: ReviewStage,
  body: DecisionBody,
) {
  if ((stage === 'unit_handler' || stage === 'supervisor_handler') && body.workExperienceConfirmed !== true) {
    throw unprocessable(
      'WORK_EXPERIENCE_NOT_CONFIRMED',
      '请先确认已审查申报人员的工作经历和业绩成果符合申报条件（四、（五））',
      { field: 'workExperienceConfirmed' },
    );
  }
  if (stage === 'unit_handler') {
    const version = await repo.versionOf(tx, app.id, app.version);
    const materials = materialsOfSnapshot(version?.snapshot);
    const checked = new Set((await repo.checksOf(tx, app.id, app.version)).map((c) => c.materialIndex));
    const unchecked = materials.filter((_, i) => !checked.has(i));
    if (unchecked.length) {
      throw unprocessable(
        'MATERIALS_UNCHECKED',
        `还有 ${unchecked.length} 项材料未核验（${unchecked.map((m) => m.title).join('、')}），核验与原件相符后才能报送`,
        { field: 'materials' },
      );
    }
  }
  if (stage === 'unit_leader') {
    const publicity = await repo.publicityOfApplication(tx, app.id, app.version);
    const today = todayInZone(ctx.clock.now(), ctx.config.TZ_NAME);
    if (!publicity) {
      const days = (await policyInForce(ctx, today, tx)).parameters.publicityWorkingDays;
      throw unprocessable(
        'PUBLICITY_REQUIRED',
        `该申报尚未在本单位公示；公示不少于 ${days} 个工作日（《职称评审管理暂行规定》），期满后才能报送`,
      );
    }
    if (publicity.endsOn >= today)
      throw unprocessable('PUBLICITY_NOT_ENDED', `本单位公示至 ${publicity.endsOn} 期满，期满后才能报送`);
  }
}

function actingSeat(actor: Actor, organisationId: number, role: SeatRole): ActorRole {
  return seatsOf(actor).find((s) => s.organisationId === organisationId && s.role === role)!.assignment;
}

/** One reviewer's decision. Everything is re-read under the row lock; the loser of a race gets 409. */
export async function decide(ctx: AppContext, actor: Actor, id: number, body: DecisionBody) {
  await reviewable(ctx, actor, id);
  if (body.decision !== 'approve' && body.reasons.length === 0 && !body.comment) {
    throw unprocessable(
      'REASONS_REQUIRED',
      body.decision === 'return' ? '退回修改须写明原因（可按字段或材料逐条填写）' : '不予通过须写明原因',
      { field: 'reasons' },
    );
  }
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    // The revision is checked by the review chain's rules below, on this locked row.
    const app = await lockForTransition(tx, id);
    const r = (await applicationsRepo.findApplication(tx, id))!;
    const chain = chainOfLoaded(r);
    const actions = await repo.actionsOf(tx, id);
    const violation = violationOf(actor, app, chain, actions, body);
    if (violation) throw violationError(violation, app);
    const stage = app.stage!;
    const { role } = seatOf(stage);
    const organisationId = organisationAt(chain, stage);
    if (body.decision === 'approve') await dutiesBeforeApproval(tx, ctx, r.app, stage, body);
    const next = nextState({ status: app.status, stage }, body.decision, chain);
    const holder = next.stage ? organisationAt(chain, next.stage) : null;
    await moveLocked(tx, app, {
      status: next.status,
      stage: next.stage,
      holderOrganisationId: holder,
      holderRole: next.stage ? seatOf(next.stage).role : null,
      stageSince: next.stage ? now : null,
      updatedAt: now,
    });
    await repo.insertAction(tx, {
      applicationId: id,
      version: app.version,
      stage,
      decision: body.decision,
      organisationId,
      accountId: actor.accountId,
      personId: actor.personId,
      personName: actor.personName,
      role,
      comment: body.comment,
      reasons: body.reasons,
      workExperienceConfirmed: body.workExperienceConfirmed ?? null,
      revisionAfter: app.revision + 1,
      createdAt: now,
    });
    const seat = actingSeat(actor, organisationId, role);
    await appendAudit(
      tx,
      auditActorOf(actor, seat),
      {
        action: `review.${body.decision}`,
        targetType: 'application',
        targetId: id,
        before: { status: app.status, stage, revision: app.revision },
        after: {
          status: next.status,
          stage: next.stage,
          revision: app.revision + 1,
          comment: body.comment || undefined,
          reasons: body.reasons.length ? body.reasons : undefined,
          workExperienceConfirmed: body.workExperienceConfirmed,
        },
      },
      now,
    );
    const label = `${r.personName}的${r.batch.year}年${r.batch.name}申报${r.app.number ? `（${r.app.number}）` : ''}`;
    if (next.stage) {
      await notifySeat(tx, now, holder!, seatOf(next.stage).role, {
        kind: 'review.arrived',
        title: `待办：${stageNames[next.stage]}`,
        body: `${label}已到达“${stageNames[next.stage]}”，请及时审查。`,
        applicationId: id,
      });
    } else {
      const reasons = body.reasons.map((x) => x.message).join('；');
      await notify(tx, now, [
        {
          accountId: r.app.applicantAccountId,
          kind: `application.${next.status}`,
          title:
            next.status === 'returned'
              ? '申报被退回修改'
              : next.status === 'recognised'
                ? '考核认定通过'
                : '申报未通过',
          body:
            next.status === 'recognised'
              ? await recognisedNotice(tx, ctx, r, label, now, body.comment)
              : `${label}：${stageNames[stage]}${decisionNames[body.decision]}。${reasons || body.comment}`.trim(),
          applicationId: id,
        },
      ]);
    }
    return { id, status: next.status, stage: next.stage, revision: app.revision + 1 };
  });
}

/**
 * The recognised applicant's notice: which qualification (资格名称 of the series at that level, e.g.
 * 二级教师), the day it was recognised, and from when the qualification counts — the date the
 * agency's 批复 sets (取得资格时间), told again with the certificate once the 批复 is issued.
 */
async function recognisedNotice(
  tx: Tx,
  ctx: AppContext,
  r: Loaded,
  label: string,
  now: Date,
  comment: string,
) {
  const form = r.app.form as { seriesCode?: string | null; specialtyCode?: string | null };
  const level = r.app.targetLevel as keyof typeof levelNames;
  const series = form.seriesCode ? await findSeriesByCode(tx, form.seriesCode) : null;
  const specialty = series
    ? (await listSpecialties(tx, series.id)).find((x) => x.code === form.specialtyCode)?.name
    : undefined;
  const qualification = (series?.levelNames as Partial<Record<string, string>> | undefined)?.[level];
  const what = `${series?.name ?? ''}${specialty ? `（${specialty}）` : ''}${levelNames[level]}`;
  const today = todayInZone(now, ctx.config.TZ_NAME);
  return (
    `${label}已经${r.agencyName}于 ${today} 认定通过，` +
    `取得${qualification ? `“${qualification}”` : what}专业技术资格${qualification ? `（${what}）` : ''}。` +
    `资格取得时间自认定机构批复文件确定的日期起算，批复签发后将通知您并发放电子证书，可在“我的证书”查看。` +
    (comment ? `备注：${comment}` : '')
  );
}

/** 核验: the unit handler marks one material of the submitted version as checked against the original. */
export async function checkMaterial(
  ctx: AppContext,
  actor: Actor,
  id: number,
  index: number,
  expectedRevision: number,
) {
  await reviewable(ctx, actor, id);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const app = await lockForTransition(tx, id);
    const r = (await applicationsRepo.findApplication(tx, id))!;
    const chain = chainOfLoaded(r);
    const violation = violationOf(actor, app, chain, [], { decision: 'approve', expectedRevision });
    if (violation) throw violationError(violation, app);
    if (app.stage !== 'unit_handler') throw conflict('NOT_AT_UNIT', '材料核验由申报单位经办人在报送前完成');
    const version = await repo.versionOf(tx, id, app.version);
    const materials = materialsOfSnapshot(version?.snapshot);
    if (!materials[index]) throw notFound('材料');
    const seat = actingSeat(actor, app.employerId, 'handler');
    const inserted = await repo.insertCheck(tx, {
      applicationId: id,
      version: app.version,
      materialIndex: index,
      accountId: actor.accountId,
      personName: actor.personName,
      organisationName: seat.organisationName ?? '',
      checkedAt: now,
    });
    if (inserted)
      await appendAudit(
        tx,
        auditActorOf(actor, seat),
        {
          action: 'review.material_checked',
          targetType: 'application',
          targetId: id,
          after: {
            version: app.version,
            material: index,
            title: materials[index].title,
            endorsement: ENDORSEMENT,
          },
        },
        now,
      );
  });
  return reviewView(ctx, actor, id);
}

const encodeCursor = (since: Date, id: number) =>
  Buffer.from(`${since.toISOString()}|${id}`).toString('base64url');

function decodeCursor(cursor: string) {
  const [iso, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const since = new Date(iso ?? '');
  const n = Number(id);
  if (Number.isNaN(since.getTime()) || !Number.isInteger(n))
    throw unprocessable('BAD_CURSOR', '翻页参数无效，请从第一页重新查看', { field: 'after' });
  return { since, id: n };
}

/** The actor's seats with what waits at each, and how much of it is in a batch closing within 3 days. */
export async function mySeats(ctx: AppContext, actor: Actor): Promise<ReviewSeatCounts[]> {
  const today = todayInZone(ctx.clock.now(), ctx.config.TZ_NAME);
  const closingBy = format(addDays(parseISO(today), 3), 'yyyy-MM-dd');
  return Promise.all(
    seatsOf(actor).map(async (s) => {
      const perBatch = await repo.seatCountsByBatch(ctx.db, s.organisationId, s.role);
      return {
        organisationId: s.organisationId,
        organisationName: s.assignment.organisationName ?? '',
        role: s.role,
        waiting: perBatch.reduce((n, b) => n + b.n, 0),
        overdue: perBatch.filter((b) => b.closesOn <= closingBy).reduce((n, b) => n + b.n, 0),
      };
    }),
  );
}

/**
 * One seat's queue page (the first seat unless one is named). Counts are a separate call
 * (`mySeats`), so that paging never recounts a long queue.
 */
export async function queue(
  ctx: AppContext,
  actor: Actor,
  q: {
    organisationId?: number;
    role?: SeatRole;
    batchId?: number;
    seriesCode?: string;
    targetLevel?: string;
    waitingDays?: number;
    after?: string;
    limit: number;
  },
): Promise<Queue> {
  const now = ctx.clock.now();
  const mine = seatsOf(actor);
  const named = q.organisationId !== undefined || q.role !== undefined;
  const chosen = named
    ? mine.find((s) => s.organisationId === q.organisationId && s.role === q.role)
    : mine[0];
  if (named && !chosen) throw forbidden('您没有该审查岗位');
  if (!chosen) return { seat: null, items: [], nextCursor: null };
  const seat = {
    organisationId: chosen.organisationId,
    organisationName: chosen.assignment.organisationName ?? '',
    role: chosen.role,
  };
  const rows = await repo.queue(ctx.db, {
    organisationId: seat.organisationId,
    role: seat.role,
    batchId: q.batchId,
    seriesCode: q.seriesCode,
    targetLevel: q.targetLevel,
    stageBefore: q.waitingDays !== undefined ? addDays(now, -q.waitingDays) : undefined,
    after: q.after ? decodeCursor(q.after) : undefined,
    limit: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  const items: QueueItem[] = page.map((x) => ({
    id: x.id,
    number: x.number,
    revision: x.revision,
    version: x.version,
    stage: x.stage!,
    applicantName: x.personName,
    employerName: x.employerName,
    seriesCode: x.seriesCode,
    targetLevel: x.targetLevel,
    batchName: `${x.batchYear}年${x.batchName}`,
    batchCloses: x.batchCloses,
    since: x.stageSince!.toISOString(),
    waitingDays: Math.floor((now.getTime() - x.stageSince!.getTime()) / 86_400_000),
    eligible: x.eligible,
  }));
  const last = page[page.length - 1];
  return {
    seat,
    items,
    nextCursor: rows.length > q.limit && last ? encodeCursor(last.stageSince!, last.id) : null,
  };
}

/** The leader approves a set at once (confirmed in the web); each item is its own decision. */
export async function bulkApprove(
  ctx: AppContext,
  actor: Actor,
  body: { items: { id: number; expectedRevision: number }[]; comment: string },
) {
  const results = [];
  for (const item of body.items) {
    try {
      await decide(ctx, actor, item.id, {
        decision: 'approve',
        expectedRevision: item.expectedRevision,
        comment: body.comment,
        reasons: [],
      });
      results.push({ id: item.id, ok: true, code: null, message: null });
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      results.push({ id: item.id, ok: false, code: e.code, message: e.message });
    }
  }
  return results;
}

// ——— 公示: the unit's internal publicity of its candidates ———

async function publicityView(ctx: AppContext, ids: number[]): Promise<Publicity[]> {
  const rows = await Promise.all(ids.map((id) => repo.findPublicity(ctx.db, id)));
  const entries = await repo.entriesOf(ctx.db, ids);
  const objections = await repo.objectionsOf(ctx.db, ids);
  const today = todayInZone(ctx.clock.now(), ctx.config.TZ_NAME);
  return rows
    .filter((x) => x !== null)
    .map(({ publicity: p, organisation }) => ({
      id: p.id,
      organisationName: organisation.name,
      title: p.title,
      startsOn: p.startsOn,
      endsOn: p.endsOn,
      workingDays: p.workingDays,
      ended: p.endsOn < today,
      applications: entries
        .filter((e) => e.entry.publicityId === p.id)
        .map((e) => ({ id: e.entry.applicationId, applicantName: e.applicantName, number: e.number })),
      objections: objections
        .filter((o) => o.publicityId === p.id)
        .map((o) => ({
          id: o.id,
          applicationId: o.applicationId,
          content: o.content,
          handling: o.handling,
          at: o.createdAt.toISOString(),
        })),
    }));
}

function unitSeat(actor: Actor, organisationId: number) {
  const s = seatsOf(actor).find((x) => x.organisationId === organisationId);
  if (!s) throw forbidden('公示由申报单位的审查岗位办理');
  return s.assignment;
}

/**
 * Records a publicity of the unit's candidates. It may have started earlier on the unit's notice board
 * (recorded afterwards), but not more than 30 days ago and not before the listed applications were
 * submitted (it is a publicity of candidates); it lasts the working days the policy in force sets
 * (《职称评审管理暂行规定》（人力资源社会保障部令第40号）: at least 5), counted by the calendar.
 * An application is listed once: a publicity already held for it counts for its later versions after
 * a return for correction, so it is listed again only when the unit chooses to hold a new one (`renew`).
 */
export async function createPublicity(
  ctx: AppContext,
  actor: Actor,
  body: {
    organisationId: number;
    title: string;
    startsOn: string;
    applicationIds: number[];
    renew?: boolean;
  },
) {
  const seat = unitSeat(actor, body.organisationId);
  const now = ctx.clock.now();
  const today = todayInZone(now, ctx.config.TZ_NAME);
  if (body.startsOn < format(addDays(parseISO(today), -30), 'yyyy-MM-dd'))
    throw unprocessable('PUBLICITY_START_TOO_EARLY', '公示开始日期不能早于 30 天前', { field: 'startsOn' });
  const applicationIds = [...new Set(body.applicationIds)];
  const apps = await Promise.all(applicationIds.map((id) => applicationsRepo.findApplication(ctx.db, id)));
  for (const [i, a] of apps.entries()) {
    if (!a || a.app.employerId !== body.organisationId) throw notFound(`申报 #${applicationIds[i]}`);
    if (a.app.status !== 'submitted' || (a.app.stage !== 'unit_handler' && a.app.stage !== 'unit_leader'))
      throw unprocessable('NOT_AT_UNIT', `${a.personName}的申报不在本单位审查环节，不能列入公示`, {
        field: 'applicationIds',
      });
    await refuseRepeatedPublicity(ctx, a, body.startsOn, body.renew === true);
  }
  const calendar = await repo.calendar(ctx.db);
  // The period is kept on the publicity, so a later policy version does not move an announced end date.
  const workingDays = (await policyInForce(ctx, today)).parameters.publicityWorkingDays;
  const endsOn = endOfWorkingDays(body.startsOn, workingDays, calendar);
  const id = await ctx.db.transaction(async (tx) => {
    const p = await repo.insertPublicity(tx, {
      organisationId: body.organisationId,
      title: body.title,
      startsOn: body.startsOn,
      endsOn,
      workingDays,
      createdByAccountId: actor.accountId,
      createdAt: now,
    });
    await repo.insertPublicityEntries(
      tx,
      apps.map((a) => ({ publicityId: p.id, applicationId: a!.app.id, version: a!.app.version })),
    );
    await appendAudit(
      tx,
      auditActorOf(actor, seat),
      {
        action: 'publicity.created',
        targetType: 'publicity',
        targetId: p.id,
        after: {
          title: body.title,
          startsOn: body.startsOn,
          endsOn,
          applicationIds,
          ...(body.renew ? { renew: true } : {}),
        },
      },
      now,
    );
    return p.id;
  });
  return (await publicityView(ctx, [id]))[0]!;
}

/**
 * A publicity lists submitted candidates: it cannot start before the application (this version) was
 * submitted, and an application already covered by a publicity — held for this version, or for an
 * earlier one before a return for correction, which still counts — is not listed again, unless the unit
 * chooses to hold a new one for a corrected version (`renew`).
 */
async function refuseRepeatedPublicity(
  ctx: AppContext,
  a: NonNullable<Awaited<ReturnType<typeof applicationsRepo.findApplication>>>,
  startsOn: string,
  renew: boolean,
) {
  const submittedOn = a.app.submittedAt ? todayInZone(a.app.submittedAt, ctx.config.TZ_NAME) : null;
  if (submittedOn && startsOn < submittedOn)
    throw unprocessable(
      'PUBLICITY_BEFORE_SUBMISSION',
      `公示开始日期 ${startsOn} 早于${a.personName}的申报提交日期 ${submittedOn}：公示的是已提交申报的人员，不能早于提交`,
      { field: 'startsOn' },
    );
  const held = await repo.publicityOfApplication(ctx.db, a.app.id, a.app.version);
  if (!held) return;
  const when = `“${held.title}”（${held.startsOn} 至 ${held.endsOn}）`;
  if (held.forVersion === a.app.version)
    throw conflict(
      'ALREADY_IN_PUBLICITY',
      `${a.personName}的申报（第 ${a.app.version} 版）已列入公示${when}，不能重复登记`,
      { field: 'applicationIds', publicityId: held.id },
    );
  if (!renew)
    throw conflict(
      'ALREADY_IN_PUBLICITY',
      `${a.personName}的申报第 ${held.forVersion} 版已公示${when}，退回修改后沿用该公示，无需重新登记；如单位决定重新公示，请勾选“重新公示”`,
      { field: 'applicationIds', publicityId: held.id },
    );
}

export async function listPublicities(ctx: AppContext, actor: Actor) {
  const orgIds = [...new Set(seatsOf(actor).map((s) => s.organisationId))];
  const rows = await repo.publicitiesOf(ctx.db, orgIds);
  return publicityView(
    ctx,
    rows.map((r) => r.publicity.id),
  );
}

export async function addObjection(
  ctx: AppContext,
  actor: Actor,
  publicityId: number,
  body: { applicationId: number | null; content: string; handling: string },
) {
  const p = await repo.findPublicity(ctx.db, publicityId);
  if (!p) throw notFound('公示');
  const seat = unitSeat(actor, p.publicity.organisationId);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const o = await repo.insertObjection(tx, {
      publicityId,
      applicationId: body.applicationId,
      content: body.content,
      handling: body.handling,
      recordedByAccountId: actor.accountId,
      createdAt: now,
    });
    await appendAudit(
      tx,
      auditActorOf(actor, seat),
      {
        action: 'publicity.objection',
        targetType: 'publicity',
        targetId: publicityId,
        after: { id: o.id, ...body },
      },
      now,
    );
  });
  return (await publicityView(ctx, [publicityId]))[0]!;
}
