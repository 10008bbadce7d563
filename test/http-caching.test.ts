/**
 * HTTP caching and compression of API answers (issue 12, item 2): the public reference data the home page
 * shows carries a weak ETag of its body and a short public Cache-Control, and is answered 304 on
 * revalidation; a signed-in caller's copy is private; everything that depends on the session is
 * `no-store`; JSON is compressed when the client accepts it, office files are sent as they are.
 * The web app's static files (dist/web) are not served here (serveWeb: false): bench/web-first-load.ts
 * prints their headers' effect in a browser.
 */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agency } from '../src/contract/public.js';
import { type TestApp, createTestApp } from './helpers/test-app.js';
import { type Session, adminSession } from './helpers/session.js';

let t: TestApp;
let admin: Session;
beforeAll(async () => {
  t = await createTestApp();
  admin = await adminSession(t);
});
afterAll(() => t.close());

const anonymous = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers });

describe('public reference data', () => {
  it('carries an ETag of its body and a short public Cache-Control; If-None-Match gets a 304', async () => {
    const first = await anonymous('/api/v1/agencies');
    expect(first.statusCode).toBe(200);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/"[A-Za-z0-9_-]+"$/);
    expect(first.headers['cache-control']).toBe('public, max-age=60, must-revalidate');
    expect(String(first.headers.vary)).toMatch(/\bCookie\b/);
    // The year header of the contract is still there (on the 304 too).
    expect(first.headers['x-schedule-year']).toBeDefined();

    const again = await anonymous('/api/v1/agencies', { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(etag);
    expect(again.headers['x-schedule-year']).toBe(first.headers['x-schedule-year']);
    // A list of tags, and the strong form of the same tag, match too (weak comparison).
    const inList = await anonymous('/api/v1/agencies', { 'if-none-match': `W/"other", ${etag}` });
    expect(inList.statusCode).toBe(304);
    const strong = await anonymous('/api/v1/agencies', { 'if-none-match': etag.slice(2) });
    expect(strong.statusCode).toBe(304);
    const other = await anonymous('/api/v1/agencies', { 'if-none-match': 'W/"something-else"' });
    expect(other.statusCode).toBe(200);
    expect(other.json()).toEqual(first.json());

    // The tag follows the data: after the title office changes a phone, the old tag no longer matches.
    const phone = await admin.patch('/api/v1/agencies/GZ03', { phone: '0797-0000001' });
    expect(phone.statusCode, phone.body).toBe(200);
    const changed = await anonymous('/api/v1/agencies', { 'if-none-match': etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(changed.json<Agency[]>().find((a) => a.code === 'GZ03')?.phone).toBe('0797-0000001');
  });

  it('covers the other public GETs the portal reads', async () => {
    for (const url of [
      '/api/v1/series',
      '/api/v1/regions',
      '/api/v1/schedules/overview',
      '/api/v1/policy-documents',
    ]) {
      const res = await anonymous(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('public, max-age=60, must-revalidate');
      const etag = res.headers.etag as string;
      expect(etag, url).toMatch(/^W\//);
      expect((await anonymous(url, { 'if-none-match': etag })).statusCode, url).toBe(304);
    }
  });

  it('is private (revalidated every time) for a signed-in caller, so an office sees its own edits', async () => {
    const res = await admin.get('/api/v1/agencies');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('private, no-cache');
    expect(String(res.headers.vary)).toMatch(/\bCookie\b/);
    expect(res.headers.etag).toMatch(/^W\//);
  });

  it('is not cached when it is an error', async () => {
    const res = await anonymous('/api/v1/policy-documents/999999');
    expect(res.statusCode).toBe(404);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers.etag).toBeUndefined();
  });
});

describe('answers that depend on the session', () => {
  it('are no-store, never public, and carry no ETag', async () => {
    for (const url of ['/api/v1/auth/me', '/api/v1/notifications', '/api/v1/accounts']) {
      const res = await admin.get(url);
      expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-store');
      expect(res.headers.etag, url).toBeUndefined();
    }
    const stranger = await anonymous('/api/v1/auth/me');
    expect(stranger.statusCode).toBe(401);
    expect(stranger.headers['cache-control']).toBe('no-store');
    // An If-None-Match does not turn a session answer into a 304.
    const me = await admin.get('/api/v1/auth/me');
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { cookie: admin.cookie, 'if-none-match': '*' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(me.json());
  });

  it('a write is no-store too', async () => {
    const res = await admin.patch('/api/v1/agencies/GZ03', { phone: '0797-0000002' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
  });
});

describe('compression', () => {
  it('gzips and brotli-compresses JSON for a client that accepts it; the body is the same JSON', async () => {
    const plain = await anonymous('/api/v1/series');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.length).toBeGreaterThan(1024);

    const gz = await anonymous('/api/v1/series', { 'accept-encoding': 'gzip' });
    expect(gz.statusCode).toBe(200);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(String(gz.headers.vary)).toMatch(/accept-encoding/i);
    expect(gz.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    expect(JSON.parse(gunzipSync(gz.rawPayload).toString('utf8'))).toEqual(plain.json());
    // The ETag is of the uncompressed body, so a compressed copy revalidates as well.
    expect(gz.headers.etag).toBe(plain.headers.etag);

    const br = await anonymous('/api/v1/series', { 'accept-encoding': 'br, gzip' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString('utf8'))).toEqual(plain.json());

    // Under 1 KB nothing is gained: sent as it is.
    const small = await anonymous('/api/v1/schedules/overview', { 'accept-encoding': 'gzip' });
    expect(small.rawPayload.length).toBeLessThan(1024);
    expect(small.headers['content-encoding']).toBeUndefined();
  });

  it('leaves office files (zip-based xlsx) as they are', async () => {
    const res = await admin.get('/api/v1/employers/1/applicants/template.xlsx');
    const again = await t.app.inject({
      method: 'GET',
      url: '/api/v1/employers/1/applicants/template.xlsx',
      headers: { cookie: admin.cookie, 'accept-encoding': 'gzip, br' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(again.statusCode).toBe(200);
    expect(again.headers['content-type']).toContain('spreadsheetml');
    expect(again.headers['content-encoding']).toBeUndefined();
    expect(again.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(again.headers['cache-control']).toBe('no-store');
  });
});
