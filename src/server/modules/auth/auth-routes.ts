import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ChangePasswordBody, LoginBody, Me } from '../../../contract/auth.js';
import { Ok } from '../../../contract/common.js';
import * as service from './auth-service.js';
import { SESSION_COOKIE } from './auth-service.js';

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['会话'];
  const secure = (protocol: string) =>
    app.ctx.config.COOKIE_SECURE === 'auto' ? protocol === 'https' : app.ctx.config.COOKIE_SECURE === 'true';
  const sessionCookie = (protocol: string, expires: Date) => ({
    httpOnly: true,
    sameSite: 'lax' as const,
    path: '/',
    secure: secure(protocol),
    expires,
  });

  app.post(
    '/auth/login',
    {
      schema: { tags, summary: '登录（用户名或身份证号 + 密码）', body: LoginBody, response: { 200: Me } },
      // A flood guard only (each attempt costs an argon2 hash); failed logins are limited per address
      // and per account in the service, successes are not.
      config: { public: true, skipCsrf: true, rateLimit: { max: 600, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const { token, me, expiresAt } = await service.login(app.ctx, {
        ...req.body,
        clientAddress: req.ip,
        userAgent: req.headers['user-agent'] ?? null,
      });
      reply.setCookie(SESSION_COOKIE, token, sessionCookie(req.protocol, expiresAt));
      return me;
    },
  );

  app.post(
    '/auth/logout',
    {
      schema: { tags, summary: '退出登录', response: { 200: Ok } },
      // A signed-in logout is a cookie write like any other: it needs the session's CSRF token (issue
      // 13 item 4), so no other site can sign a person out. Without a live session there is nothing to check.
      config: { public: true },
    },
    async (req, reply) => {
      if (req.session) await service.logout(app.ctx, req.actor, req.session.tokenHash);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  app.get(
    '/auth/me',
    {
      schema: { tags, summary: '当前用户、角色与机构', response: { 200: Me } },
      config: { allowBeforePasswordChange: true },
    },
    async (req) => service.me(app.ctx, req.requireActor(), req.session!),
  );

  app.post(
    '/auth/password',
    {
      schema: { tags, summary: '修改密码', body: ChangePasswordBody, response: { 200: Ok } },
      config: { allowBeforePasswordChange: true, rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const { token, expiresAt } = await service.changePassword(
        app.ctx,
        req.requireActor(),
        req.session!,
        req.body,
      );
      reply.setCookie(SESSION_COOKIE, token, sessionCookie(req.protocol, expiresAt));
      return { ok: true as const };
    },
  );
};
