/**
 * The audit chain's hash selectable as SM3 (AUDIT_HASH, issue 13 item 5): links sealed with SHA-256
 * before the switch and with SM3 after verify as one chain; tampering is found in either part.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, sql } from 'drizzle-orm';
import { type TestApp, createTestApp } from './helpers/test-app.js';
import { TEST_PASSWORD, adminSession, login } from './helpers/session.js';
import { sealAuditLog, verifyAuditChain } from '../src/server/modules/audit/audit-repository.js';
import { auditChain } from '../src/server/db/schema.js';
import { testAuditKey } from './helpers/test-audit-key.js';

let t: TestApp;
const seal = (hashAlgorithm: 'sm3' | 'sha256') =>
  sealAuditLog(t.ctx.db, testAuditKey, new Date(), { limit: 10_000, hashAlgorithm, checkpointSeconds: 1 });

beforeAll(async () => {
  t = await createTestApp({ AUDIT_SEAL_INTERVAL_MS: 0 });
  await adminSession(t);
  await seal('sha256');
  await login(t.app, 'admin', TEST_PASSWORD);
  await login(t.app, 'admin', TEST_PASSWORD);
  await seal('sm3');
});
afterAll(() => t.close());

describe('audit chain hash', () => {
  it('verifies a chain sealed first with SHA-256, then with SM3', async () => {
    const links = await t.ctx.db.select().from(auditChain).orderBy(asc(auditChain.position));
    const algorithms = links.map((l) => l.hashAlgorithm);
    expect(algorithms[0]).toBe('sha256');
    expect(algorithms.at(-1)).toBe('sm3');
    expect(algorithms.indexOf('sm3')).toBe(algorithms.lastIndexOf('sha256') + 1);
    expect(await verifyAuditChain(t.ctx.db, testAuditKey)).toMatchObject({ problems: [] });
  });

  it('finds a changed SM3 link and a link whose recorded hash function was switched', async () => {
    const links = await t.ctx.db.select().from(auditChain).orderBy(asc(auditChain.position));
    const sm3 = links.find((l) => l.hashAlgorithm === 'sm3')!;
    const sha = links.find((l) => l.hashAlgorithm === 'sha256')!;
    // As someone with direct database access could (bypassing the append-only trigger).
    await t.ctx.db.transaction(async (tx) => {
      await tx.execute(sql`alter table audit_chain disable trigger audit_chain_no_update`);
      await tx.execute(
        sql`update audit_chain set hash_algorithm = 'sha256' where position = ${sm3.position}`,
      );
      await tx.execute(sql`update audit_chain set hash_algorithm = 'sm3' where position = ${sha.position}`);
      await tx.execute(sql`alter table audit_chain enable trigger audit_chain_no_update`);
    });
    const r = await verifyAuditChain(t.ctx.db, testAuditKey);
    expect(r.problems.map((p) => p.seq)).toEqual(expect.arrayContaining([sm3.seq, sha.seq]));
    expect(r.problems.find((p) => p.seq === sm3.seq)!.problem).toContain('内容与其哈希不符');
  });
});
