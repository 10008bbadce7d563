/** Public reference data (agencies, windows, series, regions) and its upkeep by the title offices. */
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { AppContext } from '../../context.js';
import { conflict, notFound } from '../../errors.js';
import type { Agency, Region, Series } from '../../../contract/public.js';
import { levelCodes, type LevelCode } from '../../../contract/common.js';
import {
  offeredToApplicants,
  todayInZone,
  windowClosesAt,
  windowOpensAt,
  windowStatus,
} from '../../../domain/batch-window.js';
import { overview as scheduleOverview } from '../schedules/schedules-service.js';
import { appendAudit } from '../audit/audit-repository.js';
import { type Actor, auditActorOf } from '../auth/actor.js';
import { requireRole } from '../access/data-scope.js';
import * as repo from './catalogue-repository.js';
import { cachedReference } from '../../cache/reference-cache.js';
import { findInForce } from '../policy/policy-repository.js';
import type { PolicyParameters } from '../../../domain/eligibility/policy-types.js';
import type { z } from 'zod';
import type {
  SeriesBody,
  SpecialtyBody,
  UpdateAgencyBody,
  UpdateSeriesBody,
} from '../../../contract/catalogue.js';

export const TITLE_OFFICE_ROLES = ['system_admin', 'province_office', 'city_office'] as const;

function isoInZone(d: Date, tz: string) {
  return format(new TZDate(d.getTime(), tz), "yyyy-MM-dd'T'HH:mm:ss.SSSxxx");
}

/**
 * The public directory with one year's windows. Without `year`: the year the public home shows
 * (CONTRACT.md: the year whose windows are open or next to open), which the answer names.
 */
export async function listAgenciesOfYear(
  ctx: AppContext,
  year?: number,
): Promise<{ year: number | null; agencies: Agency[] }> {
  // Windows open and close at day boundaries: for one version of the data, the date decides it all.
  const today = todayInZone(ctx.clock.now(), ctx.config.TZ_NAME);
  return cachedReference(ctx, `agencies:${year ?? 'shown'}:${today}`, async () => {
    const y = year ?? (await scheduleOverview(ctx)).year;
    return { year: y, agencies: await listAgencies(ctx, y ?? undefined) };
  });
}

export async function listAgencies(ctx: AppContext, year?: number): Promise<Agency[]> {
  const now = ctx.clock.now();
  const tz = ctx.config.TZ_NAME;
  const y = year ?? Number(todayInZone(now, tz).slice(0, 4));
  const [rows, allBatches] = await Promise.all([
    repo.listAgenciesWithScopes(ctx.db),
    repo.listBatches(ctx.db, y),
  ]);
  // The public directory is the notice's annex; self-recognition units serve only their own staff.
  return rows
    .filter(({ agency }) => agency.kind === 'annex')
    .map(({ agency, org, rules }) => {
      const levels = levelCodes.filter((l) => rules.some((r) => r.rule.levels.includes(l)));
      // The widest region of the scope names it (赣州市 for the city office).
      const widest = [...rules].sort((a, b) => levelRank(a.region.level) - levelRank(b.region.level))[0];
      return {
        code: agency.code,
        name: org.name,
        phone: agency.phone,
        scope: {
          levels: levels as LevelCode[],
          regionName: widest?.region.name ?? '',
          description: agency.scopeDescription,
          rules: rules.map((r) => ({
            levels: r.rule.levels as LevelCode[],
            regionName: r.region.name,
            regionCode: r.region.code,
          })),
        },
        windows: allBatches
          .filter(
            (b) =>
              // Only a published schedule's batches are public (a draft is the office's to review).
              b.agencyId === agency.id && offeredToApplicants(b),
          )
          .map((b) => {
            const w = { opensOn: b.opensOn, closesOn: b.closesOn };
            return {
              id: b.id,
              batch: b.number,
              name: b.name,
              opens: b.opensOn,
              closes: b.closesOn,
              cutoffDate: b.cutoffDate,
              status: windowStatus(w, now, tz),
              opensAt: isoInZone(windowOpensAt(w, tz), tz),
              closesAt: isoInZone(windowClosesAt(w, tz), tz),
            };
          }),
      };
    });
}

function levelRank(level: string) {
  return level === 'province' ? 0 : level === 'city' ? 1 : 2;
}

/**
 * The catalogue with the rule flags of the policy in force today (三、（八））. A series that no
 * published policy covers yet shows the flags it was created with.
 */
export async function listSeries(ctx: AppContext): Promise<Series[]> {
  const today = todayInZone(ctx.clock.now(), ctx.config.TZ_NAME);
  return cachedReference(ctx, `series:${today}`, () => buildSeries(ctx));
}

async function buildSeries(ctx: AppContext): Promise<Series[]> {
  const rows = await repo.listSeriesWithSpecialties(ctx.db);
  const policy = await findInForce(ctx.db, todayInZone(ctx.clock.now(), ctx.config.TZ_NAME));
  const flags = (policy?.parameters as PolicyParameters | undefined)?.series ?? {};
  return rows.map((s) => ({
    code: s.code,
    name: s.name,
    minEducation: flags[s.code]?.minEducation ?? (s.minEducation as Series['minEducation']),
    examBased: flags[s.code]?.examBased ?? s.examBased,
    practiceLicence: flags[s.code] ? flags[s.code]!.practiceLicence : s.practiceLicence,
    levels: s.levelNames,
    note: s.note,
    specialties: s.specialties.map((x) => ({ code: x.code, name: x.name })),
  }));
}

export async function listRegions(ctx: AppContext): Promise<Region[]> {
  const rows = await repo.listRegions(ctx.db);
  return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, level: r.level, parentId: r.parentId }));
}

async function seriesOrThrow(ctx: AppContext, code: string) {
  const s = await repo.findSeriesByCode(ctx.db, code);
  if (!s) throw notFound('系列');
  return s;
}

export async function createSeries(ctx: AppContext, actor: Actor, body: z.infer<typeof SeriesBody>) {
  const role = requireRole(actor, TITLE_OFFICE_ROLES, '只有职称办可以维护系列专业目录');
  if (await repo.findSeriesByCode(ctx.db, body.code))
    throw conflict('SERIES_EXISTS', `系列代码 ${body.code} 已存在`);
  await ctx.db.transaction(async (tx) => {
    const row = await repo.insertSeries(tx, {
      code: body.code,
      name: body.name,
      minEducation: body.minEducation,
      examBased: body.examBased,
      practiceLicence: body.practiceLicence,
      levelNames: body.levels,
      note: body.note,
      sortOrder: 1000,
    });
    await appendAudit(
      tx,
      auditActorOf(actor, role),
      { action: 'series.created', targetType: 'series', targetId: row.code, after: row },
      ctx.clock.now(),
    );
  });
  return (await listSeries(ctx)).find((s) => s.code === body.code)!;
}

export async function updateSeries(
  ctx: AppContext,
  actor: Actor,
  code: string,
  body: z.infer<typeof UpdateSeriesBody>,
) {
  const role = requireRole(actor, TITLE_OFFICE_ROLES, '只有职称办可以维护系列专业目录');
  const before = await seriesOrThrow(ctx, code);
  const { levels, ...rest } = body;
  // Rule flags (min education, 以考代评, licence) belong to policy versions, not to this edit.
  await ctx.db.transaction(async (tx) => {
    await repo.updateSeries(tx, before.id, { ...rest, ...(levels ? { levelNames: levels } : {}) });
    const after = await repo.findSeriesByCode(tx, code);
    await appendAudit(
      tx,
      auditActorOf(actor, role),
      { action: 'series.updated', targetType: 'series', targetId: code, before, after },
      ctx.clock.now(),
    );
  });
  return (await listSeries(ctx)).find((s) => s.code === code)!;
}

export async function addSpecialty(
  ctx: AppContext,
  actor: Actor,
  code: string,
  body: z.infer<typeof SpecialtyBody>,
) {
  const role = requireRole(actor, TITLE_OFFICE_ROLES, '只有职称办可以维护系列专业目录');
  const s = await seriesOrThrow(ctx, code);
  const existing = await repo.listSpecialties(ctx.db, s.id);
  if (existing.some((x) => x.code === body.code || x.name === body.name)) {
    throw conflict('SPECIALTY_EXISTS', `该系列下已有专业“${body.name}”或代码 ${body.code}`);
  }
  await ctx.db.transaction(async (tx) => {
    const row = await repo.insertSpecialty(tx, {
      seriesId: s.id,
      code: body.code,
      name: body.name,
      sortOrder: existing.length,
    });
    await appendAudit(
      tx,
      auditActorOf(actor, role),
      { action: 'specialty.created', targetType: 'series', targetId: code, after: row },
      ctx.clock.now(),
    );
  });
  return (await listSeries(ctx)).find((x) => x.code === code)!;
}

export async function updateAgency(
  ctx: AppContext,
  actor: Actor,
  code: string,
  body: z.infer<typeof UpdateAgencyBody>,
) {
  const role = requireRole(actor, TITLE_OFFICE_ROLES, '只有职称办可以维护认定机构信息');
  const before = await repo.findAgencyByCode(ctx.db, code);
  if (!before) throw notFound('认定机构');
  await ctx.db.transaction(async (tx) => {
    await repo.updateAgency(tx, before.id, body);
    const after = await repo.findAgencyByCode(tx, code);
    await appendAudit(
      tx,
      auditActorOf(actor, role),
      { action: 'agency.updated', targetType: 'agency', targetId: code, before, after },
      ctx.clock.now(),
    );
  });
  return (await listAgencies(ctx)).find((a) => a.code === code)!;
}
