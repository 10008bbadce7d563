/** Account administration: lists within the data scope, title-office accounts, password resets, unlocks. */
import type { z } from 'zod';
import type { AppContext } from '../../context.js';
import { badRequest, conflict, forbidden, notFound, unprocessable } from '../../errors.js';
import type { AccountRow, AccountsQuery, CreateOfficeAccountBody } from '../../../contract/accounts.js';
import type { AccountCreated } from '../../../contract/organisations.js';
import { maskIdNumber, maskMobile, maskUsername } from '../../../domain/id-number.js';
import { organisations } from '../../db/schema.js';
import { appendAudit } from '../audit/audit-repository.js';
import { type Actor, type ActorRole, auditActorOf } from '../auth/actor.js';
import { activeRoles, deleteSessionsOfAccount } from '../auth/auth-repository.js';
import { generatePassword, hashPassword } from '../auth/password.js';
import { dataScopeOf, managingRoleFor, orgPathInScope, pathInScope } from '../access/data-scope.js';
import { ensurePersonAccount, grantRole, usernameOf } from './person-account.js';
import { findOrganisation } from '../organisations/organisations-repository.js';
import * as repo from './accounts-repository.js';

export async function listAccounts(
  ctx: AppContext,
  actor: Actor,
  query: z.infer<typeof AccountsQuery>,
): Promise<AccountRow[]> {
  const scope = dataScopeOf(actor);
  const rows = await repo.listAccounts(
    ctx.db,
    orgPathInScope(scope, organisations.path),
    scope.all ? null : scope.selfPersonId,
    query,
  );
  const now = ctx.clock.now();
  return Promise.all(
    rows.map(async ({ account, person }) => ({
      id: account.id,
      username: maskUsername(usernameOf(account, person)),
      personId: person.id,
      personName: person.name,
      idNumberMasked: maskIdNumber(person.idNumber),
      mobileMasked: maskMobile(person.mobile),
      roles: (await activeRoles(ctx.db, account.id)).map((r) => ({
        id: r.assignmentId,
        role: r.role,
        organisation:
          r.organisationId !== null
            ? { id: r.organisationId, name: r.organisationName!, kind: r.organisationKind! }
            : null,
      })),
      locked: account.lockedUntil !== null && account.lockedUntil > now,
      disabled: account.disabled,
      mustChangePassword: account.mustChangePassword,
      lastLoginAt: account.lastLoginAt?.toISOString() ?? null,
    })),
  );
}

export async function createOfficeAccount(
  ctx: AppContext,
  actor: Actor,
  body: z.infer<typeof CreateOfficeAccountBody>,
): Promise<AccountCreated> {
  const role = actor.roles.find((r) => r.role === 'system_admin');
  if (!role) throw forbidden('只有系统管理员可以创建职称办和管理员账号');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    let orgId: number | null = null;
    if (body.role !== 'system_admin') {
      if (!body.organisationId)
        throw unprocessable('ORGANISATION_REQUIRED', '请选择所属职称办（人社部门）', {
          field: 'organisationId',
        });
      const org = (await findOrganisation(tx, body.organisationId))?.org;
      if (!org || org.kind !== 'hr_bureau')
        throw unprocessable('NOT_AN_HR_BUREAU', '所属机构须为人社部门/职称办', { field: 'organisationId' });
      orgId = org.id;
    }
    const pa = await ensurePersonAccount(tx, now, body.person);
    const existing = await repo.activeAssignmentsOfAccount(tx, pa.account.id);
    if (existing.some((e) => e.ra.role === body.role && e.ra.organisationId === orgId)) {
      throw conflict('ROLE_EXISTS', '该人员已有此角色');
    }
    const ra = await grantRole(tx, pa, {
      role: body.role,
      organisationId: orgId,
      startedAt: now,
    });
    await appendAudit(
      tx,
      auditActorOf(actor, role),
      {
        action: 'role.granted',
        targetType: 'account',
        targetId: pa.account.id,
        after: { assignmentId: ra.id, role: body.role, organisationId: orgId, personName: pa.person.name },
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

/**
 * The role through which the actor may administer the target account: every role the target holds
 * must be below the actor (an applicant may be managed by its own unit's seats; a seat only from above;
 * office and admin roles only by a system admin).
 */
async function administeringRole(ctx: AppContext, actor: Actor, accountId: number): Promise<ActorRole> {
  if (accountId === actor.accountId) throw badRequest('不能通过此功能操作自己的账号，请使用“修改密码”');
  const target = await repo.findAccount(ctx.db, accountId);
  if (!target) throw notFound('账号');
  const roles = await activeRoles(ctx.db, accountId);
  const admin = actor.roles.find((r) => r.role === 'system_admin');
  if (admin) return admin;
  let chosen: ActorRole | null = null;
  for (const r of roles) {
    const via =
      r.organisationPath === null ? null : managingRoleFor(actor, r.organisationPath, r.role === 'applicant');
    if (!via) {
      const scope = dataScopeOf(actor);
      const visible = roles.some(
        (x) => x.organisationPath !== null && pathInScope(scope, x.organisationPath),
      );
      throw visible ? forbidden('该账号不在您的管理范围内') : notFound('账号');
    }
    chosen ??= via;
  }
  if (!chosen) throw notFound('账号');
  return chosen;
}

export async function resetPassword(ctx: AppContext, actor: Actor, accountId: number) {
  const role = await administeringRole(ctx, actor, accountId);
  const initialPassword = generatePassword();
  const passwordHash = await hashPassword(initialPassword);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const target = await repo.findAccount(tx, accountId);
    await repo.updateAccount(tx, accountId, {
      passwordHash,
      mustChangePassword: true,
      failedAttempts: 0,
      lockedUntil: null,
    });
    await deleteSessionsOfAccount(tx, accountId);
    await appendAudit(
      tx,
      auditActorOf(actor, role),
      { action: 'account.password_reset', targetType: 'account', targetId: accountId },
      now,
    );
    return { username: usernameOf(target!.account, target!.person), initialPassword };
  });
}

export async function unlockAccount(ctx: AppContext, actor: Actor, accountId: number) {
  const role = await administeringRole(ctx, actor, accountId);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const before = await repo.findAccount(tx, accountId);
    await repo.updateAccount(tx, accountId, { failedAttempts: 0, lockedUntil: null });
    await appendAudit(
      tx,
      auditActorOf(actor, role),
      {
        action: 'account.unlocked',
        targetType: 'account',
        targetId: accountId,
        before: { lockedUntil: before!.account.lockedUntil },
      },
      now,
    );
  });
}
