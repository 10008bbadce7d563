import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParam } from '../../../contract/common.js';
import {
  BlacklistBody,
  BlacklistEntry,
  CancelBody,
  CensureRecord,
  RecordView,
} from '../../../contract/discipline.js';
import * as service from './discipline-service.js';

export const disciplineRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['纪律与黑名单'];
  app.post(
    '/review/applications/:id/cancel',
    {
      schema: {
        tags,
        summary: '因弄虚作假取消申报资格并列入黑名单（可记录通报批评）',
        params: IdParam,
        body: CancelBody,
        response: {
          200: z.object({ id: z.number(), status: z.literal('cancelled'), blacklistedUntil: z.string() }),
        },
      },
    },
    async (req) => service.cancelForFraud(app.ctx, req.requireActor(), req.params.id, req.body),
  );
  app.get(
    '/blacklist',
    { schema: { tags, summary: '黑名单', response: { 200: z.array(BlacklistEntry) } } },
    async (req) => service.listBlacklist(app.ctx, req.requireActor()),
  );
  app.post(
    '/blacklist',
    {
      schema: {
        tags,
        summary: '列入黑名单（职称办）',
        body: BlacklistBody,
        response: { 201: z.array(BlacklistEntry) },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await service.addToBlacklist(app.ctx, req.requireActor(), req.body)),
  );
  app.post(
    '/blacklist/:id/revoke',
    {
      schema: {
        tags,
        summary: '撤销黑名单记录（职称办，须写明依据）',
        params: IdParam,
        body: z.object({ note: z.string().trim().max(300).default('') }),
        response: { 200: z.array(BlacklistEntry) },
      },
    },
    async (req) => service.revokeBlacklistEntry(app.ctx, req.requireActor(), req.params.id, req.body.note),
  );
  app.get(
    '/censures',
    { schema: { tags, summary: '通报批评记录', response: { 200: z.array(CensureRecord) } } },
    async (req) => service.listCensures(app.ctx, req.requireActor()),
  );
  app.get(
    '/applications/:id/viewers',
    {
      schema: { tags, summary: '谁查看过我的申报', params: IdParam, response: { 200: z.array(RecordView) } },
    },
    async (req) => service.viewersOf(app.ctx, req.requireActor(), req.params.id),
  );
};
