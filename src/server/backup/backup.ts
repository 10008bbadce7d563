/**
 * `npm run backup`: one consistent snapshot of the database (a REPEATABLE READ, READ ONLY
 * transaction) written table by table in the format of backup-format.ts, then every file the
 * snapshot refers to and every other file in the store, each copied with its SHA-256 checked.
 * The manifest is written last, so a folder without one is an unfinished backup.
 */
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { type Database, type Tx, rowsOf } from '../db/client.js';
import type { FileStorage } from '../storage/file-storage.js';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  BackupError,
  MANIFEST_FILE,
  type Manifest,
  type ManifestFile,
  type ManifestTable,
  type TableInfo,
  backupFilePathOf,
  forEachLimited,
  forEachRowBatch,
  isContentAddress,
  readMigrationLevel,
  readSequences,
  readTables,
  syncPath,
  tableFileOf,
  useCanonicalSettings,
} from './backup-format.js';

export interface BackupOptions {
  database: Database;
  storage: FileStorage;
  /**
   * Every file in the store, when the store can say (a local folder is walked; a store with a
   * `list()` is asked). Null: only the files the database refers to are copied.
   */
  listStore: (() => AsyncIterable<string>) | null;
  outDir: string;
  log?: (line: string) => void;
}

export interface BackupSummary {
  manifest: Manifest;
  rows: number;
  fileBytes: number;
  seconds: number;
}

/** A local content-addressed folder's files (<root>/ab/cd/<sha256>), skipping unfinished .tmp files. */
export async function* walkLocalStore(root: string): AsyncIterable<string> {
  let entries;
  try {
    entries = await readdir(root, { recursive: true, withFileTypes: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  for (const e of entries) if (e.isFile() && isContentAddress(e.name)) yield e.name;
}

/** Writes a table's canonical rows, gzipped, and returns their count and SHA-256 (of the raw lines). */
async function writeTable(tx: Tx, table: TableInfo, path: string): Promise<{ rows: number; sha256: string }> {
  await mkdir(dirname(path), { recursive: true });
  const gzip = createGzip();
  const done = pipeline(gzip, createWriteStream(path, { flags: 'wx' }));
  const hash = createHash('sha256');
  let rows = 0;
  try {
    await forEachRowBatch(tx, table, async (lines) => {
      const chunk = lines.join('\n') + '\n';
      hash.update(chunk);
      rows += lines.length;
      if (!gzip.write(chunk)) await once(gzip, 'drain');
    });
  } finally {
    gzip.end();
    await done;
  }
  await syncPath(path);
  return { rows, sha256: hash.digest('hex') };
}

/** Copies one stored file into the backup, refusing one whose bytes do not match its address. */
async function copyStoredFile(storage: FileStorage, sha256: string, target: string): Promise<number> {
  await mkdir(dirname(target), { recursive: true });
  const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  const hash = createHash('sha256');
  let size = 0;
  try {
    await pipeline(
      storage.stream(sha256),
      async function* (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          hash.update(chunk);
          size += chunk.length;
          yield chunk;
        }
      },
      createWriteStream(temp, { flags: 'wx' }) as Writable,
    );
  } catch (e) {
    await rm(temp, { force: true });
    if ((e as NodeJS.ErrnoException).code === 'ENOENT')
      throw new BackupError(`文件存储中缺少文件 ${sha256}（数据库引用了它）；文件存储已不完整，备份未完成`);
    throw e;
  }
  if (hash.digest('hex') !== sha256) {
    await rm(temp, { force: true });
    throw new BackupError(`文件存储中的文件 ${sha256} 内容与其 SHA-256 不符（已损坏）；备份未完成`);
  }
  await syncPath(temp);
  await rename(temp, target);
  return size;
}

export async function runBackup(opts: BackupOptions): Promise<BackupSummary> {
  const started = performance.now();
  const log = opts.log ?? (() => undefined);
  const { database, outDir } = opts;

  const snapshot = await database.db.transaction(
    async (tx) => {
      await useCanonicalSettings(tx);
      const tables = await readTables(tx);
      if (tables.length === 0)
        throw new BackupError(
          '数据库中没有任何表，没有可备份的内容（请检查 DATA_DIR 或 DATABASE_URL 是否指向正确的数据库）',
        );
      const migrations = await readMigrationLevel(tx);
      const [version] = rowsOf<{ v: string }>(
        await tx.execute(sql`select current_setting('server_version') as v`),
      );
      const entries: ManifestTable[] = [];
      for (const t of tables) {
        const file = tableFileOf(t.name);
        const { rows, sha256 } = await writeTable(tx, t, join(outDir, file));
        entries.push({
          name: t.name,
          file,
          columns: t.columns.map((c) => ({ name: c.name, type: c.type })),
          rows,
          sha256,
          sequences: await readSequences(tx, t),
        });
        log(`  表 ${t.name}：${rows} 行`);
      }
      // The files this snapshot refers to: they were stored before their rows committed.
      const referenced = tables.some((t) => t.name === 'uploads')
        ? rowsOf<{ sha256: string }>(await tx.execute(sql`select distinct sha256 from uploads`)).map(
            (r) => r.sha256,
          )
        : [];
      return { tables: entries, migrations, serverVersion: version?.v ?? '', referenced };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );

  const wanted = new Map<string, boolean>(snapshot.referenced.map((s) => [s, true]));
  if (opts.listStore) for await (const sha of opts.listStore()) if (!wanted.has(sha)) wanted.set(sha, false);
  const files: ManifestFile[] = [];
  let fileBytes = 0;
  const sizes = new Map<string, number>();
  await forEachLimited([...wanted.keys()], 4, async (sha256) => {
    sizes.set(sha256, await copyStoredFile(opts.storage, sha256, join(outDir, backupFilePathOf(sha256))));
  });
  for (const [sha256, referenced] of [...wanted].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const size = sizes.get(sha256)!;
    files.push({ sha256, size, referenced });
    fileBytes += size;
  }
  log(`  文件：${files.length} 个`);

  const manifest: Manifest = {
    format: BACKUP_FORMAT,
    version: BACKUP_FORMAT_VERSION,
    createdAt: new Date().toISOString(),
    source: { kind: database.kind, serverVersion: snapshot.serverVersion },
    migrations: snapshot.migrations,
    tables: snapshot.tables,
    files,
    filesScope: opts.listStore ? 'store' : 'referenced',
  };
  const temp = join(outDir, `${MANIFEST_FILE}.tmp`);
  await writeFile(temp, JSON.stringify(manifest, null, 1) + '\n', { flag: 'wx' });
  await syncPath(temp);
  await rename(temp, join(outDir, MANIFEST_FILE));
  await syncPath(outDir);
  return {
    manifest,
    rows: snapshot.tables.reduce((n, t) => n + t.rows, 0),
    fileBytes,
    seconds: (performance.now() - started) / 1000,
  };
}
