/**
 * 批复 and certificates (四、（七）; SPEC §6): the agency drafts a 批复 of recognised applications,
 * its leader issues it in one confirmed action — the 文号 is assigned, the decisions become final,
 * one certificate per person is created with a number never reused and an SM2-signed QR payload,
 * and each person is notified. An issued 批复 is never edited.
 */
import type { z } from 'zod';
import type { AppContext } from '../../context.js';
import type { DbOrTx } from '../../db/client.js';
import type { certificates } from '../../db/schema.js';
import { conflict, forbidden, notFound, unprocessable } from '../../errors.js';
import { todayInZone } from '../../../domain/batch-window.js';
import {
  approvalTitle,
  certificateNumberOf,
  documentNumberOf,
  isDocumentPrefix,
  type Level,
} from '../../../domain/approval.js';
import { validateIdNumber } from '../../../domain/id-number.js';
import type { CertificateClaims, QualificationLevel } from '../../../domain/certificate-payload.js';
import { levelNames } from '../../../contract/common.js';
import type {
  ApprovalCandidate,
  ApprovalDetail,
  ApprovalSummary,
  CandidateQuery,
  CreateApprovalBody,
  DecidedPage,
  DecidedQuery,
  DocumentSettingsBody,
} from '../../../contract/approvals.js';
import { signClaims } from '../../crypto/certificate-signature.js';
import { appendAudit } from '../audit/audit-repository.js';
import { type Actor, type ActorRole, auditActorOf } from '../auth/actor.js';
import { dataScopeOf, pathInScope } from '../access/data-scope.js';
import { TITLE_OFFICE_ROLES } from '../catalogue/catalogue-service.js';
import {
  findAgencyByCode,
  listSeriesWithSpecialties,
  updateAgency,
} from '../catalogue/catalogue-repository.js';
import { notify } from '../notifications/notifications-service.js';
import { basisDocumentInForce } from '../policy/policy-service.js';
import type { ApprovalDocumentData } from '../../documents/approval-document.js';
import { missingCjkCharacters } from '../../documents/cjk-font.js';
import * as repo from './approvals-repository.js';

type Agency = NonNullable<Awaited<ReturnType<typeof repo.agencyByOrganisation>>>;

/** The agency whose handler or leader seat the actor holds (the leader seat when asked for). */
async function actorAgency(
  db: DbOrTx,
  actor: Actor,
  seat: 'any' | 'leader',
): Promise<{ agency: Agency; role: ActorRole }> {
  for (const role of actor.roles) {
    if (role.role !== 'leader' && (seat === 'leader' || role.role !== 'handler')) continue;
    if (role.organisationId === null) continue;
    const agency = await repo.agencyByOrganisation(db, role.organisationId);
    if (agency) return { agency, role };
  }
  throw forbidden(
    seat === 'leader' ? '只有认定机构的领导审查账号可以签发批复' : '只有认定机构的审查账号可以办理批复',
  );
}

function levelName(level: Level): QualificationLevel {
  return levelNames[level] as QualificationLevel;
}

async function seriesCatalogue(db: DbOrTx) {
  const all = await listSeriesWithSpecialties(db);
  return new Map(all.map((s) => [s.code, s]));
}

type CandidateRow = Awaited<ReturnType<typeof repo.candidates>>[number];

function describe(row: Pick<CandidateRow, 'app'>, catalogue: Awaited<ReturnType<typeof seriesCatalogue>>) {
  const form = row.app.form as { seriesCode?: string | null; specialtyCode?: string | null };
  const s = form.seriesCode ? catalogue.get(form.seriesCode) : undefined;
  const level = row.app.targetLevel as Level;
  // A series without specialties (or an application that named none) prints the series itself as
  // its 专业, as certificates of such series do.
  const specialty = s?.specialties.find((x) => x.code === form.specialtyCode)?.name ?? s?.name ?? '';
  return {
    seriesCode: form.seriesCode ?? '',
    series: s?.name ?? '',
    specialty,
    qualification: s?.levelNames[level] ?? '',
    level,
  };
}

function candidateOf(
  row: CandidateRow,
  catalogue: Awaited<ReturnType<typeof seriesCatalogue>>,
): ApprovalCandidate {
  const d = describe(row, catalogue);
  return {
    applicationId: row.app.id,
    number: row.app.number ?? '',
    name: row.personName,
    employer: row.employerName,
    batch: `${row.batchYear}年${row.batchName}`,
    seriesCode: d.seriesCode,
    series: d.series,
    specialty: d.specialty,
    qualification: d.qualification,
    level: d.level,
  };
}

export async function listCandidates(
  ctx: AppContext,
  actor: Actor,
  query: z.infer<typeof CandidateQuery>,
): Promise<ApprovalCandidate[]> {
  const { agency } = await actorAgency(ctx.db, actor, 'any');
  const [rows, catalogue] = await Promise.all([
    repo.candidates(ctx.db, agency.id, query),
    seriesCatalogue(ctx.db),
  ]);
  return rows.map((r) => candidateOf(r, catalogue));
}

/**
 * 已办结: what the actor's agency has decided — recognised, rejected or cancelled — searchable by
 * name, application or certificate number, with the 批复 and certificate of each (SPEC §6 查询).
 */
export async function listDecided(
  ctx: AppContext,
  actor: Actor,
  query: z.infer<typeof DecidedQuery>,
): Promise<DecidedPage> {
  const { agency } = await actorAgency(ctx.db, actor, 'any');
  const [{ counts, items }, catalogue] = await Promise.all([
    repo.decided(ctx.db, agency, query, query.page, query.pageSize),
    seriesCatalogue(ctx.db),
  ]);
  return {
    total: query.outcome ? counts[query.outcome] : counts.recognised + counts.rejected + counts.cancelled,
    counts,
    items: items.map((r) => {
      const d = describe(r, catalogue);
      return {
        applicationId: r.app.id,
        number: r.app.number ?? '',
        name: r.personName,
        employer: r.employerName,
        batch: `${r.batchYear}年${r.batchName}`,
        seriesCode: d.seriesCode,
        series: d.series,
        specialty: d.specialty,
        qualification: d.qualification,
        level: d.level,
        outcome: r.app.status as DecidedPage['items'][number]['outcome'],
        decidedAt: r.decidedAt.toISOString(),
        certificateNumber: r.certificateNumber,
        certificateStatus: r.certificateStatus,
        documentNumber: r.documentNumber,
      };
    }),
  };
}

/** Drafts a 批复 of the chosen recognised applications (each may be in one 批复 only). */
export async function createDraft(
  ctx: AppContext,
  actor: Actor,
  body: z.infer<typeof CreateApprovalBody>,
): Promise<ApprovalDetail> {
  const { agency, role } = await actorAgency(ctx.db, actor, 'any');
  const ids = [...new Set(body.applicationIds)];
  const id = await ctx.db.transaction(async (tx) => {
    const rows = await repo.candidates(tx, agency.id, { ids });
    if (rows.length !== ids.length) {
      const found = new Set(rows.map((r) => r.app.id));
      throw unprocessable(
        'NOT_CANDIDATES',
        `所选申报中有 ${ids.length - rows.length} 份不能列入批复（未认定通过、已发证或已列入其他批复）`,
        { applicationIds: ids.filter((x) => !found.has(x)) },
      );
    }
    const catalogue = await seriesCatalogue(tx);
    const ordered = ids.map((x) => rows.find((r) => r.app.id === x)!);
    const title = approvalTitle(
      ordered.map((r) => r.personName),
      ordered.map((r) => describe(r, catalogue).series),
    );
    const org = (await findAgencyByCode(tx, agency.code))!;
    const employers = [...new Set(ordered.map((r) => r.employerName))];
    const doc = await repo.insertDocument(tx, {
      agencyId: agency.id,
      year: Number(todayInZone(ctx.clock.now(), ctx.config.TZ_NAME).slice(0, 4)),
      status: 'draft',
      title,
      recipient: body.recipient?.trim() || employers.join('、'),
      issuer: agency.issuerName ?? (await repo.organisationName(tx, org.organisationId)),
      effectiveOn: body.effectiveOn ?? todayInZone(ctx.clock.now(), ctx.config.TZ_NAME),
      copyTo: body.copyTo?.trim() || null,
      createdByAccountId: actor.accountId,
      createdAt: ctx.clock.now(),
    });
    await repo.insertItems(tx, doc.id, ids);
    await appendAudit(
      tx,
      auditActorOf(actor, role),
      {
        action: 'approval.drafted',
        targetType: 'approval',
        targetId: doc.id,
        after: { ...doc, applicationIds: ids },
      },
      ctx.clock.now(),
    );
    return doc.id;
  });
  return getDocument(ctx, actor, id);
}

/** Who may read a 批复: the agency's seats, and the title offices above it. */
async function visibleDocument(ctx: AppContext, actor: Actor, id: number) {
  const found = await repo.findDocument(ctx.db, id);
  if (!found) throw notFound('批复');
  const seat = actor.roles.some(
    (r) => (r.role === 'handler' || r.role === 'leader') && r.organisationId === found.agency.organisationId,
  );
  const office =
    actor.roles.some((r) => (TITLE_OFFICE_ROLES as readonly string[]).includes(r.role)) &&
    pathInScope(dataScopeOf(actor), found.agencyOrg.path);
  if (!seat && !office) throw notFound('批复');
  return found;
}

export async function getDocument(ctx: AppContext, actor: Actor, id: number): Promise<ApprovalDetail> {
  const found = await visibleDocument(ctx, actor, id);
  const [rows, catalogue] = await Promise.all([
    repo.documentApplications(ctx.db, id),
    seriesCatalogue(ctx.db),
  ]);
  const d = found.doc;
  return {
    id: d.id,
    agencyCode: found.agency.code,
    agencyName: found.agencyOrg.name,
    status: d.status,
    documentNumber: d.documentNumber,
    title: d.title,
    recipient: d.recipient,
    issuer: d.issuer,
    effectiveOn: d.effectiveOn,
    issuedOn: d.issuedOn,
    copyTo: d.copyTo,
    documentPrefix: found.agency.documentPrefix,
    items: rows.map((r) => {
      const desc = describe(r, catalogue);
      const id = validateIdNumber(r.idNumber ?? '');
      return {
        applicationId: r.app.id,
        name: r.personName,
        gender: id.ok ? (id.gender === 'male' ? '男' : '女') : '',
        employer: r.employerName,
        series: r.certificate?.series ?? desc.series,
        specialty: r.certificate?.specialty ?? desc.specialty,
        qualification: r.certificate?.qualification ?? desc.qualification,
        level: desc.level,
        certificateNumber: r.certificate?.number ?? null,
        certificateId: r.certificate?.id ?? null,
      };
    }),
    unprintable: rows.flatMap((r) => {
      const characters = [...new Set(missingCjkCharacters(`${r.personName}${r.employerName}`))];
      return characters.length ? [{ name: r.personName, characters }] : [];
    }),
  };
}

export async function listDocuments(ctx: AppContext, actor: Actor): Promise<ApprovalSummary[]> {
  let agencyIds: number[] | 'all';
  if (actor.roles.some((r) => (TITLE_OFFICE_ROLES as readonly string[]).includes(r.role))) agencyIds = 'all';
  else agencyIds = [(await actorAgency(ctx.db, actor, 'any')).agency.id];
  const rows = await repo.listDocuments(ctx.db, agencyIds);
  return rows.map((r) => ({
    id: r.doc.id,
    agencyCode: r.agencyCode,
    agencyName: r.agencyName,
    status: r.doc.status,
    documentNumber: r.doc.documentNumber,
    title: r.doc.title,
    issuedOn: r.doc.issuedOn,
    count: r.count,
  }));
}

export async function discardDraft(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  const found = await visibleDocument(ctx, actor, id);
  const { agency, role } = await actorAgency(ctx.db, actor, 'any');
  if (agency.id !== found.agency.id) throw forbidden();
  await ctx.db.transaction(async (tx) => {
    const doc = await repo.lockDocument(tx, id);
    if (!doc || doc.status !== 'draft')
      throw conflict('APPROVAL_ISSUED', '批复已签发，不能删除；如有错误请撤销证书后重新批复');
    await repo.deleteDocument(tx, id);
    await appendAudit(
      tx,
      auditActorOf(actor, role),
      { action: 'approval.discarded', targetType: 'approval', targetId: id, before: doc },
      ctx.clock.now(),
    );
  });
}

/**
 * Issues a draft: 文号 from the agency's prefix and its year's sequence; one certificate per person,
 * numbered from the agency's certificate sequence, with the SM2-signed QR payload; notifications.
 */
export async function issue(ctx: AppContext, actor: Actor, id: number): Promise<ApprovalDetail> {
  const found = await visibleDocument(ctx, actor, id);
  const { agency, role } = await actorAgency(ctx.db, actor, 'leader');
  if (agency.id !== found.agency.id) throw forbidden('只能签发本认定机构的批复');
  const prefix = found.agency.documentPrefix;
  if (!prefix) {
    throw unprocessable(
      'DOCUMENT_PREFIX_MISSING',
      '请先设置本机构的发文字号前缀（机关代字，如“章人社字”）再签发批复',
    );
  }
  const catalogue = await seriesCatalogue(ctx.db);
  await ctx.db.transaction(async (tx) => {
    const doc = await repo.lockDocument(tx, id);
    if (!doc) throw notFound('批复');
    if (doc.status !== 'draft') throw conflict('APPROVAL_ISSUED', `该批复已签发（${doc.documentNumber}）`);
    const items = await repo.documentApplications(tx, id);
    const stale = items.filter((r) => r.app.status !== 'recognised' || r.certified);
    if (stale.length) {
      throw conflict(
        'APPROVAL_STALE',
        `批复中 ${stale.map((r) => r.personName).join('、')} 的申报已不是待发证的认定通过状态，请从批复中移除后再签发`,
      );
    }
    const now = ctx.clock.now();
    const today = todayInZone(now, ctx.config.TZ_NAME);
    const year = Number(today.slice(0, 4));
    const [sequence] = await repo.takeNumbers(tx, agency.id, year, 'approval', 1);
    const documentNumber = documentNumberOf(prefix, year, sequence!);
    const numbers = await repo.takeNumbers(tx, agency.id, year, 'certificate', items.length);
    const agencyOrgName = found.agencyOrg.name;
    const rows: (typeof certificates.$inferInsert & { level: Level })[] = [];
    for (const [i, r] of items.entries()) {
      const d = describe(r, catalogue);
      const idInfo = validateIdNumber(r.idNumber ?? '');
      if (!idInfo.ok) throw unprocessable('ID_NUMBER_INVALID', `${r.personName}的身份证号无效，无法发证`);
      const claims: CertificateClaims = {
        number: certificateNumberOf(year, agency.code, d.level, numbers[i]!),
        name: r.personName,
        gender: idInfo.gender === 'male' ? '男' : '女',
        birthMonth: idInfo.birthDate.slice(0, 7),
        series: d.series,
        specialty: d.specialty,
        qualification: d.qualification,
        level: levelName(d.level),
        agencyCode: agency.code,
        agency: agencyOrgName,
        documentNumber,
        obtainedOn: doc.effectiveOn,
        issuedOn: today,
        employer: r.employerName,
      };
      const qrPayload = await signClaims(ctx.signingKeys, claims);
      rows.push({
        number: claims.number,
        applicationId: r.app.id,
        documentId: id,
        personId: r.app.personId,
        agencyId: agency.id,
        name: claims.name,
        gender: claims.gender,
        birthMonth: claims.birthMonth,
        employer: claims.employer,
        seriesCode: d.seriesCode,
        series: claims.series,
        specialty: claims.specialty,
        qualification: claims.qualification,
        level: d.level,
        agencyName: agencyOrgName,
        documentNumber,
        obtainedOn: claims.obtainedOn,
        issuedOn: today,
        qrPayload,
        createdAt: now,
      });
    }
    const certs = await repo.insertCertificates(tx, rows);
    const issued = await repo.updateDocument(tx, id, {
      status: 'issued',
      documentNumber,
      sequence: sequence!,
      year,
      issuedOn: today,
      issuedAt: now,
      issuedByAccountId: actor.accountId,
    });
    await appendAudit(
      tx,
      auditActorOf(actor, role),
      {
        action: 'approval.issued',
        targetType: 'approval',
        targetId: id,
        before: doc,
        after: { ...issued, certificates: certs.map((c) => c.number) },
      },
      now,
    );
    await notify(
      tx,
      now,
      items.map((r, i) => ({
        accountId: r.app.applicantAccountId,
        kind: 'certificate.issued',
        title: '职称证书已发放',
        body: `您申报的${rows[i]!.series}${levelNames[rows[i]!.level]}已经${agencyOrgName}认定，取得${rows[i]!.qualification}资格（${documentNumber}），资格取得时间自 ${doc.effectiveOn} 起算。证书编号 ${rows[i]!.number}，可在“我的证书”下载电子证书。`,
        applicationId: r.app.id,
      })),
    );
  });
  return getDocument(ctx, actor, id);
}

/** The agency sets its 机关代字 and issuing body's name (or a title office does it for it). */
export async function updateDocumentSettings(
  ctx: AppContext,
  actor: Actor,
  code: string,
  body: z.infer<typeof DocumentSettingsBody>,
) {
  const agency = await findAgencyByCode(ctx.db, code);
  if (!agency) throw notFound('认定机构');
  const seat = actor.roles.find(
    (r) => (r.role === 'handler' || r.role === 'leader') && r.organisationId === agency.organisationId,
  );
  const office = actor.roles.find((r) => (TITLE_OFFICE_ROLES as readonly string[]).includes(r.role));
  const role = seat ?? office;
  if (!role) throw forbidden('只有该认定机构或职称办可以设置发文字号');
  if (body.documentPrefix !== undefined && !isDocumentPrefix(body.documentPrefix)) {
    throw unprocessable('DOCUMENT_PREFIX_INVALID', '机关代字为 2—12 个字，不含数字和括号，如“章人社字”', {
      field: 'documentPrefix',
    });
  }
  await ctx.db.transaction(async (tx) => {
    await updateAgency(tx, agency.id, {
      ...(body.documentPrefix !== undefined ? { documentPrefix: body.documentPrefix } : {}),
      ...(body.issuerName !== undefined ? { issuerName: body.issuerName } : {}),
    });
    await appendAudit(
      tx,
      auditActorOf(actor, role),
      {
        action: 'agency.document_settings',
        targetType: 'agency',
        targetId: code,
        before: agency,
        after: body,
      },
      ctx.clock.now(),
    );
  });
  return {
    documentPrefix: body.documentPrefix ?? agency.documentPrefix,
    issuerName: body.issuerName ?? agency.issuerName,
  };
}

/** The 批复's content for the DOCX and PDF renderers (issued documents only: drafts have no 文号). */
export async function documentData(ctx: AppContext, actor: Actor, id: number): Promise<ApprovalDocumentData> {
  const found = await visibleDocument(ctx, actor, id);
  const d = found.doc;
  if (d.status !== 'issued' || !d.documentNumber || !d.issuedOn) {
    throw unprocessable('APPROVAL_NOT_ISSUED', '批复签发后才能下载（草稿没有文号）');
  }
  const detail = await getDocument(ctx, actor, id);
  const basisNumber = await basisDocumentInForce(ctx);
  const notice = basisNumber ? await repo.policyDocumentByNumber(ctx.db, basisNumber) : null;
  const basis = notice
    ? `《${notice.title}》（${notice.documentNumber}）`
    : basisNumber
      ? `${basisNumber}文件`
      : '职称考核认定有关政策';
  return {
    issuer: d.issuer,
    documentNumber: d.documentNumber,
    title: d.title,
    recipient: d.recipient,
    basis,
    effectiveOn: d.effectiveOn,
    issuedOn: d.issuedOn,
    copyTo: d.copyTo,
    printedBy: d.issuer,
    printedOn: d.issuedOn,
    rows: detail.items.map((i) => ({
      name: i.name,
      gender: i.gender,
      employer: i.employer,
      series: i.series,
      specialty: i.specialty,
      qualification: i.qualification,
      level: levelNames[i.level],
      certificateNumber: i.certificateNumber ?? '',
    })),
  };
}
