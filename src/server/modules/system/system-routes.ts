import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import { Health, HealthUnavailable } from '../../../contract/public.js';
import { API_VERSION } from '../../version.js';

export const systemRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/health',
    {
      schema: { tags: ['系统'], summary: '健康检查', response: { 200: Health, 503: HealthUnavailable } },
      config: { public: true },
    },
    async (_req, reply) => {
      // A real round trip, answered within 3 s either way: a balancer or a person asking gets "down",
      // never a hang, while the database restarts; the pool reconnects by itself when it is back.
      const checked = await Promise.race([
        app.ctx.db.execute(sql`select 1`).then(
          () => null,
          (e: unknown) => e,
        ),
        new Promise((r) => setTimeout(() => r(new Error('timeout')), 3000).unref()),
      ]);
      if (checked === null) return { status: 'ok' as const, database: app.ctx.dbKind, version: API_VERSION };
      app.log.warn({ err: checked }, 'health: database unavailable');
      return reply
        .status(503)
        .header('retry-after', '5')
        .send({
          status: 'unavailable' as const,
          database: app.ctx.dbKind,
          version: API_VERSION,
          message: '数据库暂时无法连接，系统正在自动重连，请稍后重试',
        });
    },
  );
};
