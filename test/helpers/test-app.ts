/**
 * A real application on a fresh copy of the migrated template database, for `app.inject` tests.
 * The clock is settable; nothing depends on the machine's date.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { inject } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import { loadConfig, type Config } from '../../src/server/config.js';
import { type AppContext, SettableClock } from '../../src/server/context.js';
import { type Database, openPglite, openPostgres } from '../../src/server/db/client.js';
import { adminUrl, templateDatabaseOf, withDatabase } from './postgres-urls.js';
import { ConfiguredSigningKeyProvider } from '../../src/server/crypto/agency-keys.js';
import { PdfIdentityStore } from '../../src/server/crypto/pdf-identities.js';
import { LocalDiskStorage } from '../../src/server/storage/file-storage.js';
import { TEST_AUDIT_KEY, useTestAuditKey } from './test-audit-key.js';
import { TEST_PERSONAL_DATA_KEYS, useTestPersonalDataKeys } from './test-personal-data-keys.js';

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  clock: SettableClock;
  database: Database;
  /** Where the app's storage keeps uploaded files (give it to a server the test starts as FILES_DIR). */
  filesDir: string;
  /** Environment that points a command-line tool at this test's database. */
  cliEnv: Record<string, string>;
  close(): Promise<void>;
  /** Closes the app and database but keeps the data (for a CLI to open); call the result to drop it. */
  closeKeepingData(): Promise<() => Promise<void>>;
}

interface Copy {
  database: Database;
  cliEnv: Record<string, string>;
  drop: () => Promise<void>;
}

async function openCopy(onDisk: boolean): Promise<Copy> {
  const template = inject('dbTemplate');
  if (template.kind === 'pglite') {
    const blob = new Blob([readFileSync(template.file)]);
    const dir = onDisk ? mkdtempSync(join(tmpdir(), 'zc-data-')) : null;
    const client = dir ? new PGlite(dir, { loadDataDir: blob }) : new PGlite({ loadDataDir: blob });
    await client.waitReady;
    return {
      database: openPglite(client),
      cliEnv: dir ? { DATA_DIR: dir } : {},
      drop: async () => {
        if (dir) rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `zc_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl(template.url) });
  await admin.connect();
  // Two copies of one template at the same moment can collide; retry briefly.
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(`create database ${name} template ${templateDatabaseOf(template.url)}`);
      break;
    } catch (e) {
      if (attempt > 20) throw e;
      await new Promise((r) => setTimeout(r, 200 + Math.random() * 300));
    }
  }
  await admin.end();
  return {
    database: openPostgres(withDatabase(template.url, name)),
    cliEnv: { DATABASE_URL: withDatabase(template.url, name) },
    drop: async () => {
      const a = new pg.Client({ connectionString: adminUrl(template.url) });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

export async function createTestApp(
  overrides: Partial<Config> = {},
  now = '2026-11-10T10:00:00+08:00',
  opts: { onDisk?: boolean } = {},
): Promise<TestApp> {
  useTestAuditKey();
  useTestPersonalDataKeys();
  const copy = await openCopy(opts.onDisk ?? false);
  const { database, drop } = copy;
  // A CLI or server the test starts writes and verifies with the same audit key.
  const cliEnv = { ...copy.cliEnv, AUDIT_KEY: TEST_AUDIT_KEY, PERSONAL_DATA_KEYS: TEST_PERSONAL_DATA_KEYS };
  const config = {
    ...loadConfig({}),
    AUDIT_KEY: TEST_AUDIT_KEY,
    PERSONAL_DATA_KEYS: TEST_PERSONAL_DATA_KEYS,
    ...overrides,
  };
  const clock = new SettableClock(new Date(now));
  const filesDir = mkdtempSync(join(tmpdir(), 'zc-files-'));
  const ctx: AppContext = {
    db: database.db,
    dbKind: database.kind,
    config,
    clock,
    storage: new LocalDiskStorage(filesDir),
    signingKeys: new ConfiguredSigningKeyProvider({ keysDir: join(filesDir, 'keys') }),
    pdfIdentities: new PdfIdentityStore(join(filesDir, 'keys')),
  };
  const app = await buildApp({ ctx, serveWeb: false });
  await app.ready();
  return {
    app,
    ctx,
    clock,
    database,
    filesDir,
    cliEnv,
    async close() {
      await app.close();
      await database.close();
      await drop();
      rmSync(filesDir, { recursive: true, force: true });
    },
    async closeKeepingData() {
      await app.close();
      await database.close();
      return drop;
    },
  };
}
