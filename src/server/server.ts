/** Entry point: validate configuration, open and migrate the database, load reference data, listen. */
import { buildApp } from './app.js';
import { pdfIdentityStoreOf, signingKeyProviderOf } from './crypto/signing-keys-config.js';
import { checkFileStorage, createFileStorage } from './storage/storage-factory.js';
import { ConfigError, loadConfig } from './config.js';
import { systemClock } from './context.js';
import { openDatabase } from './db/client.js';
import { prepareDatabase } from './bootstrap.js';
import { loadAuditKey, useAuditKey } from './modules/audit/audit-key.js';
import { loadPersonalDataKeys } from './crypto/personal-data-keys.js';
import { usePersonalDataKeys } from './crypto/personal-data-cipher.js';
import { ensureSystemAdmin } from './modules/accounts/bootstrap-service.js';
import { scheduleWindowReminders } from './modules/notifications/window-reminders.js';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  useAuditKey(await loadAuditKey(config));
  usePersonalDataKeys(await loadPersonalDataKeys(config));
  const storage = createFileStorage(config);
  const storageCheck = await checkFileStorage(storage);
  if (!storageCheck.ok && storageCheck.fatal) {
    console.error(storageCheck.message);
    process.exit(2);
  }
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  // Instances started together take turns: migrations, reference data and the first admin once.
  const { loaded, admin } = await database.withStartupLock(async () => ({
    loaded: await prepareDatabase(database, systemClock.now()),
    admin: await ensureSystemAdmin(database.db, systemClock.now(), config.ADMIN_PASSWORD),
  }));

  const ctx = {
    db: database.db,
    dbKind: database.kind,
    config,
    clock: systemClock,
    storage,
    signingKeys: signingKeyProviderOf(config),
    pdfIdentities: pdfIdentityStoreOf(config),
  };
  const app = await buildApp({ ctx, logger: { level: config.LOG_LEVEL } });
  if (loaded.length) app.log.info({ loaded }, '参考数据已载入');
  if (!storageCheck.ok) app.log.warn(storageCheck.message);
  if (admin.created) {
    const line = '='.repeat(60);
    const msg = admin.generated
      ? `已创建系统管理员账号 ${admin.username}，初始密码：${admin.password}\n（仅显示这一次；首次登录须修改密码）`
      : `已创建系统管理员账号 ${admin.username}，初始密码取自 ADMIN_PASSWORD（首次登录须修改密码）`;
    console.log(`${line}\n${msg}\n${line}`);
  }

  const stopReminders = scheduleWindowReminders(ctx, app.log);
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, '正在停止服务');
    stopReminders();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.PORT, host: config.HOST });
  console.log(
    `职称考核认定申报评审系统已启动：http://localhost:${config.PORT}  （数据库：${database.kind}）`,
  );
}

main().catch((e: unknown) => {
  console.error('启动失败：', e instanceof Error ? e.message : e);
  process.exit(1);
});
