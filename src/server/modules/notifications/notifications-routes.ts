import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotificationList } from '../../../contract/review.js';
import * as service from './notifications-service.js';

export const notificationsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['消息'];
  app.get(
    '/notifications',
    { schema: { tags, summary: '我的站内消息（最近 100 条）', response: { 200: NotificationList } } },
    async (req) => service.myNotifications(app.ctx, req.requireActor()),
  );
  app.post(
    '/notifications/read',
    {
      schema: {
        tags,
        summary: '标记为已读（不传 ids 则全部已读）',
        body: z.object({ ids: z.array(z.number().int().positive()).max(100).optional() }),
        response: { 200: NotificationList },
      },
    },
    async (req) => service.markRead(app.ctx, req.requireActor(), req.body.ids),
  );
};
