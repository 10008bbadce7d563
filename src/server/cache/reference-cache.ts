/**
 * Public answers built from reference data (agencies and windows, series, the schedule overview),
 * cached per instance and checked against `reference_version` on every use: one primary-key read
 * instead of rebuilding them (the agency list took ~15 ms of CPU per request). A write anywhere — this
 * instance, another one, or SQL by hand — bumps the version in its own transaction (migration 0016),
 * so the next request of every instance rebuilds. Answers that depend on the date are keyed by it.
 */
import { eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import type { DbOrTx } from '../db/client.js';
import { referenceVersion } from '../db/schema.js';

interface Entry {
  version: number;
  value: Promise<unknown>;
}

// Per application context (tests run several apps in one process, each on its own database).
const caches = new WeakMap<AppContext, Map<string, Entry>>();
const MAX_ENTRIES = 200;

export async function currentReferenceVersion(db: DbOrTx): Promise<number> {
  const [row] = await db
    .select({ v: referenceVersion.version })
    .from(referenceVersion)
    .where(eq(referenceVersion.id, 1));
  return row?.v ?? 0;
}

/** `build()`'s answer for `key`, rebuilt only when reference data changed since it was built. */
export async function cachedReference<T>(ctx: AppContext, key: string, build: () => Promise<T>): Promise<T> {
  const version = await currentReferenceVersion(ctx.db);
  let cache = caches.get(ctx);
  if (!cache) caches.set(ctx, (cache = new Map()));
  const hit = cache.get(key);
  if (hit && hit.version === version) return hit.value as Promise<T>;
  const value = build();
  // A failed build is not kept: the next request tries again.
  value.catch(() => cache.get(key)?.value === value && cache.delete(key));
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(key, { version, value });
  return value;
}
