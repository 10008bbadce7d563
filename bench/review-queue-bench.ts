/**
 * `npm run bench:queue` — the reviewer's queue on PostgreSQL with 1 000 000 applications (issue 5 §4):
 * page 1 and page 500 of the busiest seat through the same repository query the API runs (keyset on
 * (stage_since, id), served by applications_queue_idx), compared with OFFSET paging, plus the seat's
 * waiting count. Prints figures and ratios; never fails on timing.
 *
 * Needs DATABASE_URL (a PostgreSQL server the user may CREATE DATABASE on); it works in a scratch
 * database `zc_bench_queue` that it creates, fills once (kept for reruns) and leaves in place.
 * BENCH_ROWS overrides the number of applications (default 1 000 000).
 */
import pg from 'pg';
import { performance } from 'node:perf_hooks';
import { openPostgres } from '../src/server/db/client.js';
import { prepareDatabase } from '../src/server/bootstrap.js';
import { auditKeyOf, useAuditKey } from '../src/server/modules/audit/audit-key.js';
import { generateSm2KeyPair } from '../src/server/crypto/sm2.js';
import { queue, seatCountsByBatch } from '../src/server/modules/review/review-repository.js';

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

const count = Number(
  (await raw.query(`select count(*) from applications where number like 'BENCH-%'`)).rows[0].count,
);
if (count < ROWS) {
  console.log(`生成 ${ROWS.toLocaleString()} 份申报（首次运行，约一两分钟）…`);
  const t0 = performance.now();
  const org = await raw.query(
    `select o.id as org, a.id as agency from organisations o join agencies a on a.organisation_id = o.id order by a.id limit 21`,
  );
  const batch = await raw.query(`select id, agency_id from batches order by id`);
  await raw.query(`delete from applications where number like 'BENCH-%'`);
  await raw.query(`delete from accounts where username like 'bench_%'`);
  await raw.query(`delete from persons where name like '压测%'`);
  await raw.query(`
    insert into persons (name, id_number)
    select '压测' || g, 'B' || lpad(g::text, 17, '0') from generate_series(1, ${ROWS}) g`);
  await raw.query(`
    insert into accounts (username, person_id, password_hash)
    select 'bench_' || p.id, p.id, 'not-a-login' from persons p where p.name like '压测%'`);
  // Half of everything waits at the busiest seat (the city office's handler); the rest is spread over
  // the other agencies' seats and both roles. Waiting times spread over the last 90 days.
  const orgs = org.rows as { org: number; agency: number }[];
  const batches = batch.rows as { id: number; agency_id: number }[];
  const batchOf = (agency: number) => batches.find((b) => b.agency_id === agency)!.id;
  await raw.query(`create temp table seat_map (k int primary key, org int, agency int, batch int)`);
  for (const [k, o] of orgs.entries())
    await raw.query('insert into seat_map values ($1, $2, $3, $4)', [k, o.org, o.agency, batchOf(o.agency)]);
  await raw.query(`
    insert into applications (number, applicant_account_id, person_id, employer_id, agency_id, batch_id,
      target_level, status, stage, holder_organisation_id, holder_role, stage_since, revision, form, version,
      created_by_account_id, submitted_at)
    select 'BENCH-' || a.id, a.id, a.person_id, s.org, s.agency, s.batch,
      (array['junior','assistant','intermediate'])[1 + a.id % 3], 'submitted',
      case when a.id % 2 = 0 or a.id % 5 = 0 then 'agency_handler' else 'agency_leader' end,
      s.org, case when a.id % 2 = 0 or a.id % 5 = 0 then 'handler' else 'leader' end,
      now() - (a.id % 129600) * interval '1 minute', 1,
      jsonb_build_object('seriesCode', (array['engineering','schoolTeacher','health'])[1 + a.id % 3]), 1, a.id, now()
    from accounts a
    join seat_map s on s.k = case when a.id % 2 = 0 then 0 else 1 + a.id % 20 end
    where a.username like 'bench_%'`);
  await raw.query('analyze applications');
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
// The row just before page 500, found once (untimed), gives page 500's keyset cursor.
const before = (
  await raw.query(
    `select id, stage_since from applications where status = 'submitted' and holder_organisation_id = $1
     and holder_role = $2 order by stage_since, id offset $3 limit 1`,
    [busiest.org, busiest.role, PAGE * 499 - 1],
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
    [busiest.org, busiest.role, PAGE * 499, PAGE],
  ),
);
const counts = await time(() => seatCountsByBatch(database.db, busiest.org, busiest.role), 10);
const filtered = await time(() => queue(database.db, { ...seat, targetLevel: 'intermediate' }));

const f = (x: { median: number; p95: number }) =>
  `中位 ${x.median.toFixed(1)} ms，p95 ${x.p95.toFixed(1)} ms`;
console.log(
  `\n审查待办（PostgreSQL，共 ${total.toLocaleString()} 份申报；最忙岗位 ${Number(busiest.n).toLocaleString()} 份待审）`,
);
console.log(`  第 1 页（键集）     ${f(page1)}`);
console.log(`  第 500 页（键集）   ${f(page500)}`);
console.log(
  `  第 500 页（OFFSET） ${f(offset500)}  —— 键集快 ${(offset500.median / page500.median).toFixed(1)} 倍`,
);
console.log(`  按层级筛选第 1 页   ${f(filtered)}`);
console.log(`  岗位待审计数（单独接口 /review/seats） ${f(counts)}`);
console.log(
  `  目标：第 1 页与第 500 页各 < 50 ms —— ${page1.median < 50 && page500.median < 50 ? '达到' : '未达到'}`,
);

await raw.end();
await database.close();
