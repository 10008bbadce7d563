/** SQL of 年度报送 and 统计分析 (the only place these queries live). */
import { type AnyColumn, type SQL, and, asc, eq, gte, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.js';
import {
  agencies,
  applications,
  approvalDocumentItems,
  approvalDocuments,
  batches,
  certificates,
  organisations,
  regions,
  series,
  yearEndReports,
} from '../../db/schema.js';
import type { StatisticsGroup } from '../../../contract/reports.js';

export type YearEndReportRow = typeof yearEndReports.$inferSelect;

/** Every agency with its organisation's path (a few dozen rows: the annex and the self-recognition units). */
export async function agenciesWithPaths(db: DbOrTx) {
  return db
    .select({
      id: agencies.id,
      code: agencies.code,
      kind: agencies.kind,
      sortOrder: agencies.sortOrder,
      yearEndDeadline: agencies.yearEndDeadline,
      organisationId: agencies.organisationId,
      name: organisations.name,
      path: organisations.path,
    })
    .from(agencies)
    .innerJoin(organisations, eq(organisations.id, agencies.organisationId))
    .orderBy(asc(agencies.sortOrder), asc(agencies.id));
}

export async function reportsOfYear(db: DbOrTx, year: number, agencyIds: number[]) {
  if (agencyIds.length === 0) return [];
  return db
    .select()
    .from(yearEndReports)
    .where(and(eq(yearEndReports.year, year), inArray(yearEndReports.agencyId, agencyIds)));
}

export async function findReport(db: DbOrTx, agencyId: number, year: number, lock = false) {
  const q = db
    .select()
    .from(yearEndReports)
    .where(and(eq(yearEndReports.agencyId, agencyId), eq(yearEndReports.year, year)));
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

export async function findReportById(db: DbOrTx, id: number, lock = false) {
  const q = db.select().from(yearEndReports).where(eq(yearEndReports.id, id));
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

/** Creates the (agency, year) report row if missing and returns it locked. */
export async function ensureReport(db: DbOrTx, agencyId: number, year: number, now: Date) {
  await db
    .insert(yearEndReports)
    .values({ agencyId, year, createdAt: now, updatedAt: now })
    .onConflictDoNothing({ target: [yearEndReports.agencyId, yearEndReports.year] });
  return (await findReport(db, agencyId, year, true))!;
}

export async function updateReport(
  db: DbOrTx,
  id: number,
  values: Partial<typeof yearEndReports.$inferInsert>,
) {
  const [row] = await db.update(yearEndReports).set(values).where(eq(yearEndReports.id, id)).returning();
  return row!;
}

/** The agency's issued 批复 of the year, each with the number of persons in it. */
export async function issuedDocuments(db: DbOrTx, agencyId: number, year: number) {
  return db
    .select({
      id: approvalDocuments.id,
      documentNumber: approvalDocuments.documentNumber,
      title: approvalDocuments.title,
      issuedOn: approvalDocuments.issuedOn,
      count: sql<number>`(select count(*)::int from ${approvalDocumentItems} where ${approvalDocumentItems.documentId} = ${approvalDocuments.id})`,
    })
    .from(approvalDocuments)
    .where(
      and(
        eq(approvalDocuments.agencyId, agencyId),
        eq(approvalDocuments.year, year),
        eq(approvalDocuments.status, 'issued'),
      ),
    )
    .orderBy(asc(approvalDocuments.sequence), asc(approvalDocuments.id));
}

/** Certificates the agencies issued in the year (by issue date), per agency. */
export async function certificateCounts(db: DbOrTx, agencyIds: number[], year: number) {
  if (agencyIds.length === 0) return new Map<number, number>();
  const rows = await db
    .select({ agencyId: certificates.agencyId, n: sql<number>`count(*)::int` })
    .from(certificates)
    .where(
      and(
        inArray(certificates.agencyId, agencyIds),
        gte(certificates.issuedOn, `${year}-01-01`),
        lte(certificates.issuedOn, `${year}-12-31`),
      ),
    )
    .groupBy(certificates.agencyId);
  return new Map(rows.map((r) => [r.agencyId, r.n]));
}

/** Issued 批复 of the year per agency (for the city's list while reports are drafts). */
export async function documentCounts(db: DbOrTx, agencyIds: number[], year: number) {
  if (agencyIds.length === 0) return new Map<number, number>();
  const rows = await db
    .select({ agencyId: approvalDocuments.agencyId, n: sql<number>`count(*)::int` })
    .from(approvalDocuments)
    .where(
      and(
        inArray(approvalDocuments.agencyId, agencyIds),
        eq(approvalDocuments.year, year),
        eq(approvalDocuments.status, 'issued'),
      ),
    )
    .groupBy(approvalDocuments.agencyId);
  return new Map(rows.map((r) => [r.agencyId, r.n]));
}

const EDUCATION_ORDER = sql.raw(
  `array['secondary','associate','bachelor','secondBachelor','postgradClass','master','doctor']`,
);

export interface StatisticsFact {
  key: string;
  label: string;
  sort: number;
  received: number;
  inReview: number;
  recognised: number;
  rejected: number;
  certificates: number;
}

/**
 * The counts of the year grouped as asked, over the agencies whose organisation satisfies `visible`
 * (a condition on the `agency_org` alias's path). Applications count by their batch's year and only
 * once submitted; certificates by their issue date. One UNION ALL of both, grouped once.
 */
export async function statistics(
  db: DbOrTx,
  year: number,
  groupBy: StatisticsGroup,
  visible: (agencyOrgPath: AnyColumn) => SQL,
): Promise<StatisticsFact[]> {
  const agencyOrg = alias(organisations, 'agency_org');
  const employer = alias(organisations, 'employer_org');
  const seriesCode = sql`(${applications.form} ->> 'seriesCode')`;
  const highestEducation = sql`(select e ->> 'level' from jsonb_array_elements(case when jsonb_typeof(${applications.form} -> 'education') = 'array' then ${applications.form} -> 'education' else '[]'::jsonb end) e where e ->> 'level' is not null order by array_position(${EDUCATION_ORDER}, e ->> 'level') desc nulls last limit 1)`;

  function keyOf(month: SQL): { key: SQL; label: SQL; sort: SQL } {
    const none = sql`0`;
    switch (groupBy) {
      case 'series':
        return {
          key: sql`coalesce(${seriesCode}, '')`,
          label: sql`coalesce(${series.name}, '未填写系列')`,
          sort: sql`coalesce(${series.sortOrder}, 9999)`,
        };
      case 'level':
        return { key: sql`${applications.targetLevel}`, label: sql`''`, sort: none };
      case 'region':
        return { key: sql`${regions.code}`, label: sql`${regions.name}`, sort: sql`${regions.sortOrder}` };
      case 'education':
        return { key: sql`coalesce(${highestEducation}, '')`, label: sql`''`, sort: none };
      case 'unit':
        return { key: sql`${employer.id}::text`, label: sql`${employer.name}`, sort: none };
      case 'month':
        return { key: month, label: sql`''`, sort: none };
      case 'agency':
        return {
          key: sql`${agencies.code}`,
          label: sql`${agencyOrg.name}`,
          sort: sql`${agencies.sortOrder}`,
        };
      case 'batch':
        return {
          key: sql`${batches.id}::text`,
          label: sql`${agencyOrg.name} || ' ' || ${batches.year}::text || '年' || ${batches.name}`,
          sort: sql`${agencies.sortOrder} * 100 + ${batches.number}`,
        };
    }
  }

  const appKey = keyOf(sql`to_char(${applications.submittedAt} at time zone 'Asia/Shanghai', 'MM')`);
  const certKey = keyOf(sql`to_char(${certificates.issuedOn}, 'MM')`);

  const appFacts = db
    .select({
      src: sql<string>`'application'`.as('src'),
      status: sql<string>`${applications.status}`.as('status'),
      key: sql<string>`${appKey.key}`.as('key'),
      label: sql<string>`${appKey.label}`.as('label'),
      sort: sql<number>`${appKey.sort}`.as('sort'),
    })
    .from(applications)
    .innerJoin(batches, eq(batches.id, applications.batchId))
    .innerJoin(agencies, eq(agencies.id, applications.agencyId))
    .innerJoin(agencyOrg, eq(agencyOrg.id, agencies.organisationId))
    .innerJoin(employer, eq(employer.id, applications.employerId))
    .innerJoin(regions, eq(regions.id, employer.regionId))
    .leftJoin(series, eq(series.code, seriesCode))
    .where(and(eq(batches.year, year), isNotNull(applications.submittedAt), visible(agencyOrg.path)));

  const certFacts = db
    .select({
      src: sql<string>`'certificate'`.as('src'),
      status: sql<string>`${certificates.status}`.as('status'),
      key: sql<string>`${certKey.key}`.as('key'),
      label: sql<string>`${certKey.label}`.as('label'),
      sort: sql<number>`${certKey.sort}`.as('sort'),
    })
    .from(certificates)
    .innerJoin(applications, eq(applications.id, certificates.applicationId))
    .innerJoin(batches, eq(batches.id, applications.batchId))
    .innerJoin(agencies, eq(agencies.id, certificates.agencyId))
    .innerJoin(agencyOrg, eq(agencyOrg.id, agencies.organisationId))
    .innerJoin(employer, eq(employer.id, applications.employerId))
    .innerJoin(regions, eq(regions.id, employer.regionId))
    .leftJoin(series, eq(series.code, seriesCode))
    .where(
      and(
        gte(certificates.issuedOn, `${year}-01-01`),
        lte(certificates.issuedOn, `${year}-12-31`),
        visible(agencyOrg.path),
      ),
    );

  const facts = appFacts.unionAll(certFacts).as('facts');
  const rows = await db
    .select({
      key: facts.key,
      label: sql<string>`min(${facts.label})`,
      sort: sql<number>`min(${facts.sort})::int`,
      received: sql<number>`(count(*) filter (where ${facts.src} = 'application'))::int`,
      inReview: sql<number>`(count(*) filter (where ${facts.src} = 'application' and ${facts.status} = 'submitted'))::int`,
      recognised: sql<number>`(count(*) filter (where ${facts.src} = 'application' and ${facts.status} = 'recognised'))::int`,
      rejected: sql<number>`(count(*) filter (where ${facts.src} = 'application' and ${facts.status} = 'rejected'))::int`,
      certificates: sql<number>`(count(*) filter (where ${facts.src} = 'certificate'))::int`,
    })
    .from(facts)
    .groupBy(facts.key);
  return rows;
}
