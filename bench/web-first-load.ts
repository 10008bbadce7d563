/**
 * `npm run bench:web` — the public home's first load (issue 12, item 2): how many requests and how many
 * bytes a browser with an empty cache fetches to show the home page, the bytes as transferred on the wire
 * (compressed, headers included) beside the bodies' uncompressed size, by kind (document, script, style,
 * API, other); the scripts one by one; a second visit in the same browser (what the HTTP cache saves:
 * immutable assets from cache, API answers revalidated with 304); and the time until the agency table shows,
 * unthrottled and on a simulated phone on a slow 4G network (Chrome DevTools' "Slow 4G" preset: 562.5 ms
 * latency, 1.44 Mbit/s down, 675 kbit/s up; 390×844 viewport; no CPU throttling).
 *
 * Builds nothing: run `npm run build` first. Starts the built server (dist/server/server.js) on a fresh
 * embedded database in a temp data dir, and Debian's Chromium (/usr/bin/chromium) through playwright-core.
 * Prints figures, never fails on them; exits non-zero only if the page cannot be loaded at all.
 *
 * BENCH_WEB_RUNS (default 3) cold loads per scenario; the figures printed are the median.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type Browser, type CDPSession, type Page, chromium } from 'playwright-core';

const RUNS = Math.max(1, Number(process.env.BENCH_WEB_RUNS ?? 3));
/** A name the home page shows once the agency list has arrived and rendered. */
const HOME_READY_TEXT = '赣州市职称工作办公室';

type Kind = 'document' | 'script' | 'style' | 'api' | 'other';

interface Entry {
  url: string;
  kind: Kind;
  status: number;
  encoding: string;
  fromCache: boolean;
  /** Bytes on the wire (headers + body as sent), 0 when served from the browser's cache. */
  transferred: number;
  /** Body bytes after decompression. */
  decoded: number;
}

interface Load {
  entries: Entry[];
  ms: number;
}

function chromiumPath(): string {
  for (const p of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) if (existsSync(p)) return p;
  throw new Error('找不到 Chromium：请先 apt-get install -y chromium fonts-noto-cjk');
}

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

async function waitForHealth(url: string, proc: ChildProcess, log: () => string): Promise<void> {
  for (let i = 0; i < 240; i++) {
    if (proc.exitCode !== null) throw new Error('服务端提前退出：\n' + log());
    try {
      if ((await fetch(url + '/api/v1/health')).ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('服务端未能启动：\n' + log());
}

function kindOf(url: string, resourceType: string): Kind {
  const path = new URL(url).pathname;
  if (path.startsWith('/api/')) return 'api';
  if (resourceType === 'Document') return 'document';
  if (resourceType === 'Script' || path.endsWith('.js')) return 'script';
  if (resourceType === 'Stylesheet' || path.endsWith('.css')) return 'style';
  return 'other';
}

/** Records every request of the page through the DevTools protocol until `stop()`. */
async function record(cdp: CDPSession): Promise<() => Entry[]> {
  const byId = new Map<string, Entry>();
  /** The status as it came over the network (304 on revalidation; responseReceived shows the cached 200). */
  const wireStatus = new Map<string, number>();
  cdp.on('Network.responseReceivedExtraInfo', (e) => {
    wireStatus.set(e.requestId, e.statusCode);
  });
  /** Requests answered from the memory cache (responseReceived does not say so). */
  const fromMemory = new Set<string>();
  cdp.on('Network.requestServedFromCache', (e) => {
    fromMemory.add(e.requestId);
  });
  cdp.on('Network.responseReceived', (e) => {
    const headers = Object.fromEntries(
      Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]),
    );
    byId.set(e.requestId, {
      url: e.response.url,
      kind: kindOf(e.response.url, e.type),
      status: e.response.status,
      encoding: headers['content-encoding'] ?? '',
      fromCache: Boolean(e.response.fromDiskCache || e.response.fromPrefetchCache),
      transferred: 0,
      decoded: 0,
    });
  });
  cdp.on('Network.dataReceived', (e) => {
    const entry = byId.get(e.requestId);
    if (entry) entry.decoded += e.dataLength;
  });
  cdp.on('Network.loadingFinished', (e) => {
    const entry = byId.get(e.requestId);
    if (!entry) return;
    if (fromMemory.has(e.requestId)) entry.fromCache = true;
    entry.transferred = entry.fromCache ? 0 : e.encodedDataLength;
  });
  await cdp.send('Network.enable');
  return () =>
    [...byId.entries()].map(([id, entry]) => ({ ...entry, status: wireStatus.get(id) ?? entry.status }));
}

const SLOW_4G = {
  offline: false,
  latency: 562.5,
  downloadThroughput: (1.6 * 1024 * 1024 * 0.9) / 8,
  uploadThroughput: (750 * 1024 * 0.9) / 8,
};

async function load(page: Page, cdp: CDPSession, url: string): Promise<Load> {
  const stop = await record(cdp);
  const t0 = performance.now();
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  await page.getByText(HOME_READY_TEXT).first().waitFor({ state: 'visible', timeout: 120_000 });
  const ms = performance.now() - t0;
  await page.waitForLoadState('networkidle', { timeout: 120_000 });
  return { entries: stop(), ms };
}

async function coldAndWarm(
  browser: Browser,
  url: string,
  phone: boolean,
): Promise<{ cold: Load; warm: Load }> {
  const context = await browser.newContext({
    viewport: phone ? { width: 390, height: 844 } : { width: 1366, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    isMobile: phone,
    hasTouch: phone,
  });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    if (phone) await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
    const cold = await load(page, cdp, url);
    // A second visit in a new tab of the same browser: what the HTTP cache keeps.
    const page2 = await context.newPage();
    const cdp2 = await context.newCDPSession(page2);
    if (phone) await cdp2.send('Network.emulateNetworkConditions', SLOW_4G);
    const warm = await load(page2, cdp2, url);
    return { cold, warm };
  } finally {
    await context.close();
  }
}

const kb = (n: number) => (n / 1024).toFixed(1);
const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const lpad = (s: string, n: number) => (s.length >= n ? s : ' '.repeat(n - s.length) + s);

function summarise(title: string, l: Load): void {
  const kinds: Kind[] = ['document', 'script', 'style', 'api', 'other'];
  console.log(`\n${title}（到首页显示认定机构：${(l.ms / 1000).toFixed(2)} s）`);
  console.log(
    `  ${pad('kind', 10)}${lpad('requests', 9)}${lpad('transferred KB', 16)}${lpad('uncompressed KB', 17)}`,
  );
  let n = 0,
    t = 0,
    d = 0;
  for (const k of kinds) {
    const es = l.entries.filter((e) => e.kind === k);
    if (es.length === 0) continue;
    const tt = es.reduce((s, e) => s + e.transferred, 0);
    const dd = es.reduce((s, e) => s + e.decoded, 0);
    n += es.length;
    t += tt;
    d += dd;
    const cached = es.filter((e) => e.fromCache).length;
    const notModified = es.filter((e) => e.status === 304).length;
    const note = [cached ? `${cached} from cache` : '', notModified ? `${notModified}×304` : '']
      .filter(Boolean)
      .join(', ');
    console.log(
      `  ${pad(k, 10)}${lpad(String(es.length), 9)}${lpad(kb(tt), 16)}${lpad(kb(dd), 17)}${note ? '   ' + note : ''}`,
    );
  }
  console.log(`  ${pad('total', 10)}${lpad(String(n), 9)}${lpad(kb(t), 16)}${lpad(kb(d), 17)}`);
}

function scripts(l: Load): void {
  console.log('\n首页首次加载的脚本、样式与接口（transferred / uncompressed KB, encoding）：');
  const es = l.entries
    .filter((e) => e.kind === 'script' || e.kind === 'style' || e.kind === 'api')
    .sort((a, b) => b.decoded - a.decoded);
  for (const e of es) {
    console.log(
      `  ${pad(new URL(e.url).pathname + new URL(e.url).search, 52)}${lpad(kb(e.transferred), 9)}${lpad(kb(e.decoded), 9)}  ${e.encoding || '-'}`,
    );
  }
}

function median(loads: Load[]): Load {
  const sorted = [...loads].sort((a, b) => a.ms - b.ms);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main(): Promise<void> {
  if (!existsSync('dist/server/server.js') || !existsSync('dist/web/index.html')) {
    console.error('请先运行 npm run build（本基准不构建，只启动已构建的服务端）');
    process.exit(1);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'zc-bench-web-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let output = '';
  const server = spawn('node', ['dist/server/server.js'], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      ADMIN_PASSWORD: 'Bench-Admin-Pass1',
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  server.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const stopServer = () => {
    if (server.exitCode === null && server.signalCode === null) server.kill('SIGTERM');
  };
  process.once('exit', stopServer);
  let browser: Browser | undefined;
  try {
    await waitForHealth(baseUrl, server, () => output);
    browser = await chromium.launch({
      executablePath: chromiumPath(),
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
      ],
    });
    console.log(`公开首页首次加载（${baseUrl}/，空缓存，每种情形 ${RUNS} 次取中位数）`);
    for (const phone of [false, true]) {
      const runs: { cold: Load; warm: Load }[] = [];
      for (let i = 0; i < RUNS; i++) runs.push(await coldAndWarm(browser, baseUrl + '/', phone));
      const cold = median(runs.map((r) => r.cold));
      const warm = median(runs.map((r) => r.warm));
      const label = phone ? '手机 390×844，Slow 4G 网络' : '桌面 1366×900，不限速';
      summarise(`${label} — 首次访问`, cold);
      summarise(`${label} — 再次访问（同一浏览器）`, warm);
      if (!phone) scripts(cold);
    }
  } finally {
    await browser?.close();
    stopServer();
    await new Promise((r) => (server.exitCode !== null ? r(null) : server.once('exit', r)));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
