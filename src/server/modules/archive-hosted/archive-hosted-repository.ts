import { type SQL, and, desc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { archiveHostedRequests, organisations, persons } from '../../db/schema.js';
import { withIdNumber } from '../../crypto/personal-data-cipher.js';

export type ArchiveHostedRow = typeof archiveHostedRequests.$inferSelect;

export async function findForPersonYear(db: DbOrTx, personId: number, year: number) {
  const [row] = await db
    .select()
    .from(archiveHostedRequests)
    .where(and(eq(archiveHostedRequests.personId, personId), eq(archiveHostedRequests.year, year)));
  return row ?? null;
}

export async function lockRequest(tx: DbOrTx, id: number) {
  const [row] = await tx
    .select()
    .from(archiveHostedRequests)
    .where(eq(archiveHostedRequests.id, id))
    .for('update');
  return row ?? null;
}

export async function insertRequest(tx: DbOrTx, values: typeof archiveHostedRequests.$inferInsert) {
  const [row] = await tx.insert(archiveHostedRequests).values(values).returning();
  return row!;
}

export async function updateRequest(
  tx: DbOrTx,
  id: number,
  set: Partial<typeof archiveHostedRequests.$inferInsert>,
) {
  await tx.update(archiveHostedRequests).set(set).where(eq(archiveHostedRequests.id, id));
}

export async function listRequests(db: DbOrTx, where: SQL | undefined) {
  const rows = await db
    .select({
      request: archiveHostedRequests,
      personName: persons.name,
      idNumberCipher: persons.idNumberCipher,
      agency: organisations,
    })
    .from(archiveHostedRequests)
    .innerJoin(persons, eq(persons.id, archiveHostedRequests.personId))
    .innerJoin(organisations, eq(organisations.id, archiveHostedRequests.personnelAgencyId))
    .where(where)
    .orderBy(desc(archiveHostedRequests.id))
    .limit(2000);
  return rows.map(withIdNumber);
}

export async function requestsByIds(db: DbOrTx, ids: number[]) {
  if (ids.length === 0) return [];
  return db.select().from(archiveHostedRequests).where(inArray(archiveHostedRequests.id, ids));
}
