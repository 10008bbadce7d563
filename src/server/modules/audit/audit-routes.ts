import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AuditPage, AuditQuery } from '../../../contract/audit.js';
import { requireRole } from '../access/data-scope.js';
import { listAudit } from './audit-repository.js';

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/audit-logs',
    { schema: { tags: ['审计日志'], summary: '审计日志（职称办、系统管理员）', querystring: AuditQuery, response: { 200: AuditPage } } },
    async (req) => {
      requireRole(req.requireActor(), ['system_admin', 'province_office', 'city_office'], '只有职称办和系统管理员可以查看审计日志');
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
};
