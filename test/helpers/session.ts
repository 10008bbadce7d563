/** A logged-in client for `app.inject`: carries the session cookie and the CSRF token. */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Me } from '../../src/contract/auth.js';
import { ensureSystemAdmin } from '../../src/server/modules/accounts/bootstrap-service.js';
import type { TestApp } from './test-app.js';

export const TEST_PASSWORD = 'Passw0rd-2026';

export class Session {
  constructor(
    readonly app: FastifyInstance,
    readonly cookie: string,
    public me: Me,
  ) {}

  private headers(extra: Record<string, string> = {}) {
    return { cookie: this.cookie, 'x-csrf-token': this.me.csrfToken, ...extra };
  }
  get(url: string) {
    return this.app.inject({ method: 'GET', url, headers: this.headers() });
  }
  post(url: string, payload?: unknown) {
    return this.app.inject({ method: 'POST', url, headers: this.headers(), payload: payload as never });
  }
  put(url: string, payload?: unknown) {
    return this.app.inject({ method: 'PUT', url, headers: this.headers(), payload: payload as never });
  }
  delete(url: string) {
    return this.app.inject({ method: 'DELETE', url, headers: this.headers() });
  }
  patch(url: string, payload?: unknown) {
    return this.app.inject({ method: 'PATCH', url, headers: this.headers(), payload: payload as never });
  }
  async upload(url: string, content: Buffer | string, fileName: string, mime = 'application/octet-stream') {
    const form = new FormData();
    form.append(
      'file',
      new Blob([typeof content === 'string' ? content : new Uint8Array(content)], { type: mime }),
      fileName,
    );
    const req = new Request('http://local/', { method: 'POST', body: form });
    const body = Buffer.from(await req.arrayBuffer());
    return this.app.inject({
      method: 'POST',
      url,
      headers: this.headers({ 'content-type': req.headers.get('content-type')! }),
      payload: body,
    });
  }
}

let clientSeq = 0;
/** Each sign-in comes from its own address, as people do (see `login`). */
const nextAddress = () => {
  clientSeq++;
  return `10.${(clientSeq >> 16) & 255}.${(clientSeq >> 8) & 255}.${clientSeq & 255}`;
};

export async function login(
  app: FastifyInstance,
  username: string,
  password: string,
  remoteAddress = nextAddress(),
): Promise<Session> {
  // Each sign-in comes from its own address, as people do; otherwise a long test would meet the
  // per-address login limit (30 a minute) that protects against guessing.
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
    remoteAddress,
  });
  expect(res.statusCode, res.body).toBe(200);
  return new Session(app, sessionCookie(res), res.json<Me>());
}

export function sessionCookie(res: LightMyRequestResponse): string {
  const c = res.cookies.find((x) => x.name === 'zc_session');
  if (!c) throw new Error('no session cookie');
  return `zc_session=${c.value}`;
}

/** Logs in with a one-time password and sets TEST_PASSWORD, as a first login must. */
export async function firstLogin(
  app: FastifyInstance,
  username: string,
  initialPassword: string,
): Promise<Session> {
  // The password is changed from where the person signed in (the change is limited per address too).
  const address = nextAddress();
  const s = await login(app, username, initialPassword, address);
  if (s.me.mustChangePassword) {
    const r = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: { cookie: s.cookie, 'x-csrf-token': s.me.csrfToken },
      payload: { currentPassword: initialPassword, newPassword: TEST_PASSWORD },
      remoteAddress: address,
    });
    expect(r.statusCode, r.body).toBe(200);
    return login(app, username, TEST_PASSWORD, address);
  }
  return s;
}

export async function adminSession(t: TestApp): Promise<Session> {
  await ensureSystemAdmin(t.ctx.db, t.clock.now(), 'Initial-Admin-1');
  return firstLogin(t.app, 'admin', 'Initial-Admin-1');
}
