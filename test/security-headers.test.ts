/**
 * Issue 13 item 4: sessions and headers. Security headers on every answer (CSP without inline script,
 * HSTS only over TLS), cookie flags, a new session at every sign-in (no fixation), CSRF on cookie
 * writes, a password change ending the account's other sessions and renewing this one's id, and a
 * new role ending the account's sessions (signed in again, under a new id).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from './helpers/test-app.js';
import { TEST_PASSWORD, adminSession, login } from './helpers/session.js';
import { assignSeat, buildChain, idNumber } from './helpers/fixtures.js';

let t: TestApp;
let behindTls: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await adminSession(t);
  behindTls = await createTestApp({ TRUST_PROXY: true });
  await adminSession(behindTls);
});
afterAll(async () => {
  await t?.close();
  await behindTls?.close();
});

const signIn = (app: TestApp, headers: Record<string, string> = {}) =>
  app.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: 'admin', password: TEST_PASSWORD },
    headers,
  });
const cookieOf = (res: Awaited<ReturnType<typeof signIn>>) =>
  res.cookies.find((c) => c.name === 'zc_session')!;

describe('security headers', () => {
  it('every answer carries a CSP that allows no inline script, and the usual hardening headers', async () => {
    for (const url of ['/api/v1/health', '/api/v1/agencies', '/api/v1/auth/me', '/api/v1/nothing-here']) {
      const res = await t.app.inject({ method: 'GET', url });
      const csp = res.headers['content-security-policy'] as string;
      expect(csp, url).toContain("script-src 'self'");
      expect(csp.split(';').find((d) => d.trim().startsWith('script-src'))).not.toContain('unsafe-inline');
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBeDefined();
    }
  });

  it('HSTS only on answers that went out over TLS (behind a proxy that says so)', async () => {
    expect((await t.app.inject('/api/v1/health')).headers['strict-transport-security']).toBeUndefined();
    const overTls = await behindTls.app.inject({
      method: 'GET',
      url: '/api/v1/health',
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(overTls.headers['strict-transport-security']).toMatch(/^max-age=31536000; includeSubDomains$/);
    const plain = await behindTls.app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(plain.headers['strict-transport-security']).toBeUndefined();
  });
});

describe('sessions', () => {
  it('the session cookie is HttpOnly and SameSite, Secure over TLS', async () => {
    const plain = cookieOf(await signIn(t));
    expect(plain).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(plain.secure).toBeFalsy();
    const tls = cookieOf(await signIn(behindTls, { 'x-forwarded-proto': 'https' }));
    expect(tls).toMatchObject({ httpOnly: true, secure: true });
  });

  it('every sign-in gets a new session id, whatever cookie the browser brought (no fixation)', async () => {
    const first = cookieOf(await signIn(t));
    // An attacker plants a session id (theirs, or a made-up one) before the victim signs in.
    for (const planted of [first.value, 'planted-by-someone-else']) {
      const res = await signIn(t, { cookie: `zc_session=${planted}` });
      expect(res.statusCode).toBe(200);
      expect(cookieOf(res).value).not.toBe(planted);
    }
  });

  it('a cookie-authenticated write needs the CSRF token of that session', async () => {
    const a = await signIn(t);
    const b = await signIn(t);
    const cookie = `zc_session=${cookieOf(a).value}`;
    const write = (token?: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/logout',
        headers: { cookie, ...(token ? { 'x-csrf-token': token } : {}) },
      });
    const me = (c: string) => t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: c } });
    // Another session's token does not do; the session is still there afterwards.
    const other = b.json<{ csrfToken: string }>().csrfToken;
    const changeWithOther = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: { cookie, 'x-csrf-token': other },
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'Another-Pass-9' },
    });
    expect(changeWithOther.statusCode).toBe(403);
    expect((await me(cookie)).statusCode).toBe(200);
    expect((await write(a.json<{ csrfToken: string }>().csrfToken)).statusCode).toBe(200);
  });

  it('a role given to an account that is signed in ends its sessions: it signs in again, under a new id', async () => {
    const admin = await login(t.app, 'admin', TEST_PASSWORD);
    const chain = await buildChain(admin);
    const teacher = { name: '王老师', idNumber: idNumber('19850505', 21) };
    const me = (cookie: string) =>
      t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    expect((await me(chain.schoolHandler.cookie)).statusCode).toBe(200);
    // Someone else's sessions are left alone.
    expect((await me(chain.companyHandler.cookie)).statusCode).toBe(200);

    // The same person is also made the company's 领导审查 (a privilege change while signed in).
    const seat = await assignSeat(chain.bureauHandler, chain.company.id, 'leader', teacher);
    expect(seat.initialPassword).toBeNull();
    expect((await me(chain.schoolHandler.cookie)).statusCode).toBe(401);
    expect((await me(chain.companyHandler.cookie)).statusCode).toBe(200);
    // The one who gave the role stays signed in.
    expect((await me(chain.bureauHandler.cookie)).statusCode).toBe(200);

    const again = await login(t.app, seat.username, TEST_PASSWORD);
    expect(again.cookie).not.toBe(chain.schoolHandler.cookie);
    expect(again.me.roles.map((r) => r.role).sort()).toEqual(['handler', 'leader']);
  });

  it('changing the password ends every other session, and this one goes on under a new id', async () => {
    const phone = await signIn(t);
    const desk = await signIn(t);
    const deskCookie = `zc_session=${cookieOf(desk).value}`;
    const phoneCookie = `zc_session=${cookieOf(phone).value}`;
    const csrf = desk.json<{ csrfToken: string }>().csrfToken;
    const changed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: { cookie: deskCookie, 'x-csrf-token': csrf },
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'Another-Pass-9' },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const renewed = changed.cookies.find((c) => c.name === 'zc_session')!;
    expect(renewed).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    expect(renewed.value).not.toBe(cookieOf(desk).value);
    const me = (cookie: string) =>
      t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    // The old id is gone (the privilege change), the new one works with the same CSRF token.
    expect((await me(deskCookie)).statusCode).toBe(401);
    expect((await me(phoneCookie)).statusCode).toBe(401);
    const newCookie = `zc_session=${renewed.value}`;
    expect((await me(newCookie)).json()).toMatchObject({ username: 'admin', csrfToken: csrf });
    const out = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie: newCookie, 'x-csrf-token': csrf },
    });
    expect(out.statusCode).toBe(200);
  });
});
