import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import { Health } from '../../../contract/public.js';
import { API_VERSION } from '../../version.js';

export const systemRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/health',
    { schema: { tags: ['系统'], summary: '健康检查', response: { 200: Health } }, config: { public: true } },
    async () => {
      // A real round trip: a broken database answers 500, not "ok".
      await app.ctx.db.execute(sql`select 1`);
      return { status: 'ok' as const, database: app.ctx.dbKind, version: API_VERSION };
    },
  );
};
