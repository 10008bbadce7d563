import { type SQL, and, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import {
  applications,
  blacklistEntries,
  censureRecords,
  organisations,
  recordViews,
} from '../../db/schema.js';
import { idNumberColumns } from '../../crypto/personal-data-cipher.js';

type BlacklistValues = Omit<
  typeof blacklistEntries.$inferInsert,
  'legacyIdNumber' | 'idNumberCipher' | 'idNumberIndex'
>;

/** The ID number is stored encrypted with its blind index (issue 13 item 5). */
export async function insertBlacklistEntry(tx: DbOrTx, values: BlacklistValues & { idNumber: string }) {
  const { idNumber, ...rest } = values;
  const [row] = await tx
    .insert(blacklistEntries)
    .values({ ...rest, ...idNumberColumns(idNumber) })
    .returning();
  return row!;
}

export async function listBlacklist(db: DbOrTx, where?: SQL) {
  return db
    .select({ entry: blacklistEntries, organisationName: organisations.name })
    .from(blacklistEntries)
    .leftJoin(organisations, eq(organisations.id, blacklistEntries.organisationId))
    .where(where)
    .orderBy(desc(blacklistEntries.id))
    .limit(2000);
}

export async function findBlacklistEntry(db: DbOrTx, id: number) {
  const [row] = await db.select().from(blacklistEntries).where(eq(blacklistEntries.id, id));
  return row ?? null;
}

export async function revokeBlacklistEntry(tx: DbOrTx, id: number, at: Date) {
  await tx.update(blacklistEntries).set({ revokedAt: at }).where(eq(blacklistEntries.id, id));
}

export async function insertCensures(tx: DbOrTx, rows: (typeof censureRecords.$inferInsert)[]) {
  if (rows.length) await tx.insert(censureRecords).values(rows);
}

export async function listCensures(db: DbOrTx) {
  return db
    .select({ record: censureRecords, number: applications.number, employerId: applications.employerId })
    .from(censureRecords)
    .innerJoin(applications, eq(applications.id, censureRecords.applicationId))
    .orderBy(desc(censureRecords.id))
    .limit(2000);
}

export async function recordView(db: DbOrTx, values: typeof recordViews.$inferInsert) {
  await db.insert(recordViews).values(values).onConflictDoNothing();
}

export async function viewsOf(db: DbOrTx, applicationId: number) {
  return db
    .select()
    .from(recordViews)
    .where(and(eq(recordViews.applicationId, applicationId)))
    .orderBy(desc(recordViews.firstAt))
    .limit(500);
}
