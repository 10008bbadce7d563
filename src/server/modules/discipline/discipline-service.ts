/**
 * Discipline (四、（四））: an agency cancels an application for fraud (弄虚作假) at any step, which
 * blacklists the person for a period (the policy version's default unless the decision says otherwise)
 * with the reason and the decision document, and may record the units and reviewers who passed it for
 * 通报批评. Title offices keep the blacklist. Applicants see who opened their record.
 */
import { addYears, format, parseISO } from 'date-fns';
import type { AppContext } from '../../context.js';
import { conflict, forbidden, notFound, unprocessable } from '../../errors.js';
import type { CancelBody } from '../../../contract/discipline.js';
import { canCancelForFraud } from '../../../domain/review/review-chain.js';
import { checkedIdNumber } from '../accounts/person-account.js';
import { maskIdNumber } from '../../../domain/id-number.js';
import { todayInZone } from '../../../domain/batch-window.js';
import { appendAudit } from '../audit/audit-repository.js';
import { type Actor, type ActorRole, auditActorOf } from '../auth/actor.js';
import { dataScopeOf, pathInScope, requireRole, seatAt } from '../access/data-scope.js';
import * as applicationsRepo from '../applications/applications-repository.js';
import * as accountsRepo from '../accounts/accounts-repository.js';
import * as reviewRepo from '../review/review-repository.js';
import { currentState, lockForTransition, moveLocked } from '../applications/application-state.js';
import { notify } from '../notifications/notifications-service.js';
import { policyInForce } from '../policy/policy-service.js';
import { revokeForApplication } from '../certificates/certificates-repository.js';
import * as repo from './discipline-repository.js';
import { decryptIdNumber } from '../../crypto/personal-data-cipher.js';

const OFFICE_ROLES = ['system_admin', 'province_office', 'city_office'];

/** The agency's own seats, or a title office whose scope covers the application. */
export function cancellingRole(
  actor: Actor,
  agencyOrganisationId: number,
  employerPath: string,
): ActorRole | null {
  const seat = seatAt(actor, agencyOrganisationId);
  if (seat) return seat;
  const office = actor.roles.find((r) => OFFICE_ROLES.includes(r.role));
  return office && pathInScope(dataScopeOf(actor), employerPath) ? office : null;
}

export async function cancelForFraud(ctx: AppContext, actor: Actor, id: number, body: CancelBody) {
  const r = await applicationsRepo.findApplication(ctx.db, id);
  if (!r) throw notFound('申报');
  const role = cancellingRole(actor, r.agency.organisationId, r.employer.path);
  if (!role) {
    if (!pathInScope(dataScopeOf(actor), r.employer.path)) throw notFound('申报');
    throw forbidden('取消申报资格由认定机构或职称办办理');
  }
  const now = ctx.clock.now();
  const today = todayInZone(now, ctx.config.TZ_NAME);
  // 四、（四）names no period: unless the decision gives one, the policy version in force sets it.
  const years = body.years ?? (await policyInForce(ctx, today)).parameters.blacklistYears;
  const endsOn = format(addYears(parseISO(today), years), 'yyyy-MM-dd');
  return ctx.db.transaction(async (tx) => {
    // The state's one owner: row lock and the revision the caller saw (409 with the current state).
    const app = await lockForTransition(tx, id, body.expectedRevision);
    if (!canCancelForFraud(app.status))
      throw conflict('NOT_CANCELLABLE', '草稿、已撤回或已取消的申报不能取消申报资格', currentState(app));
    const actions = await reviewRepo.actionsOf(tx, id);
    const censured = actions.filter((a) => body.censureActionIds.includes(a.action.id));
    if (censured.length !== body.censureActionIds.length)
      throw unprocessable('BAD_CENSURE', '所选审查记录不属于该申报', { field: 'censureActionIds' });
    const chainOrgs = [app.employerId, app.supervisorOrganisationId, r.agency.organisationId];
    if (body.censureOrganisationIds.some((o) => !chainOrgs.includes(o)))
      throw unprocessable('BAD_CENSURE', '所选单位不在该申报的审查链上', { field: 'censureOrganisationIds' });
    const person = (await accountsRepo.findAccount(tx, app.applicantAccountId))!.person;
    await moveLocked(tx, app, {
      status: 'cancelled',
      stage: null,
      holderOrganisationId: null,
      holderRole: null,
      stageSince: null,
      updatedAt: now,
    });
    // Fraud found after the certificate was issued: it is revoked at once, in the same transaction.
    const revoked = await revokeForApplication(
      tx,
      id,
      now,
      `取消申报资格：${body.reason}（${body.decisionDocument}）`,
    );
    await reviewRepo.insertAction(tx, {
      applicationId: id,
      version: app.version,
      stage: app.stage ?? app.status,
      decision: 'cancel',
      organisationId: role.organisationId ?? r.agency.organisationId,
      accountId: actor.accountId,
      personId: actor.personId,
      personName: actor.personName,
      role: role.role,
      comment: `${body.reason}（${body.decisionDocument}）`,
      reasons: [{ field: 'general', message: body.reason }],
      revisionAfter: app.revision + 1,
      createdAt: now,
    });
    const entry = await repo.insertBlacklistEntry(tx, {
      idNumber: person.idNumber!,
      name: person.name,
      reason: body.reason,
      decisionDocument: body.decisionDocument,
      startsOn: today,
      endsOn,
      organisationId: r.agency.organisationId,
      createdByAccountId: actor.accountId,
      createdAt: now,
    });
    const orgNames = await reviewRepo.organisationsByIds(tx, body.censureOrganisationIds);
    await repo.insertCensures(tx, [
      ...censured.map((a) => ({
        applicationId: id,
        organisationId: a.action.organisationId,
        personId: a.action.personId,
        subject: `${a.organisationName} ${a.action.personName}（${a.action.role === 'leader' ? '领导审查' : '经办人审查'}）`,
        reason: `审查把关不严：${body.reason}`,
        recordedByAccountId: actor.accountId,
        createdAt: now,
      })),
      ...orgNames.map((o) => ({
        applicationId: id,
        organisationId: o.id,
        personId: null,
        subject: o.name,
        reason: `审查把关不严：${body.reason}`,
        recordedByAccountId: actor.accountId,
        createdAt: now,
      })),
    ]);
    await appendAudit(
      tx,
      auditActorOf(actor, role),
      {
        action: 'application.cancelled_for_fraud',
        targetType: 'application',
        targetId: id,
        before: { status: app.status, stage: app.stage },
        after: {
          status: 'cancelled',
          reason: body.reason,
          decisionDocument: body.decisionDocument,
          blacklistEntryId: entry.id,
          blacklistYears: years,
          blacklistedUntil: endsOn,
          revokedCertificate: revoked?.number ?? null,
          censured: [...censured.map((a) => a.action.personName), ...orgNames.map((o) => o.name)],
        },
      },
      now,
    );
    await notify(tx, now, [
      {
        accountId: app.applicantAccountId,
        kind: 'application.cancelled',
        title: '申报资格已被取消',
        body: `您的${r.batch.year}年${r.batch.name}申报因“${body.reason}”被取消申报资格（${body.decisionDocument}），并列入职称申报“黑名单”至 ${endsOn}。`,
        applicationId: id,
      },
    ]);
    return { id, status: 'cancelled' as const, blacklistedUntil: endsOn };
  });
}

function state(e: { startsOn: string; endsOn: string | null; revokedAt: Date | null }, today: string) {
  if (e.revokedAt) return 'revoked' as const;
  if (e.startsOn > today) return 'upcoming' as const;
  if (e.endsOn !== null && e.endsOn < today) return 'expired' as const;
  return 'in_force' as const;
}

/** The blacklist: title offices see it all; an agency's seats what their agency recorded. */
export async function listBlacklist(ctx: AppContext, actor: Actor) {
  const office = actor.roles.some((r) => OFFICE_ROLES.includes(r.role));
  const orgIds = new Set(
    actor.roles.filter((r) => r.role === 'handler' || r.role === 'leader').map((r) => r.organisationId),
  );
  if (!office && orgIds.size === 0) throw forbidden('黑名单由职称办和认定机构查阅');
  const today = todayInZone(ctx.clock.now(), ctx.config.TZ_NAME);
  const rows = await repo.listBlacklist(ctx.db);
  return rows
    .filter((r) => office || orgIds.has(r.entry.organisationId))
    .map((r) => ({
      id: r.entry.id,
      name: r.entry.name,
      idNumberMasked: maskIdNumber(decryptIdNumber(r.entry.idNumberCipher)),
      reason: r.entry.reason,
      decisionDocument: r.entry.decisionDocument,
      startsOn: r.entry.startsOn,
      endsOn: r.entry.endsOn,
      state: state(r.entry, today),
      organisationName: r.organisationName,
      createdAt: r.entry.createdAt.toISOString(),
    }));
}

export async function addToBlacklist(
  ctx: AppContext,
  actor: Actor,
  body: {
    name: string;
    idNumber: string;
    reason: string;
    decisionDocument: string;
    startsOn: string;
    endsOn: string | null;
  },
) {
  const role = requireRole(actor, OFFICE_ROLES, '黑名单由职称办维护');
  const now = ctx.clock.now();
  const idNumber = checkedIdNumber(body.idNumber, now);
  await ctx.db.transaction(async (tx) => {
    const e = await repo.insertBlacklistEntry(tx, {
      ...body,
      idNumber,
      organisationId: role.organisationId,
      createdByAccountId: actor.accountId,
      createdAt: now,
    });
    await appendAudit(
      tx,
      auditActorOf(actor, role),
      {
        action: 'blacklist.added',
        targetType: 'blacklist',
        targetId: e.id,
        after: { ...body, idNumber: maskIdNumber(idNumber) },
      },
      now,
    );
  });
  return listBlacklist(ctx, actor);
}

export async function revokeBlacklistEntry(ctx: AppContext, actor: Actor, id: number, note: string) {
  const role = requireRole(actor, OFFICE_ROLES, '黑名单由职称办维护');
  const entry = await repo.findBlacklistEntry(ctx.db, id);
  if (!entry) throw notFound('黑名单记录');
  if (entry.revokedAt) throw unprocessable('ALREADY_REVOKED', '该记录已撤销');
  if (!note) throw unprocessable('REASONS_REQUIRED', '请写明撤销依据', { field: 'note' });
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await repo.revokeBlacklistEntry(tx, id, now);
    await appendAudit(
      tx,
      auditActorOf(actor, role),
      { action: 'blacklist.revoked', targetType: 'blacklist', targetId: id, after: { note } },
      now,
    );
  });
  return listBlacklist(ctx, actor);
}

export async function listCensures(ctx: AppContext, actor: Actor) {
  requireRole(actor, OFFICE_ROLES, '通报批评记录由职称办查阅');
  const rows = await repo.listCensures(ctx.db);
  return rows.map((r) => ({
    id: r.record.id,
    applicationNumber: r.number,
    subject: r.record.subject,
    reason: r.record.reason,
    createdAt: r.record.createdAt.toISOString(),
  }));
}

/** Records that a reviewer (not the applicant) opened the record; once per person and day. */
export async function noteView(
  ctx: AppContext,
  actor: Actor,
  applicationId: number,
  role: ActorRole | undefined,
) {
  const now = ctx.clock.now();
  await repo.recordView(ctx.db, {
    applicationId,
    accountId: actor.accountId,
    viewerName: actor.personName,
    organisationName: role?.organisationName ?? null,
    role: role?.role ?? 'none',
    day: todayInZone(now, ctx.config.TZ_NAME),
    firstAt: now,
  });
}

/** The applicant's own view of who opened their record (and the unit and title offices in scope). */
export async function viewersOf(ctx: AppContext, actor: Actor, applicationId: number) {
  const r = await applicationsRepo.findApplication(ctx.db, applicationId);
  if (
    !r ||
    (r.app.applicantAccountId !== actor.accountId && !pathInScope(dataScopeOf(actor), r.employer.path))
  )
    throw notFound('申报');
  const rows = await repo.viewsOf(ctx.db, applicationId);
  return rows.map((v) => ({
    viewerName: v.viewerName,
    organisationName: v.organisationName,
    role: v.role,
    day: v.day,
    firstAt: v.firstAt.toISOString(),
  }));
}
