/**
 * `npm run bench:surge` — the last day of a window (issue 12): applicants saving drafts, the public home
 * and `/health`, on one and on two app instances against one PostgreSQL, at 50 and 200 connections,
 * each figure beside the reference measured in the same run:
 *  - draft saves beside a bare `pg` pool of the same size writing the same jsonb row durably, one
 *    autocommit UPDATE per request (the database's commit rate: the physical limit of a durable write);
 *  - the public home (`GET /api/v1/agencies`) beside `/health` (the framework's ceiling).
 * Prints a table and writes bench/results/surge-latest.md. Never fails on timing.
 *
 * Needs DATABASE_URL (a PostgreSQL server the user may CREATE DATABASE on) and a build (`npm run build`).
 * It works in a scratch database `zc_bench_surge`, recreated each run. BENCH_SECONDS (default 10)
 * sets each measurement's length; BENCH_APPLICANTS (default 200) the number of applicants;
 * BENCH_CONNECTIONS (default 50,200) and BENCH_INSTANCES (default 1,2) what is measured.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { checkCharacterOf } from '../src/domain/id-number.js';
import { generateSm2KeyPair } from '../src/server/crypto/sm2.js';
import { apiSession, openWindowToday } from '../e2e/helpers/api.js';

const url = process.env.DATABASE_URL;
if (!url?.startsWith('postgres')) {
  console.error('需要 PostgreSQL：请设置 DATABASE_URL=postgres://… 后再运行（并先 npm run build）');
  process.exit(2);
}
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const APPLICANTS = Number(process.env.BENCH_APPLICANTS ?? 200);
const DB = 'zc_bench_surge';
const PASSWORD = 'Bench@Pass1';
const withDb = (u: string, db: string) => Object.assign(new URL(u), { pathname: `/${db}` }).toString();

const admin = new pg.Client({ connectionString: withDb(url, 'postgres') });
await admin.connect();
await admin.query(`drop database if exists ${DB} with (force)`);
await admin.query(`create database ${DB}`);
await admin.end();
const benchUrl = withDb(url, DB);

const scratch = mkdtempSync(join(tmpdir(), 'zc-bench-surge-'));
const env = {
  ...process.env,
  DATABASE_URL: benchUrl,
  DATA_DIR: join(scratch, 'data'),
  FILES_DIR: join(scratch, 'files'),
  SIGNING_KEYS_DIR: join(scratch, 'keys'),
  AUDIT_KEY: generateSm2KeyPair().privateKey,
  ADMIN_PASSWORD: 'Bench-Admin-Pass1',
  LOG_LEVEL: 'warn',
  // Applicants sign in from their own phones: each from its own address (X-Forwarded-For), so that
  // the per-address login limit applies to each as it would in the field.
  TRUST_PROXY: 'true',
  NODE_ENV: 'production',
};
mkdirSync(env.DATA_DIR, { recursive: true });

function run(args: string[], extra: Record<string, string> = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, args, {
      env: { ...env, ...extra },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    p.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${args.join(' ')} exited ${code}`)),
    );
  });
}

const instances: ChildProcess[] = [];
async function startInstance(port: number): Promise<string> {
  // BENCH_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=bench/profiles", to see where an instance's time goes.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const p = spawn(process.execPath, [...nodeArgs, 'dist/server/server.js'], {
    env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  instances.push(p);
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 120; i++) {
    if (p.exitCode !== null) throw new Error(`instance on ${port} exited ${p.exitCode}`);
    try {
      if ((await fetch(base + '/api/v1/health')).ok) return base;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`instance on ${port} did not start`);
}
async function stopAll() {
  for (const p of instances) p.kill('SIGTERM');
  await Promise.all(
    instances.map((p) => (p.exitCode === null ? new Promise((r) => p.once('exit', r)) : null)),
  );
}

/** A form of realistic size: what an applicant's autosave sends. */
function formOf(i: number) {
  return {
    seriesCode: 'schoolTeacher',
    specialtyCode: null,
    education: [
      {
        level: 'bachelor',
        fullTime: true,
        school: '赣南师范大学',
        major: '汉语言文学',
        graduationDate: '2020-06-30',
        degree: '文学学士',
        chsiCode: `BENCH${String(i).padStart(6, '0')}`,
      },
    ],
    qualifications: [],
    workHistory: [
      {
        unit: '赣州市章贡区第一中学',
        from: '2020-07-01',
        to: null,
        professional: true,
        duties: '初中语文教学、班主任工作',
      },
    ],
    professionalWorkStart: '2020-07-01',
    majorRelated: true,
    practiceLicences: ['教师资格'],
    socialInsuranceConfirmed: true,
    commitmentSigned: false,
    materials: [],
  };
}

interface Applicant {
  cookie: string;
  csrf: string;
  applicationId: number;
}

const addressOf = (i: number) => `10.${(i >> 8) & 255}.${i & 255}.7`;

async function login(base: string, username: string, password: string, address: string) {
  const res = await fetch(base + '/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const me = (await res.json()) as { csrfToken: string; mustChangePassword: boolean };
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { cookie, csrf: me.csrfToken, mustChange: me.mustChangePassword };
}

async function setScene(base: string): Promise<Applicant[]> {
  await openWindowToday(base, 'GZ02');
  const clerk = await apiSession(base, 'school_handler');
  const me = await clerk.get<{ roles: { role: string; organisation: { id: number } | null }[] }>('/auth/me');
  const school = me.roles.find((r) => r.organisation)!.organisation!.id;
  const people = Array.from({ length: APPLICANTS }, (_, i) => {
    const first17 = `360702${1985 + (i % 15)}0${1 + (i % 9)}1${i % 10}${String(i % 1000).padStart(3, '0')}`;
    return {
      name: `压测${[...String(i)].map((d) => '零一二三四五六七八九'[Number(d)]).join('')}`,
      idNumber: first17 + checkCharacterOf(first17),
    };
  });
  // The county bureau imports their social-insurance records, as it does from a spreadsheet.
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('社保参保信息');
  ws.addRow(['姓名', '身份证号', '参保单位', '缴费月数']);
  for (const p of people) ws.addRow([p.name, p.idNumber, '赣州市章贡区第一中学', 36]);
  const bureau = await apiSession(base, 'zg_handler');
  await bureau.upload(
    '社保.xlsx',
    'application/octet-stream',
    Buffer.from(await wb.xlsx.writeBuffer()),
    '/social-insurance/imports',
  );
  const out: Applicant[] = [];
  for (let i = 0; i < APPLICANTS; i++) {
    const created = await clerk.send<{ applicant: { username: string }; initialPassword: string }>(
      'POST',
      `/employers/${school}/applicants`,
      {
        ...people[i]!,
        mobile: `137${String(10_000_000 + i).slice(-8)}`,
      },
    );
    let s = await login(base, created.applicant.username, created.initialPassword, addressOf(i));
    if (s.mustChange) {
      const r = await fetch(base + '/api/v1/auth/password', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          cookie: s.cookie,
          'x-csrf-token': s.csrf,
          'x-forwarded-for': addressOf(i),
        },
        body: JSON.stringify({ currentPassword: created.initialPassword, newPassword: PASSWORD }),
      });
      if (r.status !== 200) throw new Error(`password: ${r.status} ${await r.text()}`);
      s = await login(base, created.applicant.username, PASSWORD, addressOf(i));
    }
    const headers = { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf };
    const routing = (await (
      await fetch(base + '/api/v1/applications/routing?targetLevel=assistant', { headers })
    ).json()) as { batches: { id: number; status: string }[] };
    const open = routing.batches.find((b) => b.status === 'open')!;
    const draft = await fetch(base + '/api/v1/applications', {
      method: 'POST',
      headers,
      body: JSON.stringify({ batchId: open.id, targetLevel: 'assistant' }),
    });
    if (draft.status !== 201) throw new Error(`draft: ${draft.status} ${await draft.text()}`);
    out.push({ cookie: s.cookie, csrf: s.csrf, applicationId: ((await draft.json()) as { id: number }).id });
  }
  return out;
}

interface Figure {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

/** autocannon on each base at once (connections split between them), summed. */
async function load(
  bases: string[],
  connections: number,
  request: (base: string) => Partial<autocannon.Options>,
): Promise<Figure> {
  const results = await Promise.all(
    bases.map((base) =>
      autocannon({
        url: base,
        connections: Math.max(1, Math.round(connections / bases.length)),
        duration: SECONDS,
        ...request(base),
      }),
    ),
  );
  return {
    rps: results.reduce((n, r) => n + r.requests.average, 0),
    p50: Math.max(...results.map((r) => r.latency.p50)),
    p99: Math.max(...results.map((r) => r.latency.p99)),
    errors: results.reduce((n, r) => n + r.errors + r.timeouts + r.non2xx, 0),
  };
}

function saves(applicants: Applicant[]) {
  let next = 0;
  return () => ({
    requests: [
      {
        method: 'PUT' as const,
        setupRequest: (req: autocannon.Request) => {
          const a = applicants[next++ % applicants.length]!;
          return {
            ...req,
            path: `/api/v1/applications/${a.applicationId}/form`,
            headers: { 'content-type': 'application/json', cookie: a.cookie, 'x-csrf-token': a.csrf },
            body: JSON.stringify(formOf(next)),
          };
        },
      },
    ],
  });
}

/** The reference: a bare pg pool of the same size, one autocommit jsonb UPDATE per request. */
async function bareUpdates(connections: number): Promise<Figure> {
  const pool = new pg.Pool({ connectionString: benchUrl, max: connections });
  await pool.query('create table if not exists bench_reference (id int primary key, form jsonb not null)');
  await pool.query(
    `insert into bench_reference select g, '{}'::jsonb from generate_series(1, ${APPLICANTS}) g on conflict do nothing`,
  );
  const latencies: number[] = [];
  let errors = 0;
  let n = 0;
  const until = Date.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < until) {
        const t0 = performance.now();
        try {
          await pool.query('update bench_reference set form = $1 where id = $2', [
            JSON.stringify(formOf(n)),
            (n++ % APPLICANTS) + 1,
          ]);
        } catch {
          errors++;
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  await pool.end();
  latencies.sort((a, b) => a - b);
  const q = (p: number) =>
    Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]!);
  return { rps: latencies.length / SECONDS, p50: q(0.5), p99: q(0.99), errors };
}

const rows: string[][] = [];
const fmt = (f: Figure) => [f.rps.toFixed(0), `${f.p50} ms`, `${f.p99} ms`, String(f.errors)];
function record(what: string, instances: number, conns: number, f: Figure, refName: string, ref: Figure) {
  const row = [
    what,
    String(instances),
    String(conns),
    ...fmt(f),
    `${refName} ${ref.rps.toFixed(0)}/s`,
    `${((100 * f.rps) / ref.rps).toFixed(0)} %`,
  ];
  rows.push(row);
  console.log(row.join(' | '));
}

try {
  console.log('准备数据：演示数据、当日受理窗口、' + APPLICANTS + ' 名申报人员的草稿…');
  await run(['dist/server/cli/demo-cli.js']);
  const a = await startInstance(4301);
  const applicants = await setScene(a);
  const b = await startInstance(4302);
  console.log(`每项 ${SECONDS} 秒；参照在同一次运行中测得。`);
  console.log('请求 | 实例 | 连接 | 请求/秒 | p50 | p99 | 错误 | 参照 | 占参照');
  const connections = (process.env.BENCH_CONNECTIONS ?? '50,200').split(',').map(Number);
  const instanceCounts = (process.env.BENCH_INSTANCES ?? '1,2').split(',').map(Number);
  for (const conns of connections) {
    const bare = await bareUpdates(conns);
    for (const bases of instanceCounts.map((n) => (n === 1 ? [a] : [a, b]))) {
      const health = await load(bases, conns, (base) => ({ url: base + '/api/v1/health' }));
      const home = await load(bases, conns, (base) => ({ url: base + '/api/v1/agencies' }));
      record('公开首页 GET /agencies', bases.length, conns, home, '/health', health);
      record(
        '保存草稿 PUT /form',
        bases.length,
        conns,
        await load(bases, conns, saves(applicants)),
        '裸 pg UPDATE',
        bare,
      );
    }
  }
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(
    'bench/results/surge-latest.md',
    `# npm run bench:surge (${new Date().toISOString()})\n\n每项 ${SECONDS} 秒，${APPLICANTS} 名申报人员；参照在同一次运行中测得。\n\n` +
      '| 请求 | 实例 | 连接 | 请求/秒 | p50 | p99 | 错误 | 参照 | 占参照 |\n|---|---|---|---|---|---|---|---|---|\n' +
      rows.map((r) => `| ${r.join(' | ')} |`).join('\n') +
      '\n',
  );
  console.log('已写入 bench/results/surge-latest.md');
} finally {
  await stopAll();
  rmSync(scratch, { recursive: true, force: true });
}
