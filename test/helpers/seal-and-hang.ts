/**
 * For the fault test: a sealer that takes a batch of pending audit rows, chains them inside its
 * transaction, says HOLDING and waits there (before commit) until it is killed.
 */
import { openConfiguredDatabase } from '../../src/server/cli/cli-database.js';
import { loadConfig } from '../../src/server/config.js';
import { loadAuditKey } from '../../src/server/modules/audit/audit-key.js';
import { sealAuditLog } from '../../src/server/modules/audit/audit-repository.js';

const key = await loadAuditKey(loadConfig());
const database = await openConfiguredDatabase();
await sealAuditLog(database.db, key, new Date(), {
  limit: Number(process.env.SEAL_LIMIT ?? 5),
  beforeCommit: async () => {
    console.log('HOLDING');
    await new Promise(() => setInterval(() => {}, 1000));
  },
});
