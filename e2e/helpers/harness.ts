/**
 * Starts the built server (dist/) on a fresh embedded database loaded with `npm run demo`, and a
 * headless Chromium (Debian's /usr/bin/chromium through playwright-core). Screenshots go to
 * e2e/screenshots/ for a person to look at.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';

export const SCREENSHOT_DIR = join(process.cwd(), 'e2e', 'screenshots');
export const DEMO_PASSWORD = 'Demo@Pass1';
export const ADMIN_PASSWORD = 'E2e-Admin-2026';

export interface Harness {
  baseUrl: string;
  browser: Browser;
  /** What the server printed so far (warnings and errors), for a failing test to show. */
  serverLog(): string;
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

export async function startHarness(): Promise<Harness> {
  if (!existsSync('dist/server/server.js') || !existsSync('dist/web/index.html')) {
    throw new Error('请先运行 npm run build');
  }
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'zc-e2e-'));
  const port = 3900 + Math.floor(Math.random() * 90);
  const env = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    ADMIN_PASSWORD,
    LOG_LEVEL: 'warn',
    DATABASE_URL: '',
  };
  const demo = spawnSync('npx', ['tsx', 'src/server/cli/demo-cli.ts'], {
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (demo.status !== 0) throw new Error('npm run demo failed:\n' + demo.stdout + demo.stderr);
  let output = '';
  const server = spawn('node', ['dist/server/server.js'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  server.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHealth(baseUrl, server, () => output);
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
  return {
    baseUrl,
    browser,
    serverLog: () => output,
    async stop() {
      await browser.close();
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
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
      void r.response().then((res) => note(`← ${res?.status()} ${r.method()} ${new URL(r.url()).pathname}`));
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

export async function shot(page: Page, name: string, fullPage = true) {
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage });
}

export async function loginAs(page: Page, baseUrl: string, username: string, password = DEMO_PASSWORD) {
  await page.goto(baseUrl + '/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 20_000 });
}

export const DESKTOP = { width: 1366, height: 900 };
export const PHONE = { width: 390, height: 844 };

/** The pages a test has open, for the failure hook (e2e/helpers/on-failure.ts) to photograph. */
export const openPages = new Set<Page>();

/** A fresh browser context as a person in Ganzhou has it (zh-CN, Asia/Shanghai), with its page watched. */
export async function openPage(
  browser: Browser,
  viewport = DESKTOP,
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  openPages.add(page);
  page.on('close', () => openPages.delete(page));
  const { errors } = watchPage(page);
  return { context, page, errors };
}
