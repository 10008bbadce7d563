/**
 * Issue 4 acceptance, made exact by issue 11 item 14: kill the server (SIGKILL) while an upload is
 * in flight — one whose body is half sent when the signal lands, with a burst of others around it —
 * and restart it. Every acknowledged upload is there and intact, the interrupted one left neither a
 * row nor a file, and no upload row points at a missing or altered file.
 * Runs the real server process on this test's database (PGlite on disk, or the PostgreSQL copy).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from './helpers/test-app.js';
import { sha256Of, LocalDiskStorage } from '../src/server/storage/file-storage.js';
import { openDatabase } from '../src/server/db/client.js';
import { uploads } from '../src/server/db/schema.js';

let t: TestApp;
let drop: () => Promise<void>;
const filesDir = mkdtempSync(join(tmpdir(), 'zc-durable-files-'));
const port = 4100 + Math.floor(Math.random() * 400);
const base = `http://127.0.0.1:${port}`;
const env = () => ({
  ...process.env,
  DATABASE_URL: '',
  DATA_DIR: '',
  ...t.cliEnv,
  FILES_DIR: filesDir,
  PORT: String(port),
  HOST: '127.0.0.1',
  ADMIN_PASSWORD: 'Durable-Admin-1',
  LOG_LEVEL: 'silent',
});

function startServer(): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/server/server.ts'], {
    env: env(),
    stdio: 'ignore',
  });
}

function exited(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((r) => proc.once('exit', () => r()));
}

async function waitHealthy(proc: ChildProcess) {
  for (let i = 0; i < 120; i++) {
    if (proc.exitCode !== null) throw new Error('server exited with ' + proc.exitCode);
    try {
      if ((await fetch(base + '/api/v1/health')).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('server did not start');
}

async function session(password: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(base + '/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password }),
  });
  expect(res.status).toBe(200);
  const me = (await res.json()) as { csrfToken: string };
  return { cookie: res.headers.get('set-cookie')!.split(';')[0]!, csrf: me.csrfToken };
}

/** A distinct small PNG-signed file per index (content sniffing sees PNG). */
function pngLike(i: number): Buffer {
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  );
  return Buffer.concat([png, Buffer.from(`#${i}#`), Buffer.alloc(20_000 + (i % 7) * 1000, i % 251)]);
}

/**
 * Starts a multipart upload and sends only the first half of its body, so that the server is
 * reading it when it dies. Resolves once the half is on the wire; `outcome` settles when the
 * connection ends (for a killed server: an error, never an acknowledgement).
 */
async function halfSentUpload(
  s: { cookie: string; csrf: string },
  content: Buffer,
): Promise<{ outcome: Promise<number | 'connection lost'> }> {
  const boundary = 'zc-durable-boundary';
  const head = Buffer.from(
    `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="in-flight.png"\r\n` +
      'content-type: image/png\r\n\r\n',
  );
  const body = Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  const req = request(base + '/api/v1/uploads', {
    method: 'POST',
    headers: {
      cookie: s.cookie,
      'x-csrf-token': s.csrf,
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'content-length': String(body.length),
    },
  });
  const outcome = new Promise<number | 'connection lost'>((resolve) => {
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve('connection lost'));
  });
  await new Promise<void>((r) => req.write(body.subarray(0, body.length >> 1), () => r()));
  // Give the server time to take the headers and the first half (it is then inside the upload).
  await new Promise((r) => setTimeout(r, 300));
  return { outcome };
}

beforeAll(async () => {
  t = await createTestApp({}, undefined, { onDisk: true });
  drop = await t.closeKeepingData();
});
afterAll(async () => {
  await drop?.();
  rmSync(filesDir, { recursive: true, force: true });
});

describe('uploads survive SIGKILL', () => {
  it('a kill during an upload in flight: acknowledged uploads intact, the interrupted one leaves nothing', async () => {
    let server = startServer();
    await waitHealthy(server);
    let s = await session('Durable-Admin-1');
    const changed = await fetch(base + '/api/v1/auth/password', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf },
      body: JSON.stringify({ currentPassword: 'Durable-Admin-1', newPassword: 'Durable-Admin-2' }),
    });
    expect(changed.status).toBe(200);
    s = await session('Durable-Admin-2');

    const acknowledged: { id: number; sha256: string }[] = [];
    const uploadOne = async (i: number) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(pngLike(i))], { type: 'image/png' }), `scan-${i}.png`);
      try {
        const res = await fetch(base + '/api/v1/uploads', {
          method: 'POST',
          headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
          body: form,
        });
        if (res.status === 201) {
          const body = (await res.json()) as { id: number; sha256: string };
          expect(body.sha256).toBe(sha256Of(pngLike(i)));
          acknowledged.push(body);
        }
      } catch {
        /* the server died under this request: not acknowledged */
      }
    };
    // A burst of 30 uploads, 6 at a time, acknowledged before the kill.
    for (let i = 0; i < 30; i += 6) await Promise.all([0, 1, 2, 3, 4, 5].map((k) => uploadOne(i + k)));
    expect(acknowledged.length).toBe(30);

    // Then, with one upload's body half sent and six more on their way, the server is killed.
    const inFlightContent = pngLike(1000);
    const inFlight = await halfSentUpload(s, inFlightContent);
    const around = [0, 1, 2, 3, 4, 5].map((k) => uploadOne(30 + k));
    server.kill('SIGKILL');
    await Promise.all(around);
    expect(await inFlight.outcome).toBe('connection lost');
    await exited(server);

    server = startServer();
    await waitHealthy(server);
    s = await session('Durable-Admin-2');
    for (const a of acknowledged) {
      const res = await fetch(`${base}/api/v1/uploads/${a.id}/content`, { headers: { cookie: s.cookie } });
      expect(res.status, `upload ${a.id}`).toBe(200);
      expect(sha256Of(Buffer.from(await res.arrayBuffer()))).toBe(a.sha256);
    }
    server.kill('SIGTERM');
    await exited(server);

    // No row points at a missing or altered file.
    const database = await openDatabase({
      databaseUrl: t.cliEnv.DATABASE_URL,
      dataDir: t.cliEnv.DATA_DIR ?? '',
    });
    try {
      const storage = new LocalDiskStorage(filesDir);
      const rows = await database.db.select().from(uploads);
      expect(rows.length).toBeGreaterThanOrEqual(acknowledged.length);
      for (const r of rows) expect(sha256Of(await storage.read(r.sha256))).toBe(r.sha256);
      // The interrupted upload: no row, and not a byte of it in the store (not even a temporary file).
      const interrupted = sha256Of(inFlightContent);
      expect(rows.some((r) => r.sha256 === interrupted)).toBe(false);
      expect(await storage.has(interrupted)).toBe(false);
      const names = readdirSync(filesDir, { recursive: true }).map(String);
      expect(names.filter((n) => n.includes(interrupted))).toEqual([]);
    } finally {
      await database.close();
    }
  }, 120_000);
});
