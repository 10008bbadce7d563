import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParam } from '../../../contract/common.js';
import {
  BulkApproveBody,
  BulkApproveResult,
  CheckMaterialBody,
  DecisionBody,
  DecisionResult,
  ObjectionBody,
  Publicity,
  PublicityBody,
  Queue,
  QueueQuery,
  ReviewSeatCounts,
  ReviewView,
} from '../../../contract/review.js';
import * as service from './review-service.js';

export const reviewRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['审查'];
  app.get(
    '/review/queue',
    {
      schema: {
        tags,
        summary: '本人审查岗位的待办（按等待时间，键集分页）',
        querystring: QueueQuery,
        response: { 200: Queue },
      },
    },
    async (req) => service.queue(app.ctx, req.requireActor(), req.query),
  );
  app.get(
    '/review/seats',
    {
      schema: {
        tags,
        summary: '本人的审查岗位及待审数量、临近截止数量',
        response: { 200: z.array(ReviewSeatCounts) },
      },
    },
    async (req) => service.mySeats(app.ctx, req.requireActor()),
  );
  app.get(
    '/review/applications/:id',
    {
      schema: {
        tags,
        summary: '审查视图：提交版本、材料、核验、审查链',
        params: IdParam,
        response: { 200: ReviewView },
      },
    },
    async (req) => service.reviewView(app.ctx, req.requireActor(), req.params.id),
  );
  app.post(
    '/review/applications/:id/decision',
    {
      schema: {
        tags,
        summary: '审查决定：通过、退回修改（逐项原因）或不予通过',
        params: IdParam,
        body: DecisionBody,
        response: { 200: DecisionResult },
      },
    },
    async (req) => service.decide(app.ctx, req.requireActor(), req.params.id, req.body),
  );
  app.post(
    '/review/applications/:id/materials/:index/check',
    {
      schema: {
        tags,
        summary: '材料核验（与原件相符）',
        params: IdParam.extend({ index: z.coerce.number().int().min(0).max(100) }),
        body: CheckMaterialBody,
        response: { 200: ReviewView },
      },
    },
    async (req) =>
      service.checkMaterial(
        app.ctx,
        req.requireActor(),
        req.params.id,
        req.params.index,
        req.body.expectedRevision,
      ),
  );
  app.post(
    '/review/bulk-approve',
    {
      schema: {
        tags,
        summary: '批量通过（领导审查）',
        body: BulkApproveBody,
        response: { 200: BulkApproveResult },
      },
    },
    async (req) => service.bulkApprove(app.ctx, req.requireActor(), req.body),
  );
  app.get(
    '/review/publicities',
    { schema: { tags, summary: '本单位的公示', response: { 200: z.array(Publicity) } } },
    async (req) => service.listPublicities(app.ctx, req.requireActor()),
  );
  app.post(
    '/review/publicities',
    {
      schema: {
        tags,
        summary: '登记单位内部公示（公示期按现行政策版本）',
        body: PublicityBody,
        response: { 201: Publicity },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await service.createPublicity(app.ctx, req.requireActor(), req.body)),
  );
  app.post(
    '/review/publicities/:id/objections',
    {
      schema: {
        tags,
        summary: '登记公示异议',
        params: IdParam,
        body: ObjectionBody,
        response: { 200: Publicity },
      },
    },
    async (req) => service.addObjection(app.ctx, req.requireActor(), req.params.id, req.body),
  );
};
