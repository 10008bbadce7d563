/** The audit log as an .xlsx for auditors, written with exceljs' streaming writer page by page. */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { DbOrTx } from '../db/client.js';
import { listAudit } from '../modules/audit/audit-repository.js';

export function auditWorkbookStream(
  db: DbOrTx,
  filter: { action?: string; targetType?: string; targetId?: string },
  timeZone: string,
  onError: (e: unknown) => void,
): PassThrough {
  const stream = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true });
  const sheet = workbook.addWorksheet('审计日志');
  sheet.columns = [
    { header: '序号', key: 'seq', width: 8 },
    { header: '时间', key: 'at', width: 22 },
    { header: '操作人', key: 'actor', width: 12 },
    { header: '角色', key: 'role', width: 14 },
    { header: '所在机构', key: 'org', width: 28 },
    { header: '客户端地址', key: 'ip', width: 16 },
    { header: '操作', key: 'action', width: 26 },
    { header: '对象类型', key: 'targetType', width: 16 },
    { header: '对象编号', key: 'targetId', width: 12 },
    { header: '变更前', key: 'before', width: 50 },
    { header: '变更后', key: 'after', width: 50 },
    { header: '哈希', key: 'hash', width: 66 },
  ];
  void (async () => {
    const pageSize = 1000;
    for (let page = 1; ; page++) {
      const { items } = await listAudit(db, filter, page, pageSize);
      for (const r of items) {
        sheet
          .addRow({
            seq: r.seq,
            at: format(new TZDate(r.at.getTime(), timeZone), 'yyyy-MM-dd HH:mm:ss'),
            actor: r.actorName,
            role: r.actorRole,
            org: r.actorOrganisationName,
            ip: r.clientAddress,
            action: r.action,
            targetType: r.targetType,
            targetId: r.targetId,
            before: r.before === null ? '' : JSON.stringify(r.before),
            after: r.after === null ? '' : JSON.stringify(r.after),
            hash: r.hash,
          })
          .commit();
      }
      if (items.length < pageSize) break;
    }
    sheet.commit();
    await workbook.commit();
  })().catch((e: unknown) => {
    onError(e);
    stream.destroy(e as Error);
  });
  return stream;
}
