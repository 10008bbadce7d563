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
import { idNumberColumns, idNumberIndexes, personalData } from '../../crypto/personal-data-cipher.js';

/** The ID numbers among these that have a record: by blind index under every key held (issue 13 item 5). */
export async function existingIdNumbers(db: DbOrTx, idNumbers: string[]): Promise<Set<string>> {
  const cipher = personalData();
  const byIndex = new Map<string, string>();
  for (const id of idNumbers) for (const ix of cipher.blindIndexes('id_number', id)) byIndex.set(ix, id);
  const indexes = [...byIndex.keys()];
  const found = new Set<string>();
  for (let i = 0; i < indexes.length; i += 1000) {
    const rows = await db
      .select({ ix: socialInsuranceRecords.idNumberIndex })
      .from(socialInsuranceRecords)
      .where(inArray(socialInsuranceRecords.idNumberIndex, indexes.slice(i, i + 1000)));
    rows.forEach((r) => found.add(byIndex.get(r.ix!)!));
  }
  return found;
}

/**
 * While a key rotation is under way, a record may still carry its index under an older key: move it to
 * the current key's index first, so that the upsert below updates it instead of adding a second record.
 */
async function moveToCurrentIndex(db: DbOrTx, idNumbers: string[]) {
  const cipher = personalData();
  const pairs = idNumbers.flatMap((id) => {
    const [current, ...older] = cipher.blindIndexes('id_number', id);
    return older.map((o) => sql`(${o}::text, ${current}::text)`);
  });
  for (let i = 0; i < pairs.length; i += 1000) {
    await db.execute(
      sql`update ${socialInsuranceRecords} set id_number_index = v.n
          from (values ${sql.join(pairs.slice(i, i + 1000), sql`, `)}) as v(o, n) where id_number_index = v.o`,
    );
  }
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
  const cipher = personalData();
  if (cipher.keys.keyIds().length > 1)
    await moveToCurrentIndex(
      db,
      records.map((r) => r.idNumber),
    );
  for (let i = 0; i < records.length; i += 500) {
    await db
      .insert(socialInsuranceRecords)
      .values(
        records.slice(i, i + 500).map(({ idNumber, ...r }) => ({
          ...r,
          ...idNumberColumns(idNumber),
          importId,
          updatedAt: at,
        })),
      )
      .onConflictDoUpdate({
        target: socialInsuranceRecords.idNumberIndex,
        set: {
          idNumberCipher: sql`excluded.id_number_cipher`,
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
          inArray(socialInsuranceRecords.idNumberIndex, idNumberIndexes(q)),
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
