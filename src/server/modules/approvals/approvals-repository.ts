import { and, asc, desc, eq, inArray, isNull, notExists, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import {
  agencies,
  applications,
  approvalDocumentItems,
  approvalDocuments,
  batches,
  certificates,
  numberSequences,
  organisations,
  persons,
  policyDocuments,
} from '../../db/schema.js';

/**
 * Takes the next number of an agency's series for a year (created at 1 on first use). The row lock
 * of the upsert serialises concurrent issuers; a number once taken is never handed out again, even
 * if the issuing transaction that took it rolls back (then it is a gap, not a reuse).
 */
export async function takeNumbers(
  db: DbOrTx,
  agencyId: number,
  year: number,
  kind: 'approval' | 'certificate',
  n: number,
) {
  const [row] = await db
    .insert(numberSequences)
    .values({ agencyId, year, kind, next: 1 + n })
    .onConflictDoUpdate({
      target: [numberSequences.agencyId, numberSequences.year, numberSequences.kind],
      set: { next: sql`${numberSequences.next} + ${n}` },
    })
    .returning({ next: numberSequences.next });
  const first = row!.next - n;
  return Array.from({ length: n }, (_, i) => first + i);
}

/** Recognised applications of an agency that have no certificate and are in no other 批复 yet. */
export async function candidates(
  db: DbOrTx,
  agencyId: number,
  filter: { batchId?: number; seriesCode?: string; level?: string; employerId?: number; ids?: number[] },
) {
  return db
    .select({
      app: applications,
      personName: persons.name,
      idNumber: persons.idNumber,
      employerName: organisations.name,
      batchName: batches.name,
      batchYear: batches.year,
    })
    .from(applications)
    .innerJoin(persons, eq(persons.id, applications.personId))
    .innerJoin(organisations, eq(organisations.id, applications.employerId))
    .innerJoin(batches, eq(batches.id, applications.batchId))
    .leftJoin(certificates, eq(certificates.applicationId, applications.id))
    .where(
      and(
        eq(applications.agencyId, agencyId),
        eq(applications.status, 'recognised'),
        isNull(certificates.id),
        notExists(
          db
            .select({ one: sql`1` })
            .from(approvalDocumentItems)
            .innerJoin(approvalDocuments, eq(approvalDocuments.id, approvalDocumentItems.documentId))
            .where(eq(approvalDocumentItems.applicationId, applications.id)),
        ),
        filter.batchId ? eq(applications.batchId, filter.batchId) : undefined,
        filter.level ? eq(applications.targetLevel, filter.level as 'junior') : undefined,
        filter.employerId ? eq(applications.employerId, filter.employerId) : undefined,
        filter.seriesCode ? sql`${applications.form}->>'seriesCode' = ${filter.seriesCode}` : undefined,
        filter.ids ? inArray(applications.id, filter.ids) : undefined,
      ),
    )
    .orderBy(asc(applications.id));
}

export async function insertDocument(db: DbOrTx, values: typeof approvalDocuments.$inferInsert) {
  const [row] = await db.insert(approvalDocuments).values(values).returning();
  return row!;
}

export async function insertItems(db: DbOrTx, documentId: number, applicationIds: number[]) {
  await db
    .insert(approvalDocumentItems)
    .values(applicationIds.map((applicationId, position) => ({ documentId, applicationId, position })));
}

export async function findDocument(db: DbOrTx, id: number) {
  const [row] = await db
    .select({ doc: approvalDocuments, agency: agencies, agencyOrg: organisations })
    .from(approvalDocuments)
    .innerJoin(agencies, eq(agencies.id, approvalDocuments.agencyId))
    .innerJoin(organisations, eq(organisations.id, agencies.organisationId))
    .where(eq(approvalDocuments.id, id));
  return row ?? null;
}

export async function lockDocument(db: DbOrTx, id: number) {
  const [row] = await db.select().from(approvalDocuments).where(eq(approvalDocuments.id, id)).for('update');
  return row ?? null;
}

export async function updateDocument(
  db: DbOrTx,
  id: number,
  set: Partial<typeof approvalDocuments.$inferInsert>,
) {
  const [row] = await db.update(approvalDocuments).set(set).where(eq(approvalDocuments.id, id)).returning();
  return row!;
}

export async function deleteDocument(db: DbOrTx, id: number) {
  await db.delete(approvalDocuments).where(eq(approvalDocuments.id, id));
}

/** The applications of a document in its order, with what a certificate needs. */
export async function documentApplications(db: DbOrTx, documentId: number) {
  return db
    .select({
      app: applications,
      personName: persons.name,
      idNumber: persons.idNumber,
      employerName: organisations.name,
      certificate: certificates,
    })
    .from(approvalDocumentItems)
    .innerJoin(applications, eq(applications.id, approvalDocumentItems.applicationId))
    .innerJoin(persons, eq(persons.id, applications.personId))
    .innerJoin(organisations, eq(organisations.id, applications.employerId))
    .leftJoin(certificates, eq(certificates.applicationId, applications.id))
    .where(eq(approvalDocumentItems.documentId, documentId))
    .orderBy(asc(approvalDocumentItems.position));
}

export async function listDocuments(db: DbOrTx, agencyIds: number[] | 'all') {
  return db
    .select({
      doc: approvalDocuments,
      agencyCode: agencies.code,
      agencyName: organisations.name,
      count: sql<number>`(select count(*)::int from ${approvalDocumentItems} i where i.document_id = ${approvalDocuments.id})`,
    })
    .from(approvalDocuments)
    .innerJoin(agencies, eq(agencies.id, approvalDocuments.agencyId))
    .innerJoin(organisations, eq(organisations.id, agencies.organisationId))
    .where(
      agencyIds === 'all'
        ? undefined
        : inArray(approvalDocuments.agencyId, agencyIds.length ? agencyIds : [-1]),
    )
    .orderBy(desc(approvalDocuments.id))
    .limit(500);
}

export async function insertCertificates(db: DbOrTx, rows: (typeof certificates.$inferInsert)[]) {
  if (rows.length === 0) return [];
  return db.insert(certificates).values(rows).returning();
}

export async function agencyByOrganisation(db: DbOrTx, organisationId: number) {
  const [row] = await db.select().from(agencies).where(eq(agencies.organisationId, organisationId));
  return row ?? null;
}

export async function organisationName(db: DbOrTx, id: number) {
  const [row] = await db
    .select({ name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, id));
  return row?.name ?? '';
}

export async function policyDocumentByNumber(db: DbOrTx, documentNumber: string) {
  const [row] = await db
    .select()
    .from(policyDocuments)
    .where(eq(policyDocuments.documentNumber, documentNumber));
  return row ?? null;
}
