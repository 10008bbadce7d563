/**
 * The rate limits count in the database: two app instances on one database share each limit, a
 * window ends on the app's clock, and each route counts apart. Logins (issue 13 item 4): failures are
 * limited per address and per account; successes from one address (a school's NAT) are not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app.js';
import { rateLimitCounters } from '../src/server/db/schema.js';
import { type TestApp, createTestApp } from './helpers/test-app.js';
import { TEST_PASSWORD, adminSession } from './helpers/session.js';

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
  it('failed logins per address across two instances: refused once over the limit, with the wait in Chinese', async () => {
    const address = '203.0.113.7';
    const max = t.ctx.config.LOGIN_ADDRESS_MAX_FAILURES;
    for (let i = 0; i < max; i++) {
      const r = await guess(i % 2 ? second : t.app, address);
      expect(r.statusCode, r.body).toBe(401);
    }
    for (const app of [t.app, second]) {
      const limited = await guess(app, address);
      expect(limited.statusCode).toBe(429);
      expect(limited.json()).toMatchObject({ code: 'TOO_MANY_LOGIN_FAILURES' });
      expect(limited.json().message).toMatch(/^该网络地址登录失败次数过多，请 \d+ 分钟后再试/);
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
    // The window ends on the app's clock; the next attempt is heard again.
    t.clock.advance(t.ctx.config.LOGIN_ADDRESS_WINDOW_MINUTES * 60_000 + 1000);
    expect((await guess(second, address)).statusCode).toBe(401);
  });

  it('successes are not counted: a school signing in from one NAT address is never stopped', async () => {
    const address = '198.51.100.20';
    await adminSession(t); // the admin's password is the test password from here on
    const max = t.ctx.config.LOGIN_ADDRESS_MAX_FAILURES;
    // More sign-ins than the failure limit, from one address, with a few typing mistakes among them.
    for (let i = 0; i < max + 10; i++) {
      const app = i % 2 ? second : t.app;
      if (i % 10 === 0) expect((await guess(app, address)).statusCode).toBe(401);
      const ok = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'admin', password: TEST_PASSWORD },
        remoteAddress: address,
      });
      expect(ok.statusCode, ok.body).toBe(200);
    }
  });

  it('the route itself still stops a flood (every attempt costs a password hash)', async () => {
    const counters = await t.ctx.db.select({ key: rateLimitCounters.key }).from(rateLimitCounters);
    // Both kinds of counter exist: the route's per-address flood guard and the failures per address.
    expect(counters.some((c) => c.key.startsWith('login-failures:'))).toBe(true);
    expect(counters.some((c) => !c.key.startsWith('login-failures:'))).toBe(true);
  });
});
