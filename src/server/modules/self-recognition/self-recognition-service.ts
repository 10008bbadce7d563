/**
 * Self-recognition units (四、（一）): the title office authorises a unit (levels it may recognise; its
 * member companies' staff are routed to it), and the unit files (报备) each of its batches in writing
 * with the title office of the same level, which accepts or refuses; an unaccepted batch never opens.
 */
import type { AppContext } from '../../context.js';
import { conflict, forbidden, notFound, unprocessable } from '../../errors.js';
import type { FiledBatch } from '../../../contract/self-recognition.js';
import { filingStatusNames } from '../../../contract/self-recognition.js';
import type { LevelCode } from '../../../contract/common.js';
import { appendAudit } from '../audit/audit-repository.js';
import { type Actor, auditActorOf } from '../auth/actor.js';
import { dataScopeOf, managingRoleFor, pathInScope } from '../access/data-scope.js';
import { findOrganisation } from '../organisations/organisations-repository.js';
import * as repo from './self-recognition-repository.js';

async function unitOrganisation(ctx: AppContext, actor: Actor, id: number) {
  const unit = await findOrganisation(ctx.db, id);
  if (!unit || !pathInScope(dataScopeOf(actor), unit.org.path)) throw notFound('自主评审单位');
  if (unit.org.kind !== 'self_recognition_unit')
    throw unprocessable('NOT_SELF_RECOGNITION_UNIT', '该机构不是自主评审单位');
  return unit;
}

export async function authorise(
  ctx: AppContext,
  actor: Actor,
  organisationId: number,
  body: { levels: LevelCode[]; phone: string; scopeDescription: string },
) {
  const unit = await unitOrganisation(ctx, actor, organisationId);
  const role = managingRoleFor(actor, unit.org.path, false);
  if (!role || !['system_admin', 'province_office', 'city_office'].includes(role.role))
    throw forbidden('自主评审单位由职称办审核确认');
  if (await repo.agencyOfOrganisation(ctx.db, organisationId))
    throw conflict('ALREADY_AUTHORISED', '该单位已确认为自主评审单位');
  const now = ctx.clock.now();
  const agency = await ctx.db.transaction(async (tx) => {
    const a = await repo.insertAgency(tx, {
      code: `ZP${String(organisationId).padStart(4, '0')}`,
      organisationId,
      phone: body.phone,
      scopeDescription: body.scopeDescription,
      kind: 'self_recognition',
      sortOrder: 1000,
    });
    await repo.insertScopeRule(tx, { agencyId: a.id, regionId: unit.org.regionId, levels: body.levels });
    await appendAudit(
      tx,
      auditActorOf(actor, role),
      {
        action: 'self_recognition.authorised',
        targetType: 'organisation',
        targetId: organisationId,
        after: body,
      },
      now,
    );
    return a;
  });
  return { organisationId, name: unit.org.name, agencyCode: agency.code, levels: body.levels };
}

function view(r: Awaited<ReturnType<typeof repo.filedBatches>>[number]): FiledBatch {
  return {
    id: r.batch.id,
    unitName: r.unit.name,
    year: r.batch.year,
    number: r.batch.number,
    name: r.batch.name,
    opensOn: r.batch.opensOn,
    closesOn: r.batch.closesOn,
    cutoffDate: r.batch.cutoffDate,
    filingStatus: r.batch.filingStatus,
    filingStatusName: filingStatusNames[r.batch.filingStatus],
    filingDocument: r.batch.filingDocument,
    filingNote: r.batch.filingNote,
    filedAt: r.batch.filedAt?.toISOString() ?? null,
  };
}

/** The unit's own seat files a batch; it stays closed until the title office accepts the filing. */
export async function fileBatch(
  ctx: AppContext,
  actor: Actor,
  organisationId: number,
  body: {
    year: number;
    number: number;
    name: string;
    opensOn: string;
    closesOn: string;
    cutoffDate: string;
    filingDocument: string;
  },
) {
  const unit = await unitOrganisation(ctx, actor, organisationId);
  const seat = actor.roles.find(
    (r) => (r.role === 'handler' || r.role === 'leader') && r.organisationId === organisationId,
  );
  if (!seat) throw forbidden('批次由自主评审单位自行确定并报备');
  const agency = await repo.agencyOfOrganisation(ctx.db, organisationId);
  if (!agency) throw unprocessable('NOT_AUTHORISED', '该单位尚未经职称办确认为自主评审单位，不能设立批次');
  const now = ctx.clock.now();
  const id = await ctx.db.transaction(async (tx) => {
    const b = await repo
      .insertBatch(tx, {
        agencyId: agency.id,
        year: body.year,
        number: body.number,
        name: body.name,
        opensOn: body.opensOn,
        closesOn: body.closesOn,
        cutoffDate: body.cutoffDate,
        filingStatus: 'pending',
        filingDocument: body.filingDocument,
        filedAt: now,
      })
      .catch((e: unknown) => {
        if (
          String((e as { cause?: { code?: string } }).cause?.code ?? (e as { code?: string }).code) ===
          '23505'
        )
          throw conflict('BATCH_EXISTS', `${body.year}年第${body.number}批已存在`);
        throw e;
      });
    await appendAudit(
      tx,
      auditActorOf(actor, seat),
      { action: 'batch.filed', targetType: 'batch', targetId: b.id, after: { ...body, unit: unit.org.name } },
      now,
    );
    return b.id;
  });
  const [row] = (await repo.filedBatches(ctx.db, [organisationId])).filter((r) => r.batch.id === id);
  return view(row!);
}

/** The title office of the same level (the managing role above the unit) accepts or refuses. */
export async function decideFiling(
  ctx: AppContext,
  actor: Actor,
  batchId: number,
  body: { accept: boolean; note: string },
) {
  const found = await repo.findBatchWithUnit(ctx.db, batchId);
  if (!found || !pathInScope(dataScopeOf(actor), found.unit.path)) throw notFound('批次');
  const role = managingRoleFor(actor, found.unit.path, false);
  if (!role || role.role === 'applicant') throw forbidden('报备由同级职称部门确认');
  if (found.batch.filingStatus !== 'pending')
    throw conflict('ALREADY_HANDLED', `该报备已处理（${filingStatusNames[found.batch.filingStatus]}）`);
  if (!body.accept && !body.note)
    throw unprocessable('REASONS_REQUIRED', '不予通过须写明原因', { field: 'note' });
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await repo.updateBatch(tx, batchId, {
      filingStatus: body.accept ? 'accepted' : 'refused',
      filingNote: body.note || null,
      filingDecidedAt: now,
    });
    await appendAudit(
      tx,
      auditActorOf(actor, role),
      {
        action: body.accept ? 'batch.filing_accepted' : 'batch.filing_refused',
        targetType: 'batch',
        targetId: batchId,
        before: { filingStatus: 'pending' },
        after: { filingStatus: body.accept ? 'accepted' : 'refused', note: body.note || undefined },
      },
      now,
    );
  });
  const [row] = (await repo.filedBatches(ctx.db, [found.unit.id])).filter((r) => r.batch.id === batchId);
  return view(row!);
}

export async function listFiledBatches(ctx: AppContext, actor: Actor) {
  const scope = dataScopeOf(actor);
  const rows = await repo.filedBatches(ctx.db, 'all');
  return rows.filter((r) => pathInScope(scope, r.unit.path)).map(view);
}
