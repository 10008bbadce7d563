/**
 * Issue 12 item 3: nothing in one instance's memory that another needs. A session begun on one
 * instance continues on another and ends on all; on PostgreSQL, `npm run cluster` runs instances
 * behind its balancer, and an instance killed with SIGKILL is replaced while the others serve.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app.js';
import { type TestApp, createTestApp } from './helpers/test-app.js';
import { TEST_PASSWORD, adminSession } from './helpers/session.js';
import { type Cluster, health, healthy, startCluster } from './helpers/cluster.js';

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
  let cluster: Cluster | undefined;
  afterAll(async () => {
    await cluster?.stop();
  });

  it('serves through the balancer while an instance is killed, and starts it again', async () => {
    cluster = startCluster({
      instances: 2,
      port,
      env: { ...process.env, ...t.cliEnv, LOG_LEVEL: 'silent' },
    });
    await cluster.ready(60_000);
    expect(await health(port)).toBe(200);
    const first = cluster.pidOf(port + 1);
    process.kill(first, 'SIGKILL');
    // The balancer hands every connection to the instance still standing.
    const during = await Promise.all(Array.from({ length: 10 }, () => health(port)));
    expect(during).toEqual(Array(10).fill(200));
    // And the cluster starts a new one in its place.
    await expect.poll(() => cluster!.startsOf(port + 1).length, { timeout: 60_000 }).toBe(2);
    expect(cluster.pidOf(port + 1)).not.toBe(first);
    await healthy(port + 1);
  }, 120_000);
});
