/**
 * The applicant's side of an application (issue 4, first part): routing to the agency and its batches,
 * drafts that save as the person types, the pre-check on the form's own data, and submission — checked
 * on the server at that moment (window, completeness, social insurance, blacklist, eligibility,
 * duplicates) and frozen as a numbered snapshot with the policy version and the pre-check result.
 */
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { eq, or } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { DbOrTx } from '../../db/client.js';
import { AppError, conflict, forbidden, notFound, unprocessable } from '../../errors.js';
import { applications, organisations } from '../../db/schema.js';
import { combineMaterialPagesInWorker } from '../../documents/file-processing.js';
import { materialCategoryNames } from '../../../contract/applications.js';
import type {
  ApplicationDetail,
  ApplicationForm,
  ApplicationSummary,
  PrecheckResult,
} from '../../../contract/applications.js';
import { ApplicationForm as ApplicationFormSchema } from '../../../contract/applications.js';
import type { LevelCode } from '../../../contract/common.js';
import { levelNames } from '../../../contract/common.js';
import {
  currentOrNextWindow,
  todayInZone,
  windowClosesAt,
  windowStatus,
  offeredToApplicants,
} from '../../../domain/batch-window.js';
import { birthDateOfIdNumber, impossibleDates } from '../../../domain/application-dates.js';
import { evaluateEligibility } from '../../../domain/eligibility/eligibility-engine.js';
import {
  completeEducations,
  employerFacts,
  recordsAfterCutoff,
} from '../../../domain/eligibility/application-facts.js';
import type { ApplicantFacts, EligibilityResult } from '../../../domain/eligibility/policy-types.js';
import { appendAudit, auditRowOf, canonicalJson } from '../audit/audit-repository.js';
import { type Actor, type ActorRole, auditActorOf } from '../auth/actor.js';
import { dataScopeOf, orgPathInScope, seatAt } from '../access/data-scope.js';
import * as accountsRepo from '../accounts/accounts-repository.js';
import { findOrganisation, regionAncestry } from '../organisations/organisations-repository.js';
import * as uploadsRepo from '../uploads/uploads-repository.js';
import { blacklistEntryInForce, decide } from '../eligibility/eligibility-service.js';
import { canWithdraw, isEditable, stageNames } from '../../../domain/review/review-chain.js';
import {
  applicationVisibleTo,
  chainFor,
  firstStageColumns,
  holderDescription,
} from '../review/review-routing.js';
import * as reviewRepo from '../review/review-repository.js';
import { noteView } from '../discipline/discipline-service.js';
import { notify, notifySeat } from '../notifications/notifications-service.js';
import {
  archiveHostedRequirement,
  archiveHostedStatusNames,
} from '../archive-hosted/archive-hosted-service.js';
import { policyInForce } from '../policy/policy-service.js';
import * as repo from './applications-repository.js';
import { alreadyHandled, currentState, lockForTransition, moveLocked } from './application-state.js';
import { decryptIdNumber } from '../../crypto/personal-data-cipher.js';

/** The applicant whose application this is: the actor themself, or one of the actor's unit's applicants. */
async function applicantContext(ctx: AppContext, actor: Actor, applicantAccountId?: number) {
  const accountId = applicantAccountId ?? actor.accountId;
  const profile = await accountsRepo.findApplicantProfile(ctx.db, accountId);
  if (!profile) {
    throw applicantAccountId
      ? notFound('申报人员')
      : forbidden('只有申报人员账号可以申报；单位经办人请选择代为申报的人员');
  }
  let role: ActorRole | undefined;
  if (accountId === actor.accountId) role = actor.roles.find((r) => r.role === 'applicant');
  else {
    role = seatAt(actor, profile.employerId);
    if (!role) throw notFound('申报人员');
  }
  if (!role) throw forbidden();
  const account = await accountsRepo.findAccount(ctx.db, accountId);
  const employer = (await findOrganisation(ctx.db, profile.employerId))!.org;
  return { accountId, person: account!.person, profile, employer, role };
}

/**
 * 认定范围: an employer inside an authorised self-recognition unit goes to that unit for the levels it
 * may recognise; otherwise to the annex agency whose rule covers the level and the nearest region
 * containing the employer's.
 */
export async function routeAgency(
  db: DbOrTx,
  employer: { regionId: number; path: string },
  level: LevelCode,
) {
  const all = (await repo.scopeRulesWithAgency(db)).filter((r) => r.rule.levels.includes(level));
  const own = all.find((r) => r.agency.kind === 'self_recognition' && employer.path.startsWith(r.org.path));
  if (own) return { agency: own.agency, name: own.org.name };
  const ancestry = await regionAncestry(db, employer.regionId);
  const rules = all.filter((r) => r.agency.kind === 'annex' && ancestry.includes(r.rule.regionId));
  rules.sort((a, b) => ancestry.indexOf(a.rule.regionId) - ancestry.indexOf(b.rule.regionId));
  const best = rules[0];
  if (!best)
    throw unprocessable(
      'NO_AGENCY',
      `没有认定机构受理该地区的${levelNames[level]}考核认定，请联系当地人社部门`,
    );
  return { agency: best.agency, name: best.org.name };
}

export async function routing(
  ctx: AppContext,
  actor: Actor,
  targetLevel: LevelCode,
  applicantAccountId?: number,
) {
  const a = await applicantContext(ctx, actor, applicantAccountId);
  const { agency, name } = await routeAgency(ctx.db, a.employer, targetLevel);
  const now = ctx.clock.now();
  const tz = ctx.config.TZ_NAME;
  const batches = (await repo.batchesOfAgency(ctx.db, agency.id))
    .filter(offeredToApplicants)
    .map((b) => ({
      id: b.id,
      name: b.name,
      year: b.year,
      opens: b.opensOn,
      closes: b.closesOn,
      cutoffDate: b.cutoffDate,
      status: windowStatus({ opensOn: b.opensOn, closesOn: b.closesOn }, now, tz),
    }))
    .filter((b) => b.status !== 'closed');
  return { agency: { code: agency.code, name, phone: agency.phone }, batches };
}

type Loaded = NonNullable<Awaited<ReturnType<typeof repo.findApplication>>>;

function summary(r: Loaded): ApplicationSummary {
  return {
    id: r.app.id,
    number: r.app.number,
    status: r.app.status,
    stage: r.app.stage,
    applicantName: r.personName,
    employerName: r.employer.name,
    agencyName: r.agencyName,
    batchName: r.batch.name,
    year: r.batch.year,
    targetLevel: r.app.targetLevel,
    version: r.app.version,
    createdOnBehalf: r.app.createdByAccountId !== r.app.applicantAccountId,
    updatedAt: r.app.updatedAt.toISOString(),
    submittedAt: r.app.submittedAt?.toISOString() ?? null,
  };
}

/** Visible to the applicant, through the data scope to their unit and the levels above, and to its chain's seats. */
async function visibleApplication(ctx: AppContext, actor: Actor, id: number) {
  const r = await repo.findApplication(ctx.db, id);
  if (!r || !applicationVisibleTo(actor, r)) throw notFound('申报');
  return r;
}

/** Who may change the working copy: the applicant, or their unit's seat acting on their behalf. */
function editorRole(actor: Actor, r: Loaded): ActorRole {
  if (r.app.applicantAccountId === actor.accountId) return actor.roles.find((x) => x.role === 'applicant')!;
  const seat = seatAt(actor, r.app.employerId);
  if (!seat) throw forbidden('只有申报人员本人或其所在单位可以修改申报');
  return seat;
}

export async function createApplication(
  ctx: AppContext,
  actor: Actor,
  body: { batchId: number; targetLevel: LevelCode; applicantAccountId?: number },
) {
  const a = await applicantContext(ctx, actor, body.applicantAccountId);
  const { agency } = await routeAgency(ctx.db, a.employer, body.targetLevel);
  const batch = await repo.findBatch(ctx.db, body.batchId);
  if (!batch || batch.agencyId !== agency.id || !offeredToApplicants(batch)) {
    throw unprocessable('BATCH_NOT_OF_AGENCY', '所选批次不属于受理您申报层级的认定机构，请重新选择', {
      field: 'batchId',
    });
  }
  if (
    windowStatus(
      { opensOn: batch.opensOn, closesOn: batch.closesOn },
      ctx.clock.now(),
      ctx.config.TZ_NAME,
    ) === 'closed'
  ) {
    throw unprocessable(
      'WINDOW_CLOSED',
      `${batch.year}年${batch.name}已于 ${batch.closesOn} 截止受理，请选择其他批次`,
      { field: 'batchId' },
    );
  }
  // 四、（四）: a person on the blacklist cannot start a new application while the entry is in force.
  const listed = a.person.idNumber
    ? await blacklistEntryInForce(ctx.db, a.person.idNumber, todayInZone(ctx.clock.now(), ctx.config.TZ_NAME))
    : null;
  if (listed)
    throw unprocessable(
      'BLACKLISTED',
      `已被列入职称申报“黑名单”${listed.endsOn ? `（至 ${listed.endsOn}）` : ''}，期间不得申报（四、（四））`,
    );
  if (await repo.liveDuplicate(ctx.db, a.person.id, batch.id, body.targetLevel)) {
    throw conflict(
      'DUPLICATE_APPLICATION',
      `您在${batch.year}年${batch.name}已有${levelNames[body.targetLevel]}申报，不能重复申报`,
    );
  }
  const now = ctx.clock.now();
  const id = await ctx.db.transaction(async (tx) => {
    const row = await repo.insertApplication(tx, {
      applicantAccountId: a.accountId,
      personId: a.person.id,
      employerId: a.employer.id,
      agencyId: agency.id,
      batchId: batch.id,
      targetLevel: body.targetLevel,
      status: 'draft',
      form: ApplicationFormSchema.parse({}),
      createdByAccountId: actor.accountId,
      createdAt: now,
      updatedAt: now,
    });
    await appendAudit(
      tx,
      auditActorOf(actor, a.role),
      {
        action: 'application.created',
        targetType: 'application',
        targetId: row.id,
        after: {
          batchId: batch.id,
          targetLevel: body.targetLevel,
          onBehalf: a.accountId !== actor.accountId,
        },
      },
      now,
    );
    return row.id;
  });
  return getApplication(ctx, actor, id);
}

export async function listApplications(
  ctx: AppContext,
  actor: Actor,
  query: { mine?: boolean; page: number; pageSize: number } & repo.ApplicationFilter,
) {
  const own = eq(applications.applicantAccountId, actor.accountId);
  const visible = query.mine ? own : or(own, orgPathInScope(dataScopeOf(actor), organisations.path))!;
  const { total, items } = await repo.listApplications(ctx.db, visible, query, query.page, query.pageSize);
  return { total, items: items.map(summary) };
}

export async function getApplication(ctx: AppContext, actor: Actor, id: number): Promise<ApplicationDetail> {
  const r = await visibleApplication(ctx, actor, id);
  const record = await accountsRepo.linkedSocialInsuranceRecord(ctx.db, r.app.applicantAccountId);
  const versions = await repo.versionsOf(ctx.db, id);
  const actions = await reviewRepo.actionsOf(ctx.db, id);
  const checks = r.app.version ? await reviewRepo.checksOf(ctx.db, id, r.app.version) : [];
  const archive = await archiveHostedRequirement(ctx.db, r.employer, record, r.app.personId, r.batch.year);
  const lastReturn =
    r.app.status === 'returned' ? actions.filter((a) => a.action.decision === 'return').at(-1) : undefined;
  const reviewedThisRound = checks.length > 0 || actions.some((a) => a.action.version === r.app.version);
  return {
    ...summary(r),
    form: ApplicationFormSchema.parse(r.app.form),
    window: {
      opens: r.batch.opensOn,
      closes: r.batch.closesOn,
      cutoffDate: r.batch.cutoffDate,
      status: windowStatus(
        { opensOn: r.batch.opensOn, closesOn: r.batch.closesOn },
        ctx.clock.now(),
        ctx.config.TZ_NAME,
      ),
    },
    socialInsurance: record
      ? {
          insuredUnitName: record.insuredUnitName,
          months: record.months,
          matchesEmployer: record.insuredUnitName.trim() === r.employer.name.trim(),
        }
      : null,
    versions: versions.map((v) => ({
      version: v.version,
      submittedAt: v.submittedAt.toISOString(),
      policyCode: v.policyCode,
    })),
    progress: await progressOf(ctx, r),
    viewerIsApplicant: r.app.applicantAccountId === actor.accountId,
    canWithdraw:
      r.app.applicantAccountId === actor.accountId &&
      canWithdraw({ status: r.app.status, stage: r.app.stage }, reviewedThisRound),
    reviews: actions.map((a) => ({
      id: a.action.id,
      organisationId: a.action.organisationId,
      version: a.action.version,
      stage: a.action.stage,
      stageName: stageNames[a.action.stage as keyof typeof stageNames] ?? a.action.stage,
      decision: a.action.decision,
      organisationName: a.organisationName,
      reviewerName: a.action.personName,
      comment: a.action.comment,
      reasons: a.action.reasons,
      at: a.action.createdAt.toISOString(),
    })),
    returnReasons: lastReturn
      ? [
          ...lastReturn.action.reasons,
          ...(lastReturn.action.comment ? [{ field: 'general', message: lastReturn.action.comment }] : []),
        ]
      : [],
    archiveHosted: archive
      ? {
          required: true,
          status: archive.request?.status ?? null,
          statusName: archive.request
            ? archiveHostedStatusNames[archive.request.status]
            : '尚未申请（须经当地人社部门核实、市职称办汇总、省职称办同意后方可申报）',
        }
      : null,
  };
}

/** The detail as a person opens it: anyone but the applicant is recorded for the applicant to see. */
export async function viewApplication(ctx: AppContext, actor: Actor, id: number) {
  const detail = await getApplication(ctx, actor, id);
  if (!detail.viewerIsApplicant) {
    const r = (await repo.findApplication(ctx.db, id))!;
    const role =
      actor.roles.find(
        (x) => x.organisationPath !== null && r.employer.path.startsWith(x.organisationPath),
      ) ?? actor.roles[0];
    await noteView(ctx, actor, id, role);
  }
  return detail;
}

/** The progress view: the stage, who holds the application and since when. */
async function progressOf(ctx: AppContext, r: Loaded): Promise<ApplicationDetail['progress']> {
  const since = r.app.updatedAt.toISOString();
  switch (r.app.status) {
    case 'draft':
      return { stage: '草稿：申报人员填写中', holder: r.personName, since };
    case 'returned':
      return { stage: '退回修改：申报人员修改中', holder: r.personName, since };
    case 'submitted':
      return {
        stage: `审查中：${stageNames[r.app.stage!]}`,
        holder: await holderDescription(ctx.db, r.app.holderOrganisationId!, r.app.stage!),
        since: (r.app.stageSince ?? r.app.updatedAt).toISOString(),
      };
    case 'withdrawn':
      return { stage: '已撤回', holder: null, since };
    case 'recognised':
      return { stage: '认定通过', holder: null, since };
    case 'rejected':
      return { stage: '未通过', holder: null, since };
    case 'cancelled':
      return { stage: '已取消申报资格', holder: null, since };
  }
}

/**
 * 随填随存: the browser saves a second after the person stops typing. The save is one statement for the
 * row and its audit record (`saveFormAudited`), guarded by the status and revision read here: a save
 * racing a submission or withdrawal loses with 409 and the current state. The audit row keeps the
 * fields that changed (before and after), not the whole form twice. Answers what was stored, not the
 * whole application read back (issue 12 item 2).
 */
export async function saveForm(ctx: AppContext, actor: Actor, id: number, form: ApplicationForm) {
  const r = await visibleApplication(ctx, actor, id);
  const role = editorRole(actor, r);
  if (!isEditable(r.app.status))
    throw conflict('NOT_EDITABLE', '申报已提交，不能修改；如需修改请先撤回（尚未审查时）');
  const now = ctx.clock.now();
  refuseImpossibleDates(ctx, r, form, now);
  const { before, after } = changedFields(r.app.form as Record<string, unknown>, form);
  // An autosave that changes nothing (a retry, a blur without typing) writes nothing and logs nothing:
  // the log records edits, not saves (issue 12 item 2).
  if (Object.keys(after).length === 0) return { id, updatedAt: r.app.updatedAt.toISOString(), form };
  const audit = auditRowOf(
    auditActorOf(actor, role),
    { action: 'application.form_saved', targetType: 'application', targetId: id, before, after },
    now,
  );
  if (!(await repo.saveFormAudited(ctx.db, id, r.app.revision, form, audit))) {
    const current = await repo.findApplication(ctx.db, id);
    if (!current) throw notFound('申报');
    throw alreadyHandled(current.app);
  }
  return { id, updatedAt: now.toISOString(), form };
}

/** The top-level fields whose value changed, before and after (what the audit log needs to show). */
function changedFields(before: Record<string, unknown>, after: Record<string, unknown>) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (canonicalJson(before[key]) === canonicalJson(after[key])) continue;
    b[key] = before[key] ?? null;
    a[key] = after[key] ?? null;
  }
  return { before: b, after: a };
}

/**
 * Dates that cannot be true are refused at entry (issue 11): in the future by the app clock, a work
 * period ending before it starts or overlapping another, work begun before the 16th birthday. 422
 * naming the first field (`details.field`) and listing all (`details.problems`).
 */
function refuseImpossibleDates(ctx: AppContext, r: Loaded, form: ApplicationForm, now: Date) {
  const problems = impossibleDates(
    form,
    todayInZone(now, ctx.config.TZ_NAME),
    birthDateOfIdNumber(decryptIdNumber(r.personIdNumberCipher)),
  );
  if (problems.length)
    throw unprocessable('IMPOSSIBLE_DATE', problems[0]!.message, { field: problems[0]!.field, problems });
}

/** The linked insurance record and, where it applies, the archive-hosted path (三、（四）), read once. */
async function insuranceOf(ctx: AppContext, r: Loaded) {
  const record = await accountsRepo.linkedSocialInsuranceRecord(ctx.db, r.app.applicantAccountId);
  const archive = await archiveHostedRequirement(ctx.db, r.employer, record, r.app.personId, r.batch.year);
  return { record, archive };
}
type Insurance = Awaited<ReturnType<typeof insuranceOf>>;

/** The engine's facts from the form, the employer and the linked insurance record. */

async function factsOf(
  ctx: AppContext,
  r: Loaded,
  form: ApplicationForm,
  { record, archive }: Insurance,
): Promise<ApplicantFacts | null> {
  // Every education entered: the engine uses, for each rule, the highest one that satisfies it.
  const educations = completeEducations(form.education).map((e) => e.fact);
  if (!form.seriesCode || !educations.length || !form.professionalWorkStart || form.majorRelated === null)
    return null;
  const today = todayInZone(ctx.clock.now(), ctx.config.TZ_NAME);
  // The application's person is the applicant's (read with the application; no second query).
  const idNumber = decryptIdNumber(r.personIdNumberCipher);
  const listed = idNumber ? await blacklistEntryInForce(ctx.db, idNumber, today) : null;
  return {
    cutoffDate: r.batch.cutoffDate,
    seriesCode: form.seriesCode,
    specialtyCode: form.specialtyCode ?? undefined,
    targetLevel: r.app.targetLevel,
    educations,
    majorRelated: form.majorRelated,
    professionalWorkStart: form.professionalWorkStart,
    employer: employerFacts(r.employer, form.actualEmployer),
    post: form.post ?? undefined,
    practiceLicences: form.practiceLicences,
    // The archive-hosted path replaces the insurance requirement once the province agreed (三、（四））.
    socialInsurance:
      record && archive?.request?.status !== 'approved'
        ? {
            insuredUnitName: record.insuredUnitName,
            hasAffiliationProof: form.materials.some(
              (m) => m.category === 'other' && m.purpose === 'affiliationProof',
            ),
          }
        : undefined,
    blacklisted: listed ? { listed: true, until: listed.endsOn, reason: listed.reason } : { listed: false },
  };
}

/** What blocks submission besides the eligibility rules. */
/** The uploads a form refers to: its materials' pages and its achievements' evidence. */
function referencedUploadIds(form: ApplicationForm): number[] {
  return [
    ...new Set([
      ...form.materials.flatMap((m) => m.uploadIds),
      ...form.achievements.flatMap((a) => a.uploadIds),
    ]),
  ];
}

async function problemsOf(
  ctx: AppContext,
  r: Loaded,
  form: ApplicationForm,
  actor: Actor,
  { record, archive }: Insurance,
  uploaded?: uploadsRepo.UploadRow[],
) {
  const problems: { field: string; message: string }[] = [];
  if (!form.seriesCode) problems.push({ field: 'seriesCode', message: '请选择申报系列' });
  if (form.education.length === 0) problems.push({ field: 'education', message: '请填写学历信息' });
  form.education.forEach((e, i) => {
    if (!e.level || !e.graduationDate || !e.school || !e.major) {
      problems.push({
        field: `education.${i}`,
        message: `第 ${i + 1} 条学历信息不完整（学历、学校、专业、毕业时间）`,
      });
    }
  });
  form.qualifications.forEach((q, i) => {
    if (!q.name || !q.obtainedOn)
      problems.push({
        field: `qualifications.${i}`,
        message: `第 ${i + 1} 条资格/聘任信息不完整（名称、取得时间）`,
      });
  });
  form.workHistory.forEach((w, i) => {
    if (!w.unit || !w.from)
      problems.push({ field: `workHistory.${i}`, message: `第 ${i + 1} 条工作经历不完整（单位、起始时间）` });
  });
  problems.push(...recordsAfterCutoff(form.qualifications, r.batch.cutoffDate));
  if (!form.professionalWorkStart)
    problems.push({ field: 'professionalWorkStart', message: '请填写从事专业技术工作的起始时间' });
  if (form.majorRelated === null)
    problems.push({ field: 'majorRelated', message: '请说明所学专业与从事专业是否相同或相近' });
  if (!form.socialInsuranceConfirmed)
    problems.push({
      field: 'socialInsuranceConfirmed',
      message: '请在“相关材料证明”中勾选“个人社保参保缴费证明”',
    });
  if (!form.commitmentSigned) problems.push({ field: 'commitmentSigned', message: '请阅读并签署个人承诺书' });
  for (const [category, name] of [
    ['idCard', '身份证'],
    ['education', '学历证书'],
  ] as const) {
    if (!form.materials.some((m) => m.category === category))
      problems.push({ field: 'materials', message: `请上传${name}原件的扫描件或照片` });
  }
  if (archive) {
    if (archive.request?.status !== 'approved')
      problems.push({
        field: 'socialInsurance',
        message: `您的档案由人事代理机构托管且社保缴纳未达到要求，须经当地人社部门核实、市职称办汇总、省职称办同意后方可申报（三、（四））。当前：${
          archive.request ? archiveHostedStatusNames[archive.request.status] : '尚未申请'
        }`,
      });
  } else if (!record)
    problems.push({ field: 'socialInsurance', message: '未关联到社保参保信息，请联系所在单位核对身份信息' });
  problems.push(...(await evidenceProblems(ctx, r, form)));
  // Every referenced file must exist and belong to the applicant or the clerk who acts for them.
  const ids = referencedUploadIds(form);
  const found = uploaded ?? (await repo.uploadsByIds(ctx.db, ids));
  const allowed = new Set([r.app.applicantAccountId, r.app.createdByAccountId, actor.accountId]);
  for (const id of ids) {
    const u = found.find((x) => x.id === id);
    if (!u || !allowed.has(u.uploadedByAccountId))
      problems.push({ field: 'materials', message: `材料文件 #${id} 不存在或不属于本人，请重新上传` });
  }
  return problems;
}

/** A unit name as typed, without spaces and brackets, for comparing with the employer's name. */
const unitKey = (name: string) => name.replace(/[\s()（）［］[\]【】]/g, '');

function sameUnit(a: string, b: string) {
  const x = unitKey(a);
  const y = unitKey(b);
  return x === y || (Math.min(x.length, y.length) >= 4 && (x.includes(y) || y.includes(x)));
}

/**
 * Evidence the notice asks for before submission: the proof of professional work before this unit
 * under 其它 (四、（三））, the scan of the practice licence the series requires (三、（五）: the name
 * typed in is not enough), and each 业绩成果 entry complete with its evidence (四、（五））.
 */
async function evidenceProblems(ctx: AppContext, r: Loaded, form: ApplicationForm) {
  const problems: { field: string; message: string }[] = [];
  const here = form.workHistory.filter((w) => w.unit && sameUnit(w.unit, r.employer.name));
  const elsewhere = form.workHistory.filter(
    (w) => w.professional && w.unit && !sameUnit(w.unit, r.employer.name),
  );
  const startedHere = here.flatMap((w) => (w.from ? [w.from] : [])).sort()[0];
  const startedEarlier =
    !!startedHere && !!form.professionalWorkStart && form.professionalWorkStart < startedHere;
  if (
    (elsewhere.length || startedEarlier) &&
    !form.materials.some((m) => m.category === 'other' && m.purpose === 'priorWork')
  )
    problems.push({
      field: 'materials',
      message: `在申报单位工作之前有专业技术工作经历（${
        elsewhere.length ? elsewhere.map((w) => w.unit).join('、') : `自 ${form.professionalWorkStart} 起`
      }），须在“材料上传—其他”中上传相关工作佐证材料，用途选“此前工作经历证明”（四、（三））`,
    });
  const required = form.seriesCode
    ? (await policyInForce(ctx)).parameters.series[form.seriesCode]?.practiceLicence
    : null;
  if (required && !form.materials.some((m) => m.category === 'practiceLicence'))
    problems.push({
      field: 'materials',
      message: `该系列有从业准入要求，须在“材料上传—从业资格”中上传${required}证书原件的扫描件或照片（三、（五））`,
    });
  form.achievements.forEach((a, i) => {
    if (!a.type || !a.title || !a.achievedOn)
      problems.push({
        field: `achievements.${i}`,
        message: `第 ${i + 1} 条业绩成果不完整（类型、名称、取得时间）`,
      });
    if (a.uploadIds.length === 0)
      problems.push({
        field: `achievements.${i}`,
        message: `第 ${i + 1} 条业绩成果未上传佐证材料（如证书、论文、获奖文件的扫描件或照片）`,
      });
  });
  return problems;
}

export async function precheck(ctx: AppContext, actor: Actor, id: number): Promise<PrecheckResult> {
  const r = await visibleApplication(ctx, actor, id);
  const form = ApplicationFormSchema.parse(r.app.form);
  const insurance = await insuranceOf(ctx, r);
  const facts = await factsOf(ctx, r, form, insurance);
  const problems = await problemsOf(ctx, r, form, actor, insurance);
  const policy = await policyInForce(ctx);
  const { educationUsed: used, ...eligibility } = facts
    ? evaluateEligibility(facts, policy)
    : { eligible: false, highestLevel: null, policyVersion: policy.code, checks: [], educationUsed: null };
  const usedEntry = used == null ? undefined : completeEducations(form.education)[used];
  const e = usedEntry && form.education[usedEntry.formIndex];
  const educationUsed =
    usedEntry && e
      ? {
          index: usedEntry.formIndex,
          level: usedEntry.fact.level,
          fullTime: e.fullTime,
          graduationDate: usedEntry.fact.graduationDate,
          school: e.school,
          major: e.major,
        }
      : null;
  return { eligibility, educationUsed, problems, canSubmit: problems.length === 0 && eligibility.eligible };
}

function nextWindowMessage(
  ctx: AppContext,
  batches: { opensOn: string; closesOn: string; name: string; year: number }[],
) {
  const next = currentOrNextWindow(batches, ctx.clock.now(), ctx.config.TZ_NAME);
  return next
    ? `下一批次为${next.window.year}年${next.window.name}（${next.window.opensOn} 至 ${next.window.closesOn}）`
    : '本年度后续批次以认定机构公布为准';
}

function notEligible(result: EligibilityResult) {
  const failing = result.checks.filter((c) => c.passed === false);
  return new AppError('NOT_ELIGIBLE', 422, `不符合申报条件：${failing.map((c) => c.message).join('；')}`, {
    checks: result.checks,
  });
}

export async function submit(ctx: AppContext, actor: Actor, id: number): Promise<ApplicationDetail> {
  const r = await visibleApplication(ctx, actor, id);
  const role = editorRole(actor, r);
  if (!isEditable(r.app.status))
    throw conflict('NOT_EDITABLE', '该申报已提交或已撤回，不能再次提交', currentState(r.app));
  const now = ctx.clock.now();
  const tz = ctx.config.TZ_NAME;
  if (r.batch.state === 'cancelled')
    throw unprocessable('BATCH_CANCELLED', `${r.batch.year}年${r.batch.name}已取消，请选择其他批次`);
  if (!offeredToApplicants(r.batch))
    throw unprocessable('FILING_NOT_ACCEPTED', `${r.batch.name}尚未经同级职称部门报备通过，暂不受理`);
  // 一、逾期不予受理: the window is checked at this moment, on the server.
  const window = { opensOn: r.batch.opensOn, closesOn: r.batch.closesOn };
  const status = windowStatus(window, now, tz);
  if (status !== 'open') {
    const agencyBatches = await repo.batchesOfAgency(ctx.db, r.app.agencyId);
    const when = format(new TZDate(windowClosesAt(window, tz).getTime(), tz), 'yyyy-MM-dd HH:mm');
    throw unprocessable(
      'WINDOW_CLOSED',
      status === 'upcoming'
        ? `${r.batch.year}年${r.batch.name}尚未开始受理（${r.batch.opensOn} 起），请届时提交`
        : `${r.batch.year}年${r.batch.name}已于 ${when} 截止受理，逾期不予受理。${nextWindowMessage(ctx, agencyBatches)}`,
    );
  }
  const form = ApplicationFormSchema.parse(r.app.form);
  const insurance = await insuranceOf(ctx, r);
  const { record } = insurance;
  // Every file the form refers to, read once for the checks and the combining below.
  const uploaded = await repo.uploadsByIds(ctx.db, referencedUploadIds(form));
  const problems = await problemsOf(ctx, r, form, actor, insurance, uploaded);
  if (problems.length) throw unprocessable('SUBMISSION_INCOMPLETE', problems[0]!.message, { problems });
  const facts = (await factsOf(ctx, r, form, insurance))!;
  if (await repo.liveDuplicate(ctx.db, r.app.personId, r.app.batchId, r.app.targetLevel, r.app.id)) {
    throw conflict('DUPLICATE_APPLICATION', '同一批次同一层级已有申报，不能重复提交');
  }
  const materialIds = new Set(form.materials.flatMap((m) => m.uploadIds));
  const files = uploaded.filter((u) => materialIds.has(u.id));
  // The rules first (nothing is stored for an application that cannot be submitted); the decision itself
  // is recorded below, in the transaction.
  const preview = evaluateEligibility(facts, await policyInForce(ctx));
  if (!preview.eligible) throw notEligible(preview);
  // Each material's pages, combined in order into one PDF for the reviewers; stored (durably) first.
  const combined = await Promise.all(
    form.materials.map(async (m) => {
      const pages = await Promise.all(
        m.uploadIds.map(async (uid) => {
          const f = files.find((x) => x.id === uid)!;
          return { mimeType: f.mimeType, content: await ctx.storage.read(f.sha256) };
        }),
      );
      // In a worker thread: decoding scans must not hold up everyone else's requests (issue 13 item 3).
      const pdf = await combineMaterialPagesInWorker(pages, m.title);
      return { material: m, stored: await ctx.storage.put(pdf) };
    }),
  );
  await ctx.db.transaction(async (tx) => {
    // The state's one owner: row lock, and the revision this submission was checked against (a second
    // submission at the same moment waits here, then gets 409 with the state the first one left).
    const locked = await lockForTransition(tx, r.app.id, r.app.revision);
    // A draft save does not move the revision, so one that committed after the form was read above
    // would pass the check, be acknowledged to the applicant, and yet be missing from the version
    // frozen below (what the reviewers see). Under the lock the form can no longer change: refuse if it
    // did, and the applicant submits again what is now saved (issue 12 item 5: an autosave racing the
    // submit button, found by the cluster kill-burst test).
    if (canonicalJson(locked.form) !== canonicalJson(r.app.form))
      throw conflict(
        'FORM_CHANGED',
        '提交时申报内容刚刚保存了新的修改，请核对后重新提交',
        currentState(locked),
      );
    // One statement for every material's combined PDF (ids come in the order of the rows given).
    const rows = await uploadsRepo.insertUploads(
      tx,
      combined.map((c) => ({
        sha256: c.stored.sha256,
        size: c.stored.size,
        mimeType: 'application/pdf',
        fileName: `${c.material.title || materialCategoryNames[c.material.category]}.pdf`.slice(0, 100),
        uploadedByAccountId: actor.accountId,
        createdAt: now,
      })),
    );
    const combinedFiles = combined.map((c, i) => ({
      ...c.material,
      combined: { uploadId: rows[i]!.id, sha256: rows[i]!.sha256, size: rows[i]!.size },
    }));
    const { decisionId, result } = await decide(ctx, tx, facts, { type: 'application', id: r.app.id });
    if (!result.eligible) {
      const failing = result.checks.filter((c) => c.passed === false);
      throw new AppError('NOT_ELIGIBLE', 422, `不符合申报条件：${failing.map((c) => c.message).join('；')}`, {
        checks: result.checks,
      });
    }
    const version = locked.version + 1;
    const number =
      r.app.number ??
      `${r.agency.code}-${r.batch.year}${r.batch.number}-${String(r.app.id).padStart(6, '0')}`;
    await repo.insertVersion(tx, {
      applicationId: r.app.id,
      version,
      snapshot: {
        form,
        employer: { id: r.employer.id, name: r.employer.name },
        batch: { id: r.batch.id, name: r.batch.name, year: r.batch.year, cutoffDate: r.batch.cutoffDate },
        socialInsurance: record ? { insuredUnitName: record.insuredUnitName, months: record.months } : null,
        files: files.map((f) => ({
          id: f.id,
          sha256: f.sha256,
          mimeType: f.mimeType,
          fileName: f.fileName,
          size: f.size,
        })),
        materials: combinedFiles,
        eligibility: result,
      },
      decisionId,
      policyCode: result.policyVersion,
      submittedByAccountId: actor.accountId,
      submittedAt: now,
    });
    // Into the review chain at the unit's handler seat; the chain's organisations are fixed now.
    const chain = await chainFor(tx, r.employer, r.agency.organisationId);
    await moveLocked(tx, locked, {
      ...firstStageColumns(chain, now),
      version,
      number,
      submittedAt: now,
      updatedAt: now,
    });
    await notifySeat(tx, now, chain.unit, 'handler', {
      kind: 'review.arrived',
      title: `待办：${stageNames.unit_handler}`,
      body: `${r.personName}提交了${r.batch.year}年${r.batch.name}申报（${number}，第 ${version} 版），请核验材料并审查。`,
      applicationId: r.app.id,
    });
    await appendAudit(
      tx,
      auditActorOf(actor, role),
      {
        action: 'application.submitted',
        targetType: 'application',
        targetId: r.app.id,
        before: { status: r.app.status },
        after: { status: 'submitted', version, number, policyVersion: result.policyVersion },
      },
      now,
    );
  });
  return getApplication(ctx, actor, r.app.id);
}

export async function withdraw(ctx: AppContext, actor: Actor, id: number) {
  const r = await visibleApplication(ctx, actor, id);
  if (r.app.applicantAccountId !== actor.accountId) throw forbidden('只有申报人员本人可以撤回申报');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    // Under the row lock, so a reviewer starting at the same moment cannot be overtaken; a withdrawal
    // racing another change gets 409 with the current state.
    const app = await lockForTransition(tx, id, r.app.revision);
    const reviewed =
      (await reviewRepo.checksOf(tx, id, app.version)).length > 0 ||
      (await reviewRepo.actionsOf(tx, id)).some((a) => a.action.version === app.version);
    if (!canWithdraw({ status: app.status, stage: app.stage }, reviewed))
      throw conflict('NOT_WITHDRAWABLE', '只有已提交且尚未开始审查的申报可以撤回', currentState(app));
    await moveLocked(tx, app, {
      status: 'withdrawn',
      stage: null,
      holderOrganisationId: null,
      holderRole: null,
      stageSince: null,
      updatedAt: now,
    });
    await appendAudit(
      tx,
      auditActorOf(actor, editorRole(actor, r)),
      {
        action: 'application.withdrawn',
        targetType: 'application',
        targetId: id,
        before: { status: app.status, stage: app.stage },
        after: { status: 'withdrawn' },
      },
      now,
    );
  });
  return getApplication(ctx, actor, id);
}

/** 提醒: the unit's seat reminds an applicant to complete or correct a draft or returned application. */
export async function remind(ctx: AppContext, actor: Actor, id: number, message: string) {
  const r = await visibleApplication(ctx, actor, id);
  const seat = seatAt(actor, r.app.employerId);
  if (!seat) throw forbidden('由申报人员所在单位提醒');
  if (!isEditable(r.app.status))
    throw conflict('NOT_EDITABLE', '只有草稿或退回修改的申报需要提醒申报人员处理');
  const now = ctx.clock.now();
  const closes = `${r.batch.closesOn} 24:00`;
  await ctx.db.transaction(async (tx) => {
    await notify(tx, now, [
      {
        accountId: r.app.applicantAccountId,
        kind: 'application.reminder',
        title: r.app.status === 'returned' ? '请尽快修改并重新提交申报' : '请尽快完成申报',
        body: `${seat.organisationName}提醒：您的${r.batch.year}年${r.batch.name}申报${
          r.app.status === 'returned' ? '已退回修改' : '尚未提交'
        }，本批次受理截止 ${closes}。${message}`.trim(),
        applicationId: id,
      },
    ]);
    await appendAudit(
      tx,
      auditActorOf(actor, seat),
      { action: 'application.reminded', targetType: 'application', targetId: id, after: { message } },
      now,
    );
  });
  return { ok: true as const };
}
