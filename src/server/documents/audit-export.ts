/**
 * The audit log as an .xlsx for auditors, written with exceljs' streaming writer page by page. Read
 * by people, so in the page's words: actions, roles, object types, fields and codes by their Chinese
 * names (issue 11 item 13); the action's code stays in a last column for cross-reference. Names, notes
 * and changed values are whatever people typed: every cell goes through the formula-injection rule.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { DbOrTx } from '../db/client.js';
import { listAudit } from '../modules/audit/audit-repository.js';
import {
  type CatalogueNames,
  actionNames,
  actorRoleNames,
  labelOf,
  readableText,
  targetTypeNames,
} from '../../contract/audit-labels.js';
import { spreadsheetValue } from './formula-injection.js';

export function auditWorkbookStream(
  db: DbOrTx,
  filter: { action?: string; targetType?: string; targetId?: string },
  timeZone: string,
  catalogue: CatalogueNames,
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
    { header: '操作代码', key: 'code', width: 26 },
  ];
  const wrap = { wrapText: true, vertical: 'top' } as const;
  sheet.getColumn('before').alignment = wrap;
  sheet.getColumn('after').alignment = wrap;
  const at = (d: Date) => format(new TZDate(d.getTime(), timeZone), 'yyyy-MM-dd HH:mm:ss');
  const instant = (iso: string) => at(new Date(iso));
  void (async () => {
    const pageSize = 1000;
    for (let page = 1; ; page++) {
      const { items } = await listAudit(db, filter, page, pageSize);
      for (const r of items) {
        const cells = {
          seq: r.seq,
          at: at(r.at),
          actor: r.actorName,
          role: labelOf(actorRoleNames, r.actorRole),
          org: r.actorOrganisationName,
          ip: r.clientAddress,
          action: labelOf(actionNames, r.action),
          targetType: labelOf(targetTypeNames, r.targetType),
          targetId: r.targetId,
          before: r.before === null ? '' : readableText(r.before, catalogue, instant),
          after: r.after === null ? '' : readableText(r.after, catalogue, instant),
          hash: r.hash ?? '（待封存）',
          code: r.action,
        };
        sheet
          .addRow(Object.fromEntries(Object.entries(cells).map(([k, v]) => [k, spreadsheetValue(v)])))
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
