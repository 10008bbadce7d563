import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParam, Ok } from '../../../contract/common.js';
import {
  CreatePolicyDraftBody,
  EligibilityCheckBody,
  EligibilityResult,
  PolicyVersionDetail,
  PolicyVersionSummary,
  UpdatePolicyDraftBody,
} from '../../../contract/eligibility.js';
import * as eligibility from './eligibility-service.js';
import * as policy from '../policy/policy-service.js';

export const eligibilityRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/eligibility/check',
    {
      schema: {
        tags: ['申报条件自测'],
        summary: '申报条件自测（无需登录）',
        body: EligibilityCheckBody,
        response: { 200: EligibilityResult },
      },
      config: { public: true, rateLimit: { max: 120, timeWindow: '1 minute' } },
    },
    async (req) => eligibility.check(app.ctx, req.body),
  );

  const tags = ['政策版本'];
  app.get(
    '/policy-versions',
    {
      schema: {
        tags,
        summary: '政策版本列表（公开已发布版本；职称办可带 includeDrafts=true 查看修订稿）',
        querystring: z.object({ includeDrafts: z.enum(['true', 'false']).optional() }),
        response: { 200: z.array(PolicyVersionSummary) },
      },
      // Published versions are public; drafts need a login (requireActor below).
      config: { public: true },
    },
    async (req) =>
      req.query.includeDrafts === 'true'
        ? policy.listAllVersions(app.ctx, req.requireActor())
        : policy.listVersions(app.ctx),
  );
  app.get(
    '/policy-versions/:id',
    {
      schema: {
        tags,
        summary: '政策版本详情（全部参数）',
        params: IdParam,
        response: { 200: PolicyVersionDetail },
      },
      // A published version is public; a draft only for the title offices (checked in the service).
      config: { public: true },
    },
    async (req) => policy.getVersion(app.ctx, req.actor, req.params.id),
  );
  app.post(
    '/policy-versions',
    {
      schema: {
        tags,
        summary: '以某版本为基础新建修订稿（职称办）',
        body: CreatePolicyDraftBody,
        response: { 201: PolicyVersionDetail },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await policy.createDraft(app.ctx, req.requireActor(), req.body.basedOnId)),
  );
  app.put(
    '/policy-versions/:id',
    {
      schema: {
        tags,
        summary: '修改修订稿（职称办）',
        params: IdParam,
        body: UpdatePolicyDraftBody,
        response: { 200: PolicyVersionDetail },
      },
    },
    async (req) => policy.updateDraft(app.ctx, req.requireActor(), req.params.id, req.body),
  );
  app.post(
    '/policy-versions/:id/publish',
    {
      schema: {
        tags,
        summary: '发布修订稿（自生效日期起施行）',
        params: IdParam,
        response: { 200: PolicyVersionDetail },
      },
    },
    async (req) => policy.publish(app.ctx, req.requireActor(), req.params.id),
  );
  app.delete(
    '/policy-versions/:id',
    { schema: { tags, summary: '删除修订稿', params: IdParam, response: { 200: Ok } } },
    async (req) => {
      await policy.deleteDraft(app.ctx, req.requireActor(), req.params.id);
      return { ok: true as const };
    },
  );
};
