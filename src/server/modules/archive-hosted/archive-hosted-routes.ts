import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParam } from '../../../contract/common.js';
import {
  ArchiveHostedDecisionBody,
  ArchiveHostedRequest,
  ArchiveHostedRequestBody,
} from '../../../contract/archive-hosted.js';
import * as service from './archive-hosted-service.js';

export const archiveHostedRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['档案托管人员申报'];
  app.get(
    '/archive-hosted/requests',
    { schema: { tags, summary: '可见范围内的申请', response: { 200: z.array(ArchiveHostedRequest) } } },
    async (req) => service.listRequests(app.ctx, req.requireActor()),
  );
  app.post(
    '/archive-hosted/requests',
    {
      schema: {
        tags,
        summary: '申请（本人，或人事代理机构代为）',
        body: ArchiveHostedRequestBody,
        response: { 201: ArchiveHostedRequest },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await service.requestPath(app.ctx, req.requireActor(), req.body)),
  );
  for (const [step, summary] of [
    ['verify', '当地人社部门核实'],
    ['decide', '省职称办审批'],
  ] as const) {
    app.post(
      `/archive-hosted/requests/:id/${step}`,
      {
        schema: {
          tags,
          summary,
          params: IdParam,
          body: ArchiveHostedDecisionBody,
          response: { 200: ArchiveHostedRequest },
        },
      },
      async (req) => service.advance(app.ctx, req.requireActor(), req.params.id, step, req.body),
    );
  }
  app.post(
    '/archive-hosted/requests/list',
    {
      schema: {
        tags,
        summary: '市职称办汇总（已核实的申请报省职称办）',
        body: z.object({
          ids: z.array(z.number().int().positive()).min(1).max(500),
          note: z.string().trim().max(300).default(''),
        }),
        response: { 200: z.array(ArchiveHostedRequest) },
      },
    },
    async (req) => service.listVerified(app.ctx, req.requireActor(), req.body.ids, req.body.note),
  );
};
