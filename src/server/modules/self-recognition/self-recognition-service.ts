/**
 * Self-recognition units (四、（一）): the title office authorises a unit (levels it may recognise; its
 * member companies' staff are routed to it), and the unit files (报备) each of its batches in writing,
 * before the batch opens, with the title office of the same level within its authority (一、 根据认定权限
 * 向同级职称部门报备), which accepts or refuses; an unaccepted batch never opens, and an accepted batch's
 * dates change only by a new filing.
 */
import type { AppContext } from '../../context.js';
import type { DbOrTx, Tx } from '../../db/client.js';
import { conflict, forbidden, notFound, unprocessable } from '../../errors.js';
import type { FiledBatch } from '../../../contract/self-recognition.js';
import { filingStatusNames } from '../../../contract/self-recognition.js';
import { type LevelCode, levelCodes, levelNames } from '../../../contract/common.js';
import { todayInZone, windowStatus } from '../../../domain/batch-window.js';
import { appendAudit } from '../audit/audit-repository.js';
import { type Actor, type ActorRole, auditActorOf } from '../auth/actor.js';
import { dataScopeOf, managingRoleFor, pathInScope, seatAt } from '../access/data-scope.js';
import { findOrganisation, regionAncestry } from '../organisations/organisations-repository.js';
import * as repo from './self-recognition-repository.js';
import type { EmployerKind, Ownership } from '../../../contract/common.js';
import { closedSeries, seriesNamedIn } from '../../../domain/eligibility/self-recognition-scope.js';
import { listSeriesWithSpecialties } from '../catalogue/catalogue-repository.js';
import { policyInForce } from '../policy/policy-service.js';

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

/**
 * 根据认定权限向同级职称部门报备: the annex agency whose recognition scope covers the unit's highest
 * authorised level in the unit's region (中级 → the city office; 初级 → the county's office, or the city
 * office for 市本级), the same rule that routes an application of that level from there.
 */
async function filingOfficeOf(db: DbOrTx, unit: { regionId: number }, agencyId: number) {
  const granted = (await repo.scopeRulesOfAgency(db, agencyId)).flatMap((r) => r.levels);
  const top = [...levelCodes].reverse().find((l) => granted.includes(l));
  if (!top) return null;
  const ancestry = await regionAncestry(db, unit.regionId);
  const rules = (await repo.annexScopeRules(db)).filter(
    (r) => r.rule.levels.includes(top) && ancestry.includes(r.rule.regionId),
  );
  rules.sort((a, b) => ancestry.indexOf(a.rule.regionId) - ancestry.indexOf(b.rule.regionId));
  const best = rules[0];
  return best ? { organisationId: best.org.id, name: best.org.name } : null;
}

/**
 * The levels an HR bureau's seat may authorise for a unit in this region: its own recognition scope
 * (the annex gives a county 初级 only). The title offices (city, province) are not limited here.
 */
async function authorisableLevels(
  db: DbOrTx,
  role: ActorRole,
  regionId: number,
): Promise<LevelCode[] | 'all'> {
  if (['system_admin', 'province_office', 'city_office'].includes(role.role)) return 'all';
  const ancestry = await regionAncestry(db, regionId);
  const own = (await repo.annexScopeRules(db)).filter(
    (r) => r.org.id === role.organisationId && ancestry.includes(r.rule.regionId),
  );
  return levelCodes.filter((l) => own.some((r) => r.rule.levels.includes(l)));
}

async function assertWithinAuthority(db: DbOrTx, role: ActorRole, regionId: number, levels: LevelCode[]) {
  const allowed = await authorisableLevels(db, role, regionId);
  if (allowed === 'all') return;
  const beyond = levels.filter((l) => !allowed.includes(l));
  if (beyond.length)
    throw unprocessable(
      'BEYOND_AUTHORITY',
      `${role.organisationName ?? '本部门'}的认定权限为${allowed.length ? allowed.map((l) => levelNames[l]).join('、') : '无'}，` +
        `不能批准${beyond.map((l) => levelNames[l]).join('、')}的自主认定，请报市职称办`,
      { field: 'levels' },
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
  body: { levels: LevelCode[]; phone: string; scopeDescription: string; seriesCodes?: string[] },
) {
  const unit = await unitOrganisation(ctx, actor, organisationId);
  const role = managingRoleFor(actor, unit.org.path, false);
  if (!role || !['system_admin', 'province_office', 'city_office'].includes(role.role))
    throw forbidden('自主评审单位由职称办审核确认');
  if (await repo.agencyOfOrganisation(ctx.db, organisationId))
    throw conflict('ALREADY_AUTHORISED', '该单位已确认为自主评审单位');
  // The same checks as approving the unit's own application: 认定权限 (一) and 三、（六）.
  await assertWithinAuthority(ctx.db, role, unit.org.regionId, body.levels);
  await assertScopeRecognisable(ctx, unit.org, body);
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

/**
 * The unit's own seat files a batch before it opens (a window that has begun, or begins today, is too late
 * to file); it stays closed until the title office of the same level accepts the filing. Filing the same
 * year and number again is a new filing of new dates: the batch is pending (closed) again until accepted,
 * and once a batch has opened its accepted dates no longer change.
 */
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
  const today = todayInZone(now, ctx.config.TZ_NAME);
  if (body.opensOn <= today)
    throw unprocessable(
      'FILING_TOO_LATE',
      `须在受理开始前报备：${body.name}的受理开始日期 ${body.opensOn} 不晚于今天（${today}），请另定开始日期`,
      { field: 'opensOn' },
    );
  const office = await filingOfficeOf(ctx.db, unit.org, agency.id);
  if (!office)
    throw unprocessable('NO_FILING_OFFICE', '未找到该单位认定权限对应的同级职称部门，请联系市职称办');
  const dates = {
    name: body.name,
    opensOn: body.opensOn,
    closesOn: body.closesOn,
    cutoffDate: body.cutoffDate,
    filingStatus: 'pending' as const,
    filingDocument: body.filingDocument,
    filingNote: null,
    filedAt: now,
    filingDecidedAt: null,
  };
  const after = { ...body, unit: unit.org.name, filedWith: office.name };
  const id = await ctx.db.transaction(async (tx) => {
    const existing = await repo.lockBatchOfAgency(tx, agency.id, body.year, body.number);
    if (existing) {
      if (
        existing.filingStatus === 'accepted' &&
        windowStatus(existing, now, ctx.config.TZ_NAME) !== 'upcoming'
      )
        throw conflict(
          'BATCH_OPENED',
          `${existing.name}已于 ${existing.opensOn} 开始受理，报备的受理时间不能再更改`,
        );
      if ((await repo.countApplicationsInBatch(tx, existing.id)) > 0)
        throw conflict('BATCH_HAS_APPLICATIONS', `${existing.name}已有申报，不能重新报备更改受理时间`);
      await repo.updateBatch(tx, existing.id, dates);
      await appendAudit(
        tx,
        auditActorOf(actor, seat),
        {
          action: 'batch.refiled',
          targetType: 'batch',
          targetId: existing.id,
          before: {
            name: existing.name,
            opensOn: existing.opensOn,
            closesOn: existing.closesOn,
            cutoffDate: existing.cutoffDate,
            filingStatus: existing.filingStatus,
            filingDocument: existing.filingDocument,
          },
          after,
        },
        now,
      );
      return existing.id;
    }
    const b = await repo
      .insertBatch(tx, { agencyId: agency.id, year: body.year, number: body.number, ...dates })
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
      { action: 'batch.filed', targetType: 'batch', targetId: b.id, after },
      now,
    );
    return b.id;
  });
  const [row] = (await repo.filedBatches(ctx.db, [organisationId])).filter((r) => r.batch.id === id);
  return view(row!);
}

/**
 * The title office of the same level within the unit's authority (see filingOfficeOf) accepts or refuses:
 * a seat or the office account of that office, not a higher or a lower one.
 */
export async function decideFiling(
  ctx: AppContext,
  actor: Actor,
  batchId: number,
  body: { accept: boolean; note: string },
) {
  const found = await repo.findBatchWithUnit(ctx.db, batchId);
  if (!found || !pathInScope(dataScopeOf(actor), found.unit.path)) throw notFound('批次');
  const office = await filingOfficeOf(ctx.db, found.unit, found.agency.id);
  const role = office
    ? actor.roles.find(
        (r) =>
          ['handler', 'leader', 'city_office', 'province_office'].includes(r.role) &&
          r.organisationId === office.organisationId,
      )
    : undefined;
  if (!role)
    throw forbidden(office ? `该单位按认定权限向${office.name}报备，由其确认` : '报备由同级职称部门确认');
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

/**
 * 三、（六）at approval: the series the authorisation covers (`seriesCodes`, else the catalogue series
 * its scope description names) must leave something this unit's staff could be recognised in. A scope
 * of 工程 alone for a non-state enterprise (or of 以考代评 series) could only produce refused
 * applications, so it is refused here. A scope that names no series is not limited by series.
 */
async function assertScopeRecognisable(
  ctx: AppContext,
  unit: { ownership: Ownership | null; employerKind: EmployerKind | null },
  body: { scopeDescription: string; seriesCodes?: string[] },
) {
  const catalogue = await listSeriesWithSpecialties(ctx.db);
  const nameOf = (code: string) => catalogue.find((c) => c.code === code)?.name ?? code;
  const unknown = (body.seriesCodes ?? []).filter((c) => !catalogue.some((s) => s.code === c));
  if (unknown.length)
    throw unprocessable('UNKNOWN_SERIES', `系列代码“${unknown.join('、')}”不存在，请从系列目录中选择`, {
      field: 'seriesCodes',
    });
  const scope = body.seriesCodes?.length
    ? [...new Set(body.seriesCodes)]
    : seriesNamedIn(body.scopeDescription, catalogue);
  if (scope.length === 0) return;
  const policy = await policyInForce(ctx);
  const closed = closedSeries(
    scope,
    { ownership: unit.ownership, kind: unit.employerKind },
    policy.parameters,
    nameOf,
  );
  if (closed.length === scope.length)
    throw unprocessable(
      'SCOPE_NOT_RECOGNISABLE',
      `认定范围（${scope.map(nameOf).join('、')}）内没有该单位可以考核认定的系列：${closed
        .map((c) => c.reason)
        .join('；')}。批准后只会产生不予认定的申报，不能批准；请调整认定范围或不予批准`,
      { field: body.seriesCodes?.length ? 'seriesCodes' : 'scopeDescription' },
    );
}

/** The HR bureau above the unit (its seats) or a title office approves, setting the levels, or refuses. */
export async function decideSelfRecognitionApplication(
  ctx: AppContext,
  actor: Actor,
  id: number,
  body: {
    approve: boolean;
    levels: LevelCode[];
    scopeDescription: string;
    note: string;
    seriesCodes?: string[];
  },
) {
  const found = (await repo.listApplications(ctx.db, 'all')).find((a) => a.application.id === id);
  if (!found || !pathInScope(dataScopeOf(actor), found.organisation.path)) throw notFound('申请');
  const role = titleOfficeRoleFor(actor, found.organisation.path);
  if (!role) throw forbidden('由同级人社部门审批');
  if (found.application.status !== 'pending') throw conflict('ALREADY_HANDLED', '该申请已审批');
  if (body.approve) await assertWithinAuthority(ctx.db, role, found.organisation.regionId, body.levels);
  if (body.approve && body.levels.length === 0)
    throw unprocessable('LEVELS_REQUIRED', '请确定可自主认定的层级', { field: 'levels' });
  if (!body.approve && !body.note)
    throw unprocessable('REASONS_REQUIRED', '不予批准须写明原因', { field: 'note' });
  if (body.approve) await assertScopeRecognisable(ctx, found.organisation, body);
  const seriesNames = body.seriesCodes?.length
    ? (await listSeriesWithSpecialties(ctx.db))
        .filter((s) => body.seriesCodes!.includes(s.code))
        .map((s) => s.name)
    : [];
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
        scopeDescription:
          body.scopeDescription ||
          `${found.organisation.name}职称自主评审${seriesNames.length ? `（${seriesNames.join('、')}）` : ''}`,
      });
    await appendAudit(
      tx,
      auditActorOf(actor, role),
      {
        action: body.approve ? 'self_recognition.approved' : 'self_recognition.refused',
        targetType: 'organisation',
        targetId: found.organisation.id,
        after: {
          levels: body.levels,
          series: body.seriesCodes?.length ? body.seriesCodes : undefined,
          note: body.note || undefined,
        },
      },
      now,
    );
  });
  return applicationView((await repo.listApplications(ctx.db, 'all')).find((a) => a.application.id === id)!);
}
