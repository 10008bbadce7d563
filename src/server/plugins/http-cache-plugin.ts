/**
 * HTTP caching of API answers.
 *
 * - A route that answers every caller alike (reference data the public pages show: agencies and their
 *   windows, series, regions, the schedule overview, policy documents, certificate public keys) declares
 *   `config: { publicCache: true }`. Its 200 answers to GET/HEAD carry a weak ETag computed from the body,
 *   and a request whose If-None-Match names it is answered 304 without a body. An anonymous caller gets
 *   `Cache-Control: public, max-age=60, must-revalidate` (a browser or proxy may reuse it for a minute,
 *   then revalidates: a change by the title office shows on the public pages within a minute); a signed-in
 *   caller gets `private, no-cache` (revalidated on every use, so the office sees its own edits at once).
 *   `Vary: Cookie` keeps a browser from reusing the anonymous copy once it has signed in.
 * - Every other API answer — anything that depends on the session, errors, downloads — is `no-store`,
 *   unless its route set a Cache-Control of its own (uploads' private file views).
 *
 * The hook is registered on the root instance before the routes, so it runs before @fastify/compress's
 * route-level onSend hook: the ETag is of the uncompressed body (hence weak: the gzip and br variants
 * share it), and a 304 has no body left to compress.
 */
import { createHash } from 'node:crypto';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The answer is the same for every caller (no session, no per-caller data): ETag + public caching. */
    publicCache?: boolean;
  }
}

/** Seconds a public answer may be reused without revalidation. */
export const PUBLIC_MAX_AGE_SECONDS = 60;
export const PUBLIC_CACHE_CONTROL = `public, max-age=${PUBLIC_MAX_AGE_SECONDS}, must-revalidate`;
export const SIGNED_IN_CACHE_CONTROL = 'private, no-cache';
export const NO_STORE = 'no-store';

export function weakEtag(body: string | Buffer): string {
  return `W/"${createHash('sha1').update(body).digest('base64url')}"`;
}

/** Whether an If-None-Match header names `etag` (weak comparison, RFC 9110 13.1.2). */
export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const opaque = etag.replace(/^W\//, '');
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === opaque;
  });
}

function addVary(current: unknown, field: string): string {
  const existing = String(current ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (existing.some((v) => v === '*' || v.toLowerCase() === field.toLowerCase())) return existing.join(', ');
  return [...existing, field].join(', ');
}

export default fp(
  async (app) => {
    app.addHook('onSend', async (request, reply, payload) => {
      if (!request.url.startsWith('/api/')) return payload;
      if (reply.hasHeader('cache-control')) return payload;
      const cacheable =
        request.routeOptions.config?.publicCache === true &&
        (request.method === 'GET' || request.method === 'HEAD') &&
        reply.statusCode === 200 &&
        (typeof payload === 'string' || Buffer.isBuffer(payload));
      if (!cacheable) {
        void reply.header('cache-control', NO_STORE);
        return payload;
      }
      void reply.header('cache-control', request.actor ? SIGNED_IN_CACHE_CONTROL : PUBLIC_CACHE_CONTROL);
      void reply.header('vary', addVary(reply.getHeader('vary'), 'Cookie'));
      const etag = weakEtag(payload as string | Buffer);
      void reply.header('etag', etag);
      if (ifNoneMatchHits(request.headers['if-none-match'], etag)) {
        void reply.code(304);
        void reply.removeHeader('content-length');
        return '';
      }
      return payload;
    });
  },
  { name: 'http-cache', dependencies: [] },
);
