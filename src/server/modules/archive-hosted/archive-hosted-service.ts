/**
 * 三、（四）, second paragraph: a person whose archive is held by a public employment service (人事代理机构)
 * and whose insurance does not meet the requirement applies only after local HR verified them, the city
 * office aggregated them into its list and the province office agreed — per person and year. Until then
 * submission is refused (applications-service asks `archiveHostedRequirement`).
 */
import { or, eq } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { DbOrTx } from '../../db/client.js';
import { archiveHostedRequests, organisations } from '../../db/schema.js';
import { conflict, forbidden, notFound, unprocessable } from '../../errors.js';
import { maskIdNumber } from '../../../domain/id-number.js';
import { todayInZone } from '../../../domain/batch-window.js';
import { appendAudit } from '../audit/audit-repository.js';
import { type Actor, auditActorOf } from '../auth/actor.js';
import { dataScopeOf, orgPathInScope, requireRole, seatAt } from '../access/data-scope.js';
import * as accountsRepo from '../accounts/accounts-repository.js';
import { findOrganisation } from '../organisations/organisations-repository.js';
import { notify } from '../notifications/notifications-service.js';
import * as repo from './archive-hosted-repository.js';

export const archiveHostedStatusNames = {
  requested: '待当地人社部门核实',
  verified: '已核实，待市职称办汇总',
  listed: '已汇总，待省职称办审批',
  approved: '省职称办已同意，可以申报',
  refused: '未同意',
} as const;

type Status = keyof typeof archiveHostedStatusNames;

/** Whether the path applies to this applicant, and the request of that year if any. */
export async function archiveHostedRequirement(
  db: DbOrTx,
  employer: { kind: string; name: string },
  record: { insuredUnitName: string } | null,
  personId: number,
  year: number,
) {
  const required =
    employer.kind === 'personnel_agency' &&
    (!record || record.insuredUnitName.trim() !== employer.name.trim());
  if (!required) return null;
  const request = await repo.findForPersonYear(db, personId, year);
  return { required, request };
}

function view(r: Awaited<ReturnType<typeof repo.listRequests>>[number]) {
  return {
    id: r.request.id,
    year: r.request.year,
    applicantName: r.personName,
    idNumberMasked: maskIdNumber(r.idNumber),
    personnelAgencyName: r.agency.name,
    statement: r.request.statement,
    status: r.request.status,
    statusName: archiveHostedStatusNames[r.request.status],
    verifiedBy: r.request.verifiedByName,
    verifiedAt: r.request.verifiedAt?.toISOString() ?? null,
    listedBy: r.request.listedByName,
    listedAt: r.request.listedAt?.toISOString() ?? null,
    decidedBy: r.request.decidedByName,
    decidedAt: r.request.decidedAt?.toISOString() ?? null,
    note: r.request.note,
    createdAt: r.request.createdAt.toISOString(),
  };
}
export type ArchiveHostedView = ReturnType<typeof view>;

async function one(ctx: AppContext, id: number) {
  const [row] = await repo.listRequests(ctx.db, eq(archiveHostedRequests.id, id));
  return view(row!);
}

/** The applicant (or their personnel agency's seat) asks for the path for the current year. */
export async function requestPath(
  ctx: AppContext,
  actor: Actor,
  body: { statement: string; applicantAccountId?: number },
) {
  const accountId = body.applicantAccountId ?? actor.accountId;
  const profile = await accountsRepo.findApplicantProfile(ctx.db, accountId);
  if (!profile) throw forbidden('只有申报人员可以提出申请');
  const role =
    accountId === actor.accountId
      ? actor.roles.find((r) => r.role === 'applicant')
      : seatAt(actor, profile.employerId);
  if (!role) throw notFound('申报人员');
  const employer = (await findOrganisation(ctx.db, profile.employerId))!;
  const account = (await accountsRepo.findAccount(ctx.db, accountId))!;
  const record = await accountsRepo.linkedSocialInsuranceRecord(ctx.db, accountId);
  const now = ctx.clock.now();
  const year = Number(todayInZone(now, ctx.config.TZ_NAME).slice(0, 4));
  const need = await archiveHostedRequirement(ctx.db, employer.org, record, account.person.id, year);
  if (!need)
    throw unprocessable(
      'NOT_ARCHIVE_HOSTED',
      '该通道仅适用于档案由人事代理机构托管、且社保缴纳未达到要求的人员；您的社保信息符合申报要求，无需申请',
    );
  if (need.request)
    throw conflict(
      'REQUEST_EXISTS',
      `您${year}年已提出申请（${archiveHostedStatusNames[need.request.status]}）`,
    );
  const id = await ctx.db.transaction(async (tx) => {
    const row = await repo.insertRequest(tx, {
      applicantAccountId: accountId,
      personId: account.person.id,
      personnelAgencyId: employer.org.id,
      year,
      statement: body.statement,
      status: 'requested',
      createdAt: now,
    });
    await appendAudit(
      tx,
      auditActorOf(actor, role),
      { action: 'archive_hosted.requested', targetType: 'archive_hosted', targetId: row.id, after: { year } },
      now,
    );
    return row.id;
  });
  return one(ctx, id);
}

export async function listRequests(ctx: AppContext, actor: Actor) {
  const scope = dataScopeOf(actor);
  const rows = await repo.listRequests(
    ctx.db,
    or(
      eq(archiveHostedRequests.applicantAccountId, actor.accountId),
      orgPathInScope(scope, organisations.path),
    ),
  );
  return rows.map(view);
}

type Step = 'verify' | 'list' | 'decide';
const FROM: Record<Step, Status> = { verify: 'requested', list: 'verified', decide: 'listed' };

/**
 * One step of the flow. verify: a seat of an HR bureau above the personnel agency (当地人社部门);
 * list: the city office; decide: the province office. A refusal at any step ends the request.
 */
export async function advance(
  ctx: AppContext,
  actor: Actor,
  id: number,
  step: Step,
  body: { approve: boolean; note: string },
) {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const req = await repo.lockRequest(tx, id);
    if (!req) throw notFound('申请');
    const agency = (await findOrganisation(tx, req.personnelAgencyId))!;
    let role;
    if (step === 'verify') {
      role = actor.roles.find(
        (r) =>
          (r.role === 'handler' || r.role === 'leader') &&
          r.organisationKind === 'hr_bureau' &&
          r.organisationPath !== null &&
          agency.org.path.startsWith(r.organisationPath) &&
          agency.org.id !== r.organisationId,
      );
      if (!role) throw forbidden('由人事代理机构所在地的人社部门核实');
    } else if (step === 'list') role = requireRole(actor, ['city_office'], '由市职称办统一汇总');
    else role = requireRole(actor, ['province_office'], '由省职称办审批');
    if (req.status !== FROM[step])
      throw conflict('ALREADY_HANDLED', `该申请已被处理，当前状态：${archiveHostedStatusNames[req.status]}`, {
        status: req.status,
      });
    if (!body.approve && !body.note)
      throw unprocessable('REASONS_REQUIRED', '不同意时须写明原因', { field: 'note' });
    const status: Status = !body.approve
      ? 'refused'
      : step === 'verify'
        ? 'verified'
        : step === 'list'
          ? 'listed'
          : 'approved';
    const who = actor.personName;
    await repo.updateRequest(tx, id, {
      status,
      note: body.note || req.note,
      ...(step === 'verify' ? { verifiedByName: who, verifiedAt: now } : {}),
      ...(step === 'list' ? { listedByName: who, listedAt: now } : {}),
      ...(step === 'decide' ? { decidedByName: who, decidedAt: now } : {}),
    });
    await appendAudit(
      tx,
      auditActorOf(actor, role),
      {
        action: `archive_hosted.${step}`,
        targetType: 'archive_hosted',
        targetId: id,
        before: { status: req.status },
        after: { status, note: body.note || undefined },
      },
      now,
    );
    if (status === 'approved' || status === 'refused')
      await notify(tx, now, [
        {
          accountId: req.applicantAccountId,
          kind: `archive_hosted.${status}`,
          title: status === 'approved' ? '档案托管人员申报：省职称办已同意' : '档案托管人员申报：未同意',
          body:
            status === 'approved'
              ? `您${req.year}年的申报资格已获同意，可以在受理时间内提交申报。`
              : `您${req.year}年的申请未获同意：${body.note}`,
        },
      ]);
  });
  return one(ctx, id);
}

/** The city office aggregates every verified request into its list at once. */
export async function listVerified(ctx: AppContext, actor: Actor, ids: number[], note: string) {
  const results = [];
  for (const id of ids) results.push(await advance(ctx, actor, id, 'list', { approve: true, note }));
  return results;
}
