import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from './helpers/test-app.js';
import { type Session, adminSession, login } from './helpers/session.js';
import {
  type Chain,
  buildChain,
  idNumber,
  idNumberEndingInX,
  importSocialInsurance,
  mobile,
  xlsx,
} from './helpers/fixtures.js';
import type { Applicant } from '../src/contract/accounts.js';
import {
  accounts,
  auditLog,
  persons,
  socialInsuranceImports,
  socialInsuranceRecords,
} from '../src/server/db/schema.js';
import { count, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { decryptIdNumber } from '../src/server/crypto/personal-data-cipher.js';

let t: TestApp;
let admin: Session;
let chain: Chain;
const xId = idNumberEndingInX('19930618');

beforeAll(async () => {
  t = await createTestApp();
  admin = await adminSession(t);
  chain = await buildChain(admin);
  await importSocialInsurance(chain.bureauHandler, [
    ['黄晓明', xId, '赣州市章贡区第一中学', 30],
    ['林芳', idNumber('19940101', 12), '赣州市章贡区第一中学', 12],
    ['郑强', idNumber('19920202', 13), '章贡区某劳务派遣公司', 48],
  ]);
});
afterAll(() => t.close());

describe('social-insurance registry import', () => {
  it('reports every bad row and imports nothing', async () => {
    const before = (await chain.bureauHandler.get('/api/v1/social-insurance/records')).json().total;
    const buf = await xlsx([
      ['姓名', '身份证号', '参保单位', '缴费月数'],
      ['好人', idNumber('19900101', 1), '某单位', 10],
      ['坏号', '360702199001011234', '某单位', 10],
      ['', idNumber('19900101', 2), '', 'abc'],
      ['重复', idNumber('19900101', 1), '某单位', 3],
    ]);
    const res = await chain.bureauHandler.upload('/api/v1/social-insurance/imports', buf, 'bad.xlsx');
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.code).toBe('IMPORT_ROWS_INVALID');
    expect(body.details.rows).toEqual(
      expect.arrayContaining([
        { row: 3, field: '身份证号', message: expect.stringContaining('校验位') },
        { row: 4, field: '姓名', message: expect.any(String) },
        { row: 4, field: '参保单位', message: '参保单位不能为空' },
        { row: 4, field: '缴费月数', message: expect.any(String) },
        { row: 5, field: '身份证号', message: '与第 2 行身份证号重复' },
      ]),
    );
    const after = (await chain.bureauHandler.get('/api/v1/social-insurance/records')).json().total;
    expect(after).toBe(before);
  });

  it('reads a GBK-encoded CSV as Excel saves it, and updates existing people', async () => {
    const csv = `姓名,身份证号,参保单位,缴费月数\r\n郑强,${idNumber('19920202', 13)},赣州章贡稀土科技有限公司,50\r\n赵敏,${idNumber('19910303', 14)},赣州章贡稀土科技有限公司,7\r\n`;
    const gbk = Buffer.from(new Uint8Array(await new Blob([csv]).arrayBuffer())); // UTF-8 first
    const res1 = await chain.bureauHandler.upload(
      '/api/v1/social-insurance/imports',
      gbk,
      'utf8.csv',
      'text/csv',
    );
    expect(res1.statusCode, res1.body).toBe(201);
    expect(res1.json()).toMatchObject({ rows: 2, inserted: 1, updated: 1 });
    const gbkBytes = encodeGbk(csv);
    const res2 = await chain.bureauHandler.upload(
      '/api/v1/social-insurance/imports',
      gbkBytes,
      'gbk.csv',
      'text/csv',
    );
    expect(res2.statusCode, res2.body).toBe(201);
    expect(res2.json()).toMatchObject({ rows: 2, inserted: 0, updated: 2 });
    const found = (
      await chain.bureauHandler.get(`/api/v1/social-insurance/records?q=${encodeURIComponent('郑强')}`)
    ).json();
    expect(found.items[0]).toMatchObject({
      name: '郑强',
      insuredUnitName: '赣州章贡稀土科技有限公司',
      months: 50,
    });
    expect(found.items[0].idNumberMasked).toContain('*');
  });

  it('refuses a file that is not a spreadsheet, and a unit clerk may not import', async () => {
    const res = await chain.bureauHandler.upload(
      '/api/v1/social-insurance/imports',
      Buffer.from('MZ\x90\x00fake exe'),
      'data.xlsx',
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('UNREADABLE_FILE');
    const buf = await xlsx([['姓名', '身份证号', '参保单位', '缴费月数']]);
    const clerk = await chain.schoolHandler.upload('/api/v1/social-insurance/imports', buf, 'x.xlsx');
    expect(clerk.statusCode).toBe(403);
  });
});

describe('spreadsheet imports with formulas (issue 13 item 3)', () => {
  /** Rows of every table an import writes: a refused import changes none of them. */
  const counts = async () =>
    Promise.all(
      [socialInsuranceRecords, socialInsuranceImports, persons, accounts, auditLog].map(
        async (table) => (await t.ctx.db.select({ n: count() }).from(table))[0]!.n,
      ),
    );

  /** A real .xlsx whose listed cells are formula cells, as exceljs (and Excel) write them. */
  async function withFormulas(rows: (string | number)[][], formulas: Record<string, ExcelJS.CellValue>) {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    rows.forEach((r) => ws.addRow(r));
    for (const [address, value] of Object.entries(formulas)) ws.getCell(address).value = value;
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  it('refuses formula cells, with or without a cached result, naming each row and column; nothing stored', async () => {
    const before = await counts();
    const buf = await withFormulas(
      [
        ['姓名', '身份证号', '参保单位', '缴费月数'],
        ['公式甲', idNumber('19900505', 61), '某单位', 10],
        ['公式乙', idNumber('19900505', 62), '某单位', 10],
        ['公式丙', idNumber('19900505', 63), '某单位', 10],
        ['公式丁', idNumber('19900505', 64), '某单位', 10],
      ],
      {
        // The shown text is harmless, the link is not: refused although its cached result is a name.
        A2: { formula: 'HYPERLINK("http://evil.example","点我")', result: '点我' },
        D3: { formula: '1+1' } as ExcelJS.CellFormulaValue,
        C4: { formula: 'CONCATENATE("某","单位")', result: '某单位' },
        C5: { sharedFormula: 'C4', result: '某单位' } as ExcelJS.CellSharedFormulaValue,
      },
    );
    const res = await chain.bureauHandler.upload('/api/v1/social-insurance/imports', buf, '参保.xlsx');
    expect(res.statusCode, res.body).toBe(422);
    const body = res.json();
    expect(body.code).toBe('IMPORT_FORMULA');
    expect(body.message).toMatch(/4 个单元格.*公式.*未导入任何数据/);
    expect(body.details.rows).toEqual([
      {
        row: 2,
        field: '姓名',
        message: expect.stringMatching(/^A2 单元格是公式（=HYPERLINK\("http:\/\/evil/),
      },
      { row: 3, field: '缴费月数', message: expect.stringContaining('D3 单元格是公式（=1+1）') },
      { row: 4, field: '参保单位', message: expect.stringContaining('C4 单元格是公式') },
      { row: 5, field: '参保单位', message: expect.stringContaining('C5 单元格是公式') },
    ]);
    expect(await counts()).toEqual(before);
  });

  it('refuses texts a spreadsheet program would run as formulas, in .xlsx and CSV alike; plain numbers are judged as numbers', async () => {
    const before = await counts();
    const hostile = [
      '=1+1',
      '@SUM(1)',
      "+cmd|' /C calc'!A0",
      '-2+3',
      '=HYPERLINK("http://evil.example","点我")',
    ];
    const rows = [
      ['姓名', '身份证号', '参保单位', '缴费月数'],
      ...hostile.map((h, i) => [
        i === 0 ? h : `文本${'甲乙丙丁戊'[i]}`,
        idNumber('19900606', 71 + i),
        i === 0 ? '某单位' : h,
        10,
      ]),
    ];
    const x = await chain.bureauHandler.upload(
      '/api/v1/social-insurance/imports',
      await xlsx(rows),
      'a.xlsx',
    );
    expect(x.statusCode, x.body).toBe(422);
    expect(x.json().code).toBe('IMPORT_FORMULA');
    expect(x.json().details.rows.map((r: { row: number; field: string }) => [r.row, r.field])).toEqual([
      [2, '姓名'],
      [3, '参保单位'],
      [4, '参保单位'],
      [5, '参保单位'],
      [6, '参保单位'],
    ]);
    expect(x.json().details.rows[0].message).toContain('以“=”开头（=1+1），会被表格软件当作公式');

    // The same as CSV (CSV injection), quoted as a spreadsheet program writes it.
    const csv = rows.map((r) => r.map((c) => `"${String(c).replaceAll('"', '""')}"`).join(',')).join('\r\n');
    const c = await chain.bureauHandler.upload(
      '/api/v1/social-insurance/imports',
      Buffer.from(csv),
      'a.csv',
      'text/csv',
    );
    expect(c.statusCode, c.body).toBe(422);
    expect(c.json().code).toBe('IMPORT_FORMULA');
    expect(c.json().details.total).toBe(5);

    // -3 is a number, not a formula: the months column's own check answers it.
    const minus = `姓名,身份证号,参保单位,缴费月数\r\n减号,${idNumber('19900606', 79)},某单位,-3\r\n`;
    const m = await chain.bureauHandler.upload(
      '/api/v1/social-insurance/imports',
      Buffer.from(minus),
      'm.csv',
      'text/csv',
    );
    expect(m.statusCode).toBe(422);
    expect(m.json()).toMatchObject({
      code: 'IMPORT_ROWS_INVALID',
      details: { rows: [{ row: 2, field: '缴费月数', message: '缴费月数应为 0-1200 的整数' }] },
    });
    expect(await counts()).toEqual(before);
  });

  it('refuses a formula in the applicants bulk import too', async () => {
    const before = await counts();
    const buf = await withFormulas(
      [
        ['姓名', '身份证号', '手机号'],
        ['林芳', idNumber('19940101', 12), '13800001111'],
      ],
      { C2: { formula: '13800001110+1', result: 13800001111 } },
    );
    const res = await chain.schoolHandler.upload(
      `/api/v1/employers/${chain.school.id}/applicants/import`,
      buf,
      'a.xlsx',
    );
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json()).toMatchObject({
      code: 'IMPORT_FORMULA',
      details: { rows: [{ row: 2, field: '手机号', message: expect.stringContaining('C2 单元格是公式') }] },
    });
    expect(await counts()).toEqual(before);
  });
});

describe('applicant accounts (四、（三））', () => {
  beforeAll(async () => {
    // 郑强 is insured at the company, not at the school he applies through (as the registry's latest import says).
    await importSocialInsurance(chain.bureauHandler, [
      ['郑强', idNumber('19920202', 13), '赣州章贡稀土科技有限公司', 50],
    ]);
  });

  it('are refused when name + ID do not match the registry', async () => {
    const wrongName = await chain.schoolHandler.post(`/api/v1/employers/${chain.school.id}/applicants`, {
      name: '黄小明',
      idNumber: xId,
      mobile: mobile(),
    });
    expect(wrongName.statusCode).toBe(422);
    expect(wrongName.json()).toMatchObject({
      code: 'SOCIAL_INSURANCE_NAME_MISMATCH',
      message: expect.stringContaining('不一致'),
    });
    // The registered name is not revealed: a clerk cannot look names up by ID number.
    expect(wrongName.body).not.toContain('黄晓明');
    const unknown = await chain.schoolHandler.post(`/api/v1/employers/${chain.school.id}/applicants`, {
      name: '无社保',
      idNumber: idNumber('19990909', 99),
      mobile: mobile(),
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().code).toBe('SOCIAL_INSURANCE_NOT_FOUND');
    const badId = await chain.schoolHandler.post(`/api/v1/employers/${chain.school.id}/applicants`, {
      name: '黄晓明',
      idNumber: '36070219930618001',
      mobile: mobile(),
    });
    expect(badId.statusCode).toBe(422);
    expect(badId.json().code).toBe('INVALID_ID_NUMBER');
    const count = await t.ctx.db.select().from(persons).where(eq(persons.name, '黄小明'));
    expect(count).toEqual([]);
  });

  it('store a lower-case x as upper-case X and link the insurance record', async () => {
    const res = await chain.schoolHandler.post(`/api/v1/employers/${chain.school.id}/applicants`, {
      name: '黄晓明',
      idNumber: xId.toLowerCase(),
      mobile: mobile(),
    });
    expect(res.statusCode, res.body).toBe(201);
    const { applicant, initialPassword } = res.json();
    expect(applicant).toMatchObject({
      name: '黄晓明',
      username: xId,
      socialInsurance: { insuredUnitName: '赣州市章贡区第一中学', months: 30, matchesEmployer: true },
    });
    const [row] = await t.ctx.db.select().from(persons).where(eq(persons.name, '黄晓明'));
    expect(decryptIdNumber(row!.idNumberCipher)).toBe(xId);
    expect(decryptIdNumber(row!.idNumberCipher)!.endsWith('X')).toBe(true);
    const s = await login(t.app, xId.toLowerCase(), initialPassword);
    expect(s.me.roles).toEqual([
      {
        id: expect.any(Number),
        role: 'applicant',
        organisation: { id: chain.school.id, name: '赣州市章贡区第一中学', kind: 'employer' },
      },
    ]);
    const again = await chain.schoolHandler.post(`/api/v1/employers/${chain.school.id}/applicants`, {
      name: '黄晓明',
      idNumber: xId,
      mobile: mobile(),
    });
    expect(again.statusCode).toBe(409);
  });

  it('flags an insured unit different from the employer', async () => {
    // Its own records: one insured by the employer itself, one by a differently named unit.
    await importSocialInsurance(chain.bureauHandler, [
      ['钱同单位', idNumber('19900505', 31), chain.company.name, 24],
      ['孙异单位', idNumber('19920606', 32), `${chain.company.name}劳务分公司`, 36],
    ]);
    const create = async (name: string, id: string) => {
      const res = await chain.companyHandler.post(`/api/v1/employers/${chain.company.id}/applicants`, {
        name,
        idNumber: id,
        mobile: mobile(),
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<{ applicant: Applicant }>().applicant.socialInsurance;
    };
    expect(await create('孙异单位', idNumber('19920606', 32))).toEqual({
      insuredUnitName: `${chain.company.name}劳务分公司`,
      months: 36,
      matchesEmployer: false,
    });
    expect(await create('钱同单位', idNumber('19900505', 31))).toEqual({
      insuredUnitName: chain.company.name,
      months: 24,
      matchesEmployer: true,
    });
  });

  it('bulk creation from the template: all rows or none', async () => {
    const tpl = await chain.schoolHandler.get(
      `/api/v1/employers/${chain.school.id}/applicants/template.xlsx`,
    );
    expect(tpl.statusCode).toBe(200);
    expect(tpl.headers['content-type']).toContain('spreadsheetml');
    // The clause is quoted from the notice the policy in force rests on (reference/policy-default.json).
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl.rawPayload as unknown as ArrayBuffer);
    const notes = wb.getWorksheet('填写说明')!.getColumn(1).values.join('\n');
    expect(notes).toContain('（赣市人社字〔2026〕5号 四、（三））');
    const bad = await xlsx([
      ['姓名', '身份证号', '手机号'],
      ['林芳', idNumber('19940101', 12), '13800001111'],
      ['郑强', idNumber('19920202', 13), '1380000'],
      ['查无此人', idNumber('19880808', 15), '13800002222'],
    ]);
    const r1 = await chain.schoolHandler.upload(
      `/api/v1/employers/${chain.school.id}/applicants/import`,
      bad,
      'a.xlsx',
    );
    expect(r1.statusCode).toBe(422);
    expect(r1.json().details.rows.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([
      [3, '手机号'],
      [4, '身份证号'],
    ]);
    const list1 = (await chain.schoolHandler.get(`/api/v1/employers/${chain.school.id}/applicants`)).json<
      Applicant[]
    >();
    expect(list1.map((a) => a.name)).toEqual(['黄晓明']);
    // Usernames that are ID numbers are masked in lists like the numbers themselves.
    expect(list1[0]!.username).toMatch(/^\d{4}\*{10}\d{3}X$/);

    const good = await xlsx([
      ['姓名', '身份证号', '手机号'],
      ['林芳', idNumber('19940101', 12), '13800001111'],
      ['郑强', idNumber('19920202', 13), '13800003333'],
    ]);
    const r2 = await chain.schoolHandler.upload(
      `/api/v1/employers/${chain.school.id}/applicants/import`,
      good,
      'b.xlsx',
    );
    expect(r2.statusCode, r2.body).toBe(201);
    expect(
      r2
        .json()
        .created.map((c: { name: string; initialPassword: string }) => [c.name, c.initialPassword.length]),
    ).toEqual([
      ['林芳', 12],
      ['郑强', 12],
    ]);
    const list2 = (await chain.schoolHandler.get(`/api/v1/employers/${chain.school.id}/applicants`)).json<
      Applicant[]
    >();
    const zheng = list2.find((a) => a.name === '郑强')!;
    // Insured at the company, applying through the school: the affiliation proof will be needed (三、（四））.
    expect(zheng.socialInsurance).toMatchObject({
      insuredUnitName: '赣州章贡稀土科技有限公司',
      matchesEmployer: false,
    });
  });
});

describe("the clerk resets an applicant's password (issue 11 item 13d)", () => {
  // Its own applicant of the school, with an ID number ending in X (the username is the number).
  const heId = idNumberEndingInX('19950712');
  beforeAll(async () => {
    await importSocialInsurance(chain.bureauHandler, [['何小燕', heId, '赣州市章贡区第一中学', 20]]);
    const res = await chain.schoolHandler.post(`/api/v1/employers/${chain.school.id}/applicants`, {
      name: '何小燕',
      idNumber: heId,
      mobile: mobile(),
    });
    expect(res.statusCode, res.body).toBe(201);
  });
  const reset = (who: Session, employerId: number, accountId: number) =>
    who.post(`/api/v1/employers/${employerId}/applicants/${accountId}/reset-password`, {});
  const applicantsOf = async (who: Session, employerId: number) =>
    (await who.get(`/api/v1/employers/${employerId}/applicants`)).json<Applicant[]>();

  it('gives a one-time password the applicant must change; old password and sessions end; audited', async () => {
    const he = (await applicantsOf(chain.schoolHandler, chain.school.id)).find((a) => a.name === '何小燕')!;
    const r1 = await reset(chain.schoolHandler, chain.school.id, he.accountId);
    expect(r1.statusCode, r1.body).toBe(200);
    const first = r1.json<{ username: string; initialPassword: string }>();
    expect(first).toEqual({ username: heId, initialPassword: expect.any(String) });
    expect(first.initialPassword).toHaveLength(12);
    const s1 = await login(t.app, heId, first.initialPassword);
    expect(s1.me.mustChangePassword).toBe(true);

    const r2 = await reset(chain.schoolHandler, chain.school.id, he.accountId);
    expect(r2.statusCode).toBe(200);
    const second = r2.json<{ initialPassword: string }>().initialPassword;
    expect(second).not.toBe(first.initialPassword);
    expect((await s1.get('/api/v1/auth/me')).statusCode).toBe(401);
    const old = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: heId, password: first.initialPassword },
      remoteAddress: '10.99.0.1',
    });
    expect(old.statusCode).toBe(401);
    expect((await login(t.app, heId, second)).me.mustChangePassword).toBe(true);

    const audit = (
      await admin.get(`/api/v1/audit-logs?action=account.password_reset&targetId=${he.accountId}`)
    ).json<{
      items: { actorName: string; actorRole: string; actorOrganisation: string; after: unknown }[];
    }>();
    expect(audit.items).toHaveLength(2);
    expect(audit.items[0]).toMatchObject({
      actorRole: 'handler',
      actorOrganisation: '赣州市章贡区第一中学',
      after: { employerId: chain.school.id, name: '何小燕', mustChangePassword: true },
    });
    // The temporary password itself is never recorded.
    expect(JSON.stringify(audit.items)).not.toContain(second);
  });

  it("only for an applicant of the clerk's own unit", async () => {
    const he = (await applicantsOf(chain.schoolHandler, chain.school.id)).find((a) => a.name === '何小燕')!;
    // Another unit's clerk: neither through its own unit nor through the school.
    expect((await reset(chain.companyHandler, chain.company.id, he.accountId)).statusCode).toBe(404);
    expect([403, 404]).toContain(
      (await reset(chain.companyHandler, chain.school.id, he.accountId)).statusCode,
    );
    // A clerk cannot reset a reviewer's account, nor their own, through this route.
    expect(
      (await reset(chain.schoolHandler, chain.school.id, chain.companyHandler.me.accountId)).statusCode,
    ).toBe(404);
    const self = await reset(chain.schoolHandler, chain.school.id, chain.schoolHandler.me.accountId);
    expect(self.statusCode).toBe(403);
    // Not even the agency above: the applicant's own unit is who they ask.
    expect((await reset(chain.bureauHandler, chain.school.id, he.accountId)).statusCode).toBe(403);
  });

  it('not for an applicant who also holds a reviewer seat (their superiors reset that account)', async () => {
    const liu = idNumber('19800101', 11); // 刘经办, the agency's handler
    await importSocialInsurance(chain.bureauHandler, [['刘经办', liu, '赣州市章贡区第一中学', 60]]);
    const created = await chain.schoolHandler.post(`/api/v1/employers/${chain.school.id}/applicants`, {
      name: '刘经办',
      idNumber: liu,
      mobile: mobile(),
    });
    expect(created.statusCode, created.body).toBe(201);
    const accountId = created.json<{ applicant: Applicant }>().applicant.accountId;
    const r = await reset(chain.schoolHandler, chain.school.id, accountId);
    expect(r.statusCode).toBe(403);
    expect(r.json().message).toContain('上级管理员');
  });
});

/** Encodes the few characters of this test to GBK via a lookup from TextDecoder (Node has no GBK encoder). */
function encodeGbk(text: string): Buffer {
  const decoder = new TextDecoder('gbk');
  const table = new Map<string, number[]>();
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      const ch = decoder.decode(new Uint8Array([hi, lo]));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else out.push(...(table.get(ch) ?? [0x3f]));
  }
  return Buffer.from(out);
}
