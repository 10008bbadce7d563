/**
 * Issue 4 acceptance: kill the server (SIGKILL) in the middle of a burst of uploads and restart it —
 * every acknowledged upload is there and intact, and no upload row points at a missing file.
 * Runs the real server process on this test's database (PGlite on disk, or the PostgreSQL copy).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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

beforeAll(async () => {
  t = await createTestApp({}, undefined, { onDisk: true });
  drop = await t.closeKeepingData();
});
afterAll(async () => {
  await drop?.();
  rmSync(filesDir, { recursive: true, force: true });
});

describe('uploads survive SIGKILL', () => {
  it('every acknowledged upload is intact after a kill and restart', async () => {
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
    let killed = false;
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
      if (!killed && acknowledged.length >= 12) {
        killed = true;
        server.kill('SIGKILL');
      }
    };
    // A burst: 60 uploads, 6 at a time; the server is killed part-way through.
    for (let i = 0; i < 60; i += 6) await Promise.all([0, 1, 2, 3, 4, 5].map((k) => uploadOne(i + k)));
    expect(killed).toBe(true);
    expect(acknowledged.length).toBeGreaterThanOrEqual(12);
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
    } finally {
      await database.close();
    }
  }, 120_000);
});
