import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParam } from '../../../contract/common.js';
import {
  AccountCreated,
  AssignSeatBody,
  CreateOrganisationBody,
  Organisation,
  OrganisationSeats,
  OrganisationsQuery,
  SeatParams,
  UpdateOrganisationBody,
} from '../../../contract/organisations.js';
import * as service from './organisations-service.js';

export const organisationsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['机构'];
  app.get(
    '/organisations',
    {
      schema: {
        tags,
        summary: '可见范围内的机构',
        querystring: OrganisationsQuery,
        response: { 200: z.array(Organisation) },
      },
    },
    async (req) => service.listOrganisations(app.ctx, req.requireActor(), req.query),
  );
  app.get(
    '/organisations/:id',
    { schema: { tags, summary: '机构详情', params: IdParam, response: { 200: Organisation } } },
    async (req) => service.getOrganisation(app.ctx, req.requireActor(), req.params.id),
  );
  app.post(
    '/organisations',
    {
      schema: {
        tags,
        summary: '创建下级机构',
        body: CreateOrganisationBody,
        response: { 201: Organisation },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await service.createOrganisation(app.ctx, req.requireActor(), req.body)),
  );
  app.patch(
    '/organisations/:id',
    {
      schema: {
        tags,
        summary: '修改机构信息',
        params: IdParam,
        body: UpdateOrganisationBody,
        response: { 200: Organisation },
      },
    },
    async (req) => service.updateOrganisation(app.ctx, req.requireActor(), req.params.id, req.body),
  );
  app.get(
    '/organisations/:id/seats',
    {
      schema: {
        tags,
        summary: '经办人审查、领导审查账号及变更记录',
        params: IdParam,
        response: { 200: OrganisationSeats },
      },
    },
    async (req) => service.getSeats(app.ctx, req.requireActor(), req.params.id),
  );
  app.put(
    '/organisations/:id/seats/:role',
    {
      schema: {
        tags,
        summary: '设置或更换审查账号（实名，经办人与领导不能为同一人）',
        params: SeatParams,
        body: AssignSeatBody,
        response: { 200: AccountCreated },
      },
    },
    async (req) => service.assignSeat(app.ctx, req.requireActor(), req.params.id, req.params.role, req.body),
  );
};
