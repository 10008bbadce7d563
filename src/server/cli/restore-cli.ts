/**
 * `npm run restore -- --from <folder> [--force]`: loads a backup made by `npm run backup` into the
 * configured database (PGlite under DATA_DIR, or PostgreSQL at DATABASE_URL — either, whichever the
 * backup came from) and copies its files into the configured file store. Only into an empty database
 * unless --force (then everything in it is replaced). The backup is checked in full first, and the
 * load is one transaction: a damaged backup or any failure leaves the target as it was.
 * Exit 0 when restored and verified, 1 otherwise. Stop the server before restoring.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type Config, ConfigError, loadConfig } from '../config.js';
import { type Database, openDatabase } from '../db/client.js';
import { BackupError, formatBytes } from '../backup/backup-format.js';
import { runRestore } from '../backup/restore.js';
import { fileStoreOf } from './backup-storage.js';

const USAGE = '用法：npm run restore -- --from <备份目录> [--force]';

async function main(): Promise<number> {
  let from: string | undefined;
  let force: boolean;
  try {
    const { values } = parseArgs({
      options: {
        from: { type: 'string', short: 'f' },
        force: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      console.log(USAGE);
      return 0;
    }
    from = values.from;
    force = values.force ?? false;
  } catch (e) {
    console.error(`参数错误：${(e as Error).message}\n${USAGE}`);
    return 1;
  }
  if (!from) {
    console.error(`请用 --from 指定备份目录\n${USAGE}`);
    return 1;
  }
  const fromDir = resolve(from);
  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    console.error(e instanceof ConfigError ? e.message : (e as Error).message);
    return 1;
  }
  let database: Database | undefined;
  const store = fileStoreOf(config);
  try {
    database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
    console.log(
      `从 ${fromDir} 恢复到${database.kind === 'pglite' ? `内置数据库（PGlite，${resolve(config.DATA_DIR)}）` : ' PostgreSQL 数据库'}${force ? '（--force：替换其中全部数据）' : ''} …`,
    );
    const s = await runRestore({
      database,
      storage: store.storage,
      fromDir,
      force,
      log: (l) => console.log(l),
    });
    const m = s.manifest;
    console.log(
      `恢复完成：备份时间 ${m.createdAt}，来源 ${m.source.kind === 'pglite' ? 'PGlite' : 'PostgreSQL'} ${m.source.serverVersion}`,
    );
    console.log(
      `  数据库：${s.tables} 张表，共 ${s.rows} 行，载入后逐表核对行数与 SHA-256，均与清单一致；迁移级别 ${m.migrations.length}` +
        (s.upgraded > 0 ? `，并执行了本程序较新的 ${s.upgraded} 个迁移` : ''),
    );
    console.log(
      `  文件：${m.files.length} 个，共 ${formatBytes(s.fileBytes)}（复制 ${s.filesCopied} 个，存储中已有 ${s.filesPresent} 个），SHA-256 均已核对`,
    );
    console.log(`  用时 ${s.seconds.toFixed(1)} 秒`);
    console.log('请配置原来的签名密钥与审计密钥，并运行 npm run audit:verify 核对审计日志。');
    return 0;
  } catch (e) {
    console.error(
      e instanceof BackupError
        ? `恢复失败：${e.message}`
        : `恢复失败：${(e as Error).message}（已全部撤销，目标数据库保持原样）`,
    );
    return 1;
  } finally {
    await database?.close().catch(() => undefined);
    store.close();
  }
}

process.exitCode = await main();
