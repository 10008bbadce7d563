/**
 * Self-recognition units (四、（一）): the title office authorises a unit (levels it may recognise; its
 * member companies' staff are routed to it), and the unit files (报备) each of its batches in writing
 * with the title office of the same level, which accepts or refuses; an unaccepted batch never opens.
 */
import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/client.js';
import { conflict, forbidden, notFound, unprocessable } from '../../errors.js';
import type { FiledBatch } from '../../../contract/self-recognition.js';
import { filingStatusNames } from '../../../contract/self-recognition.js';
import type { LevelCode } from '../../../contract/common.js';
import { appendAudit } from '../audit/audit-repository.js';
import { type Actor, auditActorOf } from '../auth/actor.js';
import { dataScopeOf, managingRoleFor, pathInScope, seatAt } from '../access/data-scope.js';
import { findOrganisation } from '../organisations/organisations-repository.js';
import * as repo from './self-recognition-repository.js';

/**
 * The HR body above a unit that files with it (同级职称部门): a title office whose scope covers it, or a
 * seat of an HR bureau above it. A supervising department above the unit does not count.
 */
function titleOfficeRoleFor(actor: Actor, path: string) {
  const office = actor.roles.find((r) => ['system_admin', 'province_office', 'city_office'].includes(r.role));
  if (office && pathInScope(dataScopeOf(actor), path)) return office;
  return (
    actor.roles.find(
      (r) =>
        (r.role === 'handler' || r.role === 'leader') &&
        r.organisationKind === 'hr_bureau' &&
        r.organisationPath !== null &&
        path.startsWith(r.organisationPath) &&
        path !== r.organisationPath,
    ) ?? null
  );
}

async function unitOrganisation(ctx: AppContext, actor: Actor, id: number) {
  const unit = await findOrganisation(ctx.db, id);
  if (!unit || !pathInScope(dataScopeOf(actor), unit.org.path)) throw notFound('自主评审单位');
  if (unit.org.kind !== 'self_recognition_unit' && unit.org.kind !== 'employer')
    throw unprocessable(
      'NOT_SELF_RECOGNITION_UNIT',
      '只有企业、新型研发机构或自主评审单位可以开展职称自主评审',
    );
  return unit;
}

/** The agency row that makes an organisation a self-recognition unit, with the levels it may recognise. */
async function createSelfRecognitionAgency(
  tx: Tx,
  org: { id: number; regionId: number },
  body: { levels: LevelCode[]; phone: string; scopeDescription: string },
) {
  const a = await repo.insertAgency(tx, {
    code: `ZP${String(org.id).padStart(4, '0')}`,
    organisationId: org.id,
    phone: body.phone,
    scopeDescription: body.scopeDescription,
    kind: 'self_recognition',
    sortOrder: 1000,
  });
  await repo.insertScopeRule(tx, { agencyId: a.id, regionId: org.regionId, levels: body.levels });
  return a;
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
    const a = await createSelfRecognitionAgency(tx, unit.org, body);
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
  const seat = seatAt(actor, organisationId);
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
  const role = titleOfficeRoleFor(actor, found.unit.path);
  if (!role) throw forbidden('报备由同级职称部门确认');
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

// ——— 申请开展职称自主评审: the enterprise applies, the HR bureau above it approves and sets the scope ———

const categoryNames = { chainLeader: '链主企业/龙头企业', newRnd: '新型研发机构' } as const;

function applicationView(r: Awaited<ReturnType<typeof repo.listApplications>>[number]) {
  return {
    id: r.application.id,
    organisationId: r.organisation.id,
    organisationName: r.organisation.name,
    category: r.application.category,
    categoryName: categoryNames[r.application.category],
    statement: r.application.statement,
    requestedLevels: r.application.requestedLevels as LevelCode[],
    contactPhone: r.application.contactPhone,
    status: r.application.status,
    grantedLevels: (r.application.grantedLevels ?? null) as LevelCode[] | null,
    decisionNote: r.application.decisionNote,
    decidedBy: r.application.decidedByName,
    decidedAt: r.application.decidedAt?.toISOString() ?? null,
    createdAt: r.application.createdAt.toISOString(),
  };
}

export async function applyForSelfRecognition(
  ctx: AppContext,
  actor: Actor,
  organisationId: number,
  body: {
    category: 'chainLeader' | 'newRnd';
    statement: string;
    requestedLevels: LevelCode[];
    contactPhone: string;
  },
) {
  const org = await unitOrganisation(ctx, actor, organisationId);
  const seat = seatAt(actor, organisationId);
  if (!seat) throw forbidden('由本单位的审查岗位提出申请');
  if (await repo.agencyOfOrganisation(ctx.db, organisationId))
    throw conflict('ALREADY_AUTHORISED', '本单位已确认为自主评审单位');
  if ((await repo.listApplications(ctx.db, [organisationId])).some((a) => a.application.status === 'pending'))
    throw conflict('APPLICATION_PENDING', '本单位已有待审批的申请');
  const now = ctx.clock.now();
  const id = await ctx.db.transaction(async (tx) => {
    const row = await repo.insertApplication(tx, {
      organisationId,
      ...body,
      status: 'pending',
      createdByAccountId: actor.accountId,
      createdAt: now,
    });
    await appendAudit(
      tx,
      auditActorOf(actor, seat),
      {
        action: 'self_recognition.applied',
        targetType: 'organisation',
        targetId: organisationId,
        after: { ...body, organisation: org.org.name },
      },
      now,
    );
    return row.id;
  });
  return applicationView(
    (await repo.listApplications(ctx.db, [organisationId])).find((a) => a.application.id === id)!,
  );
}

export async function listSelfRecognitionApplications(ctx: AppContext, actor: Actor) {
  const scope = dataScopeOf(actor);
  return (await repo.listApplications(ctx.db, 'all'))
    .filter((r) => pathInScope(scope, r.organisation.path))
    .map(applicationView);
}

/** The HR bureau above the unit (its seats) or a title office approves, setting the levels, or refuses. */
export async function decideSelfRecognitionApplication(
  ctx: AppContext,
  actor: Actor,
  id: number,
  body: { approve: boolean; levels: LevelCode[]; scopeDescription: string; note: string },
) {
  const found = (await repo.listApplications(ctx.db, 'all')).find((a) => a.application.id === id);
  if (!found || !pathInScope(dataScopeOf(actor), found.organisation.path)) throw notFound('申请');
  const role = titleOfficeRoleFor(actor, found.organisation.path);
  if (!role) throw forbidden('由同级人社部门审批');
  if (found.application.status !== 'pending') throw conflict('ALREADY_HANDLED', '该申请已审批');
  if (body.approve && body.levels.length === 0)
    throw unprocessable('LEVELS_REQUIRED', '请确定可自主认定的层级', { field: 'levels' });
  if (!body.approve && !body.note)
    throw unprocessable('REASONS_REQUIRED', '不予批准须写明原因', { field: 'note' });
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await repo.updateApplication(tx, id, {
      status: body.approve ? 'approved' : 'refused',
      grantedLevels: body.approve ? body.levels : null,
      decisionNote: body.note || null,
      decidedByName: actor.personName,
      decidedAt: now,
    });
    if (body.approve)
      await createSelfRecognitionAgency(tx, found.organisation, {
        levels: body.levels,
        phone: found.application.contactPhone,
        scopeDescription: body.scopeDescription || `${found.organisation.name}职称自主评审`,
      });
    await appendAudit(
      tx,
      auditActorOf(actor, role),
      {
        action: body.approve ? 'self_recognition.approved' : 'self_recognition.refused',
        targetType: 'organisation',
        targetId: found.organisation.id,
        after: { levels: body.levels, note: body.note || undefined },
      },
      now,
    );
  });
  return applicationView((await repo.listApplications(ctx.db, 'all')).find((a) => a.application.id === id)!);
}
