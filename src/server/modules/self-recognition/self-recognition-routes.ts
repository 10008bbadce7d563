import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParam } from '../../../contract/common.js';
import {
  AuthoriseBody,
  FiledBatch,
  FiledBatchBody,
  FilingDecisionBody,
  SelfRecognitionApplication,
  SelfRecognitionApplicationBody,
  SelfRecognitionDecisionBody,
  SelfRecognitionUnit,
} from '../../../contract/self-recognition.js';
import * as service from './self-recognition-service.js';

export const selfRecognitionRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['自主评审单位'];
  app.post(
    '/self-recognition/units/:id/authorise',
    {
      schema: {
        tags,
        summary: '职称办确认自主评审单位及其认定层级',
        params: IdParam,
        body: AuthoriseBody,
        response: { 201: SelfRecognitionUnit },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await service.authorise(app.ctx, req.requireActor(), req.params.id, req.body)),
  );
  app.post(
    '/self-recognition/units/:id/batches',
    {
      schema: {
        tags,
        summary: '自主评审单位设立批次并书面报备',
        params: IdParam,
        body: FiledBatchBody,
        response: { 201: FiledBatch },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await service.fileBatch(app.ctx, req.requireActor(), req.params.id, req.body)),
  );
  app.get(
    '/self-recognition/batches',
    {
      schema: { tags, summary: '可见范围内的自主评审批次及报备状态', response: { 200: z.array(FiledBatch) } },
    },
    async (req) => service.listFiledBatches(app.ctx, req.requireActor()),
  );
  app.post(
    '/self-recognition/batches/:id/filing',
    {
      schema: {
        tags,
        summary: '同级职称部门确认报备',
        params: IdParam,
        body: FilingDecisionBody,
        response: { 200: FiledBatch },
      },
    },
    async (req) => service.decideFiling(app.ctx, req.requireActor(), req.params.id, req.body),
  );
  app.post(
    '/self-recognition/units/:id/applications',
    {
      schema: {
        tags,
        summary: '企业/新型研发机构申请开展职称自主评审',
        params: IdParam,
        body: SelfRecognitionApplicationBody,
        response: { 201: SelfRecognitionApplication },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await service.applyForSelfRecognition(app.ctx, req.requireActor(), req.params.id, req.body)),
  );
  app.get(
    '/self-recognition/applications',
    {
      schema: {
        tags,
        summary: '可见范围内的自主评审申请',
        response: { 200: z.array(SelfRecognitionApplication) },
      },
    },
    async (req) => service.listSelfRecognitionApplications(app.ctx, req.requireActor()),
  );
  app.post(
    '/self-recognition/applications/:id/decision',
    {
      schema: {
        tags,
        summary: '人社部门审批并确定自主认定层级',
        params: IdParam,
        body: SelfRecognitionDecisionBody,
        response: { 200: SelfRecognitionApplication },
      },
    },
    async (req) =>
      service.decideSelfRecognitionApplication(app.ctx, req.requireActor(), req.params.id, req.body),
  );
};
