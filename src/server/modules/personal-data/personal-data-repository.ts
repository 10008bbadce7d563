/**
 * Batches of the rows that hold personal data, for the start-up conversion of clear values and for key
 * rotation (`personal-data-service.ts`). The three tables and their columns are fixed here, never taken
 * from input.
 */
import { type SQL, sql } from 'drizzle-orm';
import { type Db, type DbOrTx, rowsOf } from '../../db/client.js';

export type PersonalTable = 'persons' | 'social_insurance_records' | 'blacklist_entries';
export const PERSONAL_TABLES: PersonalTable[] = ['persons', 'social_insurance_records', 'blacklist_entries'];

/** Only persons has a mobile number. */
const hasMobile = (t: PersonalTable) => t === 'persons';

export interface StoredPersonalRow {
  id: number;
  idNumber: string | null;
  mobile: string | null;
}

export interface EncryptedPersonalRow {
  id: number;
  idNumberCipher: string | null;
  idNumberIndex: string | null;
  mobileCipher: string | null;
}

/** Rows still holding a clear value (from before migration 0017), oldest first. */
export async function clearRows(
  db: DbOrTx,
  table: PersonalTable,
  limit: number,
): Promise<StoredPersonalRow[]> {
  const t = sql.identifier(table);
  const mobile = hasMobile(table) ? sql`mobile` : sql`null::text`;
  const clear = hasMobile(table)
    ? sql`id_number is not null or mobile is not null`
    : sql`id_number is not null`;
  return rowsOf<StoredPersonalRow>(
    await db.execute(
      sql`select id, id_number as "idNumber", ${mobile} as mobile from ${t} where ${clear} order by id limit ${limit}`,
    ),
  );
}

/** Encrypted rows after `afterId` with a value not under the current key (`zc1:<kid>:…`). */
export async function rowsNotUnderKey(
  db: DbOrTx,
  table: PersonalTable,
  keyId: string,
  afterId: number,
  limit: number,
): Promise<StoredPersonalRow[]> {
  const t = sql.identifier(table);
  const prefix = `zc1:${keyId}:%`;
  const mobile = hasMobile(table) ? sql`mobile_cipher` : sql`null::text`;
  const stale = hasMobile(table)
    ? sql`(id_number_cipher not like ${prefix} or mobile_cipher not like ${prefix})`
    : sql`id_number_cipher not like ${prefix}`;
  return rowsOf<StoredPersonalRow>(
    await db.execute(
      sql`select id, id_number_cipher as "idNumber", ${mobile} as mobile from ${t}
          where id > ${afterId} and ${stale} order by id limit ${limit}`,
    ),
  );
}

/** Writes the encrypted values and clears the clear columns, one statement per batch. */
export async function storeEncrypted(
  db: DbOrTx,
  table: PersonalTable,
  rows: EncryptedPersonalRow[],
): Promise<void> {
  if (rows.length === 0) return;
  const values = sql.join(
    rows.map(
      (r) =>
        sql`(${r.id}::integer, ${r.idNumberCipher}::text, ${r.idNumberIndex}::text, ${r.mobileCipher}::text)`,
    ),
    sql`, `,
  );
  const mobile: SQL = hasMobile(table) ? sql`, mobile_cipher = v.m, mobile = null` : sql``;
  await db.execute(
    sql`update ${sql.identifier(table)} as t
        set id_number_cipher = v.c, id_number_index = v.i, id_number = null${mobile}
        from (values ${values}) as v(id, c, i, m) where t.id = v.id`,
  );
}

/**
 * Accounts whose username was their person's ID number (the old default) sign in by the ID number
 * instead: the username goes, before the person's clear ID number does.
 */
export async function clearIdNumberUsernames(db: DbOrTx): Promise<number> {
  const res = await db.execute(
    sql`update accounts as a set username = null from persons as p
        where p.id = a.person_id and p.id_number is not null and upper(a.username) = p.id_number
        returning a.id`,
  );
  return rowsOf<{ id: number }>(res).length;
}

/**
 * Rewrites the tables whose rows held clear numbers. An UPDATE leaves the old row version in the table's
 * pages until vacuum reuses the space, so a copy of the data directory (PGlite's ./data) would still hold
 * the clear numbers; VACUUM FULL writes each table anew without them. Outside any transaction; takes an
 * exclusive lock for a moment, once, at the start that converts.
 */
export async function rewritePersonalTables(db: Db): Promise<void> {
  await db.execute(sql`vacuum full persons, social_insurance_records, blacklist_entries, accounts`);
}
