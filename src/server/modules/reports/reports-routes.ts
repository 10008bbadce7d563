import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParam } from '../../../contract/common.js';
import {
  DecideYearEndBody,
  ReportYearQuery,
  ReturnYearEndBody,
  SaveYearEndBody,
  Statistics,
  StatisticsQuery,
  SubmitYearEndBody,
  YearEndList,
  YearEndReport,
} from '../../../contract/reports.js';
import { XLSX_MIME, attachmentHeader } from '../../documents/spreadsheet.js';
import * as service from './reports-service.js';

export const reportsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['年度报送与统计'];
  app.get(
    '/reports/year-end',
    {
      schema: {
        tags,
        summary: '各认定机构、自主评审单位的年度报送情况（职称办；含是否逾期）',
        querystring: ReportYearQuery,
        response: { 200: YearEndList },
      },
    },
    async (req) => service.yearEndList(app.ctx, req.requireActor(), req.query),
  );
  app.get(
    '/reports/year-end/mine',
    {
      schema: {
        tags,
        summary: '本机构的年度报告（批复与证书数由系统生成）',
        querystring: ReportYearQuery,
        response: { 200: YearEndReport },
      },
    },
    async (req) => service.myReport(app.ctx, req.requireActor(), req.query),
  );
  app.put(
    '/reports/year-end/mine',
    {
      schema: {
        tags,
        summary: '保存本机构年度报告的说明',
        body: SaveYearEndBody,
        response: { 200: YearEndReport },
      },
    },
    async (req) => service.saveMine(app.ctx, req.requireActor(), req.body),
  );
  app.post(
    '/reports/year-end/mine/submit',
    {
      schema: {
        tags,
        summary: '报送年度报告（领导审查账号；报送时固定批复清单与证书数）',
        body: SubmitYearEndBody,
        response: { 200: YearEndReport },
      },
    },
    async (req) => service.submitMine(app.ctx, req.requireActor(), req.body.year),
  );
  app.get(
    '/reports/year-end/:id',
    { schema: { tags, summary: '年度报告详情', params: IdParam, response: { 200: YearEndReport } } },
    async (req) => service.getReport(app.ctx, req.requireActor(), req.params.id),
  );
  app.post(
    '/reports/year-end/:id/accept',
    {
      schema: {
        tags,
        summary: '市职称办接收年度报告',
        params: IdParam,
        body: DecideYearEndBody,
        response: { 200: YearEndReport },
      },
    },
    async (req) => service.acceptReport(app.ctx, req.requireActor(), req.params.id, req.body),
  );
  app.post(
    '/reports/year-end/:id/return',
    {
      schema: {
        tags,
        summary: '市职称办退回年度报告（须填写意见）',
        params: IdParam,
        body: ReturnYearEndBody,
        response: { 200: YearEndReport },
      },
    },
    async (req) => service.returnReport(app.ctx, req.requireActor(), req.params.id, req.body),
  );
  app.get(
    '/reports/statistics',
    {
      schema: {
        tags,
        summary: '统计：受理、审查中、认定通过、不予通过、发证数（本范围内，按所选维度分组）',
        querystring: StatisticsQuery,
        response: { 200: Statistics },
      },
    },
    async (req) => service.statistics(app.ctx, req.requireActor(), req.query),
  );
  app.get(
    '/reports/statistics.xlsx',
    { schema: { tags, summary: '导出统计表（Excel）', querystring: StatisticsQuery } },
    async (req, reply) => {
      const { fileName, bytes } = await service.statisticsWorkbook(app.ctx, req.requireActor(), req.query);
      return reply.header('content-disposition', attachmentHeader(fileName)).type(XLSX_MIME).send(bytes);
    },
  );
};
