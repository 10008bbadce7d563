import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  SocialInsuranceImport,
  SocialInsuranceImportResult,
  SocialInsurancePage,
  SocialInsuranceQuery,
} from '../../../contract/social-insurance.js';
import { XLSX_MIME, attachmentHeader } from '../../documents/spreadsheet.js';
import { readUpload } from '../../plugins/upload.js';
import * as service from './social-insurance-service.js';

export const socialInsuranceRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['社保参保信息'];
  app.get(
    '/social-insurance/records',
    {
      schema: {
        tags,
        summary: '查询社保参保信息（人社部门）',
        querystring: SocialInsuranceQuery,
        response: { 200: SocialInsurancePage },
      },
    },
    async (req) =>
      service.listRecords(app.ctx, req.requireActor(), req.query.q, req.query.page, req.query.pageSize),
  );
  app.get(
    '/social-insurance/imports',
    { schema: { tags, summary: '导入记录', response: { 200: z.array(SocialInsuranceImport) } } },
    async (req) => service.listImports(app.ctx, req.requireActor()),
  );
  app.get(
    '/social-insurance/template.xlsx',
    { schema: { tags, summary: '导入模板' } },
    async (req, reply) => {
      req.requireActor();
      reply.header('content-disposition', attachmentHeader('社保参保信息导入模板.xlsx')).type(XLSX_MIME);
      return service.template();
    },
  );
  app.post(
    '/social-insurance/imports',
    {
      schema: {
        tags,
        summary: '导入社保参保信息（.xlsx 或 .csv，字段 file；任一行有误则全部不导入）',
        consumes: ['multipart/form-data'],
        response: { 201: SocialInsuranceImportResult },
      },
    },
    async (req, reply) => {
      const actor = req.requireActor();
      const file = await readUpload(req);
      return reply.status(201).send(await service.importRecords(app.ctx, actor, file));
    },
  );
};
