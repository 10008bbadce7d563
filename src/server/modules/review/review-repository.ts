import { type SQL, and, asc, count, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import {
  accounts,
  applicationVersions,
  applications,
  batches,
  calendarDays,
  materialChecks,
  organisations,
  persons,
  publicities,
  publicityEntries,
  publicityObjections,
  reviewActions,
  roleAssignments,
} from '../../db/schema.js';
import type { Calendar } from '../../../domain/working-days.js';

/** Reads the application row under a row lock: concurrent reviewers queue here, then see the winner's state. */
export async function lockApplication(tx: DbOrTx, id: number) {
  const [row] = await tx.select().from(applications).where(eq(applications.id, id)).for('update');
  return row ?? null;
}

/** The state change itself, only if nobody changed it since `revision` (a second guard besides the lock). */
export async function moveApplication(
  tx: DbOrTx,
  id: number,
  revision: number,
  set: Partial<typeof applications.$inferInsert>,
) {
  const rows = await tx
    .update(applications)
    .set({ ...set, revision: revision + 1 })
    .where(and(eq(applications.id, id), eq(applications.revision, revision)))
    .returning({ id: applications.id });
  return rows.length === 1;
}

export async function insertAction(tx: DbOrTx, values: typeof reviewActions.$inferInsert) {
  await tx.insert(reviewActions).values(values);
}

export async function actionsOf(db: DbOrTx, applicationId: number) {
  return db
    .select({ action: reviewActions, organisationName: organisations.name })
    .from(reviewActions)
    .innerJoin(organisations, eq(organisations.id, reviewActions.organisationId))
    .where(eq(reviewActions.applicationId, applicationId))
    .orderBy(asc(reviewActions.id));
}

export async function checksOf(db: DbOrTx, applicationId: number, version: number) {
  return db
    .select()
    .from(materialChecks)
    .where(and(eq(materialChecks.applicationId, applicationId), eq(materialChecks.version, version)));
}

export async function insertCheck(tx: DbOrTx, values: typeof materialChecks.$inferInsert) {
  const rows = await tx.insert(materialChecks).values(values).onConflictDoNothing().returning();
  return rows.length === 1;
}

export async function versionOf(db: DbOrTx, applicationId: number, version: number) {
  const [row] = await db
    .select()
    .from(applicationVersions)
    .where(
      and(eq(applicationVersions.applicationId, applicationId), eq(applicationVersions.version, version)),
    );
  return row ?? null;
}

export async function organisationsByIds(db: DbOrTx, ids: number[]) {
  if (ids.length === 0) return [];
  return db.select().from(organisations).where(inArray(organisations.id, ids));
}

export async function findOrganisation(db: DbOrTx, id: number) {
  const [row] = await db.select().from(organisations).where(eq(organisations.id, id));
  return row ?? null;
}

/** Current holders' names of one seat (for the progress view). */
export async function seatHolderNames(db: DbOrTx, organisationId: number, role: 'handler' | 'leader') {
  const rows = await db
    .select({ name: persons.name })
    .from(roleAssignments)
    .innerJoin(accounts, eq(accounts.id, roleAssignments.accountId))
    .innerJoin(persons, eq(persons.id, accounts.personId))
    .where(
      and(
        eq(roleAssignments.organisationId, organisationId),
        eq(roleAssignments.role, role),
        isNull(roleAssignments.endedAt),
      ),
    );
  return rows.map((r) => r.name);
}

export interface QueueFilter {
  organisationId: number;
  role: 'handler' | 'leader';
  batchId?: number;
  seriesCode?: string;
  targetLevel?: string;
  stageBefore?: Date;
  after?: { since: Date; id: number };
  limit: number;
}

/**
 * One seat's queue in waiting order, paged by keyset on (stage_since, id): page 500 costs what page 1
 * costs, served by applications_queue_idx.
 */
export async function queue(db: DbOrTx, f: QueueFilter) {
  const conditions: (SQL | undefined)[] = [
    eq(applications.status, 'submitted'),
    eq(applications.holderOrganisationId, f.organisationId),
    eq(applications.holderRole, f.role),
    f.batchId ? eq(applications.batchId, f.batchId) : undefined,
    f.seriesCode ? sql`${applications.form}->>'seriesCode' = ${f.seriesCode}` : undefined,
    f.targetLevel ? eq(applications.targetLevel, f.targetLevel as never) : undefined,
    f.stageBefore
      ? sql`${applications.stageSince} <= ${f.stageBefore.toISOString()}::timestamptz`
      : undefined,
    f.after
      ? sql`(${applications.stageSince}, ${applications.id}) > (${f.after.since.toISOString()}::timestamptz, ${f.after.id})`
      : undefined,
  ];
  return (
    db
      // Only what a queue row shows (issue 12 item 2): not the form or any other document column.
      .select({
        id: applications.id,
        number: applications.number,
        revision: applications.revision,
        version: applications.version,
        stage: applications.stage,
        targetLevel: applications.targetLevel,
        stageSince: applications.stageSince,
        seriesCode: sql<string | null>`${applications.form}->>'seriesCode'`,
        personName: persons.name,
        employerName: organisations.name,
        batchName: batches.name,
        batchYear: batches.year,
        batchCloses: batches.closesOn,
        eligible: sql<boolean>`coalesce((${applicationVersions.snapshot}->'eligibility'->>'eligible')::boolean, false)`,
      })
      .from(applications)
      .innerJoin(persons, eq(persons.id, applications.personId))
      .innerJoin(organisations, eq(organisations.id, applications.employerId))
      .innerJoin(batches, eq(batches.id, applications.batchId))
      .leftJoin(
        applicationVersions,
        and(
          eq(applicationVersions.applicationId, applications.id),
          eq(applicationVersions.version, applications.version),
        ),
      )
      .where(and(...conditions))
      .orderBy(asc(applications.stageSince), asc(applications.id))
      .limit(f.limit)
  );
}

/** Waiting counts of a seat per batch (an index-only scan), with each batch's closing date. */
export async function seatCountsByBatch(db: DbOrTx, organisationId: number, role: 'handler' | 'leader') {
  const rows = await db
    .select({ batchId: applications.batchId, n: count() })
    .from(applications)
    .where(
      and(
        eq(applications.status, 'submitted'),
        eq(applications.holderOrganisationId, organisationId),
        eq(applications.holderRole, role),
      ),
    )
    .groupBy(applications.batchId);
  if (rows.length === 0) return [];
  const closes = await db
    .select({ id: batches.id, closesOn: batches.closesOn })
    .from(batches)
    .where(
      inArray(
        batches.id,
        rows.map((r) => r.batchId),
      ),
    );
  return rows.map((r) => ({ ...r, closesOn: closes.find((c) => c.id === r.batchId)!.closesOn }));
}

export async function calendar(db: DbOrTx): Promise<Calendar> {
  const rows = await db.select().from(calendarDays);
  return new Map(rows.map((r) => [r.day, r.kind]));
}

export async function insertPublicity(tx: DbOrTx, values: typeof publicities.$inferInsert) {
  const [row] = await tx.insert(publicities).values(values).returning();
  return row!;
}

export async function insertPublicityEntries(tx: DbOrTx, rows: (typeof publicityEntries.$inferInsert)[]) {
  if (rows.length) await tx.insert(publicityEntries).values(rows).onConflictDoNothing();
}

export async function findPublicity(db: DbOrTx, id: number) {
  const [row] = await db
    .select({ publicity: publicities, organisation: organisations })
    .from(publicities)
    .innerJoin(organisations, eq(organisations.id, publicities.organisationId))
    .where(eq(publicities.id, id));
  return row ?? null;
}

export async function publicitiesOf(db: DbOrTx, organisationIds: number[]) {
  if (organisationIds.length === 0) return [];
  return db
    .select({ publicity: publicities, organisation: organisations })
    .from(publicities)
    .innerJoin(organisations, eq(organisations.id, publicities.organisationId))
    .where(inArray(publicities.organisationId, organisationIds))
    .orderBy(sql`${publicities.id} desc`)
    .limit(200);
}

export async function entriesOf(db: DbOrTx, publicityIds: number[]) {
  if (publicityIds.length === 0) return [];
  return db
    .select({ entry: publicityEntries, number: applications.number, applicantName: persons.name })
    .from(publicityEntries)
    .innerJoin(applications, eq(applications.id, publicityEntries.applicationId))
    .innerJoin(persons, eq(persons.id, applications.personId))
    .where(inArray(publicityEntries.publicityId, publicityIds));
}

export async function objectionsOf(db: DbOrTx, publicityIds: number[]) {
  if (publicityIds.length === 0) return [];
  return db
    .select()
    .from(publicityObjections)
    .where(inArray(publicityObjections.publicityId, publicityIds))
    .orderBy(asc(publicityObjections.id));
}

export async function insertObjection(tx: DbOrTx, values: typeof publicityObjections.$inferInsert) {
  const [row] = await tx.insert(publicityObjections).values(values).returning();
  return row!;
}

/**
 * The publicity that counts for this version of the application: the newest one listing it at this
 * version or an earlier one — a publicity held before a return for correction counts for the corrected
 * versions, unless the unit has since held a new one (which is then the newest). `forVersion` is the
 * version it was held for.
 */
export async function publicityOfApplication(db: DbOrTx, applicationId: number, version: number) {
  const [row] = await db
    .select({ publicity: publicities, forVersion: publicityEntries.version })
    .from(publicityEntries)
    .innerJoin(publicities, eq(publicities.id, publicityEntries.publicityId))
    .where(and(eq(publicityEntries.applicationId, applicationId), lte(publicityEntries.version, version)))
    .orderBy(sql`${publicities.id} desc`)
    .limit(1);
  return row ? { ...row.publicity, forVersion: row.forVersion } : null;
}
