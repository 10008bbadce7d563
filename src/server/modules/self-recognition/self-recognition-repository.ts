import { and, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import {
  agencies,
  agencyScopeRules,
  applications,
  batches,
  organisations,
  selfRecognitionApplications,
} from '../../db/schema.js';

/** Rows of these organisations ('all': no restriction; an empty list: none). */
function inOrganisations(ids: number[] | 'all') {
  if (ids === 'all') return undefined;
  return ids.length ? inArray(organisations.id, ids) : sql`false`;
}

export async function agencyOfOrganisation(db: DbOrTx, organisationId: number) {
  const [row] = await db.select().from(agencies).where(eq(agencies.organisationId, organisationId));
  return row ?? null;
}

export async function insertAgency(tx: DbOrTx, values: typeof agencies.$inferInsert) {
  const [row] = await tx.insert(agencies).values(values).returning();
  return row!;
}

export async function insertScopeRule(tx: DbOrTx, values: typeof agencyScopeRules.$inferInsert) {
  await tx.insert(agencyScopeRules).values(values);
}

export async function insertBatch(tx: DbOrTx, values: typeof batches.$inferInsert) {
  const [row] = await tx.insert(batches).values(values).returning();
  return row!;
}

/** The annex agencies' scope rules (认定权限: levels × region), with each agency's organisation. */
export async function annexScopeRules(db: DbOrTx) {
  return db
    .select({ rule: agencyScopeRules, agency: agencies, org: organisations })
    .from(agencyScopeRules)
    .innerJoin(agencies, eq(agencies.id, agencyScopeRules.agencyId))
    .innerJoin(organisations, eq(organisations.id, agencies.organisationId))
    .where(eq(agencies.kind, 'annex'));
}

export async function scopeRulesOfAgency(db: DbOrTx, agencyId: number) {
  return db.select().from(agencyScopeRules).where(eq(agencyScopeRules.agencyId, agencyId));
}

/** The unit's batch of that year and number, locked for the filing that replaces it. */
export async function lockBatchOfAgency(tx: DbOrTx, agencyId: number, year: number, number: number) {
  const [row] = await tx
    .select()
    .from(batches)
    .where(and(eq(batches.agencyId, agencyId), eq(batches.year, year), eq(batches.number, number)))
    .for('update');
  return row ?? null;
}

export async function countApplicationsInBatch(db: DbOrTx, batchId: number) {
  const [row] = await db.select({ n: count() }).from(applications).where(eq(applications.batchId, batchId));
  return row?.n ?? 0;
}

export async function findBatchWithUnit(db: DbOrTx, id: number) {
  const [row] = await db
    .select({ batch: batches, agency: agencies, unit: organisations })
    .from(batches)
    .innerJoin(agencies, eq(agencies.id, batches.agencyId))
    .innerJoin(organisations, eq(organisations.id, agencies.organisationId))
    .where(and(eq(batches.id, id), eq(agencies.kind, 'self_recognition')));
  return row ?? null;
}

export async function updateBatch(tx: DbOrTx, id: number, set: Partial<typeof batches.$inferInsert>) {
  await tx.update(batches).set(set).where(eq(batches.id, id));
}

export async function filedBatches(db: DbOrTx, unitIds: number[] | 'all') {
  return db
    .select({ batch: batches, unit: organisations })
    .from(batches)
    .innerJoin(agencies, eq(agencies.id, batches.agencyId))
    .innerJoin(organisations, eq(organisations.id, agencies.organisationId))
    .where(and(eq(agencies.kind, 'self_recognition'), inOrganisations(unitIds)))
    .orderBy(desc(batches.id))
    .limit(500);
}

export async function insertApplication(tx: DbOrTx, values: typeof selfRecognitionApplications.$inferInsert) {
  const [row] = await tx.insert(selfRecognitionApplications).values(values).returning();
  return row!;
}

export async function updateApplication(
  tx: DbOrTx,
  id: number,
  set: Partial<typeof selfRecognitionApplications.$inferInsert>,
) {
  await tx.update(selfRecognitionApplications).set(set).where(eq(selfRecognitionApplications.id, id));
}

export async function listApplications(db: DbOrTx, organisationIds: number[] | 'all') {
  return db
    .select({ application: selfRecognitionApplications, organisation: organisations })
    .from(selfRecognitionApplications)
    .innerJoin(organisations, eq(organisations.id, selfRecognitionApplications.organisationId))
    .where(inOrganisations(organisationIds))
    .orderBy(desc(selfRecognitionApplications.id))
    .limit(500);
}
