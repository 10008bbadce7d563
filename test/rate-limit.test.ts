/**
 * The rate limits count in the database: two app instances on one database share each limit, a
 * window ends on the app's clock, and each route counts apart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app.js';
import { rateLimitCounters } from '../src/server/db/schema.js';
import { type TestApp, createTestApp } from './helpers/test-app.js';

let t: TestApp;
let second: FastifyInstance;
beforeAll(async () => {
  t = await createTestApp();
  second = await buildApp({ ctx: t.ctx, serveWeb: false });
  await second.ready();
});
afterAll(async () => {
  await second?.close();
  await t?.close();
});

const guess = (app: FastifyInstance, remoteAddress: string) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: 'nobody', password: 'wrong-password-1' },
    remoteAddress,
  });

describe('rate limits shared by every instance', () => {
  it('30 login attempts a minute per address across two instances, then 429 with the wait in Chinese', async () => {
    const address = '203.0.113.7';
    for (let i = 0; i < 30; i++) {
      const r = await guess(i % 2 ? second : t.app, address);
      expect(r.statusCode, r.body).toBe(401);
    }
    for (const app of [t.app, second]) {
      const limited = await guess(app, address);
      expect(limited.statusCode).toBe(429);
      expect(limited.json()).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
      expect(limited.json().message).toMatch(/^请求过于频繁，请 \d+ 秒后再试$/);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    }
    // Another address, and another route from the same address, count apart.
    expect((await guess(second, '203.0.113.8')).statusCode).toBe(401);
    const precheck = await t.app.inject({
      method: 'POST',
      url: '/api/v1/eligibility/check',
      payload: {},
      remoteAddress: address,
    });
    expect(precheck.statusCode).toBe(400);
    // The window ends on the app's clock; the next attempt starts a new one.
    t.clock.advance(61_000);
    expect((await guess(second, address)).statusCode).toBe(401);
    // Starting that window swept the counters of ended ones (the other address's, the pre-check's).
    const left = await t.ctx.db.select({ key: rateLimitCounters.key }).from(rateLimitCounters);
    expect(left).toEqual([{ key: expect.stringContaining(address) }]);
  });
});
