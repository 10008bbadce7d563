/**
 * Sessions behind an HttpOnly cookie, CSRF protection for cookie-authenticated writes, and the
 * first-login password change. Every API route needs a login unless it is declared `config: { public:
 * true }` (`requireLoginUnlessPublic`, applied to all module routes in routes.ts): a stranger is answered
 * 401 in onRequest, before the body is read or validated, so nothing about a route's schema leaks.
 * Routes call `request.requireActor()` for the logged-in actor; it refuses an account that must change
 * its password first, except on routes marked allowBeforePasswordChange.
 */
import { timingSafeEqual } from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyRequest, RouteOptions } from 'fastify';
import { AppError, unauthenticated } from '../errors.js';
import type { Actor } from '../modules/auth/actor.js';
import { SESSION_COOKIE, type SessionInfo, resolveSession } from '../modules/auth/auth-service.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    session: SessionInfo | null;
    requireActor(): Actor;
  }
  interface FastifyContextConfig {
    /** Route may be called before the first-login password change. */
    allowBeforePasswordChange?: boolean;
    /** Route does its own CSRF handling (login/logout). */
    skipCsrf?: boolean;
    /** Anyone may call it without a login (CONTRACT.md's public routes, reference data, login). */
    public?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * An onRoute hook: unless the route is public, an anonymous caller (or an account that must first change
 * its password) is refused before the body is parsed and validated.
 */
export function requireLoginUnlessPublic(route: RouteOptions) {
  const config = (route.config ?? {}) as { public?: boolean; allowBeforePasswordChange?: boolean };
  if (config.public) return;
  const existing = route.onRequest ? [route.onRequest].flat() : [];
  route.onRequest = [
    async (request: FastifyRequest) => {
      if (!request.actor) throw unauthenticated();
      if (request.actor.mustChangePassword && !config.allowBeforePasswordChange)
        throw passwordChangeRequired();
    },
    ...existing,
  ] as RouteOptions['onRequest'];
}

const passwordChangeRequired = () =>
  new AppError('PASSWORD_CHANGE_REQUIRED', 403, '首次登录或密码被重置后，请先修改密码');

export default fp(async (app) => {
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);
  app.decorateRequest('requireActor', function (this: FastifyRequest) {
    if (!this.actor) throw unauthenticated();
    if (this.actor.mustChangePassword && !this.routeOptions.config.allowBeforePasswordChange) {
      throw passwordChangeRequired();
    }
    return this.actor;
  });

  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const resolved = await resolveSession(app.ctx, token, request.ip);
    if (!resolved) return;
    request.actor = resolved.actor;
    request.session = resolved.session;
  });

  // After routing (so route config is known), before the handler.
  app.addHook('preHandler', async (request) => {
    if (!request.actor || !request.session) return;
    const config = request.routeOptions.config;
    if (!SAFE_METHODS.has(request.method) && !config.skipCsrf) {
      const header = request.headers['x-csrf-token'];
      if (typeof header !== 'string' || !sameToken(header, request.session.csrfToken)) {
        throw new AppError('CSRF_FAILED', 403, '页面已过期或请求来源不可信，请刷新页面后重试');
      }
    }
  });
});
