/** Opens the configured database for a command-line tool (same configuration as the server). */
import { ConfigError, loadConfig } from '../config.js';
import { type Database, openDatabase } from '../db/client.js';

export async function openConfiguredDatabase(): Promise<Database> {
  try {
    const config = loadConfig();
    return await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  } catch (e) {
    console.error(e instanceof ConfigError ? e.message : `无法打开数据库：${(e as Error).message}`);
    process.exit(2);
  }
}
