/**
 * `npm run bench:cold-start` — cold start on existing data (issue 12 item 4): the time from spawning
 * `node dist/server/server.js` on an already-populated database until `/api/v1/health` answers 200, and
 * until the first `GET /api/v1/agencies` has answered, on PostgreSQL and on PGlite; beside references
 * measured in the same run: `node -e ""` (spawn to exit), and a child `node` that opens the same
 * database with the bare driver (pg, or PGlite on the same data directory), runs `select 1` and exits.
 *
 * The data:
 *  - PostgreSQL (needs DATABASE_URL): the queue bench's database `zc_bench_queue` (1 000 000
 *    applications) when it is there — `npm run bench` runs the queue bench first; otherwise a scratch
 *    database `zc_bench_cold` with the demo data and BENCH_COLD_ROWS generated applications;
 *  - PGlite: a scratch data directory with the demo data and BENCH_COLD_ROWS (default 100 000)
 *    generated applications.
 * Each is started once untimed (the first start on a database creates the admin, and brings the files
 * into the page cache), then BENCH_COLD_RUNS times (default 5): the median and the range are printed.
 * Writes bench/results/cold-start-latest.md (and, with BENCH_JSON=path, the figures as JSON for
 * `npm run bench`). Needs a build (`npm run build`). Never fails on timing.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { generateSm2KeyPair } from '../src/server/crypto/sm2.js';
import { markdownTable, writeMarkdown } from './bench-report.js';
import { type Exec, countBenchApplications, fillApplications } from './fill-applications.js';

const url = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : undefined;
const RUNS = Number(process.env.BENCH_COLD_RUNS ?? 5);
const ROWS = Number(process.env.BENCH_COLD_ROWS ?? 100_000);
const PORT = 4391;
const withDb = (u: string, db: string) => Object.assign(new URL(u), { pathname: `/${db}` }).toString();

const scratch = mkdtempSync(join(tmpdir(), 'zc-bench-cold-'));
const base: NodeJS.ProcessEnv = {
  ...process.env,
  FILES_DIR: join(scratch, 'files'),
  SIGNING_KEYS_DIR: join(scratch, 'keys'),
  AUDIT_KEY: generateSm2KeyPair().privateKey,
  ADMIN_PASSWORD: 'Bench-Admin-Pass1',
  LOG_LEVEL: 'warn',
  NODE_ENV: 'production',
  PORT: String(PORT),
  HOST: '127.0.0.1',
};
delete base.DATABASE_URL;

/** Spawns node with `args`, resolves with the milliseconds until it exited (0 required). */
function timedNode(args: string[], env: NodeJS.ProcessEnv = base): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const p = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'inherit'] });
    p.once('exit', (code) =>
      code === 0 ? resolve(performance.now() - t0) : reject(new Error(`${args.join(' ')} exited ${code}`)),
    );
  });
}

function status(path: string): Promise<number> {
  return new Promise((resolve) =>
    get({ host: '127.0.0.1', port: PORT, path, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    }).on('error', () => resolve(0)),
  );
}

/** One start: ms from spawn until /health is 200, and until the first /agencies has answered. */
async function start(env: NodeJS.ProcessEnv): Promise<{ health: number; agencies: number }> {
  const t0 = performance.now();
  const p = spawn(process.execPath, ['dist/server/server.js'], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise((r) => p.once('exit', r));
  try {
    let health = 0;
    while (!health) {
      if (p.exitCode !== null) throw new Error(`server exited ${p.exitCode}`);
      if ((await status('/api/v1/health')) === 200) health = performance.now() - t0;
      else await new Promise((r) => setTimeout(r, 5));
      if (performance.now() - t0 > 120_000) throw new Error('server did not answer /health in 120 s');
    }
    const answer = await status('/api/v1/agencies');
    if (answer !== 200) throw new Error(`GET /api/v1/agencies: ${answer}`);
    return { health, agencies: performance.now() - t0 };
  } finally {
    p.kill('SIGTERM');
    await exited;
  }
}

interface Stat {
  median: number;
  min: number;
  max: number;
}
const stat = (xs: number[]): Stat => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)]!, min: s[0]!, max: s.at(-1)! };
};
const ms = (s: Stat) => `${s.median.toFixed(0)} ms（${s.min.toFixed(0)}–${s.max.toFixed(0)}）`;

interface Result {
  database: string;
  data: string;
  health: Stat;
  agencies: Stat;
  node: Stat;
  driver: Stat;
  driverName: string;
}

/** RUNS starts of the server, each beside `node -e ""` and the bare driver's open + select 1. */
async function measure(env: NodeJS.ProcessEnv, driverScript: string) {
  await start(env); // untimed: the admin, the page cache
  const health: number[] = [];
  const agencies: number[] = [];
  const node: number[] = [];
  const driver: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    node.push(await timedNode(['-e', '']));
    driver.push(await timedNode(['--input-type=module', '-e', driverScript], env));
    const r = await start(env);
    health.push(r.health);
    agencies.push(r.agencies);
  }
  return { health: stat(health), agencies: stat(agencies), node: stat(node), driver: stat(driver) };
}

const run = (args: string[], env: NodeJS.ProcessEnv) => timedNode(args, env);
const results: Result[] = [];
try {
  if (url) {
    const admin = new pg.Client({ connectionString: withDb(url, 'postgres') });
    await admin.connect();
    const queueDb = (await admin.query(`select 1 from pg_database where datname = 'zc_bench_queue'`))
      .rowCount;
    let db = 'zc_bench_queue';
    let n = 0;
    if (queueDb) {
      const c = new pg.Client({ connectionString: withDb(url, db) });
      await c.connect();
      n = await countBenchApplications(async (sql, p) => (await c.query(sql, p)).rows);
      await c.end();
    }
    const env = { ...base, DATA_DIR: join(scratch, 'pg-data') };
    if (n === 0) {
      db = 'zc_bench_cold';
      await admin.query(`drop database if exists ${db} with (force)`);
      await admin.query(`create database ${db}`);
      Object.assign(env, { DATABASE_URL: withDb(url, db) });
      console.log(`PostgreSQL：准备 ${db}（演示数据与 ${ROWS.toLocaleString()} 份申报）…`);
      await start(env);
      await run(['dist/server/cli/demo-cli.js'], env);
      const c = new pg.Client({ connectionString: withDb(url, db) });
      await c.connect();
      await fillApplications(async (sql, p) => (await c.query(sql, p)).rows, ROWS);
      n = await countBenchApplications(async (sql, p) => (await c.query(sql, p)).rows);
      await c.end();
    }
    await admin.end();
    Object.assign(env, { DATABASE_URL: withDb(url, db) });
    console.log(`PostgreSQL：${db}，${n.toLocaleString()} 份申报；每种 ${RUNS} 次…`);
    const r = await measure(
      env,
      `import pg from 'pg'; const c = new pg.Client({ connectionString: process.env.DATABASE_URL });` +
        ` await c.connect(); await c.query('select 1'); await c.end();`,
    );
    results.push({
      database: 'PostgreSQL',
      data: `${db}：${n.toLocaleString()} 份申报`,
      ...r,
      driverName: 'node + pg 连接 + select 1',
    });
  } else console.log('未设置 DATABASE_URL（PostgreSQL）：只测 PGlite。');

  const dataDir = join(scratch, 'pglite');
  mkdirSync(dataDir, { recursive: true });
  const env = { ...base, DATA_DIR: dataDir };
  console.log(`PGlite：准备数据目录（演示数据与 ${ROWS.toLocaleString()} 份申报）…`);
  await start(env);
  await run(['dist/server/cli/demo-cli.js'], env);
  const lite = new PGlite(dataDir);
  const exec: Exec = async (sql, p) => (await lite.query<Record<string, unknown>>(sql, p)).rows;
  await fillApplications(exec, ROWS);
  const n = await countBenchApplications(exec);
  await lite.close();
  console.log(`PGlite：${n.toLocaleString()} 份申报；每种 ${RUNS} 次…`);
  const r = await measure(
    env,
    `import { PGlite } from '@electric-sql/pglite'; const db = new PGlite(process.env.DATA_DIR);` +
      ` await db.query('select 1'); await db.close();`,
  );
  results.push({
    database: 'PGlite',
    data: `数据目录：${n.toLocaleString()} 份申报`,
    ...r,
    driverName: 'node + PGlite 打开 + select 1',
  });

  const head = [
    '数据库',
    '已有数据',
    '到 /health 200',
    '到首个 /agencies',
    '参照：node -e ""',
    '参照：裸驱动',
    '/health 为裸驱动的',
  ];
  const rows = results.map((x) => [
    x.database,
    x.data,
    ms(x.health),
    ms(x.agencies),
    ms(x.node),
    `${x.driverName} ${ms(x.driver)}`,
    `${(x.health.median / x.driver.median).toFixed(1)} 倍`,
  ]);
  const table = markdownTable(head, rows);
  console.log('\n' + table);
  await writeMarkdown(
    'bench/results/cold-start-latest.md',
    `# npm run bench:cold-start（${new Date().toISOString()}）\n\n` +
      `从启动 \`node dist/server/server.js\` 起计时，每种 ${RUNS} 次，中位（最小–最大）；参照在同一次运行中、` +
      `与每次启动交替测得。每个数据库先不计时启动一次（创建管理员账号，文件进入页缓存）。\n\n` +
      table,
  );
  if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, JSON.stringify({ runs: RUNS, results }));
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
