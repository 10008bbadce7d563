/**
 * `npm run audit:verify`: recomputes the audit log's hash chain, every row's MAC and every signed
 * checkpoint, and names every row that was edited, deleted or inserted out of band. Rows still waiting
 * for the sealer are counted (their MACs are checked too). Exit 0 when intact, 1 when tampered, 2 when
 * it could not check (no database, or no audit key).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config.js';
import { loadAuditKey } from '../modules/audit/audit-key.js';
import { verifyAuditChain } from '../modules/audit/audit-repository.js';
import { openConfiguredDatabase } from './cli-database.js';

const config = loadConfig();
const keyFile = join(config.SIGNING_KEYS_DIR ?? join(config.DATA_DIR, 'keys'), 'audit', 'audit.json');
if (!config.AUDIT_KEY && !existsSync(keyFile)) {
  // Creating a key here would make every row look forged: say what is missing instead.
  console.error(`无法校验审计日志：找不到审计密钥（请设置 AUDIT_KEY，或确认密钥文件 ${keyFile} 存在）`);
  process.exit(2);
}
const key = await loadAuditKey(config);
const database = await openConfiguredDatabase();
try {
  const r = await verifyAuditChain(database.db, key);
  const summary = `共 ${r.rows} 条记录，${r.sealed} 条已入哈希链，${r.pending} 条待封存，核对签名检查点 ${r.checkpoints} 个`;
  if (r.problems.length === 0) {
    console.log(`审计日志完整：${summary}，校验通过。`);
  } else {
    console.log(`审计日志校验未通过：${summary}，发现 ${r.problems.length} 处问题：`);
    for (const p of r.problems) console.log(`  - seq ${p.seq ?? '?'}：${p.problem}`);
  }
  process.exitCode = r.problems.length === 0 ? 0 : 1;
} catch (e) {
  console.error(`无法校验审计日志：${(e as Error).message}`);
  process.exitCode = 2;
} finally {
  await database.close();
}
