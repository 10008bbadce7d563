/**
 * Each instance's sealer loop: every AUDIT_SEAL_INTERVAL_MS it links pending audit rows into the chain
 * (one instance at a time gets through; the others find the lock taken and wait for the next turn).
 * The sealing lag is bounded by the interval plus one batch; a crash leaves rows pending, never lost.
 */
import type { AppContext } from '../../context.js';
import { currentAuditKey } from './audit-key.js';
import { sealAuditLog } from './audit-repository.js';

const BATCH = 1000;

export function startAuditSealer(
  ctx: AppContext,
  log: { error(o: unknown, m: string): void },
): () => Promise<void> {
  const interval = ctx.config.AUDIT_SEAL_INTERVAL_MS;
  if (!interval) return async () => {};
  let stopped = false;
  let running: Promise<void> | null = null;
  let timer: NodeJS.Timeout | undefined;
  const sealBatch = () =>
    sealAuditLog(ctx.db, currentAuditKey(), ctx.clock.now(), {
      limit: BATCH,
      checkpointSeconds: ctx.config.AUDIT_CHECKPOINT_SECONDS,
      hashAlgorithm: ctx.config.AUDIT_HASH,
    });
  const sealAll = async () => {
    try {
      for (;;) {
        const r = await sealBatch();
        if (r.busy || r.sealed < BATCH || stopped) break;
      }
    } catch (e) {
      // The rows stay pending; the next turn takes them (a database restart, a lost connection).
      if (!stopped) log.error({ err: e }, '审计日志封存失败，稍后重试');
    }
  };
  const turn = () => {
    running = sealAll().finally(() => {
      running = null;
      if (!stopped) timer = setTimeout(turn, interval).unref();
    });
  };
  timer = setTimeout(turn, interval).unref();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
    // What this instance appended last is sealed before it goes (best effort: another can do it).
    await sealBatch().catch(() => undefined);
  };
}
