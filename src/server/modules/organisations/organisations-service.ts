/** Organisations (created top-down by the level above) and their two reviewer seats. */
import type { z } from 'zod';
import type { AppContext } from '../../context.js';
import { conflict, forbidden, notFound, unprocessable } from '../../errors.js';
import type { OrgKind } from '../../../contract/common.js';
import type {
  AccountCreated,
  AssignSeatBody,
  CreateOrganisationBody,
  Organisation,
  OrganisationsQuery,
  SeatRole,
  UpdateOrganisationBody,
} from '../../../contract/organisations.js';
import { maskIdNumber, maskMobile, maskUsername } from '../../../domain/id-number.js';
import { appendAudit } from '../audit/audit-repository.js';
import { type Actor, auditActorOf } from '../auth/actor.js';
import { dataScopeOf, managingRoleFor, orgPathInScope, pathInScope } from '../access/data-scope.js';
import { ensurePersonAccount, grantRole, usernameOf } from '../accounts/person-account.js';
import { readPerson } from '../../crypto/personal-data-cipher.js';
import * as accountsRepo from '../accounts/accounts-repository.js';
import * as repo from './organisations-repository.js';
import { organisations } from '../../db/schema.js';

/** Which kinds of organisation may be created under which (SPEC §2 organisation tree). */
export const CHILD_KINDS: Record<OrgKind, readonly OrgKind[]> = {
  hr_bureau: ['hr_bureau', 'supervisor', 'employer', 'personnel_agency', 'self_recognition_unit'],
  supervisor: ['employer'],
  employer: [],
  personnel_agency: [],
  // A self-recognition unit (a group) holds the member companies whose staff it recognises.
  self_recognition_unit: ['employer'],
};

const seatNames: Record<SeatRole, string> = { handler: '经办人审查', leader: '领导审查' };

function toOrganisation(row: NonNullable<Awaited<ReturnType<typeof repo.findOrganisation>>>): Organisation {
  return {
    id: row.org.id,
    name: row.org.name,
    kind: row.org.kind,
    parentId: row.org.parentId,
    parentName: row.parentName,
    regionId: row.org.regionId,
    regionName: row.regionName,
    creditCode: row.org.creditCode,
    ownership: row.org.ownership,
    employerKind: row.org.employerKind,
    agencyCode: row.agencyCode,
    actsAsSupervisor: row.org.actsAsSupervisor,
    childCount: Number(row.childCount),
  };
}

/** Loads an organisation the actor may see; anything else is "not found" (no existence leak). */
export async function visibleOrganisation(ctx: AppContext, actor: Actor, id: number) {
  const row = await repo.findOrganisation(ctx.db, id);
  if (!row || !pathInScope(dataScopeOf(actor), row.org.path)) throw notFound('机构');
  return row;
}

export async function listOrganisations(
  ctx: AppContext,
  actor: Actor,
  query: z.infer<typeof OrganisationsQuery>,
): Promise<Organisation[]> {
  const scope = dataScopeOf(actor);
  const rows = await repo.listOrganisations(ctx.db, orgPathInScope(scope, organisations.path), query);
  return rows.map(toOrganisation);
}

export async function getOrganisation(ctx: AppContext, actor: Actor, id: number): Promise<Organisation> {
  return toOrganisation(await visibleOrganisation(ctx, actor, id));
}

/** A credit code names one organisation; siblings under one parent have different names. */
async function assertUnique(ctx: AppContext, parentId: number | null, name?: string, creditCode?: string) {
  if (creditCode && (await repo.findByCreditCode(ctx.db, creditCode))) {
    throw conflict('CREDIT_CODE_TAKEN', `统一社会信用代码 ${creditCode} 已被其他机构使用`, {
      field: 'creditCode',
    });
  }
  if (name && parentId !== null && (await repo.findChildByName(ctx.db, parentId, name))) {
    throw conflict('ORGANISATION_EXISTS', `同一上级机构下已有同名机构“${name}”`, { field: 'name' });
  }
}

export async function createOrganisation(
  ctx: AppContext,
  actor: Actor,
  body: z.infer<typeof CreateOrganisationBody>,
): Promise<Organisation> {
  const parent = await visibleOrganisation(ctx, actor, body.parentId);
  const role = managingRoleFor(actor, parent.org.path, true);
  if (!role) throw forbidden('只有上级机构的审查账号或职称办可以创建下级机构');
  const allowed = CHILD_KINDS[parent.org.kind];
  if (!allowed.includes(body.kind)) {
    throw unprocessable('CHILD_KIND_NOT_ALLOWED', `“${parent.org.name}”下不能创建该类型的机构`, {
      field: 'kind',
    });
  }
  const ancestry = await repo.regionAncestry(ctx.db, body.regionId);
  if (!ancestry.includes(parent.org.regionId)) {
    throw unprocessable(
      'REGION_OUTSIDE_PARENT',
      `所属地区须在上级机构“${parent.org.name}”的地区（${parent.regionName}）之内`,
      {
        field: 'regionId',
      },
    );
  }
  if (body.kind === 'employer' && (!body.ownership || !body.employerKind)) {
    throw unprocessable('EMPLOYER_DETAILS_REQUIRED', '用人单位须填写所有制性质和单位类型', {
      field: 'ownership',
    });
  }
  await assertUnique(ctx, parent.org.id, body.name, body.creditCode);
  const now = ctx.clock.now();
  const id = await ctx.db.transaction(async (tx) => {
    const created = await repo.insertOrganisation(
      tx,
      {
        kind: body.kind,
        name: body.name,
        parentId: parent.org.id,
        regionId: body.regionId,
        creditCode: body.creditCode ?? null,
        ownership: body.kind === 'employer' ? (body.ownership ?? null) : null,
        employerKind: body.kind === 'employer' ? (body.employerKind ?? null) : null,
        createdAt: now,
      },
      parent.org.path,
    );
    await appendAudit(
      tx,
      auditActorOf(actor, role),
      { action: 'organisation.created', targetType: 'organisation', targetId: created.id, after: created },
      now,
    );
    return created.id;
  });
  return getOrganisation(ctx, actor, id);
}

export async function updateOrganisation(
  ctx: AppContext,
  actor: Actor,
  id: number,
  body: z.infer<typeof UpdateOrganisationBody>,
): Promise<Organisation> {
  const before = await visibleOrganisation(ctx, actor, id);
  const role = managingRoleFor(actor, before.org.path, true);
  if (!role) throw forbidden('您没有权限修改该机构');
  await assertUnique(
    ctx,
    before.org.parentId,
    body.name !== before.org.name ? body.name : undefined,
    body.creditCode !== before.org.creditCode ? body.creditCode : undefined,
  );
  if (before.org.kind !== 'employer' && (body.ownership || body.employerKind)) {
    throw unprocessable('NOT_AN_EMPLOYER', '只有用人单位有所有制性质和单位类型', { field: 'ownership' });
  }
  if (body.actsAsSupervisor !== undefined && before.org.kind !== 'hr_bureau') {
    throw unprocessable('NOT_AN_HR_BUREAU', '只有人社部门可以设置是否代行主管部门审查', {
      field: 'actsAsSupervisor',
    });
  }
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await repo.updateOrganisation(tx, id, body);
    const after = await repo.findOrganisation(tx, id);
    await appendAudit(
      tx,
      auditActorOf(actor, role),
      {
        action: 'organisation.updated',
        targetType: 'organisation',
        targetId: id,
        before: before.org,
        after: after?.org,
      },
      now,
    );
  });
  return getOrganisation(ctx, actor, id);
}

type SeatRow = Awaited<ReturnType<typeof repo.seatAssignments>>[number];
function toSeat(r: SeatRow) {
  const person = readPerson(r.person);
  return {
    role: r.ra.role as SeatRole,
    assignmentId: r.ra.id,
    accountId: r.account.id,
    username: maskUsername(usernameOf(r.account, person)),
    personName: person.name,
    idNumberMasked: maskIdNumber(person.idNumber),
    mobileMasked: maskMobile(person.mobile),
    since: r.ra.startedAt.toISOString(),
  };
}

export async function getSeats(ctx: AppContext, actor: Actor, id: number) {
  await visibleOrganisation(ctx, actor, id);
  const all = await repo.seatAssignments(ctx.db, id, false);
  return {
    current: all.filter((r) => r.ra.endedAt === null).map(toSeat),
    history: all.map((r) => ({ ...toSeat(r), until: r.ra.endedAt?.toISOString() ?? null })),
  };
}

/**
 * Puts a real-name person in the handler or leader seat of an organisation (四、（二））. The two
 * seats must be held by different persons; the previous holder's assignment is ended, not deleted.
 */
export async function assignSeat(
  ctx: AppContext,
  actor: Actor,
  id: number,
  seat: SeatRole,
  body: z.infer<typeof AssignSeatBody>,
): Promise<AccountCreated> {
  const org = await visibleOrganisation(ctx, actor, id);
  const role = managingRoleFor(actor, org.org.path, false);
  if (!role) throw forbidden('审查账号由上级机构或职称办设置');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const pa = await ensurePersonAccount(tx, now, body.person, { username: body.username });
    const current = await repo.seatAssignments(tx, id, true);
    const other = current.find((r) => r.ra.role !== seat);
    if (other && other.person.id === pa.person.id) {
      throw conflict(
        'SEAT_CONFLICT',
        `“${seatNames.handler}”和“${seatNames.leader}”不能为同一人：${pa.person.name} 已是本机构的${seatNames[other.ra.role as SeatRole]}账号`,
        { field: 'person' },
      );
    }
    const previous = current.find((r) => r.ra.role === seat);
    if (previous && previous.person.id === pa.person.id) {
      return { accountId: pa.account.id, username: usernameOf(pa.account, pa.person), initialPassword: null };
    }
    if (previous) await accountsRepo.endRoleAssignment(tx, previous.ra.id, now);
    const assignment = await grantRole(tx, pa, {
      role: seat,
      organisationId: id,
      startedAt: now,
    });
    await appendAudit(
      tx,
      auditActorOf(actor, role),
      {
        action: 'seat.assigned',
        targetType: 'organisation',
        targetId: id,
        before: previous ? { seat, accountId: previous.account.id, personName: previous.person.name } : null,
        after: {
          seat,
          assignmentId: assignment.id,
          accountId: pa.account.id,
          personName: pa.person.name,
          newAccount: pa.createdAccount,
        },
      },
      now,
    );
    return {
      accountId: pa.account.id,
      username: usernameOf(pa.account, pa.person),
      initialPassword: pa.initialPassword,
    };
  });
}
