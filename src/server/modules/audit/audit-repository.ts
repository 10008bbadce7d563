/**
 * The tamper-evident audit log (issue 12 item 1; design and threat model in README 审计日志).
 *
 * Write path: `appendAudit` runs inside the transaction of the write it records and is one INSERT —
 * no lock, no shared row — so writes no longer queue behind each other. The row carries a MAC of its
 * content under the audit key; a trigger puts its number in `audit_pending` in the same transaction.
 *
 * Sealing: `sealAuditLog` (every instance tries it every AUDIT_SEAL_INTERVAL_MS; an advisory lock lets
 * one at a time through) takes pending rows in order, links them into `audit_chain` (hash = H(previous
 * hash, content)), moves `audit_head`, and signs a checkpoint now and then — all in one transaction, so
 * a sealer killed mid-batch leaves the rows pending for the next one.
 */
import { createHash } from 'node:crypto';
import { and, asc, count, desc, eq, getTableColumns, gt, inArray, isNull, sql } from 'drizzle-orm';
import { type Db, type DbOrTx, type Tx, rowsOf } from '../../db/client.js';
import { auditChain, auditCheckpoints, auditHead, auditLog, auditPending } from '../../db/schema.js';
import type { AuditActor } from '../auth/actor.js';
import { type AuditKey, auditMac, checkpointValid, currentAuditKey, signCheckpoint } from './audit-key.js';

const SEAL_LOCK_KEY = 7_310_027;
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

function contentFields(row: AuditRowContent): unknown[] {
  return [
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
  ];
}

/**
 * The chain's hash function (AUDIT_HASH). Each link records its own, so a chain sealed with SHA-256
 * before the switch to SM3 (GB/T 32905, 密评) still verifies link by link; both give 64 hex digits.
 */
export type AuditHashAlgorithm = 'sm3' | 'sha256';

/** A link of the chain: the previous link's hash and the row's content (unchanged since the first chain). */
export function hashAuditRow(
  prevHash: string,
  row: AuditRowContent,
  algorithm: AuditHashAlgorithm = 'sha256',
): string {
  return createHash(algorithm)
    .update(canonicalJson([prevHash, ...contentFields(row)]))
    .digest('hex');
}

/** The MAC a row carries: only the holder of the audit key can write a row that passes. */
export function macOfAuditRow(key: AuditKey, row: AuditRowContent): string {
  return auditMac(key, canonicalJson(contentFields(row)));
}

type AuditLogRow = typeof auditLog.$inferSelect;

function contentOf(r: AuditLogRow): AuditRowContent {
  return {
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
  };
}

/** The row `appendAudit` writes, MAC included (for a statement that writes it together with its change). */
export function auditRowOf(
  actor: AuditActor,
  event: AuditEvent,
  at: Date,
): AuditRowContent & { mac: string } {
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
  return { ...row, mac: macOfAuditRow(currentAuditKey(), row) };
}

export async function appendAudit(tx: Tx, actor: AuditActor, event: AuditEvent, at: Date): Promise<void> {
  await tx.insert(auditLog).values(auditRowOf(actor, event, at));
}

export interface SealResult {
  /** Rows linked into the chain by this call. */
  sealed: number;
  /** Another instance was sealing: nothing done here. */
  busy: boolean;
  /** The chain's length after this call (when not busy). */
  position: number;
  /** A checkpoint was signed at that position. */
  checkpoint: boolean;
}

/**
 * Links up to `limit` pending rows into the chain, in the order they were appended (seq), in one
 * transaction. `beforeCommit` exists for the fault test (a sealer killed with its batch half done).
 */
export async function sealAuditLog(
  db: Db,
  key: AuditKey,
  now: Date,
  opts: {
    limit?: number;
    checkpointSeconds?: number;
    hashAlgorithm?: AuditHashAlgorithm;
    beforeCommit?: () => Promise<void>;
  } = {},
): Promise<SealResult> {
  const limit = opts.limit ?? 1000;
  const hashAlgorithm = opts.hashAlgorithm ?? 'sm3';
  return db.transaction(async (tx) => {
    const [lock] = rowsOf<{ ok: boolean }>(
      await tx.execute(sql`select pg_try_advisory_xact_lock(${SEAL_LOCK_KEY}) as ok`),
    );
    if (!lock?.ok) return { sealed: 0, busy: true, position: -1, checkpoint: false };
    const [head] = await tx.select().from(auditHead).where(eq(auditHead.id, 1));
    let position = head?.lastPosition ?? 0;
    let prevHash = head?.lastHash ?? GENESIS_HASH;
    const taken = await tx
      .delete(auditPending)
      .where(
        inArray(
          auditPending.seq,
          tx.select({ seq: auditPending.seq }).from(auditPending).orderBy(asc(auditPending.seq)).limit(limit),
        ),
      )
      .returning({ seq: auditPending.seq });
    if (taken.length === 0) return { sealed: 0, busy: false, position, checkpoint: false };
    // A pending number whose row is gone was deleted before sealing: nothing is left to chain.
    const rows = await tx
      .select()
      .from(auditLog)
      .where(
        inArray(
          auditLog.seq,
          taken.map((t) => t.seq),
        ),
      )
      .orderBy(asc(auditLog.seq));
    const links = rows.map((r) => {
      const hash = hashAuditRow(prevHash, contentOf(r), hashAlgorithm);
      const link = { position: ++position, seq: r.seq, prevHash, hash, sealedAt: now, hashAlgorithm };
      prevHash = hash;
      return link;
    });
    for (let i = 0; i < links.length; i += 500) await tx.insert(auditChain).values(links.slice(i, i + 500));
    await tx
      .insert(auditHead)
      .values({ id: 1, lastPosition: position, lastHash: prevHash })
      .onConflictDoUpdate({ target: auditHead.id, set: { lastPosition: position, lastHash: prevHash } });
    const [last] = await tx
      .select({ signedAt: auditCheckpoints.signedAt })
      .from(auditCheckpoints)
      .orderBy(desc(auditCheckpoints.position))
      .limit(1);
    const due =
      links.length > 0 &&
      (!last || now.getTime() - last.signedAt.getTime() >= (opts.checkpointSeconds ?? 600) * 1000);
    if (due)
      await tx.insert(auditCheckpoints).values({
        position,
        hash: prevHash,
        signedAt: now,
        publicKey: key.publicKey,
        signature: signCheckpoint(key, position, prevHash, now),
      });
    await opts.beforeCommit?.();
    return { sealed: links.length, busy: false, position, checkpoint: due };
  });
}

export interface AuditProblem {
  seq: number | null;
  problem: string;
}

export interface AuditVerification {
  /** Rows in the log. */
  rows: number;
  /** Links in the chain. */
  sealed: number;
  /** Rows waiting for the sealer (appended, MAC checked, not yet linked). */
  pending: number;
  /** Signed checkpoints checked. */
  checkpoints: number;
  problems: AuditProblem[];
}

/**
 * Recomputes everything: every link in order (position, previous hash, content), every row's MAC,
 * the head, every signed checkpoint, and the rows outside the chain. Names each row that was edited,
 * deleted or inserted out of band. `key` null: MACs and signatures cannot be checked (said as a problem).
 */
export async function verifyAuditChain(
  db: DbOrTx,
  key: AuditKey | null,
  pageSize = 2000,
): Promise<AuditVerification> {
  const problems: AuditProblem[] = [];
  const [head] = await db.select().from(auditHead).where(eq(auditHead.id, 1));
  const legacyLastSeq = head?.legacyLastSeq ?? 0;
  if (!key) problems.push({ seq: null, problem: '没有审计密钥：无法核对各条记录的校验码和检查点签名' });
  const macProblem = (r: AuditLogRow): AuditProblem | null =>
    key && r.seq > legacyLastSeq && r.mac !== macOfAuditRow(key, contentOf(r))
      ? {
          seq: r.seq,
          problem: `第 ${r.seq} 条（${r.action}）的校验码不符：不是由本系统写入的记录（被插入或篡改）`,
        }
      : null;

  let prevHash = GENESIS_HASH;
  let position = 0;
  const hashAt = new Map<number, string>();
  const checkpoints = await db.select().from(auditCheckpoints).orderBy(asc(auditCheckpoints.position));
  const wanted = new Set(checkpoints.map((c) => c.position));
  for (;;) {
    const links = await db
      .select()
      .from(auditChain)
      .where(gt(auditChain.position, position))
      .orderBy(asc(auditChain.position))
      .limit(pageSize);
    const rows = links.length
      ? await db
          .select()
          .from(auditLog)
          .where(
            inArray(
              auditLog.seq,
              links.map((l) => l.seq),
            ),
          )
      : [];
    const bySeq = new Map(rows.map((r) => [r.seq, r]));
    for (const link of links) {
      if (link.position !== position + 1)
        problems.push({
          seq: link.seq,
          problem: `哈希链第 ${position + 1} 至 ${link.position - 1} 位缺失：链上的记录被删除`,
        });
      if (link.prevHash !== prevHash)
        problems.push({
          seq: link.seq,
          problem: `第 ${link.seq} 条的前序哈希与上一条不符（其前的记录被删除、插入或修改）`,
        });
      const r = bySeq.get(link.seq);
      if (!r) {
        problems.push({
          seq: link.seq,
          problem: `第 ${link.seq} 条记录已被删除（哈希链第 ${link.position} 位指向它）`,
        });
      } else if (hashAuditRow(link.prevHash, contentOf(r), link.hashAlgorithm) !== link.hash) {
        problems.push({
          seq: r.seq,
          problem: `第 ${r.seq} 条（${r.action}）的内容与其哈希不符：该记录被篡改`,
        });
      } else {
        const p = macProblem(r);
        if (p) problems.push(p);
      }
      prevHash = link.hash;
      position = link.position;
      if (wanted.has(position)) hashAt.set(position, link.hash);
    }
    if (links.length < pageSize) break;
  }
  if (head && (head.lastPosition !== position || head.lastHash !== prevHash))
    problems.push({
      seq: null,
      problem: `哈希链应有 ${head.lastPosition} 位，实际为 ${position} 位：末尾记录被删除或修改`,
    });
  if (!head && position > 0) problems.push({ seq: null, problem: '缺少日志链头记录' });

  for (const c of checkpoints) {
    if (hashAt.get(c.position) !== c.hash)
      problems.push({
        seq: null,
        problem: `第 ${c.position} 位的签名检查点与哈希链不符：检查点之前的记录被改写`,
      });
    else if (key && c.publicKey !== key.publicKey)
      problems.push({ seq: null, problem: `第 ${c.position} 位的检查点不是用本系统的审计密钥签名的` });
    else if (!checkpointValid(c.publicKey, c.position, c.hash, c.signedAt, c.signature))
      problems.push({ seq: null, problem: `第 ${c.position} 位的检查点签名无效：检查点被伪造或修改` });
  }

  // Rows outside the chain: waiting for the sealer (their MAC must hold), or inserted out of band.
  const outside = await db
    .select({ ...getTableColumns(auditLog), pending: auditPending.seq })
    .from(auditLog)
    .leftJoin(auditChain, eq(auditChain.seq, auditLog.seq))
    .leftJoin(auditPending, eq(auditPending.seq, auditLog.seq))
    .where(isNull(auditChain.seq))
    .orderBy(asc(auditLog.seq));
  for (const r of outside) {
    const p = macProblem(r);
    if (p) problems.push(p);
    else if (r.pending === null)
      problems.push({
        seq: r.seq,
        problem: `第 ${r.seq} 条（${r.action}）既不在哈希链中，也不在待封存队列：被插入的记录`,
      });
  }
  const [total] = await db.select({ n: count() }).from(auditLog);
  return {
    rows: total?.n ?? 0,
    sealed: position,
    pending: outside.filter((r) => r.pending !== null).length,
    checkpoints: checkpoints.length,
    problems,
  };
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
    .select({ ...getTableColumns(auditLog), hash: auditChain.hash })
    .from(auditLog)
    .leftJoin(auditChain, eq(auditChain.seq, auditLog.seq))
    .where(where)
    .orderBy(desc(auditLog.seq))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { total: total?.n ?? 0, items };
}
