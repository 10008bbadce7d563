import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from './helpers/test-app.js';
import { TEST_PASSWORD, login, sessionCookie } from './helpers/session.js';
import { buildChain, idNumberEndingInX } from './helpers/fixtures.js';
import { ensureSystemAdmin } from '../src/server/modules/accounts/bootstrap-service.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('authentication', () => {
  it('first start creates one admin who must change the password before anything else', async () => {
    const first = await ensureSystemAdmin(t.ctx.db, t.clock.now(), 'Initial-Admin-1');
    expect(first).toMatchObject({ created: true, username: 'admin' });
    expect(await ensureSystemAdmin(t.ctx.db, t.clock.now())).toEqual({ created: false });

    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', password: 'Initial-Admin-1' },
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'zc_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const me = res.json();
    expect(me).toMatchObject({
      username: 'admin',
      mustChangePassword: true,
      roles: [{ role: 'system_admin' }],
    });

    const headers = { cookie: sessionCookie(res), 'x-csrf-token': me.csrfToken };
    const blocked = await t.app.inject({ method: 'GET', url: '/api/v1/organisations', headers });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('PASSWORD_CHANGE_REQUIRED');
    // Weak passwords are refused with a Chinese message naming the rule.
    const weak = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers,
      payload: { currentPassword: 'Initial-Admin-1', newPassword: 'short' },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().message).toContain('密码至少8位');
    const changed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers,
      payload: { currentPassword: 'Initial-Admin-1', newPassword: TEST_PASSWORD },
    });
    expect(changed.statusCode).toBe(200);
    // The session goes on under a new id (a privilege change: no fixation), with the same CSRF token.
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/organisations', headers })).statusCode).toBe(
      401,
    );
    const renewed = { ...headers, cookie: sessionCookie(changed) };
    const ok = await t.app.inject({ method: 'GET', url: '/api/v1/organisations', headers: renewed });
    expect(ok.statusCode).toBe(200);
  });

  it('refuses cookie-authenticated writes without the CSRF token', async () => {
    const s = await login(t.app, 'admin', TEST_PASSWORD);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/policy-documents',
      headers: { cookie: s.cookie },
      payload: {
        title: '测试文件',
        documentNumber: null,
        issuer: null,
        publishedOn: '2026-11-01',
        body: '正文',
      },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'CSRF_FAILED' });
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/policy-documents',
      headers: { cookie: s.cookie, 'x-csrf-token': 'forged' },
      payload: {
        title: '测试文件',
        documentNumber: null,
        issuer: null,
        publishedOn: '2026-11-01',
        body: '正文',
      },
    });
    expect(wrong.statusCode).toBe(403);
  });

  it('wrong passwords count down, then lock the account until the lock expires', async () => {
    const admin = await login(t.app, 'admin', TEST_PASSWORD);
    const chain = await buildChain(admin);
    const username = chain.schoolHandler.me.username;
    for (let i = 1; i <= 4; i++) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username, password: 'wrong-password-1' },
      });
      expect(r.statusCode).toBe(401);
      expect(r.json().message).toContain(`再错 ${5 - i} 次`);
    }
    const locked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password: 'wrong-password-1' },
    });
    expect(locked.statusCode).toBe(423);
    // Even the right password is refused while locked.
    const still = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password: TEST_PASSWORD },
    });
    expect(still.statusCode).toBe(423);
    expect(still.json().message).toContain('锁定');
    t.clock.advance(16 * 60_000);
    await login(t.app, username, TEST_PASSWORD);
  });

  it('logs in with the ID number (lower-case x accepted) and logs out', async () => {
    const admin = await login(t.app, 'admin', TEST_PASSWORD);
    const bureau = (
      await admin.get('/api/v1/organisations?q=' + encodeURIComponent('赣县区职称工作办公室'))
    ).json()[0];
    const idX = idNumberEndingInX('19900101');
    const created = await admin.put(`/api/v1/organisations/${bureau.id}/seats/leader`, {
      person: { name: '赵领导', idNumber: idX.toLowerCase(), mobile: '13900000001' },
    });
    expect(created.statusCode, created.body).toBe(200);
    const { username, initialPassword } = created.json();
    expect(username).toBe(idX); // default username is the upper-cased ID number
    const s = await login(t.app, idX.toLowerCase(), initialPassword);
    expect(s.me.person.idNumberMasked).toMatch(/^\d{4}\*+\d{3}X$/);
    const out = await s.post('/api/v1/auth/logout');
    expect(out.statusCode).toBe(200);
    const after = await s.get('/api/v1/auth/me');
    expect(after.statusCode).toBe(401);
  });

  it('unknown users and wrong passwords get the same answer', async () => {
    const a = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'nobody', password: 'x' },
    });
    expect(a.statusCode).toBe(401);
    expect(a.json()).toEqual({ code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' });
  });
});
