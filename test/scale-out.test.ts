/**
 * Issue 12 item 3: nothing in one instance's memory that another needs. A session begun on one
 * instance continues on another and ends on all; on PostgreSQL, `npm run cluster` runs instances
 * behind its balancer, and an instance killed with SIGKILL is replaced while the others serve.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { get } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app.js';
import { type TestApp, createTestApp } from './helpers/test-app.js';
import { TEST_PASSWORD, adminSession } from './helpers/session.js';

let t: TestApp;
let other: FastifyInstance;
beforeAll(async () => {
  t = await createTestApp();
  await adminSession(t); // the admin exists, password changed
  // A second instance: its own application object and caches, the same database.
  other = await buildApp({ ctx: { ...t.ctx }, serveWeb: false });
  await other.ready();
});
afterAll(async () => {
  await other?.close();
  await t?.close();
});

describe('two instances, one database', () => {
  it('a session signed in on one instance continues on the other, and ends on both', async () => {
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', password: TEST_PASSWORD },
    });
    expect(login.statusCode, login.body).toBe(200);
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const csrf = login.json<{ csrfToken: string }>().csrfToken;
    const meOn = (app: FastifyInstance) =>
      app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    expect((await meOn(other)).json()).toMatchObject({ username: 'admin' });
    const out = await other.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie, 'x-csrf-token': csrf },
    });
    expect(out.statusCode, out.body).toBe(200);
    expect((await meOn(t.app)).statusCode).toBe(401);
    expect((await meOn(other)).statusCode).toBe(401);
  });
});

// Several processes on one database: PostgreSQL only (an embedded database is one process's).
describe.runIf(Boolean(process.env.DATABASE_URL))('npm run cluster (PostgreSQL)', () => {
  const port = 4500 + Math.floor(Math.random() * 300);
  let cluster: ChildProcess;
  const up = async (p: number) => {
    for (let i = 0; i < 240; i++) {
      try {
        if ((await fetch(`http://127.0.0.1:${p}/api/v1/health`)).ok) return;
      } catch {
        /* starting */
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`:${p} did not come up`);
  };
  afterAll(async () => {
    if (cluster && cluster.exitCode === null) {
      cluster.kill('SIGTERM');
      await new Promise((r) => cluster.once('exit', r));
    }
  });

  it('serves through the balancer while an instance is killed, and starts it again', async () => {
    cluster = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/server/cli/cluster-cli.ts', '--instances', '2', '--port', String(port)],
      { env: { ...process.env, ...t.cliEnv, LOG_LEVEL: 'silent' }, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let said = '';
    cluster.stdout!.on('data', (b: Buffer) => (said += b.toString()));
    /** Each time an instance came up, the cluster said so with its process: the latest of each port. */
    const startsOf = (p: number) => [...said.matchAll(new RegExp(`实例 :${p} 已就绪（进程 (\\d+)）`, 'g'))];
    const pidOf = (p: number) => Number(startsOf(p).at(-1)?.[1] ?? 0);
    await expect.poll(() => pidOf(port + 1) && pidOf(port + 2), { timeout: 60_000 }).toBeTruthy();
    // A new connection per request, as the balancer hands out connections (a connection kept alive
    // to the killed instance dies with it; a browser retries such a request, fetch does not).
    const health = () =>
      new Promise<number>((resolve, reject) =>
        get({ host: '127.0.0.1', port, path: '/api/v1/health', agent: false }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        }).on('error', reject),
      );
    expect(await health()).toBe(200);
    const first = pidOf(port + 1);
    process.kill(first, 'SIGKILL');
    // The balancer hands every connection to the instance still standing.
    const during = await Promise.all(Array.from({ length: 10 }, () => health()));
    expect(during).toEqual(Array(10).fill(200));
    // And the cluster starts a new one in its place.
    await expect.poll(() => startsOf(port + 1).length, { timeout: 60_000 }).toBe(2);
    expect(pidOf(port + 1)).not.toBe(first);
    await up(port + 1);
  }, 120_000);
});
