/**
 * The social-insurance registry (社保参保信息, 三、（四） and 四、（三））: HR bureaus import it from
 * .xlsx/.csv; applicant accounts are created only for people whose name + ID number match it.
 * An import is all or nothing: any bad row is reported with its row number and nothing is written.
 */
import { createHash } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { forbidden, unprocessable } from '../../errors.js';
import type { RowError } from '../../../contract/accounts.js';
import { PersonName } from '../../../contract/common.js';
import { maskIdNumber, validateIdNumber } from '../../../domain/id-number.js';
import { organisations } from '../../db/schema.js';
import { appendAudit } from '../audit/audit-repository.js';
import { type Actor, type ActorRole, auditActorOf } from '../auth/actor.js';
import { dataScopeOf, orgPathInScope } from '../access/data-scope.js';
import { buildTemplate, readTable, requireHeaders } from '../../documents/spreadsheet.js';
import * as repo from './social-insurance-repository.js';
import { decryptIdNumber } from '../../crypto/personal-data-cipher.js';

export const SI_COLUMNS = {
  name: '姓名',
  idNumber: '身份证号',
  unit: '参保单位',
  months: '缴费月数',
} as const;

/** HR bureaus' seats and the title offices keep the registry. */
function registryRole(actor: Actor): ActorRole {
  const role =
    actor.roles.find(
      (r) => r.role === 'system_admin' || r.role === 'province_office' || r.role === 'city_office',
    ) ??
    actor.roles.find(
      (r) => (r.role === 'handler' || r.role === 'leader') && r.organisationKind === 'hr_bureau',
    );
  if (!role) throw forbidden('只有人社部门可以维护社保参保信息');
  return role;
}

export function rowsInvalid(rows: RowError[]) {
  const shown = rows.slice(0, 500);
  return unprocessable(
    'IMPORT_ROWS_INVALID',
    `文件中有 ${rows.length} 处错误，未导入任何数据。请按提示修改后重新上传`,
    { rows: shown, total: rows.length },
  );
}

export async function importRecords(
  ctx: AppContext,
  actor: Actor,
  file: { buffer: Buffer; fileName: string },
) {
  const role = registryRole(actor);
  if (role.organisationId === null) {
    throw forbidden('系统管理员账号不属于任何人社部门，请使用人社部门或职称办账号导入');
  }
  const now = ctx.clock.now();
  const { headers, rows } = await readTable(file.buffer, file.fileName);
  requireHeaders(headers, Object.values(SI_COLUMNS));
  if (rows.length === 0) throw unprocessable('EMPTY_FILE', '文件中没有数据行');
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  const records: { idNumber: string; name: string; insuredUnitName: string; months: number }[] = [];
  for (const { row, values } of rows) {
    const name = values[SI_COLUMNS.name] ?? '';
    const idRaw = values[SI_COLUMNS.idNumber] ?? '';
    const unit = (values[SI_COLUMNS.unit] ?? '').trim();
    const monthsRaw = (values[SI_COLUMNS.months] ?? '').trim();
    const n = PersonName.safeParse(name);
    if (!n.success) errors.push({ row, field: SI_COLUMNS.name, message: n.error.issues[0]!.message });
    const id = validateIdNumber(idRaw, now);
    if (!id.ok) errors.push({ row, field: SI_COLUMNS.idNumber, message: id.reason });
    else if (seen.has(id.value)) {
      errors.push({ row, field: SI_COLUMNS.idNumber, message: `与第 ${seen.get(id.value)} 行身份证号重复` });
    } else seen.set(id.value, row);
    if (!unit) errors.push({ row, field: SI_COLUMNS.unit, message: '参保单位不能为空' });
    else if (unit.length > 100) errors.push({ row, field: SI_COLUMNS.unit, message: '参保单位名称过长' });
    const months = Number(monthsRaw);
    if (!/^\d+$/.test(monthsRaw) || months > 1200) {
      errors.push({ row, field: SI_COLUMNS.months, message: '缴费月数应为 0-1200 的整数' });
    }
    if (n.success && id.ok && unit && /^\d+$/.test(monthsRaw)) {
      records.push({ idNumber: id.value, name: n.data, insuredUnitName: unit, months });
    }
  }
  if (errors.length) throw rowsInvalid(errors);
  const existing = await repo.existingIdNumbers(
    ctx.db,
    records.map((r) => r.idNumber),
  );
  const updated = records.filter((r) => existing.has(r.idNumber)).length;
  const inserted = records.length - updated;
  const sha = createHash('sha256').update(file.buffer).digest('hex');
  return ctx.db.transaction(async (tx) => {
    const imp = await repo.insertImport(tx, {
      organisationId: role.organisationId!,
      accountId: actor.accountId,
      fileName: file.fileName.slice(0, 200),
      fileSha256: sha,
      rows: records.length,
      inserted,
      updated,
      createdAt: now,
    });
    await repo.upsertRecords(tx, records, imp.id, now);
    await appendAudit(
      tx,
      auditActorOf(actor, role),
      {
        action: 'social_insurance.imported',
        targetType: 'social_insurance_import',
        targetId: imp.id,
        after: { fileName: imp.fileName, fileSha256: sha, rows: records.length, inserted, updated },
      },
      now,
    );
    return { importId: imp.id, rows: records.length, inserted, updated };
  });
}

export async function listRecords(
  ctx: AppContext,
  actor: Actor,
  q: string | undefined,
  page: number,
  pageSize: number,
) {
  registryRole(actor);
  const { total, items } = await repo.listRecords(
    ctx.db,
    orgPathInScope(dataScopeOf(actor), organisations.path),
    q,
    page,
    pageSize,
  );
  return {
    total,
    items: items.map(({ record, orgName }) => ({
      id: record.id,
      name: record.name,
      idNumberMasked: maskIdNumber(decryptIdNumber(record.idNumberCipher)),
      insuredUnitName: record.insuredUnitName,
      months: record.months,
      importedAt: record.updatedAt.toISOString(),
      importedByOrganisation: orgName,
    })),
  };
}

export async function listImports(ctx: AppContext, actor: Actor) {
  registryRole(actor);
  const rows = await repo.listImports(ctx.db, orgPathInScope(dataScopeOf(actor), organisations.path));
  return rows.map(({ imp, orgName, personName }) => ({
    id: imp.id,
    fileName: imp.fileName,
    rows: imp.rows,
    inserted: imp.inserted,
    updated: imp.updated,
    organisation: orgName,
    importedBy: personName,
    importedAt: imp.createdAt.toISOString(),
  }));
}

export function template() {
  return buildTemplate(
    '社保参保信息',
    [
      { header: SI_COLUMNS.name, key: 'name', width: 14 },
      { header: SI_COLUMNS.idNumber, key: 'idNumber', width: 24, text: true, note: '18位，尾号字母须大写X' },
      { header: SI_COLUMNS.unit, key: 'unit', width: 36, note: '参保单位全称，须与单位在系统中的名称一致' },
      { header: SI_COLUMNS.months, key: 'months', width: 12, note: '累计缴费月数，整数' },
    ],
    [],
    [
      '1. 第一行为表头，请勿修改；从第二行起每行一人。',
      '2. 身份证号须为18位，最后一位为字母的请填大写 X（小写 x 系统会自动转为大写）。',
      '3. 同一身份证号再次导入时，以最新导入的参保信息为准。',
      '4. 文件中任一行有误时整份文件不导入，系统会列出每一处错误的行号和原因。',
      '5. 也可上传 .csv 文件（UTF-8 或 GBK 编码），表头相同。',
    ],
  );
}
