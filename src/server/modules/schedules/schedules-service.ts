/**
 * Each year's schedule of acceptance windows (SPEC §3 "Years roll over"): the title office creates
 * next year's schedule for the agencies it oversees in one action (copied from a chosen year, dates
 * moved by whole years), reviews it, publishes it, and afterwards changes, adds or cancels batches.
 * Self-recognition units file their own batches (self-recognition module) and are not touched here.
 */
import type { z } from 'zod';
import type { AppContext } from '../../context.js';
import { badRequest, conflict, notFound, unprocessable } from '../../errors.js';
import { todayInZone, windowStatus } from '../../../domain/batch-window.js';
import {
  type BatchDates,
  batchChangeProblems,
  batchName,
  copyBatchDates,
  hasOpened,
  scheduleYearToShow,
  yearEndDeadlineOf,
} from '../../../domain/schedule.js';
import type {
  AddBatchBody,
  BatchDatesBody,
  CancelBatchBody,
  CreateScheduleBody,
  Schedule,
  ScheduleOverview,
  ScheduleSummary,
} from '../../../contract/schedules.js';
import { appendAudit } from '../audit/audit-repository.js';
import { type Actor, type ActorRole, auditActorOf } from '../auth/actor.js';
import { dataScopeOf, pathInScope, requireRole } from '../access/data-scope.js';
import { TITLE_OFFICE_ROLES } from '../catalogue/catalogue-service.js';
import type { DbOrTx } from '../../db/client.js';
import type { batches, schedules } from '../../db/schema.js';
import * as repo from './schedules-repository.js';

type Batch = typeof batches.$inferSelect;

function today(ctx: AppContext) {
  return todayInZone(ctx.clock.now(), ctx.config.TZ_NAME);
}

function requireOffice(actor: Actor): ActorRole {
  return requireRole(actor, TITLE_OFFICE_ROLES, '只有职称办可以维护受理时间安排');
}

/** The annex agencies the actor's title office oversees (its organisation and everything below it). */
async function agenciesOverseen(db: DbOrTx, actor: Actor) {
  const scope = dataScopeOf(actor);
  return (await repo.listAnnexAgencies(db)).filter((a) => pathInScope(scope, a.org.path));
}

function summaryOf(s: typeof schedules.$inferSelect, batchCount: number): ScheduleSummary {
  return {
    year: s.year,
    status: s.status,
    sourceYear: s.sourceYear,
    publishedAt: s.publishedAt?.toISOString() ?? null,
    batchCount,
  };
}

export async function listSchedules(ctx: AppContext, actor: Actor): Promise<ScheduleSummary[]> {
  requireOffice(actor);
  const rows = await repo.listSchedules(ctx.db);
  return rows.map((r) => summaryOf(r.schedule, r.batchCount));
}

export async function getSchedule(ctx: AppContext, actor: Actor, year: number): Promise<Schedule> {
  requireOffice(actor);
  return loadSchedule(ctx, ctx.db, actor, year);
}

async function loadSchedule(ctx: AppContext, db: DbOrTx, actor: Actor, year: number): Promise<Schedule> {
  const schedule = await repo.findSchedule(db, year);
  if (!schedule) throw notFound(`${year}年受理时间安排`);
  const [agencies, rows] = await Promise.all([agenciesOverseen(db, actor), repo.listYearBatches(db, year)]);
  const now = ctx.clock.now();
  const tz = ctx.config.TZ_NAME;
  const day = today(ctx);
  return {
    ...summaryOf(schedule, rows.filter((r) => r.batch.state !== 'cancelled').length),
    today: day,
    agencies: agencies.map(({ agency, org }) => ({
      code: agency.code,
      name: org.name,
      phone: agency.phone,
      scopeDescription: agency.scopeDescription,
      yearEndDeadline: yearEndDeadlineOf(year, agency.yearEndDeadline),
      batches: rows
        .filter((r) => r.batch.agencyId === agency.id)
        .map(({ batch: b, applicationCount }) => ({
          id: b.id,
          number: b.number,
          name: b.name,
          opensOn: b.opensOn,
          closesOn: b.closesOn,
          cutoffDate: b.cutoffDate,
          state: b.state,
          status: b.state === 'published' ? windowStatus(b, now, tz) : 'upcoming',
          opened: b.state === 'published' && hasOpened(b, true, day),
          beyondYearEnd: b.beyondYearEnd,
          cancelReason: b.cancelReason,
          applicationCount,
        })),
    })),
  };
}

/**
 * Creates `year`'s schedule as a draft for every agency the office oversees: each batch of
 * `sourceYear` copied with its dates moved by whole years (29 Feb → 28 Feb), or none.
 */
export async function createSchedule(
  ctx: AppContext,
  actor: Actor,
  body: z.infer<typeof CreateScheduleBody>,
): Promise<Schedule> {
  const role = requireOffice(actor);
  const { year } = body;
  const sourceYear = body.sourceYear ?? null;
  if (sourceYear === year) throw badRequest('复制来源年度不能与新年度相同', { field: 'sourceYear' });
  await ctx.db.transaction(async (tx) => {
    const agencies = await agenciesOverseen(tx, actor);
    if (!(await repo.insertSchedule(tx, { year, status: 'draft', sourceYear, createdAt: ctx.clock.now() }))) {
      throw conflict('SCHEDULE_EXISTS', `${year}年受理时间安排已存在，请直接修改`);
    }
    let copied: Batch[] = [];
    if (sourceYear !== null) {
      const source = await repo.findSchedule(tx, sourceYear);
      if (!source)
        throw unprocessable('SOURCE_NOT_FOUND', `没有${sourceYear}年的受理时间安排可复制`, {
          field: 'sourceYear',
        });
      const ids = new Set(agencies.map((a) => a.agency.id));
      const rows = (await repo.listYearBatches(tx, sourceYear))
        .map((r) => r.batch)
        .filter((b) => ids.has(b.agencyId) && b.state !== 'cancelled');
      copied = await repo.insertBatches(
        tx,
        rows.map((b) => ({
          agencyId: b.agencyId,
          year,
          number: b.number,
          name: b.name,
          ...copyBatchDates(b, sourceYear, year),
          state: 'draft' as const,
          beyondYearEnd: b.beyondYearEnd,
        })),
      );
    }
    await appendAudit(
      tx,
      auditActorOf(actor, role),
      {
        action: 'schedule.created',
        targetType: 'schedule',
        targetId: year,
        after: { year, sourceYear, batches: copied.length, agencies: agencies.map((a) => a.agency.code) },
      },
      ctx.clock.now(),
    );
  });
  return getSchedule(ctx, actor, year);
}

/** Publishes a draft schedule: its batches become visible to the public and to applicants. */
export async function publishSchedule(ctx: AppContext, actor: Actor, year: number): Promise<Schedule> {
  const role = requireOffice(actor);
  await ctx.db.transaction(async (tx) => {
    const s = await repo.lockSchedule(tx, year);
    if (!s) throw notFound(`${year}年受理时间安排`);
    if (s.status === 'published') throw conflict('SCHEDULE_PUBLISHED', `${year}年受理时间安排已发布`);
    const agencies = await agenciesOverseen(tx, actor);
    const batches = (await repo.listYearBatches(tx, year)).filter((r) => r.batch.state === 'draft');
    if (batches.length === 0)
      throw unprocessable('SCHEDULE_EMPTY', `${year}年受理时间安排还没有任何批次，不能发布`);
    const day = today(ctx);
    const past = batches.find((r) => r.batch.closesOn < day);
    if (past) {
      throw unprocessable(
        'SCHEDULE_IN_PAST',
        `${past.batch.name}（${past.batch.opensOn} 至 ${past.batch.closesOn}）已过受理截止日期，请先调整或取消该批次再发布`,
        { batchId: past.batch.id },
      );
    }
    const n = await repo.publishDraftBatches(
      tx,
      year,
      agencies.map((a) => a.agency.id),
    );
    const at = ctx.clock.now();
    await repo.updateSchedule(tx, year, { status: 'published', publishedAt: at });
    await appendAudit(
      tx,
      auditActorOf(actor, role),
      { action: 'schedule.published', targetType: 'schedule', targetId: year, after: { year, batches: n } },
      at,
    );
  });
  return getSchedule(ctx, actor, year);
}

/** Discards a draft schedule (nothing in it was ever visible, so no application can refer to it). */
export async function discardSchedule(ctx: AppContext, actor: Actor, year: number): Promise<void> {
  const role = requireOffice(actor);
  await ctx.db.transaction(async (tx) => {
    const s = await repo.lockSchedule(tx, year);
    if (!s) throw notFound(`${year}年受理时间安排`);
    if (s.status !== 'draft')
      throw conflict('SCHEDULE_PUBLISHED', `${year}年受理时间安排已发布，不能删除；可调整或取消其中的批次`);
    const agencies = await agenciesOverseen(tx, actor);
    const n = await repo.deleteDraftBatches(
      tx,
      year,
      agencies.map((a) => a.agency.id),
    );
    await repo.deleteSchedule(tx, year);
    await appendAudit(
      tx,
      auditActorOf(actor, role),
      { action: 'schedule.discarded', targetType: 'schedule', targetId: year, before: { year, batches: n } },
      ctx.clock.now(),
    );
  });
}

function assertNoProblems(problems: ReturnType<typeof batchChangeProblems>) {
  if (problems.length) {
    throw unprocessable('BATCH_DATES_INVALID', problems.map((p) => p.message).join('；'), {
      issues: problems,
    });
  }
}

async function agencyInScope(db: DbOrTx, actor: Actor, code: string) {
  const a = (await agenciesOverseen(db, actor)).find((x) => x.agency.code === code);
  if (!a) throw notFound('认定机构');
  return a;
}

/** Adds a batch to a year's schedule for one agency (numbered after its last batch of the year). */
export async function addBatch(
  ctx: AppContext,
  actor: Actor,
  year: number,
  body: z.infer<typeof AddBatchBody>,
): Promise<Schedule> {
  const role = requireOffice(actor);
  await ctx.db.transaction(async (tx) => {
    const s = await repo.lockSchedule(tx, year);
    if (!s) throw notFound(`${year}年受理时间安排`);
    const { agency } = await agencyInScope(tx, actor, body.agencyCode);
    const dates: BatchDates = { opensOn: body.opensOn, closesOn: body.closesOn, cutoffDate: body.cutoffDate };
    assertNoProblems(
      batchChangeProblems({
        year,
        before: null,
        after: dates,
        published: s.status === 'published',
        today: today(ctx),
        yearEndDeadline: agency.yearEndDeadline,
        beyondYearEnd: body.beyondYearEnd ?? false,
        reason: body.reason ?? null,
      }),
    );
    const number = await repo.nextBatchNumber(tx, agency.id, year);
    const [row] = await repo.insertBatches(tx, [
      {
        agencyId: agency.id,
        year,
        number,
        name: body.name ?? batchName(number),
        ...dates,
        state: s.status === 'published' ? 'published' : 'draft',
        beyondYearEnd: body.beyondYearEnd ?? false,
      },
    ]);
    await appendAudit(
      tx,
      auditActorOf(actor, role),
      {
        action: 'batch.added',
        targetType: 'batch',
        targetId: row!.id,
        after: { ...row, agencyCode: agency.code, reason: body.reason ?? null },
      },
      ctx.clock.now(),
    );
  });
  return getSchedule(ctx, actor, year);
}

async function lockedAnnexBatch(tx: DbOrTx, actor: Actor, code: string, batchId: number) {
  const { agency } = await agencyInScope(tx, actor, code);
  const batch = await repo.lockBatch(tx, batchId);
  if (!batch || batch.agencyId !== agency.id) throw notFound('批次');
  return { agency, batch };
}

/**
 * Changes a batch's dates. Before it opens anything may change; once open, it can only be extended,
 * with a reason (recorded in the log); applications already in it keep their batch and cutoff.
 */
export async function updateBatch(
  ctx: AppContext,
  actor: Actor,
  code: string,
  batchId: number,
  body: z.infer<typeof BatchDatesBody>,
): Promise<Schedule> {
  const role = requireOffice(actor);
  const year = await ctx.db.transaction(async (tx) => {
    const { agency, batch } = await lockedAnnexBatch(tx, actor, code, batchId);
    if (batch.state === 'cancelled') throw conflict('BATCH_CANCELLED', `${batch.name}已取消，不能再调整`);
    const beyondYearEnd = body.beyondYearEnd ?? batch.beyondYearEnd;
    const after: BatchDates = { opensOn: body.opensOn, closesOn: body.closesOn, cutoffDate: body.cutoffDate };
    assertNoProblems(
      batchChangeProblems({
        year: batch.year,
        before: batch,
        after,
        published: batch.state === 'published',
        today: today(ctx),
        yearEndDeadline: agency.yearEndDeadline,
        beyondYearEnd,
        reason: body.reason ?? null,
      }),
    );
    const updated = await repo.updateBatch(tx, batchId, { ...after, beyondYearEnd });
    await appendAudit(
      tx,
      auditActorOf(actor, role),
      {
        action: 'batch.updated',
        targetType: 'batch',
        targetId: batchId,
        before: batch,
        after: { ...updated, reason: body.reason ?? null },
      },
      ctx.clock.now(),
    );
    return batch.year;
  });
  return getSchedule(ctx, actor, year);
}

/** Cancels a batch that has not opened and holds no application (kept, marked cancelled). */
export async function cancelBatch(
  ctx: AppContext,
  actor: Actor,
  code: string,
  batchId: number,
  body: z.infer<typeof CancelBatchBody>,
): Promise<Schedule> {
  const role = requireOffice(actor);
  const year = await ctx.db.transaction(async (tx) => {
    const { batch } = await lockedAnnexBatch(tx, actor, code, batchId);
    if (batch.state === 'cancelled') throw conflict('BATCH_CANCELLED', `${batch.name}已取消`);
    if (hasOpened(batch, batch.state === 'published', today(ctx))) {
      throw conflict('BATCH_OPENED', `${batch.name}已于 ${batch.opensOn} 开始受理，不能取消；可调整截止日期`);
    }
    const n = await repo.countApplications(tx, batchId);
    if (n > 0) throw conflict('BATCH_HAS_APPLICATIONS', `${batch.name}已有 ${n} 份申报，不能取消`);
    const at = ctx.clock.now();
    const updated = await repo.updateBatch(tx, batchId, {
      state: 'cancelled',
      cancelledAt: at,
      cancelReason: body.reason,
    });
    await appendAudit(
      tx,
      auditActorOf(actor, role),
      { action: 'batch.cancelled', targetType: 'batch', targetId: batchId, before: batch, after: updated },
      at,
    );
    return batch.year;
  });
  return getSchedule(ctx, actor, year);
}

/** The year the public home shows, and the year whose schedule is still awaited. */
export async function overview(ctx: AppContext): Promise<ScheduleOverview> {
  const day = today(ctx);
  const published = await repo.publishedYears(ctx.db);
  const shown = scheduleYearToShow(day, published);
  return { today: day, ...shown, publishedYears: published.map((p) => p.year) };
}
