/**
 * `npm run restore`: loads a backup (backup-format.ts) into an empty database, PGlite or PostgreSQL,
 * whichever the backup came from, and copies its files into the file store.
 *
 *  1. The whole backup is checked before anything is written: every table's rows against the
 *     manifest's count and SHA-256, every file against its SHA-256 and size. A damaged backup is
 *     refused with the target untouched.
 *  2. In ONE transaction: the schema is built by this program's own migrations up to the backup's
 *     level (not further: the rows belong to that level), the rows are loaded with the user triggers
 *     switched off (the audit log's append-only and queueing triggers, the reference_version bumps —
 *     the rows of audit_log, audit_pending, audit_chain, audit_head, audit_checkpoints and
 *     reference_version are loaded exactly as they were) and the foreign keys dropped and added back
 *     afterwards (which checks them all), the sequences are set past the loaded rows, every table is
 *     read back and compared with the manifest again, newer migrations of this program (if any) are
 *     applied as an upgrade would, the files are copied into the store (each checked), and only then
 *     is it committed. Any failure rolls everything back.
 *
 * Switching triggers off with ALTER TABLE … DISABLE TRIGGER needs only ownership of the tables (the
 * restore has just created them), not the superuser that `session_replication_role = replica` needs,
 * so it works the same on PGlite and on a PostgreSQL where the application's role is not a superuser.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { type Database, type Tx, rowsOf } from '../db/client.js';
import { migrationsDir } from '../paths.js';
import type { FileStorage } from '../storage/file-storage.js';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  BackupError,
  MANIFEST_FILE,
  type Manifest,
  type ManifestTable,
  type TableInfo,
  backupFilePathOf,
  digestTable,
  forEachLimited,
  quoteIdent,
  readTables,
  useCanonicalSettings,
} from './backup-format.js';

export interface RestoreOptions {
  database: Database;
  storage: FileStorage;
  fromDir: string;
  /** Replace whatever the target database holds (its tables are dropped in the same transaction). */
  force?: boolean;
  log?: (line: string) => void;
}

export interface RestoreSummary {
  manifest: Manifest;
  tables: number;
  rows: number;
  filesCopied: number;
  filesPresent: number;
  fileBytes: number;
  /** Migrations of this program newer than the backup, applied after loading. */
  upgraded: number;
  seconds: number;
}

const damaged = (what: string) =>
  new BackupError(`备份已损坏：${what}；未做任何恢复，目标数据库与文件存储保持原样`);

async function readManifest(dir: string): Promise<Manifest> {
  let text: string;
  try {
    text = await readFile(join(dir, MANIFEST_FILE), 'utf8');
  } catch {
    throw new BackupError(`${dir} 中没有 ${MANIFEST_FILE}：这不是一个备份，或者备份没有完成`);
  }
  let m: Manifest;
  try {
    m = JSON.parse(text) as Manifest;
  } catch {
    throw damaged(`${MANIFEST_FILE} 无法解析`);
  }
  if (m?.format !== BACKUP_FORMAT || !Array.isArray(m.tables) || !Array.isArray(m.files))
    throw damaged(`${MANIFEST_FILE} 不是本系统的备份清单`);
  if (m.version !== BACKUP_FORMAT_VERSION)
    throw new BackupError(
      `备份格式版本 ${String(m.version)} 不受本程序支持（支持 ${BACKUP_FORMAT_VERSION}），请用相应版本的程序恢复`,
    );
  return m;
}

/** Lines of a table file (the raw lines the manifest's hash covers). */
function linesOf(path: string): AsyncIterable<string> {
  const input = createReadStream(path).pipe(createGunzip());
  return createInterface({ input, crlfDelay: Infinity });
}

async function checkTableFile(dir: string, t: ManifestTable): Promise<void> {
  const hash = createHash('sha256');
  let rows = 0;
  try {
    await pipeline(
      createReadStream(join(dir, t.file)),
      createGunzip(),
      async (source: AsyncIterable<Buffer>) => {
        for await (const chunk of source) {
          hash.update(chunk);
          for (const b of chunk) if (b === 10) rows++;
        }
      },
    );
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw damaged(
      code === 'ENOENT'
        ? `缺少表 ${t.name} 的数据文件 ${t.file}`
        : `表 ${t.name} 的数据文件 ${t.file} 无法解压（${(e as Error).message}）`,
    );
  }
  const sha256 = hash.digest('hex');
  if (rows !== t.rows || sha256 !== t.sha256)
    throw damaged(
      `表 ${t.name} 的数据与清单不符（清单 ${t.rows} 行，文件中 ${rows} 行${sha256 !== t.sha256 ? '，SHA-256 不一致' : ''}）`,
    );
}

async function checkBackupFile(dir: string, f: Manifest['files'][number]): Promise<void> {
  const path = join(dir, backupFilePathOf(f.sha256));
  const hash = createHash('sha256');
  try {
    if ((await stat(path)).size !== f.size) throw damaged(`文件 ${f.sha256} 的大小与清单不符`);
    await pipeline(createReadStream(path), hash);
  } catch (e) {
    if (e instanceof BackupError) throw e;
    throw damaged(`缺少文件 ${backupFilePathOf(f.sha256)}`);
  }
  if (hash.digest('hex') !== f.sha256) throw damaged(`文件 ${f.sha256} 的内容与其 SHA-256 不符`);
}

/** How many objects the target holds; a restore writes only into an empty database (or --force). */
async function targetObjects(database: Database): Promise<{ relations: number; migrated: boolean }> {
  const [r] = rowsOf<{ relations: number; migrated: boolean }>(
    await database.db.execute(sql`
      select (select count(*)::int from pg_class c join pg_namespace n on n.oid = c.relnamespace
               where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'S')) as relations,
             to_regclass('drizzle.__drizzle_migrations') is not null as migrated`),
  );
  return r!;
}

/** --force: drops what the migrations create (tables, views, sequences, types, functions, drizzle). */
async function dropEverything(tx: Tx): Promise<void> {
  const notFromExtension = (oid: string) =>
    `not exists (select 1 from pg_depend d where d.objid = ${oid} and d.deptype = 'e')`;
  const rels = rowsOf<{ name: string; kind: string }>(
    await tx.execute(
      sql.raw(`select c.relname as name, c.relkind::text as kind from pg_class c
                 join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'S') and ${notFromExtension('c.oid')}
                order by c.relkind desc`),
    ),
  );
  const kindWord: Record<string, string> = {
    r: 'table',
    p: 'table',
    v: 'view',
    m: 'materialized view',
    S: 'sequence',
  };
  for (const r of rels)
    await tx.execute(sql.raw(`drop ${kindWord[r.kind]} if exists public.${quoteIdent(r.name)} cascade`));
  const fns = rowsOf<{ sig: string }>(
    await tx.execute(
      sql.raw(`select p.oid::regprocedure::text as sig from pg_proc p
                where p.pronamespace = 'public'::regnamespace and ${notFromExtension('p.oid')}`),
    ),
  );
  for (const f of fns) await tx.execute(sql.raw(`drop routine if exists ${f.sig} cascade`));
  const types = rowsOf<{ name: string }>(
    await tx.execute(
      sql.raw(`select t.typname as name from pg_type t
                where t.typnamespace = 'public'::regnamespace and t.typtype in ('e', 'd') and ${notFromExtension('t.oid')}`),
    ),
  );
  for (const t of types)
    await tx.execute(sql.raw(`drop type if exists public.${quoteIdent(t.name)} cascade`));
  await tx.execute(sql.raw('drop schema if exists drizzle cascade'));
}

type Migration = ReturnType<typeof readMigrationFiles>[number];

/** As drizzle's migrator does, but inside our transaction (drizzle's opens one of its own). */
async function applyMigrations(tx: Tx, migrations: Migration[], recorded?: Manifest['migrations']) {
  await tx.execute(sql.raw('create schema if not exists drizzle'));
  await tx.execute(
    sql.raw(
      'create table if not exists drizzle.__drizzle_migrations (id serial primary key, hash text not null, created_at bigint)',
    ),
  );
  for (const [i, m] of migrations.entries()) {
    for (const statement of m.sql) await tx.execute(sql.raw(statement));
    // Up to the backup's level, the backup's own record of it (the same, unless a file was edited).
    const hash = recorded?.[i]?.hash ?? m.hash;
    await tx.execute(
      sql`insert into drizzle.__drizzle_migrations (hash, created_at) values (${hash}, ${m.folderMillis})`,
    );
  }
}

/** The schema level: this program's migrations up to the backup's, and the newer ones. */
function planMigrations(manifest: Manifest, log: (line: string) => void) {
  const ours = readMigrationFiles({ migrationsFolder: migrationsDir });
  const level = manifest.migrations;
  for (const [i, m] of level.entries()) {
    const mine = ours[i];
    if (!mine || mine.folderMillis !== m.createdAt)
      throw new BackupError(
        `备份来自更新（或不同）版本的系统：其第 ${i + 1} 个数据库迁移在本程序中不存在。请用与备份时相同或更新的程序版本恢复`,
      );
    if (mine.hash !== m.hash)
      log(`  提示：第 ${i + 1} 个数据库迁移的文件内容与备份时不同（时间戳相同），按本程序的迁移建表`);
  }
  return { upToLevel: ours.slice(0, level.length), newer: ours.slice(level.length) };
}

function sameColumns(t: TableInfo, m: ManifestTable): boolean {
  return (
    t.columns.length === m.columns.length &&
    t.columns.every((c, i) => c.name === m.columns[i]!.name && c.type === m.columns[i]!.type)
  );
}

/** Loads a table's lines in batches: one INSERT … SELECT from a JSON array of text forms per batch. */
async function loadTable(tx: Tx, dir: string, t: TableInfo, m: ManifestTable): Promise<void> {
  const casts = t.columns.map((c, i) => `(r->>${i})::${c.type}`).join(', ');
  const columns = t.columns.map((c) => quoteIdent(c.name)).join(', ');
  const overriding = t.columns.some((c) => c.identityAlways) ? ' overriding system value' : '';
  const head = sql.raw(
    `insert into public.${quoteIdent(t.name)} (${columns})${overriding} select ${casts} from jsonb_array_elements(`,
  );
  const tail = sql.raw('::jsonb) as r');
  let batch: string[] = [];
  let bytes = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const values = `[${batch.join(',')}]`;
    await tx.execute(sql`${head}${values}${tail}`);
    batch = [];
    bytes = 0;
  };
  for await (const line of linesOf(join(dir, m.file))) {
    batch.push(line);
    bytes += line.length;
    if (batch.length >= 2000 || bytes >= 4 * 1024 * 1024) await flush();
  }
  await flush();
}

export async function runRestore(opts: RestoreOptions): Promise<RestoreSummary> {
  const started = performance.now();
  const log = opts.log ?? (() => undefined);
  const { database, storage, fromDir } = opts;

  const target = await targetObjects(database);
  if ((target.relations > 0 || target.migrated) && !opts.force)
    throw new BackupError(
      `目标数据库不是空的（已有 ${target.relations} 个表或序列${target.migrated ? '，并已执行过迁移' : ''}）。` +
        '恢复只写入空数据库；如确要用备份替换其中的全部数据，请加 --force',
    );

  const manifest = await readManifest(fromDir);
  const plan = planMigrations(manifest, log);
  log(`核对备份（${manifest.tables.length} 张表，${manifest.files.length} 个文件）…`);
  for (const t of manifest.tables) await checkTableFile(fromDir, t);
  await forEachLimited(manifest.files, 4, (f) => checkBackupFile(fromDir, f));
  log('备份完整，开始载入…');

  let filesCopied = 0;
  let filesPresent = 0;
  let fileBytes = 0;
  await database.db.transaction(async (tx) => {
    await useCanonicalSettings(tx);
    if (opts.force) await dropEverything(tx);
    await applyMigrations(tx, plan.upToLevel, manifest.migrations);

    const tables = await readTables(tx);
    const byName = new Map(tables.map((t) => [t.name, t]));
    for (const m of manifest.tables) {
      const t = byName.get(m.name);
      if (!t) throw new BackupError(`本程序在备份的迁移级别上没有表 ${m.name}，无法恢复`);
      if (!sameColumns(t, m))
        throw new BackupError(
          `表 ${m.name} 的列与备份不一致（备份：${m.columns.map((c) => `${c.name} ${c.type}`).join(', ')}；` +
            `本程序：${t.columns.map((c) => `${c.name} ${c.type}`).join(', ')}），无法恢复`,
        );
    }
    const extra = tables.filter((t) => !manifest.tables.some((m) => m.name === t.name));
    if (extra.length > 0)
      throw new BackupError(
        `备份中缺少表 ${extra.map((t) => t.name).join('、')}（迁移级别相同时不应如此），无法恢复`,
      );

    // The migrations' own rows (reference_version's first row, …) give way to the backup's.
    await tx.execute(sql.raw(`truncate ${tables.map((t) => `public.${quoteIdent(t.name)}`).join(', ')}`));
    const triggers = rowsOf<{ table: string; name: string }>(
      await tx.execute(sql`
        select c.relname as "table", g.tgname as name from pg_trigger g
          join pg_class c on c.oid = g.tgrelid join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = 'public' and not g.tgisinternal and g.tgenabled <> 'D'`),
    );
    for (const g of triggers)
      await tx.execute(
        sql.raw(`alter table public.${quoteIdent(g.table)} disable trigger ${quoteIdent(g.name)}`),
      );
    const foreignKeys = rowsOf<{ table: string; name: string; def: string }>(
      await tx.execute(sql`
        select c.relname as "table", k.conname as name, pg_get_constraintdef(k.oid) as def from pg_constraint k
          join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = 'public' and k.contype = 'f'`),
    );
    for (const k of foreignKeys)
      await tx.execute(
        sql.raw(`alter table public.${quoteIdent(k.table)} drop constraint ${quoteIdent(k.name)}`),
      );

    for (const m of manifest.tables) {
      await loadTable(tx, fromDir, byName.get(m.name)!, m);
      log(`  表 ${m.name}：${m.rows} 行`);
    }

    // Adding the keys back checks every row against them.
    for (const k of foreignKeys)
      await tx.execute(
        sql.raw(`alter table public.${quoteIdent(k.table)} add constraint ${quoteIdent(k.name)} ${k.def}`),
      );
    for (const g of triggers)
      await tx.execute(
        sql.raw(`alter table public.${quoteIdent(g.table)} enable trigger ${quoteIdent(g.name)}`),
      );
    for (const m of manifest.tables)
      for (const s of m.sequences) {
        const table = `public.${quoteIdent(m.name)}`;
        await tx.execute(
          sql`select setval(pg_get_serial_sequence(${table}, ${s.column}),
                greatest(${s.next}::bigint, coalesce((select max(${sql.raw(quoteIdent(s.column))}) from ${sql.raw(table)}), 0)::bigint + 1),
                false)`,
        );
      }

    // Read back what was loaded, the same way the backup read it.
    for (const m of manifest.tables) {
      const d = await digestTable(tx, byName.get(m.name)!);
      if (d.rows !== m.rows || d.sha256 !== m.sha256)
        throw new BackupError(
          `载入后核对不一致：表 ${m.name}（清单 ${m.rows} 行，载入 ${d.rows} 行${d.sha256 !== m.sha256 ? '，SHA-256 不一致' : ''}）；已全部撤销`,
        );
    }
    log('  载入后逐表核对行数与 SHA-256：与清单一致');
    const inBackup = new Set(manifest.files.map((f) => f.sha256));
    const referenced = byName.has('uploads')
      ? rowsOf<{ sha256: string }>(await tx.execute(sql`select distinct sha256 from uploads`))
      : [];
    for (const r of referenced)
      if (!inBackup.has(r.sha256) && !(await storage.has(r.sha256)))
        throw damaged(`数据库引用的文件 ${r.sha256} 既不在备份中，也不在文件存储中`);

    if (plan.newer.length > 0) {
      log(`  本程序比备份新 ${plan.newer.length} 个数据库迁移，执行升级…`);
      await applyMigrations(tx, plan.newer);
    }

    // Files last, still inside the transaction: a failure here undoes the database too.
    await forEachLimited(manifest.files, 4, async (f) => {
      fileBytes += f.size;
      if (await storage.has(f.sha256)) {
        filesPresent++;
        return;
      }
      const content = await readFile(join(fromDir, backupFilePathOf(f.sha256)));
      const stored = await storage.put(content);
      if (stored.sha256 !== f.sha256) throw damaged(`文件 ${f.sha256} 的内容与其 SHA-256 不符`);
      filesCopied++;
    });
    log(`  文件：复制 ${filesCopied} 个，已存在 ${filesPresent} 个`);
  });
  // Fresh statistics for the planner (PostgreSQL would gather them later by itself).
  await database.db.execute(sql.raw('analyze'));
  return {
    manifest,
    tables: manifest.tables.length,
    rows: manifest.tables.reduce((n, t) => n + t.rows, 0),
    filesCopied,
    filesPresent,
    fileBytes,
    upgraded: plan.newer.length,
    seconds: (performance.now() - started) / 1000,
  };
}
