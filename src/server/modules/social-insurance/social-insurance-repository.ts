import { type SQL, and, count, desc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { containsPattern } from '../../db/like.js';
import {
  accounts,
  organisations,
  persons,
  socialInsuranceImports,
  socialInsuranceRecords,
} from '../../db/schema.js';

export async function existingIdNumbers(db: DbOrTx, idNumbers: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < idNumbers.length; i += 1000) {
    const chunk = idNumbers.slice(i, i + 1000);
    const rows = await db
      .select({ id: socialInsuranceRecords.idNumber })
      .from(socialInsuranceRecords)
      .where(inArray(socialInsuranceRecords.idNumber, chunk));
    rows.forEach((r) => found.add(r.id));
  }
  return found;
}

export async function insertImport(db: DbOrTx, values: typeof socialInsuranceImports.$inferInsert) {
  const [row] = await db.insert(socialInsuranceImports).values(values).returning();
  return row!;
}

export async function upsertRecords(
  db: DbOrTx,
  records: { idNumber: string; name: string; insuredUnitName: string; months: number }[],
  importId: number,
  at: Date,
) {
  for (let i = 0; i < records.length; i += 500) {
    await db
      .insert(socialInsuranceRecords)
      .values(records.slice(i, i + 500).map((r) => ({ ...r, importId, updatedAt: at })))
      .onConflictDoUpdate({
        target: socialInsuranceRecords.idNumber,
        set: {
          name: sql`excluded.name`,
          insuredUnitName: sql`excluded.insured_unit_name`,
          months: sql`excluded.months`,
          importId: sql`excluded.import_id`,
          updatedAt: sql`excluded.updated_at`,
        },
      });
  }
}

export async function listRecords(
  db: DbOrTx,
  orgScope: SQL,
  q: string | undefined,
  page: number,
  pageSize: number,
) {
  const like = q ? containsPattern(q) : null;
  const where = and(
    orgScope,
    q
      ? or(
          ilike(socialInsuranceRecords.name, like!),
          ilike(socialInsuranceRecords.insuredUnitName, like!),
          eq(socialInsuranceRecords.idNumber, q.toUpperCase()),
        )
      : undefined,
  );
  const base = db
    .select({ record: socialInsuranceRecords, orgName: organisations.name })
    .from(socialInsuranceRecords)
    .innerJoin(socialInsuranceImports, eq(socialInsuranceImports.id, socialInsuranceRecords.importId))
    .innerJoin(organisations, eq(organisations.id, socialInsuranceImports.organisationId));
  const [total] = await db
    .select({ n: count() })
    .from(socialInsuranceRecords)
    .innerJoin(socialInsuranceImports, eq(socialInsuranceImports.id, socialInsuranceRecords.importId))
    .innerJoin(organisations, eq(organisations.id, socialInsuranceImports.organisationId))
    .where(where);
  const items = await base
    .where(where)
    .orderBy(desc(socialInsuranceRecords.updatedAt), desc(socialInsuranceRecords.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { total: total?.n ?? 0, items };
}

export async function listImports(db: DbOrTx, orgScope: SQL) {
  return db
    .select({ imp: socialInsuranceImports, orgName: organisations.name, personName: persons.name })
    .from(socialInsuranceImports)
    .innerJoin(organisations, eq(organisations.id, socialInsuranceImports.organisationId))
    .innerJoin(accounts, eq(accounts.id, socialInsuranceImports.accountId))
    .innerJoin(persons, eq(persons.id, accounts.personId))
    .where(orgScope)
    .orderBy(desc(socialInsuranceImports.id))
    .limit(200);
}
