import { and, eq, gte, inArray, isNull, lte, or } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { batches, blacklistEntries, eligibilityDecisions } from '../../db/schema.js';
import { idNumberIndexes } from '../../crypto/personal-data-cipher.js';

/** The blacklist entry in force for this ID number on `day`, if any. */
export async function blacklistEntryInForce(db: DbOrTx, idNumber: string, day: string) {
  const [row] = await db
    .select()
    .from(blacklistEntries)
    .where(
      and(
        inArray(blacklistEntries.idNumberIndex, idNumberIndexes(idNumber)),
        isNull(blacklistEntries.revokedAt),
        lte(blacklistEntries.startsOn, day),
        or(isNull(blacklistEntries.endsOn), gte(blacklistEntries.endsOn, day)),
      ),
    )
    .limit(1);
  return row ?? null;
}

export async function findBatch(db: DbOrTx, id: number) {
  const [row] = await db.select().from(batches).where(eq(batches.id, id));
  return row ?? null;
}

export async function insertDecision(db: DbOrTx, values: typeof eligibilityDecisions.$inferInsert) {
  const [row] = await db
    .insert(eligibilityDecisions)
    .values(values)
    .returning({ id: eligibilityDecisions.id });
  return row!.id;
}

export async function findDecision(db: DbOrTx, id: number) {
  const [row] = await db.select().from(eligibilityDecisions).where(eq(eligibilityDecisions.id, id));
  return row ?? null;
}
