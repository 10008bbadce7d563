/**
 * `npm run bench:queue` — the reviewer's queue on PostgreSQL with 1 000 000 applications (issue 5 §4):
 * page 1 and page 500 of the busiest seat through the same repository query the API runs (keyset on
 * (stage_since, id), served by applications_queue_idx), compared with OFFSET paging, plus the seat's
 * waiting count. Prints figures and ratios; never fails on timing.
 *
 * Needs DATABASE_URL (a PostgreSQL server the user may CREATE DATABASE on); it works in a scratch
 * database `zc_bench_queue` that it creates, fills once (kept for reruns) and leaves in place.
 * BENCH_ROWS overrides the number of applications (default 1 000 000). Beside the figures, in the same
 * run: OFFSET paging and one application read by primary key on a bare connection. Writes
 * bench/results/queue-latest.md (and, with BENCH_JSON=path, the figures as JSON for `npm run bench`).
 */
import { writeFileSync } from 'node:fs';
import pg from 'pg';
import { performance } from 'node:perf_hooks';
import { openPostgres } from '../src/server/db/client.js';
import { prepareDatabase } from '../src/server/bootstrap.js';
import { auditKeyOf, useAuditKey } from '../src/server/modules/audit/audit-key.js';
import { generateSm2KeyPair } from '../src/server/crypto/sm2.js';
import { queue, seatCountsByBatch } from '../src/server/modules/review/review-repository.js';
import { type Exec, countBenchApplications, fillApplications } from './fill-applications.js';
import { markdownTable, writeMarkdown } from './bench-report.js';

const url = process.env.DATABASE_URL;
if (!url?.startsWith('postgres')) {
  console.error('需要 PostgreSQL：请设置 DATABASE_URL=postgres://… 后再运行 npm run bench:queue');
  process.exit(2);
}
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const DB = 'zc_bench_queue';
const PAGE = 50;

function withDb(u: string, db: string) {
  const x = new URL(u);
  x.pathname = `/${db}`;
  return x.toString();
}

const admin = new pg.Client({ connectionString: withDb(url, 'postgres') });
await admin.connect();
const exists = await admin.query('select 1 from pg_database where datname = $1', [DB]);
if (exists.rowCount === 0) await admin.query(`create database ${DB}`);
await admin.end();

const database = openPostgres(withDb(url, DB));
// A throwaway audit key: the bench's rows are never verified against a kept one.
useAuditKey(auditKeyOf(generateSm2KeyPair().privateKey));
await prepareDatabase(database, new Date());
const raw = new pg.Client({ connectionString: withDb(url, DB) });
await raw.connect();

const exec: Exec = async (sql, params) => (await raw.query(sql, params)).rows as Record<string, unknown>[];
const count = await countBenchApplications(exec);
if (count < ROWS) {
  console.log(`生成 ${ROWS.toLocaleString()} 份申报（首次运行，约一两分钟）…`);
  const t0 = performance.now();
  await fillApplications(exec, ROWS);
  console.log(`生成完成：${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

const busiest = (
  await raw.query(`
    select holder_organisation_id as org, holder_role as role, count(*) as n from applications
    where status = 'submitted' group by 1, 2 order by 3 desc limit 1`)
).rows[0] as { org: number; role: 'handler' | 'leader'; n: string };
const total = Number((await raw.query(`select count(*) from applications`)).rows[0].count);

async function time(fn: () => Promise<unknown>, runs = 25) {
  await fn(); // warm
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { median: ms[Math.floor(ms.length / 2)]!, p95: ms[Math.floor(ms.length * 0.95)]! };
}

const seat = { organisationId: busiest.org, role: busiest.role, limit: PAGE + 1 };
// Page 500 (or the seat's last full page, when BENCH_ROWS leaves it fewer): the row just before it,
// found once (untimed), gives its keyset cursor.
const DEEP = Math.max(2, Math.min(500, Math.floor(Number(busiest.n) / PAGE)));
const before = (
  await raw.query(
    `select id, stage_since from applications where status = 'submitted' and holder_organisation_id = $1
     and holder_role = $2 order by stage_since, id offset $3 limit 1`,
    [busiest.org, busiest.role, PAGE * (DEEP - 1) - 1],
  )
).rows[0] as { id: number; stage_since: Date };

const page1 = await time(() => queue(database.db, seat));
const page500 = await time(() =>
  queue(database.db, { ...seat, after: { since: before.stage_since, id: before.id } }),
);
const offset500 = await time(() =>
  raw.query(
    `select a.id from applications a join persons p on p.id = a.person_id
     where a.status = 'submitted' and a.holder_organisation_id = $1 and a.holder_role = $2
     order by a.stage_since, a.id offset $3 limit $4`,
    [busiest.org, busiest.role, PAGE * (DEEP - 1), PAGE],
  ),
);
const counts = await time(() => seatCountsByBatch(database.db, busiest.org, busiest.role), 10);
const filtered = await time(() => queue(database.db, { ...seat, targetLevel: 'intermediate' }));

// The reference, in the same run: one application read by primary key on a bare connection.
const someId = Number((await raw.query(`select max(id) as id from applications`)).rows[0].id);
const byKey = await time(() => raw.query('select * from applications where id = $1', [someId]));

const f = (x: { median: number; p95: number }) =>
  `中位 ${x.median.toFixed(1)} ms，p95 ${x.p95.toFixed(1)} ms`;
const met = page1.median < 50 && page500.median < 50;
console.log(
  `\n审查待办（PostgreSQL，共 ${total.toLocaleString()} 份申报；最忙岗位 ${Number(busiest.n).toLocaleString()} 份待审）`,
);
console.log(`  第 1 页（键集）     ${f(page1)}`);
console.log(`  第 ${DEEP} 页（键集）   ${f(page500)}`);
console.log(
  `  第 ${DEEP} 页（OFFSET） ${f(offset500)}  —— 键集快 ${(offset500.median / page500.median).toFixed(1)} 倍`,
);
console.log(`  按层级筛选第 1 页   ${f(filtered)}`);
console.log(`  岗位待审计数（单独接口 /review/seats） ${f(counts)}`);
console.log(`  参照：裸 pg 主键读一份申报 ${f(byKey)}`);
console.log(`  目标：第 1 页与第 ${DEEP} 页各 < 50 ms —— ${met ? '达到' : '未达到'}`);

const ms = (x: { median: number; p95: number }) => [`${x.median.toFixed(1)} ms`, `${x.p95.toFixed(1)} ms`];
const ofKey = (x: { median: number }) => `${(x.median / byKey.median).toFixed(1)} 倍`;
await writeMarkdown(
  'bench/results/queue-latest.md',
  `# npm run bench:queue（${new Date().toISOString()}）\n\n` +
    `PostgreSQL，共 ${total.toLocaleString()} 份申报，最忙岗位 ${Number(busiest.n).toLocaleString()} 份待审，每页 ${PAGE} 条；` +
    `各测 25 次（计数 10 次），参照在同一次运行中测得。目标：第 1 页与第 ${DEEP} 页各 < 50 ms —— ${met ? '达到' : '未达到'}。\n\n` +
    markdownTable(
      ['查询', '中位', 'p95', '为参照的'],
      [
        ['第 1 页（键集）', ...ms(page1), ofKey(page1)],
        [`第 ${DEEP} 页（键集）`, ...ms(page500), ofKey(page500)],
        [`第 ${DEEP} 页（OFFSET，对照）`, ...ms(offset500), ofKey(offset500)],
        ['按层级筛选第 1 页', ...ms(filtered), ofKey(filtered)],
        ['岗位待审计数', ...ms(counts), ofKey(counts)],
        ['参照：裸 pg 主键读一份申报', ...ms(byKey), '—'],
      ],
    ),
);
if (process.env.BENCH_JSON)
  writeFileSync(
    process.env.BENCH_JSON,
    JSON.stringify({
      total,
      busiest: Number(busiest.n),
      deepPage: DEEP,
      page1,
      page500,
      offset500,
      filtered,
      counts,
      byKey,
    }),
  );
await raw.end();
await database.close();
