import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParam } from '../../../contract/common.js';
import { VerifyQuery, VerifyResponse } from '../../../contract/approvals.js';
import {
  CertificateListQuery,
  CertificatePage,
  CertificateView,
  MyCertificate,
  PublicKeyEntry,
  RevokeBody,
} from '../../../contract/certificates.js';
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
      config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
    },
    async (req) => service.verify(app.ctx, req.query, req.ip, req.query.via ?? 'query'),
  );
  app.get(
    '/certificates/public-keys',
    {
      schema: {
        tags,
        summary: '各认定机构的 SM2 验签公钥（离线核验二维码）',
        response: { 200: z.array(PublicKeyEntry) },
      },
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
