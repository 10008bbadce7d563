import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParam } from '../../../contract/common.js';
import { VerifyQuery, VerifyResponse } from '../../../contract/approvals.js';
import {
  CertificateListQuery,
  CertificatePage,
  CertificateView,
  MyCertificate,
  PayloadVerification,
  PublicKeyEntry,
  RevokeBody,
  VerifyPayloadBody,
} from '../../../contract/certificates.js';
import { XLSX_MIME, attachmentHeader } from '../../documents/spreadsheet.js';
import * as service from './certificates-service.js';

export const certificatesRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['证书'];
  app.get(
    '/certificates/verify',
    {
      schema: {
        tags,
        summary: '公开查询：证书编号 + 姓名（不显示身份证号）',
        querystring: VerifyQuery.extend({ via: z.enum(['query', 'qr']).optional() }),
        response: { 200: VerifyResponse },
      },
      // The same per-address limit as the public pre-check: enough for people, not for enumeration.
      config: { public: true, rateLimit: { max: 120, timeWindow: '1 minute' } },
    },
    async (req) => service.verify(app.ctx, req.query, req.ip, req.query.via ?? 'query'),
  );
  app.post(
    '/certificates/verify-payload',
    {
      schema: {
        tags,
        summary: '公开：核验证书二维码内容（SM2 验签 + 证书当前状态）',
        body: VerifyPayloadBody,
        response: { 200: PayloadVerification },
      },
      config: { public: true, rateLimit: { max: 120, timeWindow: '1 minute' } },
    },
    async (req) => service.verifyQrPayload(app.ctx, req.body.payload, req.ip),
  );
  app.get(
    '/certificates/export.xlsx',
    {
      schema: {
        tags,
        summary: '导出证书信息（Excel 发证表，四、（七））',
        querystring: CertificateListQuery,
      },
    },
    async (req, reply) => {
      const actor = req.requireActor();
      const { PassThrough } = await import('node:stream');
      const out = new PassThrough();
      // Access is checked before the first byte; a failure later truncates the download (never a file
      // that looks complete) and is logged.
      const done = service.exportCertificates(app.ctx, actor, req.query, out);
      await Promise.race([done, new Promise((r) => out.once('readable', r))]);
      done.catch((e: unknown) => req.log.error({ err: e }, 'certificate export failed'));
      reply.header('content-disposition', attachmentHeader('证书信息.xlsx')).type(XLSX_MIME);
      return reply.send(out);
    },
  );
  app.get(
    '/certificates/:id/certificate.pdf',
    { schema: { tags, summary: '下载电子证书（PDF，带认定机构电子签名）', params: IdParam } },
    async (req, reply) => {
      const { number, bytes } = await service.certificatePdf(
        app.ctx,
        req.requireActor(),
        req.params.id,
        `${req.protocol}://${req.host}`,
      );
      return reply
        .header('content-disposition', attachmentHeader(`专业技术资格证书${number}.pdf`))
        .type('application/pdf')
        .send(Buffer.from(bytes));
    },
  );
  app.get(
    '/certificates/public-keys',
    {
      schema: {
        tags,
        summary: '各认定机构的 SM2 验签公钥（离线核验二维码）',
        response: { 200: z.array(PublicKeyEntry) },
      },
      config: { public: true, publicCache: true },
    },
    async () => service.publicKeys(app.ctx),
  );
  app.get(
    '/certificates/mine',
    { schema: { tags, summary: '我的证书与查询记录', response: { 200: z.array(MyCertificate) } } },
    async (req) => service.mine(app.ctx, req.requireActor()),
  );
  app.get(
    '/certificates',
    {
      schema: {
        tags,
        summary: '证书管理：本范围内的证书',
        querystring: CertificateListQuery,
        response: { 200: CertificatePage },
      },
    },
    async (req) => service.list(app.ctx, req.requireActor(), req.query),
  );
  app.get(
    '/certificates/:id',
    { schema: { tags, summary: '证书详情', params: IdParam, response: { 200: CertificateView } } },
    async (req) => service.getCertificate(app.ctx, req.requireActor(), req.params.id),
  );
  app.post(
    '/certificates/:id/revoke',
    {
      schema: {
        tags,
        summary: '撤销证书',
        params: IdParam,
        body: RevokeBody,
        response: { 200: CertificateView },
      },
    },
    async (req) => service.revoke(app.ctx, req.requireActor(), req.params.id, req.body),
  );
};
