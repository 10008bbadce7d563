import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParam } from '../../../contract/common.js';
import {
  PolicyDocument,
  PolicyDocumentBody,
  PolicyDocumentSummary,
} from '../../../contract/policy-documents.js';
import * as service from './policy-documents-service.js';

export const policyDocumentsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['政策文件'];
  app.get(
    '/policy-documents',
    {
      schema: { tags, summary: '政策文件列表', response: { 200: z.array(PolicyDocumentSummary) } },
      config: { public: true, publicCache: true },
    },
    async () => service.listDocuments(app.ctx),
  );
  app.get(
    '/policy-documents/:id',
    {
      schema: { tags, summary: '政策文件全文', params: IdParam, response: { 200: PolicyDocument } },
      config: { public: true, publicCache: true },
    },
    async (req) => service.getDocument(app.ctx, req.params.id),
  );
  app.post(
    '/policy-documents',
    {
      schema: {
        tags,
        summary: '发布政策文件（职称办）',
        body: PolicyDocumentBody,
        response: { 201: PolicyDocument },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await service.createDocument(app.ctx, req.requireActor(), req.body)),
  );
  app.put(
    '/policy-documents/:id',
    {
      schema: {
        tags,
        summary: '修改政策文件（职称办）',
        params: IdParam,
        body: PolicyDocumentBody,
        response: { 200: PolicyDocument },
      },
    },
    async (req) => service.updateDocument(app.ctx, req.requireActor(), req.params.id, req.body),
  );
};
