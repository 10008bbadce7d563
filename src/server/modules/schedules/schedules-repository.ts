import { and, asc, count, eq, inArray, max, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { agencies, applications, batches, organisations, schedules } from '../../db/schema.js';

export async function listSchedules(db: DbOrTx) {
  return db
    .select({
      schedule: schedules,
      batchCount: sql<number>`(select count(*)::int from ${batches} b join ${agencies} a on a.id = b.agency_id
        where b.year = ${schedules.year} and a.kind = 'annex' and b.state <> 'cancelled')`,
    })
    .from(schedules)
    .orderBy(asc(schedules.year));
}

export async function findSchedule(db: DbOrTx, year: number) {
  const [row] = await db.select().from(schedules).where(eq(schedules.year, year));
  return row ?? null;
}

/** Locks the year's schedule row for a change (one owner of its state). */
export async function lockSchedule(db: DbOrTx, year: number) {
  const [row] = await db.select().from(schedules).where(eq(schedules.year, year)).for('update');
  return row ?? null;
}

/** Inserts the schedule unless the year has one; returns whether it did. */
export async function insertSchedule(db: DbOrTx, values: typeof schedules.$inferInsert) {
  const rows = await db.insert(schedules).values(values).onConflictDoNothing().returning();
  return rows.length > 0;
}

export async function updateSchedule(db: DbOrTx, year: number, set: Partial<typeof schedules.$inferInsert>) {
  await db.update(schedules).set(set).where(eq(schedules.year, year));
}

export async function deleteSchedule(db: DbOrTx, year: number) {
  await db.delete(schedules).where(eq(schedules.year, year));
}

/** The annex agencies (the notice's 21, or whatever the reference data holds) with their organisations. */
export async function listAnnexAgencies(db: DbOrTx) {
  return db
    .select({ agency: agencies, org: organisations })
    .from(agencies)
    .innerJoin(organisations, eq(organisations.id, agencies.organisationId))
    .where(eq(agencies.kind, 'annex'))
    .orderBy(asc(agencies.sortOrder), asc(agencies.id));
}

/** The annex agencies' batches of a year, with how many applications each holds. */
export async function listYearBatches(db: DbOrTx, year: number) {
  return db
    .select({
      batch: batches,
      applicationCount: sql<number>`(select count(*)::int from ${applications} x where x.batch_id = ${batches.id})`,
    })
    .from(batches)
    .innerJoin(agencies, eq(agencies.id, batches.agencyId))
    .where(and(eq(batches.year, year), eq(agencies.kind, 'annex')))
    .orderBy(asc(batches.agencyId), asc(batches.number));
}

/** Per published year, the last day any window of it closes (for the public home's year). */
export async function publishedYears(db: DbOrTx) {
  return db
    .select({ year: schedules.year, lastClosesOn: max(batches.closesOn) })
    .from(schedules)
    .leftJoin(batches, and(eq(batches.year, schedules.year), eq(batches.state, 'published')))
    .where(eq(schedules.status, 'published'))
    .groupBy(schedules.year)
    .orderBy(asc(schedules.year));
}

export async function insertBatches(db: DbOrTx, rows: (typeof batches.$inferInsert)[]) {
  if (rows.length === 0) return [];
  return db.insert(batches).values(rows).returning();
}

export async function lockBatch(db: DbOrTx, id: number) {
  const [row] = await db.select().from(batches).where(eq(batches.id, id)).for('update');
  return row ?? null;
}

export async function updateBatch(db: DbOrTx, id: number, set: Partial<typeof batches.$inferInsert>) {
  const [row] = await db.update(batches).set(set).where(eq(batches.id, id)).returning();
  return row!;
}

export async function countApplications(db: DbOrTx, batchId: number) {
  const [row] = await db.select({ n: count() }).from(applications).where(eq(applications.batchId, batchId));
  return row?.n ?? 0;
}

export async function nextBatchNumber(db: DbOrTx, agencyId: number, year: number) {
  const [row] = await db
    .select({ n: max(batches.number) })
    .from(batches)
    .where(and(eq(batches.agencyId, agencyId), eq(batches.year, year)));
  return (row?.n ?? 0) + 1;
}

/** Makes the draft batches of these agencies in the year visible; returns how many. */
export async function publishDraftBatches(db: DbOrTx, year: number, agencyIds: number[]) {
  if (agencyIds.length === 0) return 0;
  const rows = await db
    .update(batches)
    .set({ state: 'published' })
    .where(and(eq(batches.year, year), eq(batches.state, 'draft'), inArray(batches.agencyId, agencyIds)))
    .returning({ id: batches.id });
  return rows.length;
}

/** Removes a draft's batches (never published, so no application can be in them). */
export async function deleteDraftBatches(db: DbOrTx, year: number, agencyIds: number[]) {
  if (agencyIds.length === 0) return 0;
  const rows = await db
    .delete(batches)
    .where(and(eq(batches.year, year), eq(batches.state, 'draft'), inArray(batches.agencyId, agencyIds)))
    .returning({ id: batches.id });
  return rows.length;
}
