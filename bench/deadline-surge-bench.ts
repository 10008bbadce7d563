/**
 * `npm run bench:surge` — the last day of a window (issue 12 item 4): applicants saving drafts and
 * submitting, reviewers listing their queue, the public home, on two app instances against one
 * PostgreSQL, at 50, 200 and 1 000 connections, each figure beside a reference measured in the same run:
 *  - draft saves and submissions beside a bare `pg` pool writing the same jsonb row durably, one
 *    autocommit UPDATE per request (the database's commit rate: the physical limit of a durable write);
 *  - the reviewer's queue (`GET /review/queue`, page 1) beside a bare `pg` pool reading one application
 *    by primary key per request;
 *  - the public home (`GET /api/v1/agencies`) beside `/health` (the framework's ceiling).
 * The bare pools have as many concurrent callers as the app has connections, but PostgreSQL accepts
 * only max_connections: a pool is capped at what the server has free (printed beside the figure) and
 * its callers queue for it, as the app's requests queue for the app's pool (10 per instance).
 *
 * "Two instances" are two `node dist/server/server.js` started here, each taking half of the
 * connections directly (as nginx's round robin would hand them out) — not `npm run cluster`, whose
 * Node relay would take a share of the two cores from the instances being measured.
 *
 * Submissions: each of BENCH_APPLICANTS applicants has a complete application (teacher's form, three
 * scans, commitment signed). Each connection takes the next unsubmitted one until the time is up or
 * they run out (the count is printed); afterwards the submitted ones are withdrawn and each applicant
 * starts a new complete draft (untimed), so every connection count has the same pool. Queue lists run
 * after the submissions, as the school's handler (the seat that holds them) with a few sessions.
 *
 * The client is a closed loop in this process: each connection sends its next request when the last
 * one is answered; requests still in flight when the time is up are waited for and counted (a slow
 * answer shows in p99 instead of being cut off), and a rate is 2xx answers over the whole time.
 *
 * Prints a table and writes bench/results/surge-latest.md (and, with BENCH_JSON=path, the figures as
 * JSON for `npm run bench`). Never fails on timing; errors are counted and named, never hidden.
 *
 * Needs DATABASE_URL (a PostgreSQL server the user may CREATE DATABASE on) and a build (`npm run build`).
 * It works in a scratch database `zc_bench_surge`, recreated each run. Environment:
 *   BENCH_SECONDS (10)           each measurement's length
 *   BENCH_APPLICANTS (1000)      applicants, each with a complete draft (saves and submissions)
 *   BENCH_CONNECTIONS (50,200,1000), BENCH_INSTANCES (2; e.g. 1,2)
 *   BENCH_TIMEOUT (60)           seconds a client waits for an answer before counting an error
 *   BENCH_NODE_ARGS              extra node arguments for the instances (e.g. --cpu-prof)
 *   BENCH_SERVER_DIR (.)         the checkout whose build is measured: another commit's worktree,
 *                                built there, gives the "before" of a change in the same conditions
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { checkCharacterOf } from '../src/domain/id-number.js';
import { generateSm2KeyPair } from '../src/server/crypto/sm2.js';
import { MINIMAL_PDF, PNG_1X1, apiSession, openWindowToday, serverToday } from '../e2e/helpers/api.js';
import { addDays, addYears } from '../e2e/helpers/harness.js';
import { type Figure, markdownTable, percent, percentile, tally, writeMarkdown } from './bench-report.js';

const url = process.env.DATABASE_URL;
if (!url?.startsWith('postgres')) {
  console.error('需要 PostgreSQL：请设置 DATABASE_URL=postgres://… 后再运行（并先 npm run build）');
  process.exit(2);
}
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const SERVER_DIR = process.env.BENCH_SERVER_DIR ?? '.';
const APPLICANTS = Number(process.env.BENCH_APPLICANTS ?? 1000);
const TIMEOUT_S = Number(process.env.BENCH_TIMEOUT ?? 60);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '50,200,1000').split(',').map(Number);
const INSTANCE_COUNTS = (process.env.BENCH_INSTANCES ?? '2').split(',').map(Number);
const REVIEWER_SESSIONS = 8;
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

function run(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'inherit'] });
    p.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${args.join(' ')} exited ${code}`)),
    );
  });
}

const instances: ChildProcess[] = [];
async function startInstance(port: number): Promise<string> {
  // BENCH_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=bench/profiles", to see where an instance's time goes.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const p = spawn(process.execPath, [...nodeArgs, join(SERVER_DIR, 'dist/server/server.js')], {
    env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  instances.push(p);
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 240; i++) {
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

interface Scans {
  idCard: number;
  diploma: number;
  licence: number;
}

/** A teacher's complete, eligible 助理级 form of realistic size: what an applicant's autosave sends. */
function formOf(graduated: string, scans: Scans, marker: number) {
  const workStart = addDays(graduated, 1);
  return {
    seriesCode: 'schoolTeacher',
    specialtyCode: null,
    education: [
      {
        level: 'bachelor',
        fullTime: true,
        school: '赣南师范大学',
        major: '汉语言文学',
        graduationDate: graduated,
        degree: '文学学士',
        chsiCode: `BENCH${String(marker % 1_000_000).padStart(6, '0')}`,
      },
    ],
    qualifications: [],
    workHistory: [
      {
        unit: '赣州市章贡区第一中学',
        from: workStart,
        to: null,
        professional: true,
        duties: `初中语文教学、班主任工作（${marker}）`,
      },
    ],
    professionalWorkStart: workStart,
    majorRelated: true,
    practiceLicences: ['教师资格'],
    socialInsuranceConfirmed: true,
    commitmentSigned: true,
    materials: [
      { category: 'idCard', title: '身份证正反面', uploadIds: [scans.idCard] },
      { category: 'education', title: '本科毕业证书', uploadIds: [scans.diploma] },
      { category: 'practiceLicence', title: '教师资格证', uploadIds: [scans.licence] },
    ],
  };
}

interface Applicant {
  base: string;
  address: string;
  cookie: string;
  csrf: string;
  scans: Scans;
  applicationId: number;
  batchId: number;
}

const addressOf = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;

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

/** One API call as the applicant; throws on anything but the expected status. */
async function call<T>(
  a: Applicant,
  method: string,
  path: string,
  body: unknown,
  expect: number,
): Promise<T> {
  const res = await fetch(a.base + '/api/v1' + path, {
    method,
    headers: { cookie: a.cookie, 'x-csrf-token': a.csrf, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status !== expect) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

async function upload(a: Applicant, name: string, type: string, content: Buffer): Promise<number> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(content)], { type }), name);
  const res = await fetch(a.base + '/api/v1/uploads', {
    method: 'POST',
    headers: { cookie: a.cookie, 'x-csrf-token': a.csrf },
    body: form,
  });
  if (res.status !== 201) throw new Error(`upload: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: number }).id;
}

/** Runs `fn` over `items`, `width` at a time. */
async function inParallel<T>(items: T[], width: number, fn: (item: T, i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i]!, i);
      }
    }),
  );
}

let graduated = '';
let marker = 0;

/** A new draft, saved complete: ready to submit. */
async function newCompleteDraft(a: Applicant) {
  const draft = await call<{ id: number }>(
    a,
    'POST',
    '/applications',
    { batchId: a.batchId, targetLevel: 'assistant' },
    201,
  );
  a.applicationId = draft.id;
  await call(a, 'PUT', `/applications/${draft.id}/form`, formOf(graduated, a.scans, ++marker), 200);
}

async function setScene(bases: string[]): Promise<Applicant[]> {
  const first = bases[0]!;
  await openWindowToday(first, 'GZ02');
  graduated = addYears(await serverToday(first), -2);
  const clerk = await apiSession(first, 'school_handler');
  const me = await clerk.get<{ roles: { role: string; organisation: { id: number } | null }[] }>('/auth/me');
  const school = me.roles.find((r) => r.organisation)!.organisation!.id;
  const people = Array.from({ length: APPLICANTS }, (_, i) => {
    // Distinct for up to 9 000 applicants (lcm of 15, 9, 10 and 1 000).
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
  const bureau = await apiSession(first, 'zg_handler');
  await bureau.upload(
    '社保.xlsx',
    'application/octet-stream',
    Buffer.from(await wb.xlsx.writeBuffer()),
    '/social-insurance/imports',
  );
  const out: Applicant[] = [];
  const started = Date.now();
  // Eight at a time, over both instances: the password hashing (argon2) is most of the time here.
  await inParallel(people, 8, async (person, i) => {
    const base = bases[i % bases.length]!;
    const created = await clerk.send<{ applicant: { username: string }; initialPassword: string }>(
      'POST',
      `/employers/${school}/applicants`,
      { ...person, mobile: `137${String(10_000_000 + i).slice(-8)}` },
    );
    const address = addressOf(i + 1);
    let s = await login(base, created.applicant.username, created.initialPassword, address);
    if (s.mustChange) {
      const r = await fetch(base + '/api/v1/auth/password', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          cookie: s.cookie,
          'x-csrf-token': s.csrf,
          'x-forwarded-for': address,
        },
        body: JSON.stringify({ currentPassword: created.initialPassword, newPassword: PASSWORD }),
      });
      if (r.status !== 200) throw new Error(`password: ${r.status} ${await r.text()}`);
      s = await login(base, created.applicant.username, PASSWORD, address);
    }
    const a: Applicant = {
      base,
      address,
      cookie: s.cookie,
      csrf: s.csrf,
      scans: { idCard: 0, diploma: 0, licence: 0 },
      applicationId: 0,
      batchId: 0,
    };
    const routing = await call<{ batches: { id: number; status: string }[] }>(
      a,
      'GET',
      '/applications/routing?targetLevel=assistant',
      undefined,
      200,
    );
    a.batchId = routing.batches.find((b) => b.status === 'open')!.id;
    a.scans = {
      idCard: await upload(a, '身份证.png', 'image/png', PNG_1X1),
      diploma: await upload(a, '毕业证书.pdf', 'application/pdf', MINIMAL_PDF),
      licence: await upload(a, '教师资格证.png', 'image/png', PNG_1X1),
    };
    await newCompleteDraft(a);
    out.push(a);
    if (out.length % 100 === 0)
      console.log(`  ${out.length} / ${APPLICANTS}（${((Date.now() - started) / 1000).toFixed(0)} s）`);
  });
  return out;
}

// --- load --------------------------------------------------------------------------------------------

/** What a refusal says: the status and the app's error code (or the first words of the body). */
function refusal(status: number, body: string): string {
  try {
    const code = (JSON.parse(body) as { code?: string }).code;
    if (code) return `${status} ${code}`;
  } catch {
    /* not JSON: the balancer's or Node's own answer */
  }
  return `${status} ${body.slice(0, 40).replace(/\s+/g, ' ')}`;
}

interface Call {
  method: 'GET' | 'PUT' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}
type Answer = { status: number; body: string } | { error: string };

function send(agent: Agent, base: string, call: Call): Promise<Answer> {
  return new Promise((resolve) => {
    const body = call.body ?? '';
    const req = httpRequest(
      base + call.path,
      {
        method: call.method,
        agent,
        timeout: TIMEOUT_S * 1000,
        headers: {
          ...call.headers,
          ...(call.method === 'GET' ? {} : { 'content-length': Buffer.byteLength(body) }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        res.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
      },
    );
    req.on('timeout', () => req.destroy(Object.assign(new Error(), { code: `超时（>${TIMEOUT_S} s）` })));
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
    req.end(call.method === 'GET' ? undefined : body);
  });
}

/**
 * A closed loop: `connections` callers split evenly over the bases, each on its own keep-alive
 * connection, each sending its next request as soon as the last one is answered, until the time is up
 * (or `next` has nothing left). Requests in flight at the end are waited for and counted, so a slow
 * answer is in the percentiles rather than cut off; the rate is 2xx answers over the whole time.
 */
async function drive(
  bases: string[],
  connections: number,
  next: (base: string) => Call | null,
  answered?: (base: string, call: Call) => void,
): Promise<Figure & { ranOut: boolean }> {
  const agents = bases.map(
    (_, i) =>
      new Agent({
        keepAlive: true,
        maxSockets: Math.floor(connections / bases.length) + (i < connections % bases.length ? 1 : 0),
      }),
  );
  const latencies: number[] = [];
  const problems: string[] = [];
  let ok = 0;
  let ranOut = false;
  const t0 = performance.now();
  const until = Date.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: connections }, async (_, k) => {
      const base = bases[k % bases.length]!;
      while (Date.now() < until) {
        const call = next(base);
        if (!call) {
          ranOut = true;
          return;
        }
        const started = performance.now();
        const answer = await send(agents[k % bases.length]!, base, call);
        if ('error' in answer) {
          problems.push(answer.error);
          continue;
        }
        latencies.push(performance.now() - started);
        if (answer.status >= 200 && answer.status < 300) {
          ok++;
          answered?.(base, call);
        } else problems.push(refusal(answer.status, answer.body));
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  for (const agent of agents) agent.destroy();
  return {
    count: ok,
    seconds,
    rps: ok / seconds,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    errors: problems.length,
    problems: tally(problems),
    ranOut,
  };
}

const get = (path: string) => () => ({ method: 'GET' as const, path });

/** Gives the items to the bases in turn (sessions live in the database: any instance serves them). */
function split<T>(items: T[], bases: string[]): Map<string, T[]> {
  return new Map(bases.map((b, k) => [b, items.filter((_, i) => i % bases.length === k)]));
}

/** Each base's applicants in turn save their complete form again (with a new marker). */
function saves(applicants: Map<string, Applicant[]>) {
  const turn = new Map<string, number>();
  return (base: string): Call => {
    const mine = applicants.get(base)!;
    const i = turn.get(base) ?? 0;
    turn.set(base, i + 1);
    const a = mine[i % mine.length]!;
    return {
      method: 'PUT',
      path: `/api/v1/applications/${a.applicationId}/form`,
      headers: { 'content-type': 'application/json', cookie: a.cookie, 'x-csrf-token': a.csrf },
      body: JSON.stringify(formOf(graduated, a.scans, ++marker)),
    };
  };
}

/** The school handler's sessions in turn list page 1 of the queue. */
function queueLists(sessions: Map<string, { cookie: string }[]>) {
  let next = 0;
  return (base: string): Call => {
    const mine = sessions.get(base)!;
    return {
      method: 'GET',
      path: '/api/v1/review/queue?limit=50',
      headers: { cookie: mine[next++ % mine.length]!.cookie },
    };
  };
}

/** Submissions: each caller takes the next unsubmitted application (of its base), until none is left. */
async function submits(bases: string[], connections: number, applicants: Applicant[]) {
  const waiting = split(applicants, bases);
  const byPath = new Map(applicants.map((a) => [`/api/v1/applications/${a.applicationId}/submit`, a]));
  const submitted: Applicant[] = [];
  const figure = await drive(
    bases,
    connections,
    (base) => {
      const a = waiting.get(base)!.shift();
      return a
        ? {
            method: 'POST',
            path: `/api/v1/applications/${a.applicationId}/submit`,
            headers: { cookie: a.cookie, 'x-csrf-token': a.csrf, 'content-type': 'application/json' },
            body: '{}',
          }
        : null;
    },
    (_, call) => submitted.push(byPath.get(call.path)!),
  );
  return { figure, submitted, ranOut: [...waiting.values()].every((w) => w.length === 0) };
}

/** How many connections PostgreSQL has free for a bare pool (leaving some for everyone else). */
async function freeConnections(): Promise<number> {
  const c = new pg.Client({ connectionString: benchUrl });
  await c.connect();
  const r = await c.query<{ free: number }>(`
    select current_setting('max_connections')::int - current_setting('superuser_reserved_connections')::int
      - (select count(*) from pg_stat_activity)::int as free`);
  await c.end();
  return Math.max(1, r.rows[0]!.free - 10);
}

/** A bare pg pool: `callers` concurrent callers, one autocommit statement each per request. */
async function barePool(
  callers: number,
  statement: (n: number) => [string, unknown[]],
): Promise<Figure & { pool: number }> {
  const size = Math.min(callers, await freeConnections());
  const pool = new pg.Pool({ connectionString: benchUrl, max: size });
  // Every connection opened before the clock starts, as the app's pools are warm.
  const warm = await Promise.all(Array.from({ length: size }, () => pool.connect()));
  for (const c of warm) c.release();
  const latencies: number[] = [];
  const problems: string[] = [];
  let n = 0;
  const t0 = performance.now();
  const until = Date.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: callers }, async () => {
      while (Date.now() < until) {
        const [sql, params] = statement(n++);
        const started = performance.now();
        try {
          await pool.query(sql, params);
          latencies.push(performance.now() - started);
        } catch (e) {
          problems.push((e as NodeJS.ErrnoException).code ?? String(e));
        }
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  await pool.end();
  return {
    pool: size,
    count: latencies.length,
    seconds,
    rps: latencies.length / seconds,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    errors: problems.length,
    problems: tally(problems),
  };
}

// --- the run -----------------------------------------------------------------------------------------

interface Row {
  what: string;
  kind: 'home' | 'save' | 'submit' | 'queue' | 'health' | 'bareUpdate' | 'bareRead';
  instances: number;
  connections: number;
  figure: Figure;
  reference?: { name: string; rps: number };
  note?: string;
}
const rows: Row[] = [];
const ratio = (r: Row) => (r.reference ? percent(r.figure.rps / r.reference.rps) : '—');
const cells = (r: Row) => [
  r.what,
  String(r.instances || '—'),
  String(r.connections),
  String(r.figure.count) + (r.note ? `（${r.note}）` : ''),
  r.figure.rps.toFixed(0),
  `${r.figure.p50} ms`,
  `${r.figure.p99} ms`,
  String(r.figure.errors),
  r.reference ? `${r.reference.name} ${r.reference.rps.toFixed(0)}/s` : '—',
  ratio(r),
];
const HEAD = ['请求', '实例', '连接', '完成', '请求/秒', 'p50', 'p99', '错误', '参照', '占参照'];
function record(r: Row) {
  rows.push(r);
  console.log(cells(r).join(' | '));
  for (const [what, n] of Object.entries(r.figure.problems)) console.log(`    错误：${what} ×${n}`);
}

const started = Date.now();
try {
  console.log(`准备数据：演示数据、当日受理窗口、${APPLICANTS} 名申报人员（各有一份完整的草稿）…`);
  await run([join(SERVER_DIR, 'dist/server/cli/demo-cli.js')]);
  const maxInstances = Math.max(...INSTANCE_COUNTS);
  const bases: string[] = [];
  for (let i = 0; i < maxInstances; i++) bases.push(await startInstance(4301 + i));
  const applicants = await setScene(bases);
  // The school's handler holds every submitted application (申报单位经办人审查, the first seat).
  const reviewers = await Promise.all(
    Array.from({ length: REVIEWER_SESSIONS }, async (_, i) => {
      const base = bases[i % bases.length]!;
      const s = await login(base, 'school_handler', 'Demo@Pass1', `172.16.0.${i + 1}`);
      return { base, cookie: s.cookie };
    }),
  );
  console.log(
    `准备完成（${((Date.now() - started) / 1000).toFixed(0)} s）。每项 ${SECONDS} 秒；参照在同一次运行中测得。`,
  );
  console.log(HEAD.join(' | '));
  // The reference rows for the bare pools.
  const raw = new pg.Client({ connectionString: benchUrl });
  await raw.connect();
  await raw.query('create table bench_reference (id int primary key, form jsonb not null)');
  await raw.query(
    `insert into bench_reference select g, '{}'::jsonb from generate_series(1, ${APPLICANTS}) g`,
  );
  const ids = (await raw.query<{ id: number }>('select id from applications order by id')).rows.map(
    (r) => r.id,
  );
  await raw.end();
  const sample = applicants[0]!;

  for (const conns of CONNECTIONS) {
    const bareUpdate = await barePool(conns, (n) => [
      'update bench_reference set form = $1 where id = $2',
      [JSON.stringify(formOf(graduated, sample.scans, n)), (n % APPLICANTS) + 1],
    ]);
    const updateName = `裸 pg UPDATE（池 ${bareUpdate.pool}）`;
    record({
      what: '参照：裸 pg 自动提交 UPDATE',
      kind: 'bareUpdate',
      instances: 0,
      connections: conns,
      figure: bareUpdate,
      note: `池 ${bareUpdate.pool}`,
    });
    const bareRead = await barePool(conns, (n) => [
      'select * from applications where id = $1',
      [ids[n % ids.length]],
    ]);
    const readName = `裸 pg 主键读（池 ${bareRead.pool}）`;
    record({
      what: '参照：裸 pg 主键读',
      kind: 'bareRead',
      instances: 0,
      connections: conns,
      figure: bareRead,
      note: `池 ${bareRead.pool}`,
    });
    for (const n of INSTANCE_COUNTS) {
      const on = bases.slice(0, n);
      const health = await drive(on, conns, get('/api/v1/health'));
      record({ what: '参照：GET /health', kind: 'health', instances: n, connections: conns, figure: health });
      const home = await drive(on, conns, get('/api/v1/agencies'));
      record({
        what: '公开首页 GET /agencies',
        kind: 'home',
        instances: n,
        connections: conns,
        figure: home,
        reference: { name: '/health', rps: health.rps },
      });
      const save = await drive(on, conns, saves(split(applicants, on)));
      record({
        what: '保存草稿 PUT /form',
        kind: 'save',
        instances: n,
        connections: conns,
        figure: save,
        reference: { name: updateName, rps: bareUpdate.rps },
      });
      const sub = await submits(on, conns, applicants);
      record({
        what: '提交申报 POST /submit',
        kind: 'submit',
        instances: n,
        connections: conns,
        figure: sub.figure,
        reference: { name: updateName, rps: bareUpdate.rps },
        note: sub.ranOut ? `${applicants.length} 份全部用完，${sub.figure.seconds.toFixed(1)} s` : undefined,
      });
      const queue = await drive(on, conns, queueLists(split(reviewers, on)));
      record({
        what: '审查待办 GET /review/queue',
        kind: 'queue',
        instances: n,
        connections: conns,
        figure: queue,
        reference: { name: readName, rps: bareRead.rps },
      });
      // Untimed: the submitted ones are withdrawn and their applicants start a new complete draft.
      await inParallel(sub.submitted, 16, async (a) => {
        await call(a, 'POST', `/applications/${a.applicationId}/withdraw`, {}, 200);
        await newCompleteDraft(a);
      });
    }
  }
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  const markdown =
    `# npm run bench:surge（${new Date().toISOString()}）\n\n` +
    `每项 ${SECONDS} 秒，${APPLICANTS} 名申报人员（各一份完整申报），实例由本程序启动、连接平均分给各实例；` +
    `客户端等待上限 ${TIMEOUT_S} 秒；参照在同一次运行中测得；共用时 ${minutes} 分钟。\n\n` +
    markdownTable(HEAD, rows.map(cells)) +
    '\n' +
    (rows.some((r) => r.figure.errors > 0)
      ? '\n错误明细：\n\n' +
        rows
          .filter((r) => r.figure.errors > 0)
          .map(
            (r) =>
              `- ${r.what}，${r.instances || '—'} 个实例，${r.connections} 个连接：` +
              Object.entries(r.figure.problems)
                .map(([k, v]) => `${k} ×${v}`)
                .join('，'),
          )
          .join('\n') +
        '\n'
      : '');
  await writeMarkdown('bench/results/surge-latest.md', markdown);
  if (process.env.BENCH_JSON)
    writeFileSync(
      process.env.BENCH_JSON,
      JSON.stringify({ seconds: SECONDS, applicants: APPLICANTS, rows }, null, 2),
    );
  console.log(`已写入 bench/results/surge-latest.md（${minutes} 分钟）`);
} finally {
  await stopAll();
  rmSync(scratch, { recursive: true, force: true });
}
