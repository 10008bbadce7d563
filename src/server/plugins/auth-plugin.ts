/**
 * Sessions behind an HttpOnly cookie, CSRF protection for cookie-authenticated writes, and the
 * first-login password change. Routes call `request.requireActor()` for the logged-in actor; it refuses
 * an account that must change its password first, except on routes marked allowBeforePasswordChange.
 */
import { timingSafeEqual } from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
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
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export default fp(async (app) => {
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);
  app.decorateRequest('requireActor', function (this: FastifyRequest) {
    if (!this.actor) throw unauthenticated();
    if (this.actor.mustChangePassword && !this.routeOptions.config.allowBeforePasswordChange) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED', 403, '首次登录或密码被重置后，请先修改密码');
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
