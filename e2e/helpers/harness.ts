/**
 * Starts the built server (dist/) on a fresh embedded database loaded with `npm run demo` (a copy of
 * the one demo-template.ts builds per run), and a headless Chromium (Debian's /usr/bin/chromium
 * through playwright-core). Screenshots go to e2e/screenshots/ for a person to look at.
 *
 * Time. No journey may depend on the day it runs: dates a test types are built from `h.today()` /
 * `h.now()` (the server's clock), and the acceptance window a journey applies in is opened for today
 * through the API (e2e/helpers/api.ts `openWindowToday`). Two ways to run on another day:
 *  - the whole suite on a moved clock: `faketime '2027-03-15 10:00:00' npm run test:e2e` — vitest,
 *    the demo CLI, the server and Chromium all inherit libfaketime (LD_PRELOAD) and share one clock;
 *  - one test file's server at a chosen time: `startHarness({ clock: '2027-12-20 09:00:00' })` (see
 *    `HarnessOptions.clock`), the rest of the suite on the process's clock.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';
import { inject } from 'vitest';
import { checkA11y, checkBeforeLeaving, settle, signedInAs } from './a11y.js';

export const SCREENSHOT_DIR = join(process.cwd(), 'e2e', 'screenshots');
export const DEMO_PASSWORD = 'Demo@Pass1';
export const ADMIN_PASSWORD = 'E2e-Admin-Pass1';

export interface HarnessOptions {
  /**
   * Run the server at this time instead of the process's own clock: a timestamp as `faketime` and GNU
   * `date -d` read it ('2027-12-20 09:00:00' in the machine's time zone, '2027-12-20T09:00:00+08:00',
   * '@1829000000', or a relative one such as 'now + 1 year', taken from the process's clock), or a Date.
   * The clock keeps running from there. The demo CLI and the server run under `faketime` with one
   * fixed offset from the real clock (so the demo data is not dated after the server's start, as two
   * separate `faketime '<clock>'` runs would do), even when the whole suite already runs under
   * faketime; every browser context of `h.browser` opened through `openPage` gets the same time
   * (`context.clock.install`, flowing). Use `h.now()` / `h.today()` for dates a test types or
   * expects. Needs Debian's faketime (`apt-get install -y faketime`).
   */
  clock?: string | Date;
}

export interface Harness {
  baseUrl: string;
  browser: Browser;
  /** The server's current time: the process's clock, or the `clock` option's once given (it keeps running). */
  now(): Date;
  /** The server's today (YYYY-MM-DD in Asia/Shanghai, the system time zone). */
  today(): string;
  /** What the server printed so far (warnings and errors), for a failing test to show. */
  serverLog(): string;
  /**
   * Moves the server's clock `days` ahead: the server is restarted on the same data under faketime
   * (same address; sessions are kept in the database), and browser contexts opened afterwards run at
   * the new time. For what only time can do, e.g. a publicity running its working days.
   */
  advance(days: number): Promise<void>;
  stop(): Promise<void>;
}

function chromiumPath(): string {
  for (const p of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) if (existsSync(p)) return p;
  throw new Error('找不到 Chromium：请先 apt-get install -y chromium fonts-noto-cjk');
}

async function waitForHealth(url: string, proc: ChildProcess, log: () => string) {
  for (let i = 0; i < 120; i++) {
    if (proc.exitCode !== null) throw new Error('server exited early:\n' + log());
    try {
      const r = await fetch(url + '/api/v1/health');
      if (r.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('server did not become healthy:\n' + log());
}

/** A YYYY-MM-DD day in Asia/Shanghai, the system time zone (what the server calls today). */
export function ymd(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** The day `n` days after (before, if negative) a YYYY-MM-DD day. */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(day + 'T00:00:00Z') + n * 86_400_000).toISOString().slice(0, 10);
}

/** The same day `n` years later (earlier if negative); 29 February becomes 28 February in a common year. */
export function addYears(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y + n, m, 0)).getUTCDate();
  return `${y + n}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The environment without libfaketime: what the real clock says, for the offset `faketime -f` takes. */
function withoutFaketime(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const clean = { ...env };
  for (const k of Object.keys(clean)) if (k.startsWith('FAKETIME')) delete clean[k];
  const preload = (clean.LD_PRELOAD ?? '')
    .split(/[\s:]+/)
    .filter((lib) => lib && !lib.includes('faketime'))
    .join(':');
  if (preload) clean.LD_PRELOAD = preload;
  else delete clean.LD_PRELOAD;
  return clean;
}

/** Milliseconds since the epoch of `date -d <when>` (GNU date, as faketime reads its timestamp). */
function epochOf(when: string, env: NodeJS.ProcessEnv): number {
  const r = spawnSync('date', ['-d', when, '+%s%3N'], { env, encoding: 'utf8' });
  const ms = Number(r.stdout.trim());
  if (r.status !== 0 || !Number.isFinite(ms) || r.stdout.trim() === '') {
    throw new Error(`startHarness 的 clock 选项“${when}”不是 date -d 能识别的时间：${r.stderr.trim()}`);
  }
  return ms;
}

/**
 * How to run the demo CLI and the server at `clock`: `faketime -f +<s>` with the offset from the real
 * clock, and how far the server's clock is ahead of this process's (for the browser and `h.now()`).
 */
function fakeClock(clock: string | Date): { prefix: string[]; env: NodeJS.ProcessEnv; aheadMs: number } {
  const env = withoutFaketime(process.env);
  const probe = spawnSync('faketime', ['-f', '+0', 'true'], { env, encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      '找不到可用的 faketime：startHarness 的 clock 选项要在指定时间运行服务端，' +
        '请先安装 apt-get install -y faketime' +
        (probe.error ? `（${probe.error.message}）` : `（${probe.stderr.trim()}）`),
    );
  }
  // Relative timestamps count from this process's clock (itself moved when the suite runs under faketime).
  const target = clock instanceof Date ? clock.getTime() : epochOf(clock, process.env);
  if (!Number.isFinite(target)) throw new Error('startHarness 的 clock 选项不是有效时间');
  const aheadMs = target - Date.now();
  const realNow = epochOf('now', env);
  const offset = Math.round((target - realNow) / 1000);
  return { prefix: ['faketime', '-f', (offset < 0 ? '-' : '+') + Math.abs(offset)], env, aheadMs };
}

/**
 * A port nobody listens on now (the system picks it), so that the health check cannot reach another
 * run's server — other test runs may be going on the same machine.
 */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', resolve);
  });
  const { port } = probe.address() as { port: number };
  await new Promise((r) => probe.close(r));
  return port;
}

/** Per browser: how far its pages' clock is set ahead of this process's (the `clock` option). */
const browserClockAhead = new WeakMap<Browser, number>();

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  if (!existsSync('dist/server/server.js') || !existsSync('dist/web/index.html')) {
    throw new Error('请先运行 npm run build');
  }
  let faked = options.clock === undefined ? null : fakeClock(options.clock);
  let aheadMs = faked?.aheadMs ?? 0;
  const now = () => new Date(Date.now() + aheadMs);
  /** Runs `command args` at the server's time: under faketime when the clock option is given. */
  const at = (command: string, args: string[]): [string, string[]] =>
    faked ? [faked.prefix[0]!, [...faked.prefix.slice(1), command, ...args]] : [command, args];
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'zc-e2e-'));
  const port = await freePort();
  const envAt = () => ({
    ...(faked?.env ?? process.env),
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    ADMIN_PASSWORD,
    LOG_LEVEL: 'warn',
    DATABASE_URL: '',
  });
  // On the suite's own clock the demo built once by demo-template.ts (global setup) is copied; at
  // another clock the demo is built at that time.
  const template = faked ? undefined : inject('demoTemplateDir');
  if (template) cpSync(template, dataDir, { recursive: true });
  else {
    const demo = spawnSync(...at('npx', ['tsx', 'src/server/cli/demo-cli.ts']), {
      env: envAt(),
      encoding: 'utf8',
      timeout: 120_000,
    });
    if (demo.status !== 0) throw new Error('npm run demo failed:\n' + demo.stdout + demo.stderr);
  }
  let output = '';
  const baseUrl = `http://127.0.0.1:${port}`;

  /** Starts the server at the current clock; returns how to stop it and wait until it is gone. */
  const launch = async () => {
    const grouped = faked !== null;
    // Under faketime the server is the wrapper's child: run both as a process group, stopped together
    // (the wrapper does not pass SIGTERM on, and the server would outlive the test).
    const server = spawn(...at('node', ['dist/server/server.js']), {
      env: envAt(),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: grouped,
    });
    const stopServer = () => {
      try {
        if (grouped) process.kill(-server.pid!, 'SIGTERM');
        else if (server.exitCode === null && server.signalCode === null) server.kill('SIGTERM');
      } catch {
        /* already gone */
      }
    };
    /** Whether any process of the server's group is still running (under faketime). */
    const groupAlive = () => {
      try {
        process.kill(-server.pid!, 0);
        return true;
      } catch {
        return false;
      }
    };
    const exited = new Promise((r) => server.once('exit', r));
    process.once('exit', stopServer);
    server.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    server.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    await waitForHealth(baseUrl, server, () => output);
    return async () => {
      stopServer();
      await exited;
      for (let i = 0; grouped && groupAlive() && i < 100; i++) await new Promise((r) => setTimeout(r, 100));
      process.off('exit', stopServer);
    };
  };
  let stopServer = await launch();
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  if (faked) browserClockAhead.set(browser, aheadMs);
  return {
    baseUrl,
    browser,
    now,
    today: () => ymd(now()),
    serverLog: () => output,
    async advance(days: number) {
      await stopServer();
      faked = fakeClock(new Date(now().getTime() + days * 86_400_000));
      aheadMs = faked.aheadMs;
      stopServer = await launch();
      browserClockAhead.set(browser, aheadMs);
    },
    async stop() {
      await browser.close();
      await stopServer();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The last API requests of each page (time, method, path, status), for the failure hook to print. */
export const apiTraffic = new WeakMap<Page, string[]>();

/** Collects console errors and failed API calls of a page, so a test can assert there were none. */
export function watchPage(page: Page): { errors: string[] } {
  const errors: string[] = [];
  const traffic: string[] = [];
  apiTraffic.set(page, traffic);
  const note = (line: string) => {
    traffic.push(`${new Date().toISOString().slice(11, 23)} ${line}`);
    if (traffic.length > 40) traffic.shift();
  };
  page.on('request', (r) => {
    if (r.url().includes('/api/')) note(`→ ${r.method()} ${new URL(r.url()).pathname}`);
  });
  page.on('requestfinished', (r) => {
    if (r.url().includes('/api/'))
      r.response().then(
        (res) => note(`← ${res?.status()} ${r.method()} ${new URL(r.url()).pathname}`),
        () => {
          /* the page was closed meanwhile: nothing left to note */
        },
      );
  });
  page.on('pageerror', (e) => errors.push('pageerror: ' + e.message));
  page.on('crash', () => errors.push('crash: the page crashed'));
  page.on('requestfailed', (r) => {
    // A request the page itself dropped (it navigated on) is no failure.
    const reason = r.failure()?.errorText ?? '';
    if (r.url().includes('/api/') && !reason.includes('ERR_ABORTED'))
      errors.push(`request failed: ${r.method()} ${r.url()} ${reason}`);
  });
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push('console: ' + m.text());
  });
  page.on('response', (r) => {
    if (r.url().includes('/api/') && r.status() >= 500) errors.push(`HTTP ${r.status()} ${r.url()}`);
  });
  return { errors };
}

/** A screenshot for a person to look at; the page is also checked for accessibility (e2e/helpers/a11y.ts). */
export async function shot(page: Page, name: string, fullPage = true) {
  await page.waitForLoadState('networkidle');
  await settle(page);
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage });
  await checkA11y(page);
}

export async function loginAs(page: Page, baseUrl: string, username: string, password = DEMO_PASSWORD) {
  await page.goto(baseUrl + '/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await checkA11y(page);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 20_000 });
  signedInAs.set(page.context(), username);
}

export const DESKTOP = { width: 1366, height: 900 };
export const PHONE = { width: 390, height: 844 };

/** The pages a test has open, for the failure hook (e2e/helpers/on-failure.ts) to photograph. */
export const openPages = new Set<Page>();

/**
 * A fresh browser context as a person in Ganzhou has it (zh-CN, Asia/Shanghai), at the server's time,
 * with its page watched.
 */
export async function openPage(
  browser: Browser,
  viewport = DESKTOP,
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  // The harness's clock option: the page's Date (and timers) run from the server's time, not the machine's.
  const ahead = browserClockAhead.get(browser);
  if (ahead !== undefined) await context.clock.install({ time: Date.now() + ahead });
  const page = await context.newPage();
  openPages.add(page);
  page.on('close', () => openPages.delete(page));
  const { errors } = watchPage(page);
  checkBeforeLeaving(context, page);
  return { context, page, errors };
}
