import { and, count, desc, eq, gte, ilike, inArray, lt, lte, or, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import {
  agencies,
  applications,
  certificates,
  certificateVerifications,
  organisations,
  persons,
} from '../../db/schema.js';
import { containsPattern } from '../../db/like.js';
import { withIdNumber } from '../../crypto/personal-data-cipher.js';

export async function findByNumber(db: DbOrTx, number: string) {
  const [row] = await db.select().from(certificates).where(eq(certificates.number, number));
  return row ?? null;
}

export async function findCertificate(db: DbOrTx, id: number) {
  const [row] = await db
    .select({
      cert: certificates,
      agency: agencies,
      agencyOrg: organisations,
      idNumberCipher: persons.idNumberCipher,
    })
    .from(certificates)
    .innerJoin(agencies, eq(agencies.id, certificates.agencyId))
    .innerJoin(organisations, eq(organisations.id, agencies.organisationId))
    .innerJoin(persons, eq(persons.id, certificates.personId))
    .where(eq(certificates.id, id));
  return row ? withIdNumber(row) : null;
}

export async function lockCertificate(db: DbOrTx, id: number) {
  const [row] = await db.select().from(certificates).where(eq(certificates.id, id)).for('update');
  return row ?? null;
}

export async function updateCertificate(
  db: DbOrTx,
  id: number,
  set: Partial<typeof certificates.$inferInsert>,
) {
  const [row] = await db.update(certificates).set(set).where(eq(certificates.id, id)).returning();
  return row!;
}

export async function recordVerification(db: DbOrTx, values: typeof certificateVerifications.$inferInsert) {
  await db.insert(certificateVerifications).values(values);
}

export async function certificatesOfPerson(db: DbOrTx, personId: number) {
  return db
    .select()
    .from(certificates)
    .where(eq(certificates.personId, personId))
    .orderBy(desc(certificates.id));
}

export async function verificationsOf(db: DbOrTx, certificateIds: number[]) {
  if (certificateIds.length === 0) return [];
  return db
    .select()
    .from(certificateVerifications)
    .where(inArray(certificateVerifications.certificateId, certificateIds))
    .orderBy(desc(certificateVerifications.at))
    .limit(200);
}

export interface CertificateFilter {
  q?: string;
  status?: 'valid' | 'revoked';
  seriesCode?: string;
  level?: 'junior' | 'assistant' | 'intermediate';
  from?: string;
  to?: string;
}

function where(visible: SQL, f: CertificateFilter) {
  const like = f.q ? containsPattern(f.q) : null;
  return and(
    visible,
    f.status ? eq(certificates.status, f.status) : undefined,
    f.seriesCode ? eq(certificates.seriesCode, f.seriesCode) : undefined,
    f.level ? eq(certificates.level, f.level) : undefined,
    f.from ? gte(certificates.issuedOn, f.from) : undefined,
    f.to ? lte(certificates.issuedOn, f.to) : undefined,
    like
      ? or(
          ilike(certificates.name, like),
          ilike(certificates.number, like),
          ilike(certificates.employer, like),
        )
      : undefined,
  );
}

/** One page of the certificates `visible` selects (by the agency's organisation path), with the total. */
export async function listCertificates(
  db: DbOrTx,
  visible: SQL,
  f: CertificateFilter,
  page: number,
  pageSize: number,
) {
  const w = where(visible, f);
  const [total] = await db
    .select({ n: count() })
    .from(certificates)
    .innerJoin(agencies, eq(agencies.id, certificates.agencyId))
    .innerJoin(organisations, eq(organisations.id, agencies.organisationId))
    .where(w);
  const items = await db
    .select({ cert: certificates })
    .from(certificates)
    .innerJoin(agencies, eq(agencies.id, certificates.agencyId))
    .innerJoin(organisations, eq(organisations.id, agencies.organisationId))
    .where(w)
    .orderBy(desc(certificates.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { total: total?.n ?? 0, items: items.map((r) => r.cert) };
}

export async function applicantAccountOf(db: DbOrTx, applicationId: number) {
  const [row] = await db
    .select({ accountId: applications.applicantAccountId })
    .from(applications)
    .where(eq(applications.id, applicationId));
  return row?.accountId ?? null;
}

/**
 * One chunk of the export, newest first, after `beforeId` (keyset): the certificate, the holder's ID
 * number and the application's form (education, work start) — read in chunks so that 100 000 rows
 * never sit in memory.
 */
export async function exportChunk(
  db: DbOrTx,
  visible: SQL,
  f: CertificateFilter,
  beforeId: number | null,
  limit: number,
) {
  const rows = await db
    .select({ cert: certificates, idNumberCipher: persons.idNumberCipher, form: applications.form })
    .from(certificates)
    .innerJoin(agencies, eq(agencies.id, certificates.agencyId))
    .innerJoin(organisations, eq(organisations.id, agencies.organisationId))
    .innerJoin(persons, eq(persons.id, certificates.personId))
    .innerJoin(applications, eq(applications.id, certificates.applicationId))
    .where(and(where(visible, f), beforeId === null ? undefined : lt(certificates.id, beforeId)))
    .orderBy(desc(certificates.id))
    .limit(limit);
  return rows.map(withIdNumber);
}

/** Revokes the application's certificate if it has a valid one (fraud found after issue); returns it. */
export async function revokeForApplication(db: DbOrTx, applicationId: number, at: Date, reason: string) {
  const [row] = await db
    .update(certificates)
    .set({ status: 'revoked', revokedAt: at, revokeReason: reason })
    .where(and(eq(certificates.applicationId, applicationId), eq(certificates.status, 'valid')))
    .returning();
  return row ?? null;
}
