import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Agency, AgenciesQuery, Region, Series } from '../../../contract/public.js';
import {
  AgencyParams,
  SeriesBody,
  SeriesParams,
  SpecialtyBody,
  UpdateAgencyBody,
  UpdateSeriesBody,
} from '../../../contract/catalogue.js';
import * as service from './catalogue-service.js';

export const catalogueRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['参考数据'];
  app.get(
    '/agencies',
    {
      schema: {
        tags,
        summary: '认定机构、认定范围与受理批次',
        querystring: AgenciesQuery,
        response: { 200: z.array(Agency) },
      },
      config: { public: true, publicCache: true },
    },
    async (req, reply) => {
      const { year, agencies } = await service.listAgenciesOfYear(app.ctx, req.query.year);
      // Which year the list is for, when the caller left it to the server (CONTRACT.md).
      if (year !== null) void reply.header('x-schedule-year', String(year));
      return agencies;
    },
  );
  app.get(
    '/series',
    {
      schema: { tags, summary: '职称系列与专业目录', response: { 200: z.array(Series) } },
      config: { public: true, publicCache: true },
    },
    async () => service.listSeries(app.ctx),
  );
  app.get(
    '/regions',
    {
      schema: { tags, summary: '地区', response: { 200: z.array(Region) } },
      config: { public: true, publicCache: true },
    },
    async () => service.listRegions(app.ctx),
  );
  app.post(
    '/series',
    { schema: { tags, summary: '新增系列（职称办）', body: SeriesBody, response: { 201: Series } } },
    async (req, reply) =>
      reply.status(201).send(await service.createSeries(app.ctx, req.requireActor(), req.body)),
  );
  app.patch(
    '/series/:code',
    {
      schema: {
        tags,
        summary: '修改系列（职称办）',
        params: SeriesParams,
        body: UpdateSeriesBody,
        response: { 200: Series },
      },
    },
    async (req) => service.updateSeries(app.ctx, req.requireActor(), req.params.code, req.body),
  );
  app.post(
    '/series/:code/specialties',
    {
      schema: {
        tags,
        summary: '新增专业（职称办）',
        params: SeriesParams,
        body: SpecialtyBody,
        response: { 201: Series },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await service.addSpecialty(app.ctx, req.requireActor(), req.params.code, req.body)),
  );
  app.patch(
    '/agencies/:code',
    {
      schema: {
        tags,
        summary: '修改认定机构联系电话（职称办）',
        params: AgencyParams,
        body: UpdateAgencyBody,
        response: { 200: Agency },
      },
    },
    async (req) => service.updateAgency(app.ctx, req.requireActor(), req.params.code, req.body),
  );
};
