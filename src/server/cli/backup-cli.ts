/**
 * `npm run backup -- --out <folder>`: a consistent backup of the configured database (PGlite under
 * DATA_DIR, or PostgreSQL at DATABASE_URL) and of the file store, in the one format that
 * `npm run restore` loads into either database (format and reasons: src/server/backup/backup-format.ts).
 * The folder must be new or empty. Exit 0 when the backup is complete, 1 otherwise (nothing half-done
 * is left behind). The PGlite database is opened by one process at a time: stop the server first.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type Config, ConfigError, loadConfig } from '../config.js';
import { type Database, openDatabase } from '../db/client.js';
import { BackupError, formatBytes } from '../backup/backup-format.js';
import { runBackup } from '../backup/backup.js';
import { fileStoreOf } from './backup-storage.js';

const USAGE = '用法：npm run backup -- --out <备份目录>';

async function main(): Promise<number> {
  let out: string | undefined;
  try {
    const { values } = parseArgs({
      options: { out: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h' } },
    });
    if (values.help) {
      console.log(USAGE);
      return 0;
    }
    out = values.out;
  } catch (e) {
    console.error(`参数错误：${(e as Error).message}\n${USAGE}`);
    return 1;
  }
  if (!out) {
    console.error(`请用 --out 指定备份目录\n${USAGE}`);
    return 1;
  }
  const outDir = resolve(out);
  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    console.error(e instanceof ConfigError ? e.message : (e as Error).message);
    return 1;
  }
  if (!config.DATABASE_URL && !existsSync(config.DATA_DIR)) {
    console.error(`备份失败：数据目录 ${resolve(config.DATA_DIR)} 不存在（请检查 DATA_DIR 或 DATABASE_URL）`);
    return 1;
  }
  const existed = existsSync(outDir);
  if (existed && (await readdir(outDir)).length > 0) {
    console.error(`备份失败：备份目录 ${outDir} 不是空的；请指定一个新的或空的目录`);
    return 1;
  }
  let database: Database | undefined;
  const store = fileStoreOf(config);
  try {
    database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
    await mkdir(outDir, { recursive: true });
    console.log(
      `开始备份${database.kind === 'pglite' ? '内置数据库（PGlite）' : ' PostgreSQL 数据库'}到 ${outDir} …`,
    );
    const s = await runBackup({
      database,
      storage: store.storage,
      listStore: store.list,
      outDir,
      log: (line) => console.log(line),
    });
    const m = s.manifest;
    const referenced = m.files.filter((f) => f.referenced).length;
    console.log(`备份完成：${outDir}`);
    console.log(
      `  数据库：${m.tables.length} 张表，共 ${s.rows} 行；迁移级别 ${m.migrations.length}；每张表的行数与 SHA-256 记入 manifest.json`,
    );
    console.log(
      `  文件：${m.files.length} 个，共 ${formatBytes(s.fileBytes)}（数据库引用 ${referenced} 个` +
        (m.filesScope === 'store'
          ? `，存储中其余 ${m.files.length - referenced} 个）`
          : '；文件存储不能列出全部文件，未被引用的文件未备份）') +
        '，SHA-256 均已核对',
    );
    console.log(`  用时 ${s.seconds.toFixed(1)} 秒`);
    console.log('注意：签名密钥与审计密钥（SIGNING_KEYS_DIR、AUDIT_KEY）不在备份中，请另行加密保管。');
    return 0;
  } catch (e) {
    console.error(`备份失败：${e instanceof BackupError ? e.message : (e as Error).message}`);
    // Nothing half-done stays: the folder goes (or is emptied, when it was there before).
    if (existed) {
      for (const name of await readdir(outDir).catch(() => []))
        await rm(resolve(outDir, name), { recursive: true, force: true });
    } else await rm(outDir, { recursive: true, force: true });
    return 1;
  } finally {
    await database?.close().catch(() => undefined);
    store.close();
  }
}

process.exitCode = await main();
