import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AuditExportQuery, AuditPage, AuditQuery } from '../../../contract/audit.js';
import { requireRole } from '../access/data-scope.js';
import { listAudit } from './audit-repository.js';
import { auditWorkbookStream } from '../../documents/audit-export.js';
import { listSeries } from '../catalogue/catalogue-service.js';
import { XLSX_MIME, attachmentHeader } from '../../documents/spreadsheet.js';

const AUDIT_READERS = ['system_admin', 'province_office', 'city_office'] as const;
const DENIED = '只有职称办和系统管理员可以查看审计日志';

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['审计日志'];
  app.get(
    '/audit-logs',
    {
      schema: {
        tags,
        summary: '审计日志（职称办、系统管理员）',
        querystring: AuditQuery,
        response: { 200: AuditPage },
      },
    },
    async (req) => {
      requireRole(req.requireActor(), AUDIT_READERS, DENIED);
      const { page, pageSize, ...filter } = req.query;
      const { total, items } = await listAudit(app.ctx.db, filter, page, pageSize);
      return {
        total,
        items: items.map((r) => ({
          seq: r.seq,
          at: r.at.toISOString(),
          actorAccountId: r.actorAccountId,
          actorName: r.actorName,
          actorRole: r.actorRole,
          actorOrganisation: r.actorOrganisationName,
          clientAddress: r.clientAddress,
          action: r.action,
          targetType: r.targetType,
          targetId: r.targetId,
          before: r.before,
          after: r.after,
        })),
      };
    },
  );
  app.get(
    '/audit-logs/export.xlsx',
    { schema: { tags, summary: '导出审计日志（Excel）', querystring: AuditExportQuery } },
    async (req, reply) => {
      requireRole(req.requireActor(), AUDIT_READERS, DENIED);
      const catalogue = await listSeries(app.ctx);
      reply.header('content-disposition', attachmentHeader('审计日志.xlsx')).type(XLSX_MIME);
      return reply.send(
        auditWorkbookStream(app.ctx.db, req.query, app.ctx.config.TZ_NAME, catalogue, (e) =>
          req.log.error({ err: e }, 'audit export failed'),
        ),
      );
    },
  );
};
