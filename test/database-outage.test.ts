/**
 * Issue 12 item 5: while PostgreSQL cannot be reached (restarting, refused, silent), the app answers at
 * once — /health 503 with a Chinese message, other requests 503 DATABASE_UNAVAILABLE — never a hang
 * or a 500; when the database is back, it recovers by itself (no restart). The database here sits
 * behind a TCP relay the test cuts and restores, so the shared test server is never stopped.
 */
import { type Server, type Socket, createServer, connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app.js';
import { type Database, openPostgres } from '../src/server/db/client.js';
import { type TestApp, createTestApp } from './helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

/** A relay to `target` that can be cut (every connection dropped, new ones refused) and restored. */
function relay(target: { host: string; port: number } | 'silent') {
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve) => {
      server = createServer((client) => {
        sockets.add(client);
        client.on('close', () => sockets.delete(client));
        client.on('error', () => client.destroy());
        if (target === 'silent') return; // accepts, never answers
        const upstream = connect(target.port, target.host);
        sockets.add(upstream);
        upstream.on('close', () => sockets.delete(upstream));
        upstream.on('error', () => client.destroy());
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as { port: number }).port;
        resolve();
      });
    });
  return {
    listen,
    get port() {
      return port;
    },
    async cut() {
      const closing = new Promise<void>((r) => (server ? server.close(() => r()) : r()));
      for (const s of sockets) s.destroy();
      await closing;
      server = null;
    },
  };
}

async function appOn(database: Database): Promise<FastifyInstance> {
  const app = await buildApp({ ctx: { ...t.ctx, db: database.db, dbKind: 'postgres' }, serveWeb: false });
  await app.ready();
  return app;
}

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = Date.now();
  const value = await run();
  return { value, ms: Date.now() - t0 };
}

describe('the database cannot be reached', () => {
  it('refused or silent: /health and requests answer 503 in Chinese within seconds, never hang', async () => {
    for (const kind of ['refused', 'silent'] as const) {
      const r = relay('silent');
      await r.listen();
      if (kind === 'refused') await r.cut(); // nothing listens on the port any more
      const database = openPostgres(`postgres://postgres:postgres@127.0.0.1:${r.port}/none`);
      const app = await appOn(database);
      try {
        const health = await timed(() => app.inject({ method: 'GET', url: '/api/v1/health' }));
        expect(health.value.statusCode, kind).toBe(503);
        expect(health.value.json()).toMatchObject({
          status: 'unavailable',
          message: expect.stringContaining('数据库'),
        });
        expect(health.ms, kind).toBeLessThan(4000);
        const login = await timed(() =>
          app.inject({
            method: 'POST',
            url: '/api/v1/auth/login',
            payload: { username: 'x', password: 'y' },
          }),
        );
        expect(login.value.statusCode, kind).toBe(503);
        expect(login.value.json()).toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
        expect(login.value.headers['retry-after']).toBe('5');
        expect(login.ms, kind).toBeLessThan(7000);
      } finally {
        await app.close();
        await r.cut();
        await database.close().catch(() => undefined);
      }
    }
  }, 60_000);

  it.runIf(Boolean(process.env.DATABASE_URL))(
    'PostgreSQL restarted: down meanwhile, back by itself',
    async () => {
      const url = new URL(t.cliEnv.DATABASE_URL!);
      const r = relay({ host: url.hostname, port: Number(url.port || 5432) });
      await r.listen();
      const via = new URL(url);
      via.hostname = '127.0.0.1';
      via.port = String(r.port);
      const database = openPostgres(via.toString());
      const app = await appOn(database);
      const health = async () => (await app.inject({ method: 'GET', url: '/api/v1/health' })).statusCode;
      try {
        expect(await health()).toBe(200);
        await r.cut();
        expect(await health()).toBe(503);
        await r.listen();
        await expect.poll(health, { timeout: 20_000, interval: 250 }).toBe(200);
      } finally {
        await app.close();
        await r.cut();
        await database.close().catch(() => undefined);
      }
    },
    60_000,
  );
});
