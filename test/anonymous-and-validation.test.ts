/**
 * Issue 11 item 9: errors a clerk can read, and nothing for strangers.
 *  - Every route of the API needs a login except the public ones listed here; an anonymous caller is
 *    answered 401 before the body (or query) is parsed or validated — never the schema's details.
 *  - A validation error is in Chinese (zod's zh-CN locale) and names the field in Chinese.
 * The route table is walked (Fastify's onRoute hook over the same route registration the app uses), so a
 * new route is covered without touching this file; a new public route must be added to PUBLIC below.
 */
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from './helpers/test-app.js';
import { adminSession } from './helpers/session.js';
import { type Chain, buildChain } from './helpers/fixtures.js';
import { registerRoutes } from '../src/server/routes.js';

/** The routes a stranger may call (CONTRACT.md's public routes, the portal's reference data, login). */
const PUBLIC = [
  'GET /api/v1/health',
  'GET /api/v1/agencies',
  'GET /api/v1/series',
  'GET /api/v1/regions',
  'GET /api/v1/schedules/overview',
  'GET /api/v1/policy-documents',
  'GET /api/v1/policy-documents/:id',
  'GET /api/v1/policy-versions',
  'GET /api/v1/policy-versions/:id',
  'GET /api/v1/certificates/verify',
  'GET /api/v1/certificates/public-keys',
  'POST /api/v1/certificates/verify-payload',
  'POST /api/v1/eligibility/check',
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/logout',
];

let t: TestApp;
let chain: Chain;
let routes: { method: string; url: string }[] = [];

/** Every route the API registers, from the onRoute hook of a bare instance given the same routes. */
async function routeTable(ctx: TestApp['ctx']) {
  const bare = Fastify();
  bare.setValidatorCompiler(validatorCompiler);
  bare.setSerializerCompiler(serializerCompiler);
  bare.decorate('ctx', ctx);
  const found: { method: string; url: string }[] = [];
  bare.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) if (method !== 'HEAD') found.push({ method, url: r.url });
  });
  await bare.register(registerRoutes, { prefix: '/api/v1' });
  await bare.ready();
  await bare.close();
  return found;
}

const sample: Record<string, string> = {
  id: '1',
  code: 'GZ02',
  year: '2026',
  batchId: '1',
  index: '0',
  role: 'handler',
};
const fill = (url: string) => url.replace(/:(\w+)/g, (_, name: string) => sample[name] ?? '1');

beforeAll(async () => {
  t = await createTestApp();
  chain = await buildChain(await adminSession(t));
  routes = await routeTable(t.ctx);
});
afterAll(() => t.close());

describe('nothing for strangers', () => {
  it('finds the API routes, and every public route listed exists', () => {
    expect(routes.length).toBeGreaterThan(80);
    const keys = new Set(routes.map((r) => `${r.method} ${r.url}`));
    expect(PUBLIC.filter((p) => !keys.has(p))).toEqual([]);
  });

  it('an anonymous POST/PUT/PATCH/DELETE to every non-public route is 401 before its body is read', async () => {
    const wrong: string[] = [];
    const writes = routes.filter((r) => r.method !== 'GET' && !PUBLIC.includes(`${r.method} ${r.url}`));
    expect(writes.length).toBeGreaterThan(50);
    for (const r of writes) {
      // A body that fails every schema: the schema must not be the one to answer.
      const res = await t.app.inject({
        method: r.method as 'POST',
        url: fill(r.url),
        payload: { decision: 'bogus', expectedRevision: 'x', items: 'x' },
      });
      const body = res.json<{ code?: string; details?: unknown }>();
      if (res.statusCode !== 401 || body.code !== 'UNAUTHENTICATED' || body.details !== undefined)
        wrong.push(`${r.method} ${r.url} → ${res.statusCode} ${res.body.slice(0, 120)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('an anonymous write with a body that is not even JSON is 401 too (not 400/415)', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/review/applications/1/decision',
      headers: { 'content-type': 'application/json' },
      payload: '{not json',
    });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ code: 'UNAUTHENTICATED', message: '请先登录' });
  });

  it('an anonymous GET of every non-public route is 401, whatever its query', async () => {
    const wrong: string[] = [];
    for (const r of routes.filter((x) => x.method === 'GET' && !PUBLIC.includes(`GET ${x.url}`))) {
      const res = await t.app.inject({ method: 'GET', url: `${fill(r.url)}?limit=bogus&year=x&page=-1` });
      if (res.statusCode !== 401) wrong.push(`GET ${r.url} → ${res.statusCode} ${res.body.slice(0, 120)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('the public routes still answer a stranger', async () => {
    for (const url of ['/api/v1/health', '/api/v1/agencies', '/api/v1/series', '/api/v1/policy-versions']) {
      expect((await t.app.inject({ method: 'GET', url })).statusCode, url).toBe(200);
    }
    const check = await t.app.inject({ method: 'POST', url: '/api/v1/eligibility/check', payload: {} });
    expect(check.statusCode).toBe(400);
  });
});

describe('errors a clerk can read', () => {
  const decision = (payload: unknown) =>
    chain.bureauHandler.post('/api/v1/review/applications/1/decision', payload);
  const english = /invalid|expected|required|received|option/i;

  it('a bad option names the field in Chinese, in zod’s zh-CN words', async () => {
    const res = await decision({ decision: 'bogus', expectedRevision: 0 });
    expect(res.statusCode).toBe(400);
    const body = res.json<{ code: string; message: string; details: { issues: unknown[] } }>();
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.message).toMatch(/^审查结论：无效选项/);
    expect(body.message).not.toMatch(english);
    expect(body.details.issues[0]).toMatchObject({ field: 'decision', label: '审查结论' });
  });

  it('a missing field, a wrong type and a nested field are named in Chinese too', async () => {
    const missing = await decision({ decision: 'approve' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().message).toMatch(/^版本号：/);
    expect(missing.json().message).not.toMatch(english);

    const nested = await decision({
      decision: 'return',
      expectedRevision: 0,
      reasons: [{ field: 'general', message: 'x'.repeat(600) }],
    });
    expect(nested.statusCode).toBe(400);
    expect(nested.json().message).toMatch(/^原因第 1 项的说明：/);
    expect(nested.json().message).not.toMatch(english);

    const query = await chain.bureauHandler.get('/api/v1/review/queue?limit=abc');
    expect(query.statusCode).toBe(400);
    expect(query.json().message).toMatch(/^每页条数：/);
    expect(query.json().message).not.toMatch(english);
  });

  it('the public pre-check answers a stranger’s bad input in Chinese, naming the field', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/eligibility/check',
      payload: { cutoffDate: '2026-06-30', targetLevel: 'senior' },
    });
    expect(res.statusCode).toBe(400);
    const { message } = res.json<{ message: string }>();
    expect(message).toMatch(/[\u4e00-\u9fff]+：/);
    expect(message).not.toMatch(english);
  });
});
