/**
 * 年度报送 (四、（七）): every county agency and self-recognition unit reports its year — the issued
 * 批复 and the certificate count, listed by the system, with a note — to the city title office by the
 * city's year-end deadline; the city office sees who has reported and who is late, and accepts or
 * returns each report with a comment.
 *
 * 统计分析 (SPEC §6): title offices and agencies count applications received, in review, recognised
 * and not recognised, and certificates issued, over their own data scope, grouped as asked.
 */
import type { z } from 'zod';
import ExcelJS from 'exceljs';
import type { AppContext } from '../../context.js';
import type { DbOrTx } from '../../db/client.js';
import { conflict, forbidden, notFound } from '../../errors.js';
import { spreadsheetText } from '../../documents/formula-injection.js';
import { todayInZone } from '../../../domain/batch-window.js';
import { educationNames, levelNames, type EducationLevel, type LevelCode } from '../../../contract/common.js';
import {
  type DecideYearEndBody,
  type ReportYearQuery,
  type ReturnYearEndBody,
  type SaveYearEndBody,
  type Statistics,
  type StatisticsCounts,
  type StatisticsQuery,
  type StatisticsRow,
  type YearEndDocument,
  type YearEndList,
  type YearEndReport,
  type YearEndRow,
  statisticsColumnNames,
  statisticsGroupNames,
} from '../../../contract/reports.js';
import { appendAudit } from '../audit/audit-repository.js';
import { type Actor, type ActorRole, auditActorOf } from '../auth/actor.js';
import { dataScopeOf, orgPathInScope, pathInScope } from '../access/data-scope.js';
import { TITLE_OFFICE_ROLES } from '../catalogue/catalogue-service.js';
import { notifySeat } from '../notifications/notifications-service.js';
import * as repo from './reports-repository.js';

type AgencyRow = Awaited<ReturnType<typeof repo.agenciesWithPaths>>[number];

function yearOf(ctx: AppContext, year: number | undefined): number {
  return year ?? Number(todayInZone(ctx.clock.now()).slice(0, 4));
}

const isTitleOffice = (r: ActorRole) => (TITLE_OFFICE_ROLES as readonly string[]).includes(r.role);
const isSeat = (r: ActorRole) => r.role === 'handler' || r.role === 'leader';

/**
 * The city office an agency reports to: the top-most annex agency strictly above it in the
 * organisation tree (the county agencies and the self-recognition units of a city report to the
 * city's title office). Null for the city office itself, which reports to nobody here.
 */
function cityOfficeOf(all: AgencyRow[], agency: AgencyRow): AgencyRow | null {
  const above = all.filter(
    (a) =>
      a.kind === 'annex' && a.id !== agency.id && agency.path.startsWith(a.path) && a.path !== agency.path,
  );
  above.sort((a, b) => a.path.length - b.path.length);
  return above[0] ?? null;
}

function deadlineOf(all: AgencyRow[], agency: AgencyRow, year: number): string {
  const city = cityOfficeOf(all, agency);
  return `${year}-${city?.yearEndDeadline ?? '12-31'}`;
}

function isLate(ctx: AppContext, deadline: string, firstSubmittedAt: Date | null): boolean {
  const day = firstSubmittedAt ? todayInZone(firstSubmittedAt) : todayInZone(ctx.clock.now());
  return day > deadline;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

function frozen(report: repo.YearEndReportRow | null): boolean {
  return !!report && (report.status === 'submitted' || report.status === 'accepted');
}

function rowOf(
  ctx: AppContext,
  all: AgencyRow[],
  agency: AgencyRow,
  year: number,
  report: repo.YearEndReportRow | null,
  live: { documents: number; certificates: number },
): YearEndRow {
  const deadline = deadlineOf(all, agency, year);
  const documents = frozen(report) ? ((report!.documents as YearEndDocument[] | null) ?? []) : null;
  return {
    id: report?.id ?? null,
    year,
    agencyCode: agency.code,
    agencyName: agency.name,
    agencyKind: agency.kind,
    status: report?.status ?? 'not_started',
    deadline,
    submittedAt: iso(report?.submittedAt ?? null),
    firstSubmittedAt: iso(report?.firstSubmittedAt ?? null),
    decidedAt: iso(report?.decidedAt ?? null),
    late: isLate(ctx, deadline, report?.firstSubmittedAt ?? null),
    documentCount: documents ? documents.length : live.documents,
    certificateCount: frozen(report) ? (report!.certificateCount ?? 0) : live.certificates,
    cityComment: report?.cityComment ?? null,
  };
}

/** 年度报送 list for a title office: every agency of its scope that reports to a city office. */
export async function yearEndList(
  ctx: AppContext,
  actor: Actor,
  query: z.infer<typeof ReportYearQuery>,
): Promise<YearEndList> {
  if (!actor.roles.some(isTitleOffice)) throw forbidden('只有职称办可以查看各认定机构的年度报送');
  const year = yearOf(ctx, query.year);
  const scope = dataScopeOf(actor);
  const all = await repo.agenciesWithPaths(ctx.db);
  const expected = all.filter((a) => cityOfficeOf(all, a) && pathInScope(scope, a.path));
  const ids = expected.map((a) => a.id);
  const [reports, docs, certs] = await Promise.all([
    repo.reportsOfYear(ctx.db, year, ids),
    repo.documentCounts(ctx.db, ids, year),
    repo.certificateCounts(ctx.db, ids, year),
  ]);
  const byAgency = new Map(reports.map((r) => [r.agencyId, r]));
  return {
    year,
    today: todayInZone(ctx.clock.now()),
    items: expected.map((a) =>
      rowOf(ctx, all, a, year, byAgency.get(a.id) ?? null, {
        documents: docs.get(a.id) ?? 0,
        certificates: certs.get(a.id) ?? 0,
      }),
    ),
  };
}

/** The reporting agency whose seat the actor holds (the leader seat when asked for). */
async function ownAgency(db: DbOrTx, actor: Actor, seat: 'any' | 'leader') {
  const all = await repo.agenciesWithPaths(db);
  for (const role of actor.roles) {
    if (!isSeat(role) || (seat === 'leader' && role.role !== 'leader')) continue;
    const agency = all.find((a) => a.organisationId === role.organisationId);
    if (agency && cityOfficeOf(all, agency)) return { all, agency, role };
  }
  throw forbidden(
    seat === 'leader'
      ? '只有认定机构（自主评审单位）的领导审查账号可以报送年度报告'
      : '只有县（市、区）认定机构和自主评审单位需要年度报送',
  );
}

async function reportView(
  ctx: AppContext,
  db: DbOrTx,
  all: AgencyRow[],
  agency: AgencyRow,
  year: number,
  report: repo.YearEndReportRow | null,
  actor: Actor | null,
): Promise<YearEndReport> {
  const liveDocs = frozen(report) ? null : await repo.issuedDocuments(db, agency.id, year);
  const certs = frozen(report) ? null : await repo.certificateCounts(db, [agency.id], year);
  const documents: YearEndDocument[] = liveDocs
    ? liveDocs.map((d) => ({
        id: d.id,
        documentNumber: d.documentNumber ?? '',
        title: d.title,
        issuedOn: d.issuedOn ?? '',
        count: d.count,
      }))
    : ((report!.documents as YearEndDocument[] | null) ?? []);
  const row = rowOf(ctx, all, agency, year, report, {
    documents: documents.length,
    certificates: certs?.get(agency.id) ?? 0,
  });
  const open = !report || report.status === 'draft' || report.status === 'returned';
  const mySeat = actor?.roles.find((r) => isSeat(r) && r.organisationId === agency.organisationId);
  return {
    ...row,
    note: report?.note ?? '',
    documents,
    today: todayInZone(ctx.clock.now()),
    canEdit: open && !!mySeat,
    canSubmit: open && mySeat?.role === 'leader',
  };
}

export async function myReport(
  ctx: AppContext,
  actor: Actor,
  query: z.infer<typeof ReportYearQuery>,
): Promise<YearEndReport> {
  const { all, agency } = await ownAgency(ctx.db, actor, 'any');
  const year = yearOf(ctx, query.year);
  const report = await repo.findReport(ctx.db, agency.id, year);
  return reportView(ctx, ctx.db, all, agency, year, report, actor);
}

function requireOpen(report: repo.YearEndReportRow) {
  if (report.status === 'submitted') throw conflict('REPORT_SUBMITTED', '年度报告已报送，等待市职称办处理');
  if (report.status === 'accepted') throw conflict('REPORT_ACCEPTED', '年度报告已被市职称办接收，不能修改');
}

/** Saves the note of the agency's report (handler or leader seat), creating it on first use. */
export async function saveMine(
  ctx: AppContext,
  actor: Actor,
  body: z.infer<typeof SaveYearEndBody>,
): Promise<YearEndReport> {
  const { all, agency, role } = await ownAgency(ctx.db, actor, 'any');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const before = await repo.ensureReport(tx, agency.id, body.year, now);
    requireOpen(before);
    const after = await repo.updateReport(tx, before.id, {
      note: body.note,
      status: before.status === 'returned' ? 'returned' : 'draft',
      updatedAt: now,
    });
    await appendAudit(
      tx,
      auditActorOf(actor, role),
      {
        action: 'year_end_report.saved',
        targetType: 'year_end_report',
        targetId: after.id,
        before: { note: before.note },
        after: { agency: agency.code, year: body.year, note: after.note },
      },
      now,
    );
    return reportView(ctx, tx, all, agency, body.year, after, actor);
  });
}

/** The leader submits the year's report: the issued 批复 and the certificate count are frozen in it. */
export async function submitMine(ctx: AppContext, actor: Actor, year: number): Promise<YearEndReport> {
  const { all, agency, role } = await ownAgency(ctx.db, actor, 'leader');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const before = await repo.ensureReport(tx, agency.id, year, now);
    requireOpen(before);
    const docs = await repo.issuedDocuments(tx, agency.id, year);
    const certs = await repo.certificateCounts(tx, [agency.id], year);
    const documents: YearEndDocument[] = docs.map((d) => ({
      id: d.id,
      documentNumber: d.documentNumber ?? '',
      title: d.title,
      issuedOn: d.issuedOn ?? '',
      count: d.count,
    }));
    const after = await repo.updateReport(tx, before.id, {
      status: 'submitted',
      documents,
      certificateCount: certs.get(agency.id) ?? 0,
      firstSubmittedAt: before.firstSubmittedAt ?? now,
      submittedAt: now,
      submittedByAccountId: actor.accountId,
      updatedAt: now,
    });
    await appendAudit(
      tx,
      auditActorOf(actor, role),
      {
        action: 'year_end_report.submitted',
        targetType: 'year_end_report',
        targetId: after.id,
        before: { status: before.status },
        after: {
          agency: agency.code,
          year,
          status: after.status,
          documents: documents.map((d) => d.documentNumber),
          certificateCount: after.certificateCount,
          late: isLate(ctx, deadlineOf(all, agency, year), after.firstSubmittedAt),
        },
      },
      now,
    );
    return reportView(ctx, tx, all, agency, year, after, actor);
  });
}

/** The city office's seat over the report's agency (its city office role above it). */
async function cityAccess(db: DbOrTx, actor: Actor, id: number) {
  const report = await repo.findReportById(db, id);
  if (!report) throw notFound('年度报告');
  const all = await repo.agenciesWithPaths(db);
  const agency = all.find((a) => a.id === report.agencyId)!;
  const role = actor.roles.find(
    (r) => r.role === 'city_office' && r.organisationPath && agency.path.startsWith(r.organisationPath),
  );
  return { report, all, agency, role };
}

/** One report for the city office (any title office of its scope may read it). */
export async function getReport(ctx: AppContext, actor: Actor, id: number): Promise<YearEndReport> {
  const report = await repo.findReportById(ctx.db, id);
  if (!report) throw notFound('年度报告');
  const all = await repo.agenciesWithPaths(ctx.db);
  const agency = all.find((a) => a.id === report.agencyId)!;
  const scope = dataScopeOf(actor);
  const office = actor.roles.some(isTitleOffice) && pathInScope(scope, agency.path);
  const own = actor.roles.some((r) => isSeat(r) && r.organisationId === agency.organisationId);
  if (!office && !own) throw notFound('年度报告');
  return reportView(ctx, ctx.db, all, agency, report.year, report, actor);
}

async function decide(
  ctx: AppContext,
  actor: Actor,
  id: number,
  decision: 'accepted' | 'returned',
  comment: string | undefined,
): Promise<YearEndReport> {
  const { role } = await cityAccess(ctx.db, actor, id);
  if (!role) throw forbidden('只有市职称办可以接收或退回年度报告');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const before = (await repo.findReportById(tx, id, true))!;
    const all = await repo.agenciesWithPaths(tx);
    const agency = all.find((a) => a.id === before.agencyId)!;
    if (before.status !== 'submitted')
      throw conflict('REPORT_NOT_SUBMITTED', '只有已报送、尚未处理的年度报告可以接收或退回');
    const after = await repo.updateReport(tx, id, {
      status: decision,
      cityComment: comment ?? null,
      decidedAt: now,
      decidedByAccountId: actor.accountId,
      updatedAt: now,
    });
    await appendAudit(
      tx,
      auditActorOf(actor, role),
      {
        action: decision === 'accepted' ? 'year_end_report.accepted' : 'year_end_report.returned',
        targetType: 'year_end_report',
        targetId: id,
        before: { status: before.status },
        after: { agency: agency.code, year: after.year, status: after.status, comment: after.cityComment },
      },
      now,
    );
    const title =
      decision === 'accepted' ? `市职称办已接收${after.year}年度报告` : `市职称办退回了${after.year}年度报告`;
    const body = `${agency.name}${after.year}年度考核认定报告${decision === 'accepted' ? '已被接收' : '被退回，请修改后重新报送'}${after.cityComment ? `。意见：${after.cityComment}` : '。'}`;
    for (const seat of ['leader', 'handler'] as const)
      await notifySeat(tx, now, agency.organisationId, seat, {
        kind: `year_end_report.${decision}`,
        title,
        body,
      });
    return reportView(ctx, tx, all, agency, after.year, after, actor);
  });
}

export const acceptReport = (
  ctx: AppContext,
  actor: Actor,
  id: number,
  body: z.infer<typeof DecideYearEndBody>,
) => decide(ctx, actor, id, 'accepted', body.comment || undefined);

export const returnReport = (
  ctx: AppContext,
  actor: Actor,
  id: number,
  body: z.infer<typeof ReturnYearEndBody>,
) => decide(ctx, actor, id, 'returned', body.comment);

// ---------------------------------------------------------------------------------------------
// 统计分析

const EMPTY: StatisticsCounts = { received: 0, inReview: 0, recognised: 0, rejected: 0, certificates: 0 };
const levelOrder: readonly string[] = ['junior', 'assistant', 'intermediate'];
const educationOrder: readonly string[] = Object.keys(educationNames);

function labelOf(groupBy: z.infer<typeof StatisticsQuery>['groupBy'], key: string, label: string): string {
  switch (groupBy) {
    case 'level':
      return levelNames[key as LevelCode] ?? key;
    case 'education':
      return key ? (educationNames[key as EducationLevel] ?? key) : '未填写学历';
    case 'month':
      return key ? `${Number(key)}月` : '—';
    default:
      return label || '—';
  }
}

/** Title offices, and the seats of an agency (认定机构 or 自主评审单位); nobody else. */
async function statisticsScope(ctx: AppContext, actor: Actor) {
  if (actor.roles.some(isTitleOffice)) return dataScopeOf(actor);
  const all = await repo.agenciesWithPaths(ctx.db);
  const agencyOrgs = new Set(all.map((a) => a.organisationId));
  const seats = actor.roles.filter((r) => isSeat(r) && r.organisationId && agencyOrgs.has(r.organisationId));
  if (seats.length === 0) throw forbidden('只有职称办和认定机构可以查看统计');
  return {
    all: false as const,
    orgPaths: seats.map((r) => r.organisationPath!),
    selfPersonId: actor.personId,
  };
}

export async function statistics(
  ctx: AppContext,
  actor: Actor,
  query: z.infer<typeof StatisticsQuery>,
): Promise<Statistics> {
  const scope = await statisticsScope(ctx, actor);
  const year = yearOf(ctx, query.year);
  const facts = await repo.statistics(ctx.db, year, query.groupBy, (path) => orgPathInScope(scope, path));
  const rows: (StatisticsRow & { sort: number })[] = facts.map((f) => ({
    key: f.key,
    label: labelOf(query.groupBy, f.key, f.label),
    sort: f.sort,
    received: f.received,
    inReview: f.inReview,
    recognised: f.recognised,
    rejected: f.rejected,
    certificates: f.certificates,
  }));
  rows.sort((a, b) => {
    switch (query.groupBy) {
      case 'month':
        return a.key.localeCompare(b.key);
      case 'level':
        return levelOrder.indexOf(a.key) - levelOrder.indexOf(b.key);
      case 'education':
        return (educationOrder.indexOf(b.key) + 1 || 99) - (educationOrder.indexOf(a.key) + 1 || 99);
      case 'agency':
      case 'batch':
      case 'region':
      case 'series':
        return a.sort - b.sort || a.label.localeCompare(b.label, 'zh');
      default:
        return b.received - a.received || a.label.localeCompare(b.label, 'zh');
    }
  });
  const total = { ...EMPTY };
  for (const r of rows) for (const k of Object.keys(EMPTY) as (keyof StatisticsCounts)[]) total[k] += r[k];
  return {
    year,
    groupBy: query.groupBy,
    rows: rows.map(({ sort: _sort, ...r }) => r),
    total,
  };
}

/**
 * The statistics table as .xlsx (what the page shows, with a total row). Labels are names people typed
 * (units, batches): written by the formula-injection rule; the counts stay numbers.
 */
export async function statisticsWorkbook(
  ctx: AppContext,
  actor: Actor,
  query: z.infer<typeof StatisticsQuery>,
): Promise<{ fileName: string; bytes: Buffer }> {
  const stats = await statistics(ctx, actor, query);
  const groupName = statisticsGroupNames[stats.groupBy];
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(`${stats.year}年统计`);
  const keys = Object.keys(statisticsColumnNames) as (keyof StatisticsCounts)[];
  ws.addRow([`${stats.year}年度专业技术资格考核认定统计（按${groupName}）`]);
  ws.mergeCells(1, 1, 1, keys.length + 1);
  ws.getRow(1).font = { bold: true, size: 14 };
  ws.addRow([`统计时间：${todayInZone(ctx.clock.now())}`]);
  const header = ws.addRow([groupName, ...keys.map((k) => statisticsColumnNames[k])]);
  header.font = { bold: true };
  for (const r of stats.rows) ws.addRow([spreadsheetText(r.label), ...keys.map((k) => r[k])]);
  const total = ws.addRow(['合计', ...keys.map((k) => stats.total[k])]);
  total.font = { bold: true };
  ws.getColumn(1).width = 36;
  for (let i = 2; i <= keys.length + 1; i++) ws.getColumn(i).width = 12;
  return {
    fileName: `${stats.year}年考核认定统计（按${groupName}）.xlsx`,
    bytes: Buffer.from(await wb.xlsx.writeBuffer()),
  };
}
