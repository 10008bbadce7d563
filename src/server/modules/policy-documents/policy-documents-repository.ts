import { desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { policyDocuments } from '../../db/schema.js';

export type PolicyDocumentRow = typeof policyDocuments.$inferSelect;

export async function listDocuments(db: DbOrTx) {
  return db
    .select()
    .from(policyDocuments)
    .orderBy(desc(policyDocuments.publishedOn), desc(policyDocuments.id));
}

export async function findDocument(db: DbOrTx, id: number) {
  const [row] = await db.select().from(policyDocuments).where(eq(policyDocuments.id, id));
  return row ?? null;
}

export async function insertDocument(db: DbOrTx, values: typeof policyDocuments.$inferInsert) {
  const [row] = await db.insert(policyDocuments).values(values).returning();
  return row!;
}

export async function updateDocument(
  db: DbOrTx,
  id: number,
  set: Partial<typeof policyDocuments.$inferInsert>,
) {
  await db.update(policyDocuments).set(set).where(eq(policyDocuments.id, id));
}
