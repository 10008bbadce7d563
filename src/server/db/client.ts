/**
 * Opens the database: embedded PGlite under DATA_DIR by default, PostgreSQL when DATABASE_URL is set.
 * Both speak the same dialect, so one schema, one set of migrations and one test suite serve both.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import pg from 'pg';
import * as schema from './schema.js';
import { migrationsDir } from '../paths.js';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Repositories take either: inside a service's transaction or outside it. */
export type DbOrTx = Db | Tx;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  migrate(): Promise<void>;
  /**
   * Runs start-up work (migrations, reference data, the first admin) with no other instance doing the
   * same at once: instances started together on an empty PostgreSQL would race the migrations.
   */
  withStartupLock<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const STARTUP_LOCK_KEY = 7_310_028;

/** The rows of a raw `db.execute(sql…)`: node-postgres and PGlite both answer `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

export function openPglite(client: PGlite): Database {
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    migrate: () => migratePglite(db as never, { migrationsFolder: migrationsDir }),
    // One process owns an embedded database (lockDataDir): nobody to wait for.
    withStartupLock: (work) => work(),
    close: () => client.close(),
  };
}

const CONNECT_TIMEOUT_MS = 5000;
const QUEUE_TIMEOUT_MS = 30_000;

/** A pool client whose own connect attempt times out sooner than a wait for a free pool client. */
class ConnectingClient extends pg.Client {
  constructor(config?: pg.ClientConfig) {
    super({ ...config, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  }
}

export function openPostgres(url: string): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    // Two different waits (issue 12 items 4 and 5). Opening a connection to a server that is down or
    // silent gives up after CONNECT_TIMEOUT_MS (ConnectingClient), so requests answer 503 in Chinese
    // (errors-plugin) instead of hanging, and the pool reconnects by itself once the server is back.
    // Waiting for a busy pool is the deadline surge, not an outage: a thousand requests at once queue
    // for up to QUEUE_TIMEOUT_MS rather than fail after the connect timeout.
    connectionTimeoutMillis: QUEUE_TIMEOUT_MS,
    Client: ConnectingClient,
  });
  // An idle connection the server dropped (restart, failover) is discarded, not fatal to the process.
  pool.on('error', () => undefined);
  // Dates come back as strings; timestamps as Date (pg's default for timestamptz).
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    migrate: () => migratePg(db as never, { migrationsFolder: migrationsDir }),
    withStartupLock: async (work) => {
      // A session lock on a connection of its own, held while the work runs on the pool.
      const holder = await pool.connect();
      try {
        await holder.query('select pg_advisory_lock($1)', [STARTUP_LOCK_KEY]);
        return await work();
      } finally {
        await holder.query('select pg_advisory_unlock($1)', [STARTUP_LOCK_KEY]).catch(() => undefined);
        holder.release();
      }
    },
    close: () => pool.end(),
  };
}

/**
 * PGlite is single-process: two processes on one data directory would corrupt it. A pid file
 * refuses the second one (a stale file from a killed process is taken over).
 */
function lockDataDir(dataDir: string): () => void {
  const file = join(dataDir, 'zc-server.pid');
  try {
    const pid = Number(readFileSync(file, 'utf8'));
    if (pid && pid !== process.pid) {
      try {
        process.kill(pid, 0);
        throw new Error(
          `数据目录 ${dataDir} 正被进程 ${pid} 使用；嵌入式数据库同一时间只能由一个进程打开，请先停止该进程`,
        );
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ESRCH') throw e;
      }
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  writeFileSync(file, String(process.pid));
  return () => rmSync(file, { force: true });
}

export async function openDatabase(opts: { databaseUrl?: string; dataDir: string }): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl);
  mkdirSync(opts.dataDir, { recursive: true });
  const unlock = lockDataDir(opts.dataDir);
  const client = new PGlite(opts.dataDir);
  await client.waitReady;
  const database = openPglite(client);
  return {
    ...database,
    close: async () => {
      await database.close();
      unlock();
    },
  };
}
