import { eq, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { applicationVersions, applications, uploads } from '../../db/schema.js';

export type UploadRow = typeof uploads.$inferSelect;

export async function insertUpload(db: DbOrTx, values: typeof uploads.$inferInsert) {
  const [row] = await db.insert(uploads).values(values).returning();
  return row!;
}

/** Several uploads in one statement, answered in the order given (their ids ascend in that order). */
export async function insertUploads(db: DbOrTx, values: (typeof uploads.$inferInsert)[]) {
  if (values.length === 0) return [];
  const rows = await db.insert(uploads).values(values).returning();
  return rows.sort((a, b) => a.id - b.id);
}

export async function findUpload(db: DbOrTx, id: number) {
  const [row] = await db.select().from(uploads).where(eq(uploads.id, id));
  return row ?? null;
}

/**
 * The applications whose working copy or a submitted version refers to this upload (as a page of a
 * material or of a 业绩成果's evidence, or as a material's combined PDF) — whoever may see one of them
 * may see the file.
 */
export async function applicationIdsReferencing(db: DbOrTx, uploadId: number) {
  const page = JSON.stringify([{ uploadIds: [uploadId] }]);
  const combined = JSON.stringify([{ combined: { uploadId } }]);
  const inForms = await db
    .select({ id: applications.id })
    .from(applications)
    .where(
      or(
        sql`${applications.form}->'materials' @> ${page}::jsonb`,
        sql`${applications.form}->'achievements' @> ${page}::jsonb`,
      ),
    );
  const inVersions = await db
    .selectDistinct({ id: applicationVersions.applicationId })
    .from(applicationVersions)
    .where(
      or(
        sql`${applicationVersions.snapshot}->'materials' @> ${page}::jsonb`,
        sql`${applicationVersions.snapshot}->'materials' @> ${combined}::jsonb`,
        sql`${applicationVersions.snapshot}->'form'->'achievements' @> ${page}::jsonb`,
      ),
    );
  return [...new Set([...inForms, ...inVersions].map((r) => r.id))];
}
