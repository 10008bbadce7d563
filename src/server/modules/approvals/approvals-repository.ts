import { and, asc, count, desc, eq, ilike, inArray, notExists, or, sql } from 'drizzle-orm';
import { containsPattern } from '../../db/like.js';
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
  reviewActions,
} from '../../db/schema.js';
import { withIdNumber } from '../../crypto/personal-data-cipher.js';

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
  const rows = await db
    .select({
      app: applications,
      personName: persons.name,
      idNumberCipher: persons.idNumberCipher,
      employerName: organisations.name,
      batchName: batches.name,
      batchYear: batches.year,
    })
    .from(applications)
    .innerJoin(persons, eq(persons.id, applications.personId))
    .innerJoin(organisations, eq(organisations.id, applications.employerId))
    .innerJoin(batches, eq(batches.id, applications.batchId))
    .where(
      and(
        eq(applications.agencyId, agencyId),
        eq(applications.status, 'recognised'),
        // Waiting for a certificate: none valid (never issued, or revoked as a mistake and to be
        // issued again by a new 批复), and not already in a draft.
        notExists(
          db
            .select({ one: sql`1` })
            .from(certificates)
            .where(and(eq(certificates.applicationId, applications.id), eq(certificates.status, 'valid'))),
        ),
        notExists(
          db
            .select({ one: sql`1` })
            .from(approvalDocumentItems)
            .innerJoin(approvalDocuments, eq(approvalDocuments.id, approvalDocumentItems.documentId))
            .where(
              and(
                eq(approvalDocumentItems.applicationId, applications.id),
                eq(approvalDocuments.status, 'draft'),
              ),
            ),
        ),
        filter.batchId ? eq(applications.batchId, filter.batchId) : undefined,
        filter.level ? eq(applications.targetLevel, filter.level as 'junior') : undefined,
        filter.employerId ? eq(applications.employerId, filter.employerId) : undefined,
        filter.seriesCode ? sql`${applications.form}->>'seriesCode' = ${filter.seriesCode}` : undefined,
        filter.ids ? inArray(applications.id, filter.ids) : undefined,
      ),
    )
    .orderBy(asc(applications.id));
  return rows.map(withIdNumber);
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
  const rows = await db
    .select({
      app: applications,
      personName: persons.name,
      idNumberCipher: persons.idNumberCipher,
      employerName: organisations.name,
      /** The certificate this document issued to the person (null while a draft). */
      certificate: certificates,
      /** Whether the person holds a valid certificate for the application (from any 批复). */
      certified: sql<boolean>`exists (select 1 from ${certificates} v where v.application_id = ${applications.id} and v.status = 'valid')`,
    })
    .from(approvalDocumentItems)
    .innerJoin(applications, eq(applications.id, approvalDocumentItems.applicationId))
    .innerJoin(persons, eq(persons.id, applications.personId))
    .innerJoin(organisations, eq(organisations.id, applications.employerId))
    .leftJoin(
      certificates,
      and(
        eq(certificates.applicationId, applications.id),
        eq(certificates.documentId, approvalDocumentItems.documentId),
      ),
    )
    .where(eq(approvalDocumentItems.documentId, documentId))
    .orderBy(asc(approvalDocumentItems.position));
  return rows.map(withIdNumber);
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

export interface DecidedFilter {
  outcome?: 'recognised' | 'rejected' | 'cancelled';
  batchId?: number;
  seriesCode?: string;
  level?: 'junior' | 'assistant' | 'intermediate';
  q?: string;
}

/**
 * The agency's 已办结: applications it decided (recognised, rejected by one of its seats, or
 * cancelled after it acted), newest decision first, one page, with the total and the count per
 * outcome over the other filters. An application rejected at the unit never reached the agency and
 * is not its to list.
 */
export async function decided(
  db: DbOrTx,
  agency: { id: number; organisationId: number },
  f: DecidedFilter,
  page: number,
  pageSize: number,
) {
  const actedAt =
    sql<Date>`(select max(ra.created_at) from ${reviewActions} ra where ra.application_id = ${applications.id} and ra.organisation_id = ${agency.organisationId})`.mapWith(
      reviewActions.createdAt,
    );
  const like = f.q ? containsPattern(f.q) : null;
  const base = and(
    eq(applications.agencyId, agency.id),
    inArray(applications.status, ['recognised', 'rejected', 'cancelled']),
    sql`exists (select 1 from ${reviewActions} ra where ra.application_id = ${applications.id} and ra.organisation_id = ${agency.organisationId})`,
    f.batchId ? eq(applications.batchId, f.batchId) : undefined,
    f.level ? eq(applications.targetLevel, f.level) : undefined,
    f.seriesCode ? sql`${applications.form}->>'seriesCode' = ${f.seriesCode}` : undefined,
    like
      ? or(ilike(persons.name, like), ilike(applications.number, like), ilike(certificates.number, like))
      : undefined,
  );
  // The certificate shown is the valid one, else the latest revoked one.
  const latestCertificate = and(
    eq(certificates.applicationId, applications.id),
    sql`${certificates.id} = (select c2.id from ${certificates} c2 where c2.application_id = ${applications.id} order by (c2.status = 'valid') desc, c2.id desc limit 1)`,
  );
  const counted = await db
    .select({ status: applications.status, n: count() })
    .from(applications)
    .innerJoin(persons, eq(persons.id, applications.personId))
    .leftJoin(certificates, latestCertificate)
    .where(base)
    .groupBy(applications.status);
  const items = await db
    .select({
      app: applications,
      personName: persons.name,
      employerName: organisations.name,
      batchName: batches.name,
      batchYear: batches.year,
      decidedAt: actedAt,
      certificateNumber: certificates.number,
      certificateStatus: certificates.status,
      documentNumber: certificates.documentNumber,
    })
    .from(applications)
    .innerJoin(persons, eq(persons.id, applications.personId))
    .innerJoin(organisations, eq(organisations.id, applications.employerId))
    .innerJoin(batches, eq(batches.id, applications.batchId))
    .leftJoin(certificates, latestCertificate)
    .where(and(base, f.outcome ? eq(applications.status, f.outcome) : undefined))
    .orderBy(desc(actedAt), desc(applications.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const counts = { recognised: 0, rejected: 0, cancelled: 0 };
  for (const c of counted) counts[c.status as keyof typeof counts] = c.n;
  return { counts, items };
}
