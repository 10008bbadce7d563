/**
 * The backup format shared by `npm run backup` and `npm run restore` (issue 12 item 5).
 *
 * Why our own format and not pg_dump / PGlite's dumpDataDir(): those are two formats, and a backup of
 * one database could not be restored into the other. A title office that starts on the embedded
 * database (PGlite) and later moves to a PostgreSQL server, or tests a production backup on a laptop,
 * needs one format for both. The schema is small and uses only plain types (integer, bigint, boolean,
 * text, text[], date, timestamptz, jsonb), so a logical dump of rows is enough:
 *
 *   <backup>/manifest.json            format, source, migration level, per table: columns, row count,
 *                                     SHA-256 of the canonical rows, the serial sequences' next values;
 *                                     per file: SHA-256 and size. Written last: no manifest, no backup.
 *   <backup>/tables/<table>.jsonl.gz  one line per row, in primary-key order: a JSON array of every
 *                                     column's PostgreSQL text form (or null), as the canonical rows.
 *   <backup>/files/ab/cd/<sha256>     every file the database refers to and every file in the store,
 *                                     laid out as the local store is (the folder can serve as FILES_DIR).
 *
 * The text form is taken under fixed session settings (UTC, ISO dates, shortest exact floats) and rows
 * are ordered by primary key with text compared bytewise (COLLATE "C"), so the same rows give the same
 * bytes and the same SHA-256 on PGlite and on any PostgreSQL, whatever its locale or time zone.
 *
 * What the manifest protects against: a damaged or truncated file, an edited row, a missing table or
 * file. It is not signed: someone who rewrites a table and the manifest together is not caught here —
 * the audit log is (its hash chain, MACs and signed checkpoints are restored row for row, and
 * `npm run audit:verify` checks them after a restore). The keys (SIGNING_KEYS_DIR, AUDIT_KEY) are not
 * in the backup on purpose: they are kept apart from the data (docs/deploy.md).
 */
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { type Tx, rowsOf } from '../db/client.js';

export const BACKUP_FORMAT = 'zc-backup';
export const BACKUP_FORMAT_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';

export interface ManifestColumn {
  name: string;
  /** format_type() of the column, e.g. `timestamp with time zone`, `text[]`. */
  type: string;
}

export interface ManifestTable {
  name: string;
  /** Relative to the backup folder. */
  file: string;
  columns: ManifestColumn[];
  rows: number;
  /** SHA-256 of the canonical rows: each row's line followed by "\n", in the canonical order. */
  sha256: string;
  /** Serial/identity sequences: the value the next insert would take (a decimal string: bigint). */
  sequences: { column: string; next: string }[];
}

export interface ManifestFile {
  sha256: string;
  size: number;
  /** Referred to by a row of the database (uploads.sha256); the others were only in the store. */
  referenced: boolean;
}

export interface Manifest {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_FORMAT_VERSION;
  createdAt: string;
  source: { kind: 'pglite' | 'postgres'; serverVersion: string };
  /** drizzle's `__drizzle_migrations`, oldest first: the schema level the rows belong to. */
  migrations: { hash: string; createdAt: number }[];
  tables: ManifestTable[];
  files: ManifestFile[];
  /** Whether every file in the store was listed, or only those the database refers to. */
  filesScope: 'store' | 'referenced';
}

/** A refusal or failure worth showing to the operator as it is (its message is in Chinese). */
export class BackupError extends Error {}

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

export const tableFileOf = (table: string) => join('tables', `${table}.jsonl.gz`);
export const backupFilePathOf = (sha256: string) =>
  join('files', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
export const isContentAddress = (name: string) => /^[0-9a-f]{64}$/.test(name);

/**
 * Fixed output settings for the text form of every value, for this transaction only: the same value
 * reads the same on every server (time zone and date style are per session settings).
 */
export async function useCanonicalSettings(tx: Tx): Promise<void> {
  for (const s of [
    `set local timezone = 'UTC'`,
    `set local datestyle = 'ISO, YMD'`,
    `set local intervalstyle = 'postgres'`,
    `set local extra_float_digits = 3`,
    `set local bytea_output = 'hex'`,
  ])
    await tx.execute(sql.raw(s));
}

export interface TableInfo {
  name: string;
  columns: (ManifestColumn & { collatable: boolean; identityAlways: boolean })[];
  /** Primary-key columns in key order (empty when the table has none). */
  primaryKey: string[];
  /** Columns whose default draws from a sequence (serial, bigserial, identity). */
  sequenceColumns: string[];
}

/** The application's tables (schema public), their columns, keys and sequences, from the catalogue. */
export async function readTables(tx: Tx): Promise<TableInfo[]> {
  const cols = rowsOf<{
    table: string;
    name: string;
    type: string;
    collatable: boolean;
    identity: string;
    generated: string;
    serial: boolean;
  }>(
    await tx.execute(sql`
      select c.relname as "table", a.attname as name, format_type(a.atttypid, a.atttypmod) as type,
             a.attcollation <> 0 as collatable, a.attidentity::text as identity,
             a.attgenerated::text as generated,
             pg_get_serial_sequence(quote_ident(n.nspname) || '.' || quote_ident(c.relname), a.attname)
               is not null as serial
        from pg_attribute a
        join pg_class c on c.oid = a.attrelid
        join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
       order by c.relname, a.attnum`),
  );
  const keys = rowsOf<{ table: string; column: string }>(
    await tx.execute(sql`
      select k.table_name as "table", k.column_name as "column"
        from information_schema.table_constraints t
        join information_schema.key_column_usage k
          on k.constraint_schema = t.constraint_schema and k.constraint_name = t.constraint_name
         and k.table_name = t.table_name
       where t.constraint_schema = 'public' and t.constraint_type = 'PRIMARY KEY'
       order by k.table_name, k.ordinal_position`),
  );
  const tables = new Map<string, TableInfo>();
  for (const c of cols) {
    let t = tables.get(c.table);
    if (!t) tables.set(c.table, (t = { name: c.table, columns: [], primaryKey: [], sequenceColumns: [] }));
    // A generated column is computed from the others: neither dumped nor loaded.
    if (c.generated !== '') continue;
    t.columns.push({
      name: c.name,
      type: c.type,
      collatable: c.collatable,
      identityAlways: c.identity === 'a',
    });
    if (c.serial) t.sequenceColumns.push(c.name);
  }
  for (const k of keys) tables.get(k.table)?.primaryKey.push(k.column);
  return [...tables.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The canonical order: primary key (or every column), text compared bytewise whatever the locale. */
function orderByOf(t: TableInfo): string {
  const byName = new Map(t.columns.map((c) => [c.name, c]));
  const keyCols = t.primaryKey.length > 0 ? t.primaryKey.map((k) => byName.get(k)!) : t.columns;
  return keyCols
    .map((c) =>
      t.primaryKey.length === 0
        ? `${quoteIdent(c.name)}::text collate "C"`
        : c.collatable
          ? `${quoteIdent(c.name)} collate "C"`
          : quoteIdent(c.name),
    )
    .join(', ');
}

/** The canonical line of a row: its columns' text forms as a JSON array. */
export const lineOf = (values: (string | null)[]) => JSON.stringify(values);

/**
 * Reads a table's canonical rows in batches through a cursor (a large table never sits in memory).
 * Must run inside a transaction that has called useCanonicalSettings().
 */
export async function forEachRowBatch(
  tx: Tx,
  t: TableInfo,
  onBatch: (lines: string[]) => Promise<void> | void,
  batchSize = 2000,
): Promise<void> {
  const select = t.columns.map((c, i) => `${quoteIdent(c.name)}::text as c${i}`).join(', ');
  const cursor = `zc_backup_${t.name.replace(/[^a-z0-9_]/gi, '_')}`;
  await tx.execute(
    sql.raw(
      `declare ${quoteIdent(cursor)} no scroll cursor for select ${select || 'null'} from public.${quoteIdent(t.name)} order by ${orderByOf(t) || '1'}`,
    ),
  );
  try {
    for (;;) {
      const rows = rowsOf<Record<string, string | null>>(
        await tx.execute(sql.raw(`fetch forward ${batchSize} from ${quoteIdent(cursor)}`)),
      );
      if (rows.length === 0) break;
      await onBatch(rows.map((r) => lineOf(t.columns.map((_, i) => r[`c${i}`] ?? null))));
      if (rows.length < batchSize) break;
    }
  } finally {
    await tx.execute(sql.raw(`close ${quoteIdent(cursor)}`));
  }
}

/** Row count and SHA-256 of a table's canonical rows, as the manifest records them. */
export async function digestTable(tx: Tx, t: TableInfo): Promise<{ rows: number; sha256: string }> {
  const hash = createHash('sha256');
  let rows = 0;
  await forEachRowBatch(tx, t, (lines) => {
    for (const line of lines) hash.update(line + '\n');
    rows += lines.length;
  });
  return { rows, sha256: hash.digest('hex') };
}

/** The next value of each sequence-backed column (what the next insert would take). */
export async function readSequences(tx: Tx, t: TableInfo): Promise<{ column: string; next: string }[]> {
  const out: { column: string; next: string }[] = [];
  for (const column of t.sequenceColumns) {
    const [seq] = rowsOf<{ name: string }>(
      await tx.execute(
        sql`select pg_get_serial_sequence(${`public.${quoteIdent(t.name)}`}, ${column}) as name`,
      ),
    );
    const [state] = rowsOf<{ last: string; called: boolean }>(
      await tx.execute(sql.raw(`select last_value::text as last, is_called as called from ${seq!.name}`)),
    );
    out.push({ column, next: (BigInt(state!.last) + (state!.called ? 1n : 0n)).toString() });
  }
  return out;
}

/** drizzle's record of applied migrations (none when the database was never migrated). */
export async function readMigrationLevel(tx: Tx): Promise<{ hash: string; createdAt: number }[]> {
  const [exists] = rowsOf<{ ok: boolean }>(
    await tx.execute(sql`select to_regclass('drizzle.__drizzle_migrations') is not null as ok`),
  );
  if (!exists?.ok) return [];
  return rowsOf<{ hash: string; created_at: string | number }>(
    await tx.execute(sql`select hash, created_at from drizzle.__drizzle_migrations order by created_at, id`),
  ).map((r) => ({ hash: r.hash, createdAt: Number(r.created_at) }));
}

export const formatBytes = (n: number) =>
  n >= 1024 * 1024
    ? `${(n / 1024 / 1024).toFixed(1)} MB`
    : n >= 1024
      ? `${(n / 1024).toFixed(1)} KB`
      : `${n} B`;

/** Runs `work` over the items, at most `limit` at a time (files are copied a few at once). */
export async function forEachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Flushes a file (or a folder, for the names in it) to the disk. */
export async function syncPath(path: string): Promise<void> {
  const fh = await open(path, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}
