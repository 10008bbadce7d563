/**
 * A store for @fastify/rate-limit that keeps its counters in the database (rate_limit_counters), so
 * that several app instances behind one address share each limit and a restart does not reset it.
 * Time comes from the app's clock, like every other deadline here.
 */
import type { AppContext } from '../context.js';
import { countRequest, deleteEndedCounters } from '../modules/system/rate-limit-repository.js';

type Callback = (err: Error | null, res?: { current: number; ttl: number }) => void;

export function databaseRateLimitStore(ctx: AppContext) {
  return class DatabaseRateLimitStore {
    constructor(
      _globalParams?: unknown,
      private readonly prefix = '',
    ) {}

    incr(key: string, cb: Callback, timeWindow: number): void {
      const now = ctx.clock.now();
      countRequest(ctx.db, this.prefix + key, now, timeWindow)
        .then(async ({ count, windowEndsAt }) => {
          // A window just began for this key: a good moment to drop the counters of ended ones.
          if (count === 1) await deleteEndedCounters(ctx.db, now);
          cb(null, { current: count, ttl: Math.max(0, windowEndsAt.getTime() - now.getTime()) });
        })
        .catch((e: unknown) => cb(e instanceof Error ? e : new Error(String(e))));
    }

    /** One store per route: its counters are apart from every other route's. */
    child(routeOptions: object) {
      // At run time the plugin hands over its merged parameters with the route as `routeInfo`
      // (its typings name the route options themselves).
      const route = (routeOptions as { routeInfo?: { method?: unknown; url?: unknown } }).routeInfo;
      return new DatabaseRateLimitStore(undefined, `${String(route?.method)} ${String(route?.url)} `);
    }
  };
}
