/** Brings a database to the current schema and reference data; used by the server, the CLIs and tests. */
import type { Database } from './db/client.js';
import { loadReferenceData } from './db/reference-data.js';
import { convertClearPersonalData } from './modules/personal-data/personal-data-service.js';

export async function prepareDatabase(database: Database, now: Date): Promise<string[]> {
  await database.migrate();
  // Rows from before migration 0017 (or an older backup) still hold clear ID and mobile numbers.
  await convertClearPersonalData(database.db, now);
  return loadReferenceData(database.db, now);
}
