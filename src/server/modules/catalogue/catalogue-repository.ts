import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import {
  agencies,
  agencyScopeRules,
  batches,
  organisations,
  regions,
  series,
  specialties,
} from '../../db/schema.js';

export async function listRegions(db: DbOrTx) {
  return db.select().from(regions).orderBy(asc(regions.sortOrder), asc(regions.id));
}

export async function listAgenciesWithScopes(db: DbOrTx) {
  const rows = await db
    .select({ agency: agencies, org: organisations })
    .from(agencies)
    .innerJoin(organisations, eq(organisations.id, agencies.organisationId))
    .orderBy(asc(agencies.sortOrder), asc(agencies.id));
  const rules = await db
    .select({ rule: agencyScopeRules, region: regions })
    .from(agencyScopeRules)
    .innerJoin(regions, eq(regions.id, agencyScopeRules.regionId))
    .orderBy(asc(agencyScopeRules.id));
  return rows.map((r) => ({ ...r, rules: rules.filter((x) => x.rule.agencyId === r.agency.id) }));
}

export async function listBatches(db: DbOrTx, year: number) {
  return db
    .select()
    .from(batches)
    .where(eq(batches.year, year))
    .orderBy(asc(batches.agencyId), asc(batches.number));
}

export async function findAgencyByCode(db: DbOrTx, code: string) {
  const [row] = await db.select().from(agencies).where(eq(agencies.code, code));
  return row ?? null;
}

export async function updateAgency(db: DbOrTx, id: number, set: Partial<typeof agencies.$inferInsert>) {
  await db.update(agencies).set(set).where(eq(agencies.id, id));
}

export async function findBatch(db: DbOrTx, id: number) {
  const [row] = await db.select().from(batches).where(eq(batches.id, id));
  return row ?? null;
}

export async function updateBatch(db: DbOrTx, id: number, set: Partial<typeof batches.$inferInsert>) {
  await db.update(batches).set(set).where(eq(batches.id, id));
}

export async function listSeriesWithSpecialties(db: DbOrTx) {
  const all = await db.select().from(series).orderBy(asc(series.sortOrder), asc(series.id));
  const sps = await db.select().from(specialties).orderBy(asc(specialties.sortOrder), asc(specialties.id));
  return all.map((s) => ({ ...s, specialties: sps.filter((x) => x.seriesId === s.id) }));
}

export async function findSeriesByCode(db: DbOrTx, code: string) {
  const [row] = await db.select().from(series).where(eq(series.code, code));
  return row ?? null;
}

export async function insertSeries(db: DbOrTx, values: typeof series.$inferInsert) {
  const [row] = await db.insert(series).values(values).returning();
  return row!;
}

export async function updateSeries(db: DbOrTx, id: number, set: Partial<typeof series.$inferInsert>) {
  await db.update(series).set(set).where(eq(series.id, id));
}

export async function listSpecialties(db: DbOrTx, seriesId: number) {
  return db
    .select()
    .from(specialties)
    .where(eq(specialties.seriesId, seriesId))
    .orderBy(asc(specialties.sortOrder));
}

export async function insertSpecialty(db: DbOrTx, values: typeof specialties.$inferInsert) {
  const [row] = await db.insert(specialties).values(values).returning();
  return row!;
}
