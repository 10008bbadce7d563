/** Brings a database to the current schema and reference data; used by the server, the CLIs and tests. */
import type { Database } from './db/client.js';
import { loadReferenceData } from './db/reference-data.js';

export async function prepareDatabase(database: Database, now: Date): Promise<string[]> {
  await database.migrate();
  return loadReferenceData(database.db, now);
}
