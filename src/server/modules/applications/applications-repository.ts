import { type SQL, and, asc, count, desc, eq, ilike, inArray, ne, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { type DbOrTx, rowsOf } from '../../db/client.js';
import { containsPattern } from '../../db/like.js';
import { runPrepared } from '../../db/prepared-query.js';
import {
  agencies,
  agencyScopeRules,
  applicationVersions,
  applications,
  auditLog,
  batches,
  organisations,
  persons,
  uploads,
} from '../../db/schema.js';
import type { AuditRowContent } from '../audit/audit-repository.js';

export type ApplicationRow = typeof applications.$inferSelect;

export async function scopeRulesWithAgency(db: DbOrTx) {
  return db
    .select({ rule: agencyScopeRules, agency: agencies, org: organisations })
    .from(agencyScopeRules)
    .innerJoin(agencies, eq(agencies.id, agencyScopeRules.agencyId))
    .innerJoin(organisations, eq(organisations.id, agencies.organisationId));
}

export async function batchesOfAgency(db: DbOrTx, agencyId: number) {
  return db
    .select()
    .from(batches)
    .where(eq(batches.agencyId, agencyId))
    .orderBy(asc(batches.year), asc(batches.number));
}

export async function findBatch(db: DbOrTx, id: number) {
  const [row] = await db.select().from(batches).where(eq(batches.id, id));
  return row ?? null;
}

export async function insertApplication(db: DbOrTx, values: typeof applications.$inferInsert) {
  const [row] = await db.insert(applications).values(values).returning();
  return row!;
}

export async function updateApplication(
  db: DbOrTx,
  id: number,
  set: Partial<typeof applications.$inferInsert>,
) {
  await db.update(applications).set(set).where(eq(applications.id, id));
}

/**
 * A draft save in one statement (issue 12 item 2): the form is written only while the application is
 * editable at the revision the caller read, and its audit row is written by the same statement, so both
 * commit or neither. False when nothing was written (submitted or withdrawn meanwhile).
 */
export async function saveFormAudited(
  db: DbOrTx,
  id: number,
  revision: number,
  form: unknown,
  audit: AuditRowContent & { mac: string },
): Promise<boolean> {
  const json = (v: unknown) => (v === null ? null : JSON.stringify(v));
  const result = await db.execute(sql`
    with saved as (
      update ${applications}
         set form = ${JSON.stringify(form)}::jsonb, updated_at = ${audit.at.toISOString()}::timestamptz
       where id = ${id} and revision = ${revision} and status in ('draft', 'returned')
      returning id)
    insert into ${auditLog} (at, actor_account_id, actor_name, actor_role, actor_organisation_id,
                             actor_organisation_name, client_address, action, target_type, target_id,
                             before, after, mac)
    select ${audit.at.toISOString()}::timestamptz, ${audit.actorAccountId}::integer, ${audit.actorName}::text,
           ${audit.actorRole}::text, ${audit.actorOrganisationId}::integer, ${audit.actorOrganisationName}::text,
           ${audit.clientAddress}::text, ${audit.action}::text, ${audit.targetType}::text,
           ${audit.targetId}::text, ${json(audit.before)}::jsonb, ${json(audit.after)}::jsonb, ${audit.mac}::text
      from saved
    returning seq`);
  return rowsOf(result).length === 1;
}

const agencyOrganisation = alias(organisations, 'agency_organisation');

/** An application with the names a list shows. */
export function applicationSelect(db: DbOrTx) {
  return db
    .select({
      app: applications,
      personName: persons.name,
      personIdNumberCipher: persons.idNumberCipher,
      employer: organisations,
      agency: agencies,
      agencyName: agencyOrganisation.name,
      batch: batches,
    })
    .from(applications)
    .innerJoin(persons, eq(persons.id, applications.personId))
    .innerJoin(organisations, eq(organisations.id, applications.employerId))
    .innerJoin(agencies, eq(agencies.id, applications.agencyId))
    .innerJoin(agencyOrganisation, eq(agencyOrganisation.id, agencies.organisationId))
    .innerJoin(batches, eq(batches.id, applications.batchId));
}

/** One application with its names: a prepared statement (every action on an application reads it). */
export async function findApplication(db: DbOrTx, id: number) {
  const [row] = await runPrepared(
    db,
    'application_by_id',
    (d) => applicationSelect(d).where(eq(applications.id, sql.placeholder('id'))),
    { id },
  );
  return row ?? null;
}

export interface ApplicationFilter {
  status?: ApplicationRow['status'];
  year?: number;
  /** Applicant name (part of it) or application number (part of it). */
  q?: string;
}

/** One page of the applications `visible` selects, newest change first, with the total. */
export async function listApplications(
  db: DbOrTx,
  visible: SQL,
  filter: ApplicationFilter,
  page: number,
  pageSize: number,
) {
  const like = filter.q ? containsPattern(filter.q) : null;
  const where = and(
    visible,
    filter.status ? eq(applications.status, filter.status) : undefined,
    filter.year ? eq(batches.year, filter.year) : undefined,
    like ? or(ilike(persons.name, like), ilike(applications.number, like)) : undefined,
  );
  const [total] = await db
    .select({ n: count() })
    .from(applications)
    .innerJoin(persons, eq(persons.id, applications.personId))
    .innerJoin(organisations, eq(organisations.id, applications.employerId))
    .innerJoin(batches, eq(batches.id, applications.batchId))
    .where(where);
  const items = await applicationSelect(db)
    .where(where)
    .orderBy(desc(applications.updatedAt), desc(applications.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { total: total?.n ?? 0, items };
}

export async function liveDuplicate(
  db: DbOrTx,
  personId: number,
  batchId: number,
  targetLevel: string,
  exceptId?: number,
) {
  const [row] = await db
    .select({ id: applications.id })
    .from(applications)
    .where(
      and(
        eq(applications.personId, personId),
        eq(applications.batchId, batchId),
        eq(applications.targetLevel, targetLevel as never),
        ne(applications.status, 'withdrawn'),
        exceptId ? ne(applications.id, exceptId) : undefined,
      ),
    );
  return row ?? null;
}

export async function versionsOf(db: DbOrTx, applicationId: number) {
  return db
    .select()
    .from(applicationVersions)
    .where(eq(applicationVersions.applicationId, applicationId))
    .orderBy(asc(applicationVersions.version));
}

export async function insertVersion(db: DbOrTx, values: typeof applicationVersions.$inferInsert) {
  await db.insert(applicationVersions).values(values);
}

export async function uploadsByIds(db: DbOrTx, ids: number[]) {
  if (ids.length === 0) return [];
  return db.select().from(uploads).where(inArray(uploads.id, ids));
}
