/**
 * `npm run audit:verify`: recomputes the audit log's hash chain and names every row that was edited,
 * deleted or inserted out of band. Exit 0 when intact, 1 when tampered, 2 when it could not check.
 */
import { verifyAuditChain } from '../modules/audit/audit-repository.js';
import { openConfiguredDatabase } from './cli-database.js';

const database = await openConfiguredDatabase();
try {
  const { rows, problems } = await verifyAuditChain(database.db);
  if (problems.length === 0) {
    console.log(`审计日志完整：共 ${rows} 条记录，哈希链校验通过。`);
  } else {
    console.log(`审计日志校验未通过：共 ${rows} 条记录，发现 ${problems.length} 处问题：`);
    for (const p of problems) console.log(`  - seq ${p.seq ?? '?'}：${p.problem}`);
  }
  process.exitCode = problems.length === 0 ? 0 : 1;
} catch (e) {
  console.error(`无法校验审计日志：${(e as Error).message}`);
  process.exitCode = 2;
} finally {
  await database.close();
}
