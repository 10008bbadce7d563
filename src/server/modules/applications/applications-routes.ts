import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParam, Ok } from '../../../contract/common.js';
import { RemindBody } from '../../../contract/review.js';
import {
  ApplicationDetail,
  ApplicationForm,
  ApplicationListQuery,
  ApplicationPage,
  CreateApplicationBody,
  PrecheckResult,
  Routing,
  RoutingQuery,
  SavedForm,
} from '../../../contract/applications.js';
import * as service from './applications-service.js';

export const applicationsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['申报'];
  app.get(
    '/applications/routing',
    {
      schema: {
        tags,
        summary: '受理本人申报的认定机构及可选批次',
        querystring: RoutingQuery,
        response: { 200: Routing },
      },
    },
    async (req) =>
      service.routing(app.ctx, req.requireActor(), req.query.targetLevel, req.query.applicantAccountId),
  );
  app.get(
    '/applications',
    {
      schema: {
        tags,
        summary: '本人的申报及数据范围内的申报（筛选、分页）',
        querystring: ApplicationListQuery,
        response: { 200: ApplicationPage },
      },
    },
    async (req) => service.listApplications(app.ctx, req.requireActor(), req.query),
  );
  app.post(
    '/applications',
    {
      schema: {
        tags,
        summary: '新建申报草稿（本人，或单位代为申报）',
        body: CreateApplicationBody,
        response: { 201: ApplicationDetail },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await service.createApplication(app.ctx, req.requireActor(), req.body)),
  );
  app.get(
    '/applications/:id',
    { schema: { tags, summary: '申报详情', params: IdParam, response: { 200: ApplicationDetail } } },
    async (req) => service.viewApplication(app.ctx, req.requireActor(), req.params.id),
  );
  app.put(
    '/applications/:id/form',
    {
      schema: {
        tags,
        summary: '保存草稿（随填随存）：答复保存的内容和时间',
        params: IdParam,
        body: ApplicationForm,
        response: { 200: SavedForm },
      },
    },
    async (req) => service.saveForm(app.ctx, req.requireActor(), req.params.id, req.body),
  );
  app.post(
    '/applications/:id/precheck',
    {
      schema: {
        tags,
        summary: '按表单内容预检（不提交）',
        params: IdParam,
        response: { 200: PrecheckResult },
      },
    },
    async (req) => service.precheck(app.ctx, req.requireActor(), req.params.id),
  );
  app.post(
    '/applications/:id/submit',
    {
      schema: {
        tags,
        summary: '提交申报（受理时间内；冻结为只读版本）',
        params: IdParam,
        response: { 200: ApplicationDetail },
      },
    },
    async (req) => service.submit(app.ctx, req.requireActor(), req.params.id),
  );
  app.post(
    '/applications/:id/withdraw',
    {
      schema: {
        tags,
        summary: '撤回申报（审查开始前）',
        params: IdParam,
        response: { 200: ApplicationDetail },
      },
    },
    async (req) => service.withdraw(app.ctx, req.requireActor(), req.params.id),
  );
  app.post(
    '/applications/:id/remind',
    {
      schema: {
        tags,
        summary: '单位提醒申报人员完成或修改申报（站内消息）',
        params: IdParam,
        body: RemindBody,
        response: { 200: Ok },
      },
    },
    async (req) => service.remind(app.ctx, req.requireActor(), req.params.id, req.body.message),
  );
};
