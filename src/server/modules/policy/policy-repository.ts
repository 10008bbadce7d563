import { and, desc, eq, lte } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { policyVersions } from '../../db/schema.js';

export type PolicyVersionRow = typeof policyVersions.$inferSelect;

/** The version in force on `date`: the newest published one whose effective date has come. */
export async function findInForce(db: DbOrTx, date: string): Promise<PolicyVersionRow | null> {
  const [row] = await db
    .select()
    .from(policyVersions)
    .where(and(eq(policyVersions.status, 'published'), lte(policyVersions.effectiveFrom, date)))
    .orderBy(desc(policyVersions.effectiveFrom), desc(policyVersions.publishedAt), desc(policyVersions.id))
    .limit(1);
  return row ?? null;
}

export async function listVersions(db: DbOrTx) {
  return db
    .select()
    .from(policyVersions)
    .orderBy(desc(policyVersions.effectiveFrom), desc(policyVersions.id));
}

export async function findVersion(db: DbOrTx, id: number) {
  const [row] = await db.select().from(policyVersions).where(eq(policyVersions.id, id));
  return row ?? null;
}

export async function findByCode(db: DbOrTx, code: string) {
  const [row] = await db.select().from(policyVersions).where(eq(policyVersions.code, code));
  return row ?? null;
}

export async function insertVersion(db: DbOrTx, values: typeof policyVersions.$inferInsert) {
  const [row] = await db.insert(policyVersions).values(values).returning();
  return row!;
}

export async function updateVersion(
  db: DbOrTx,
  id: number,
  set: Partial<typeof policyVersions.$inferInsert>,
) {
  await db.update(policyVersions).set(set).where(eq(policyVersions.id, id));
}

export async function deleteVersion(db: DbOrTx, id: number) {
  await db.delete(policyVersions).where(eq(policyVersions.id, id));
}
