import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BatchParams } from '../../../contract/catalogue.js';
import {
  AddBatchBody,
  BatchDatesBody,
  CancelBatchBody,
  CreateScheduleBody,
  Schedule,
  ScheduleOverview,
  ScheduleSummary,
  YearParams,
} from '../../../contract/schedules.js';
import { Ok } from '../../../contract/common.js';
import * as service from './schedules-service.js';

export const schedulesRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['受理时间安排'];
  app.get(
    '/schedules/overview',
    {
      schema: {
        tags,
        summary: '公开：首页显示的年度，以及尚未公布受理时间的年度',
        response: { 200: ScheduleOverview },
      },
      config: { public: true, publicCache: true },
    },
    async () => service.overview(app.ctx),
  );
  app.get(
    '/schedules',
    {
      schema: { tags, summary: '各年度受理时间安排（职称办）', response: { 200: z.array(ScheduleSummary) } },
    },
    async (req) => service.listSchedules(app.ctx, req.requireActor()),
  );
  app.post(
    '/schedules',
    {
      schema: {
        tags,
        summary: '创建年度受理时间安排（可从某一年度复制，日期顺延整年）',
        body: CreateScheduleBody,
        response: { 201: Schedule },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await service.createSchedule(app.ctx, req.requireActor(), req.body)),
  );
  app.get(
    '/schedules/:year',
    {
      schema: {
        tags,
        summary: '某年度受理时间安排（职称办）',
        params: YearParams,
        response: { 200: Schedule },
      },
    },
    async (req) => service.getSchedule(app.ctx, req.requireActor(), req.params.year),
  );
  app.post(
    '/schedules/:year/publish',
    { schema: { tags, summary: '发布年度受理时间安排', params: YearParams, response: { 200: Schedule } } },
    async (req) => service.publishSchedule(app.ctx, req.requireActor(), req.params.year),
  );
  app.delete(
    '/schedules/:year',
    { schema: { tags, summary: '删除未发布的年度受理时间安排', params: YearParams, response: { 200: Ok } } },
    async (req) => {
      await service.discardSchedule(app.ctx, req.requireActor(), req.params.year);
      return { ok: true as const };
    },
  );
  app.post(
    '/schedules/:year/batches',
    {
      schema: {
        tags,
        summary: '为某认定机构新增受理批次',
        params: YearParams,
        body: AddBatchBody,
        response: { 201: Schedule },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await service.addBatch(app.ctx, req.requireActor(), req.params.year, req.body)),
  );
  app.put(
    '/agencies/:code/batches/:batchId',
    {
      schema: {
        tags,
        summary: '调整受理批次日期（已开始受理的只能延长，须说明理由）',
        params: BatchParams,
        body: BatchDatesBody,
        response: { 200: Schedule },
      },
    },
    async (req) =>
      service.updateBatch(app.ctx, req.requireActor(), req.params.code, req.params.batchId, req.body),
  );
  app.post(
    '/agencies/:code/batches/:batchId/cancel',
    {
      schema: {
        tags,
        summary: '取消尚未开始受理且无申报的批次',
        params: BatchParams,
        body: CancelBatchBody,
        response: { 200: Schedule },
      },
    },
    async (req) =>
      service.cancelBatch(app.ctx, req.requireActor(), req.params.code, req.params.batchId, req.body),
  );
};
