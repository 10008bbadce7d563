import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParam, Ok } from '../../../contract/common.js';
import {
  AccountRow,
  AccountsQuery,
  Applicant,
  ApplicantCreated,
  ApplicantImportResult,
  CreateApplicantBody,
  CreateOfficeAccountBody,
  EmployerParams,
  PasswordReset,
} from '../../../contract/accounts.js';
import { AccountCreated } from '../../../contract/organisations.js';
import { XLSX_MIME, attachmentHeader } from '../../documents/spreadsheet.js';
import { readUpload } from '../../plugins/upload.js';
import * as accounts from './accounts-service.js';
import * as applicants from './applicants-service.js';

export const accountsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['账号'];
  app.get(
    '/accounts',
    {
      schema: {
        tags,
        summary: '可见范围内的账号',
        querystring: AccountsQuery,
        response: { 200: z.array(AccountRow) },
      },
    },
    async (req) => accounts.listAccounts(app.ctx, req.requireActor(), req.query),
  );
  app.post(
    '/accounts',
    {
      schema: {
        tags,
        summary: '创建职称办/管理员账号（系统管理员）',
        body: CreateOfficeAccountBody,
        response: { 201: AccountCreated },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await accounts.createOfficeAccount(app.ctx, req.requireActor(), req.body)),
  );
  app.post(
    '/accounts/:id/reset-password',
    {
      schema: {
        tags,
        summary: '重置密码（返回一次性初始密码）',
        params: IdParam,
        response: { 200: PasswordReset },
      },
    },
    async (req) => accounts.resetPassword(app.ctx, req.requireActor(), req.params.id),
  );
  app.post(
    '/accounts/:id/unlock',
    { schema: { tags, summary: '解除锁定', params: IdParam, response: { 200: Ok } } },
    async (req) => {
      await accounts.unlockAccount(app.ctx, req.requireActor(), req.params.id);
      return { ok: true as const };
    },
  );

  const atags = ['申报人员账号'];
  app.get(
    '/employers/:id/applicants',
    {
      schema: {
        tags: atags,
        summary: '本单位申报人员',
        params: EmployerParams,
        response: { 200: z.array(Applicant) },
      },
    },
    async (req) => applicants.listApplicants(app.ctx, req.requireActor(), req.params.id),
  );
  app.post(
    '/employers/:id/applicants',
    {
      schema: {
        tags: atags,
        summary: '创建申报账号（姓名、身份证号须与社保参保信息一致）',
        params: EmployerParams,
        body: CreateApplicantBody,
        response: { 201: ApplicantCreated },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await applicants.createApplicant(app.ctx, req.requireActor(), req.params.id, req.body)),
  );
  app.post(
    '/employers/:id/applicants/:accountId/reset-password',
    {
      schema: {
        tags: atags,
        summary: '重置本单位申报人员的密码（返回一次性临时密码，下次登录须修改）',
        params: EmployerParams.extend({ accountId: z.coerce.number().int().positive() }),
        response: { 200: PasswordReset },
      },
    },
    async (req) =>
      applicants.resetApplicantPassword(app.ctx, req.requireActor(), req.params.id, req.params.accountId),
  );
  app.get(
    '/employers/:id/applicants/template.xlsx',
    { schema: { tags: atags, summary: '批量创建申报账号模板', params: EmployerParams } },
    async (req, reply) => {
      const template = await applicants.applicantTemplate(app.ctx, req.requireActor(), req.params.id);
      reply.header('content-disposition', attachmentHeader('申报人员批量导入模板.xlsx')).type(XLSX_MIME);
      return template;
    },
  );
  app.post(
    '/employers/:id/applicants/import',
    {
      schema: {
        tags: atags,
        summary: '批量创建申报账号（上传 .xlsx，字段 file；任一行有误则全部不导入）',
        consumes: ['multipart/form-data'],
        params: EmployerParams,
        response: { 201: ApplicantImportResult },
      },
    },
    async (req, reply) => {
      const actor = req.requireActor();
      const file = await readUpload(req);
      return reply.status(201).send(await applicants.importApplicants(app.ctx, actor, req.params.id, file));
    },
  );
};
