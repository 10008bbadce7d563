/**
 * The hash-chained audit log. `appendAudit` must run inside the transaction of the write it records:
 * the row commits or rolls back with the change. A transaction-scoped advisory lock serialises appends
 * across connections and app instances, so the chain stays linear.
 */
import { createHash } from 'node:crypto';
import { and, asc, count, desc, eq, gt, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.js';
import { auditHead, auditLog } from '../../db/schema.js';
import type { AuditActor } from '../auth/actor.js';

const AUDIT_LOCK_KEY = 7_310_026;
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEvent {
  action: string;
  targetType: string;
  targetId?: string | number | null;
  before?: unknown;
  after?: unknown;
}

/** JSON with object keys sorted at every depth, so the hash does not depend on jsonb's key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Plain JSON (Dates → ISO strings), exactly what jsonb will give back. */
function toJson(value: unknown): unknown {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);
}

export interface AuditRowContent {
  at: Date;
  actorAccountId: number | null;
  actorName: string | null;
  actorRole: string | null;
  actorOrganisationId: number | null;
  actorOrganisationName: string | null;
  clientAddress: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  before: unknown;
  after: unknown;
}

export function hashAuditRow(prevHash: string, row: AuditRowContent): string {
  const content = canonicalJson([
    prevHash,
    row.at.toISOString(),
    row.actorAccountId,
    row.actorName,
    row.actorRole,
    row.actorOrganisationId,
    row.actorOrganisationName,
    row.clientAddress,
    row.action,
    row.targetType,
    row.targetId,
    row.before,
    row.after,
  ]);
  return createHash('sha256').update(content).digest('hex');
}

export async function appendAudit(tx: Tx, actor: AuditActor, event: AuditEvent, at: Date): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
  const [head] = await tx.select().from(auditHead).where(eq(auditHead.id, 1));
  const prevHash = head?.lastHash ?? GENESIS_HASH;
  const row: AuditRowContent = {
    at,
    actorAccountId: actor.accountId,
    actorName: actor.name,
    actorRole: actor.role,
    actorOrganisationId: actor.organisationId,
    actorOrganisationName: actor.organisationName,
    clientAddress: actor.clientAddress,
    action: event.action,
    targetType: event.targetType,
    targetId: event.targetId === undefined || event.targetId === null ? null : String(event.targetId),
    before: toJson(event.before),
    after: toJson(event.after),
  };
  const hash = hashAuditRow(prevHash, row);
  const [inserted] = await tx
    .insert(auditLog)
    .values({ ...row, prevHash, hash })
    .returning({ seq: auditLog.seq });
  await tx
    .insert(auditHead)
    .values({ id: 1, lastSeq: inserted!.seq, lastHash: hash })
    .onConflictDoUpdate({ target: auditHead.id, set: { lastSeq: inserted!.seq, lastHash: hash } });
}

export interface AuditProblem {
  seq: number | null;
  problem: string;
}

/** Recomputes the whole chain in pages; returns every row whose content, link or position is wrong. */
export async function verifyAuditChain(
  db: DbOrTx,
  pageSize = 2000,
): Promise<{ rows: number; problems: AuditProblem[] }> {
  const problems: AuditProblem[] = [];
  let prevHash = GENESIS_HASH;
  let lastSeq = 0;
  let rows = 0;
  for (;;) {
    const page = await db
      .select()
      .from(auditLog)
      .where(gt(auditLog.seq, lastSeq))
      .orderBy(asc(auditLog.seq))
      .limit(pageSize);
    for (const r of page) {
      rows++;
      if (r.prevHash !== prevHash) {
        problems.push({
          seq: r.seq,
          problem: `第 ${r.seq} 条的前序哈希与上一条不符（其前的记录被删除、插入或修改）`,
        });
      }
      const expected = hashAuditRow(r.prevHash, {
        at: r.at,
        actorAccountId: r.actorAccountId,
        actorName: r.actorName,
        actorRole: r.actorRole,
        actorOrganisationId: r.actorOrganisationId,
        actorOrganisationName: r.actorOrganisationName,
        clientAddress: r.clientAddress,
        action: r.action,
        targetType: r.targetType,
        targetId: r.targetId,
        before: r.before,
        after: r.after,
      });
      if (expected !== r.hash) {
        problems.push({
          seq: r.seq,
          problem: `第 ${r.seq} 条（${r.action}）的内容与其哈希不符：该记录被篡改`,
        });
      }
      prevHash = r.hash;
      lastSeq = r.seq;
    }
    if (page.length < pageSize) break;
  }
  const [head] = await db.select().from(auditHead).where(eq(auditHead.id, 1));
  if (head && (head.lastSeq !== lastSeq || head.lastHash !== prevHash)) {
    problems.push({
      seq: head.lastSeq,
      problem: `日志末尾应为第 ${head.lastSeq} 条，实际为第 ${lastSeq} 条：末尾记录被删除或修改`,
    });
  }
  if (!head && rows > 0) problems.push({ seq: null, problem: '缺少日志链头记录' });
  return { rows, problems };
}

export async function listAudit(
  db: DbOrTx,
  filter: { action?: string; targetType?: string; targetId?: string },
  page: number,
  pageSize: number,
) {
  const where = and(
    filter.action ? eq(auditLog.action, filter.action) : undefined,
    filter.targetType ? eq(auditLog.targetType, filter.targetType) : undefined,
    filter.targetId ? eq(auditLog.targetId, filter.targetId) : undefined,
  );
  const [total] = await db.select({ n: count() }).from(auditLog).where(where);
  const items = await db
    .select()
    .from(auditLog)
    .where(where)
    .orderBy(desc(auditLog.seq))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { total: total?.n ?? 0, items };
}
