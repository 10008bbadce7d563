/** The rate limits' shared counters: one atomic upsert per request, so instances never double-count. */
import { and, eq, gt, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { rateLimitCounters } from '../../db/schema.js';

/**
 * Counts one request against `key`: a window that has ended starts again at 1. Returns the count in the
 * current window and when that window ends.
 */
export async function countRequest(db: DbOrTx, key: string, now: Date, windowMs: number) {
  const at = sql`${now.toISOString()}::timestamptz`;
  const ended = sql`${rateLimitCounters.windowEndsAt} <= ${at}`;
  const [row] = await db
    .insert(rateLimitCounters)
    .values({ key, count: 1, windowEndsAt: new Date(now.getTime() + windowMs) })
    .onConflictDoUpdate({
      target: rateLimitCounters.key,
      set: {
        count: sql`case when ${ended} then 1 else ${rateLimitCounters.count} + 1 end`,
        windowEndsAt: sql`case when ${ended} then excluded.window_ends_at else ${rateLimitCounters.windowEndsAt} end`,
      },
    })
    .returning({ count: rateLimitCounters.count, windowEndsAt: rateLimitCounters.windowEndsAt });
  return row!;
}

/** The count against `key` in its current window (0 when there is none or it has ended). */
export async function currentCount(db: DbOrTx, key: string, now: Date) {
  const [row] = await db
    .select({ count: rateLimitCounters.count, windowEndsAt: rateLimitCounters.windowEndsAt })
    .from(rateLimitCounters)
    .where(and(eq(rateLimitCounters.key, key), gt(rateLimitCounters.windowEndsAt, now)));
  return row ?? { count: 0, windowEndsAt: now };
}

/** Counters whose window has ended say nothing any more. */
export async function deleteEndedCounters(db: DbOrTx, now: Date) {
  await db.delete(rateLimitCounters).where(lte(rateLimitCounters.windowEndsAt, now));
}
