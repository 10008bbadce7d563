/**
 * Prepared queries for the statements every request runs (issue 12 item 2). Profiled on the draft
 * save: a fifth of the instance's CPU went to drizzle building the same SQL text again for each
 * request (`buildSelection`, `buildQueryFromSourceParams`). A prepared query is built once per
 * database handle and then only executed with its placeholder values; on PostgreSQL it is also a
 * named server-side statement, parsed once per connection instead of per request.
 *
 * Keyed by the handle it was built on: the pool's `db` keeps its queries for the life of the process;
 * a transaction's `tx` gets its own (built on first use in that transaction, gone with it).
 */
import type { DbOrTx } from './client.js';

interface Preparable<R> {
  prepare(name: string): { execute(values?: Record<string, unknown>): Promise<R> };
}

const built = new WeakMap<object, Map<string, (values: Record<string, unknown>) => Promise<unknown>>>();

/**
 * Runs the query `build` makes on `db`, with `values` for its `sql.placeholder(...)`s. `name` must be
 * unique per query text in the whole process (it names the server-side statement).
 */
export function runPrepared<R>(
  db: DbOrTx,
  name: string,
  build: (db: DbOrTx) => Preparable<R>,
  values: Record<string, unknown>,
): Promise<R> {
  let queries = built.get(db);
  if (!queries) built.set(db, (queries = new Map()));
  let run = queries.get(name);
  if (!run) {
    const query = build(db).prepare(name);
    run = (v) => query.execute(v);
    queries.set(name, run);
  }
  return run(values) as Promise<R>;
}
