import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParam, Ok } from '../../../contract/common.js';
import { AgencyParams } from '../../../contract/catalogue.js';
import {
  ApprovalCandidate,
  ApprovalDetail,
  ApprovalSummary,
  CandidateQuery,
  CreateApprovalBody,
  DecidedPage,
  DecidedQuery,
  DocumentSettings,
  DocumentSettingsBody,
} from '../../../contract/approvals.js';
import { renderApprovalDocx, renderApprovalPdf } from '../../documents/approval-document.js';
import { attachmentHeader } from '../../documents/spreadsheet.js';
import * as service from './approvals-service.js';

const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export const approvalsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['批复'];
  app.get(
    '/approvals/candidates',
    {
      schema: {
        tags,
        summary: '可列入批复的认定通过申报（本认定机构）',
        querystring: CandidateQuery,
        response: { 200: z.array(ApprovalCandidate) },
      },
    },
    async (req) => service.listCandidates(app.ctx, req.requireActor(), req.query),
  );
  app.get(
    '/approvals/decided',
    {
      schema: {
        tags,
        summary: '本认定机构已办结的申报（认定通过、不予认定、撤销；筛选、搜索、分页）',
        querystring: DecidedQuery,
        response: { 200: DecidedPage },
      },
    },
    async (req) => service.listDecided(app.ctx, req.requireActor(), req.query),
  );
  app.get(
    '/approvals',
    { schema: { tags, summary: '批复列表', response: { 200: z.array(ApprovalSummary) } } },
    async (req) => service.listDocuments(app.ctx, req.requireActor()),
  );
  app.post(
    '/approvals',
    { schema: { tags, summary: '起草批复', body: CreateApprovalBody, response: { 201: ApprovalDetail } } },
    async (req, reply) =>
      reply.status(201).send(await service.createDraft(app.ctx, req.requireActor(), req.body)),
  );
  app.get(
    '/approvals/:id',
    { schema: { tags, summary: '批复详情', params: IdParam, response: { 200: ApprovalDetail } } },
    async (req) => service.getDocument(app.ctx, req.requireActor(), req.params.id),
  );
  app.delete(
    '/approvals/:id',
    { schema: { tags, summary: '删除批复草稿', params: IdParam, response: { 200: Ok } } },
    async (req) => {
      await service.discardDraft(app.ctx, req.requireActor(), req.params.id);
      return { ok: true as const };
    },
  );
  app.post(
    '/approvals/:id/issue',
    {
      schema: {
        tags,
        summary: '签发批复（分配文号、发放证书、通知本人；签发后不可修改）',
        params: IdParam,
        response: { 200: ApprovalDetail },
      },
    },
    async (req) => service.issue(app.ctx, req.requireActor(), req.params.id),
  );
  app.put(
    '/agencies/:code/document-settings',
    {
      schema: {
        tags,
        summary: '设置认定机构的发文字号前缀（机关代字）与发文机关名称',
        params: AgencyParams,
        body: DocumentSettingsBody,
        response: { 200: DocumentSettings },
      },
    },
    async (req) => service.updateDocumentSettings(app.ctx, req.requireActor(), req.params.code, req.body),
  );
  app.get(
    '/approvals/:id/document.docx',
    { schema: { tags, summary: '下载批复（DOCX，可编辑）', params: IdParam } },
    async (req, reply) => {
      const data = await service.documentData(app.ctx, req.requireActor(), req.params.id);
      const bytes = await renderApprovalDocx(data);
      return reply
        .header('content-disposition', attachmentHeader(`${data.documentNumber}${data.title}.docx`))
        .type(DOCX_MIME)
        .send(bytes);
    },
  );
  app.get(
    '/approvals/:id/document.pdf',
    { schema: { tags, summary: '下载批复（PDF）', params: IdParam } },
    async (req, reply) => {
      const data = await service.documentData(app.ctx, req.requireActor(), req.params.id);
      const bytes = await renderApprovalPdf(data);
      return reply
        .header('content-disposition', attachmentHeader(`${data.documentNumber}${data.title}.pdf`))
        .type('application/pdf')
        .send(Buffer.from(bytes));
    },
  );
};
