/** Realistic test data built through the public API, as the users would. */
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import { checkCharacterOf } from '../../src/domain/id-number.js';
import type { Organisation } from '../../src/contract/organisations.js';
import type { Region } from '../../src/contract/public.js';
import { type Session, firstLogin } from './session.js';

/** A valid GB 11643 number (region 章贡区 by default). */
export function idNumber(birth: string, seq: number, region = '360702'): string {
  const first17 = `${region}${birth}${String(seq).padStart(3, '0')}`;
  return first17 + checkCharacterOf(first17);
}

let mobileSeq = 0;
export const mobile = () => `139${String(10_000_000 + ++mobileSeq).slice(-8)}`;

export async function regionId(s: Session, name: string): Promise<number> {
  const regions = (await s.get('/api/v1/regions')).json<Region[]>();
  const r = regions.find((x) => x.name === name);
  if (!r) throw new Error('no region ' + name);
  return r.id;
}

export async function orgByName(s: Session, name: string): Promise<Organisation> {
  const list = (await s.get(`/api/v1/organisations?q=${encodeURIComponent(name)}`)).json<Organisation[]>();
  const o = list.find((x) => x.name === name);
  if (!o) throw new Error('no organisation ' + name);
  return o;
}

export async function createOrg(s: Session, body: Record<string, unknown>): Promise<Organisation> {
  const res = await s.post('/api/v1/organisations', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Organisation>();
}

export async function assignSeat(
  s: Session,
  orgId: number,
  role: 'handler' | 'leader',
  person: { name: string; idNumber: string; mobile?: string },
) {
  const res = await s.put(`/api/v1/organisations/${orgId}/seats/${role}`, {
    person: { mobile: mobile(), ...person },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ accountId: number; username: string; initialPassword: string | null }>();
}

/** Puts a person in a seat and returns their logged-in session (password already changed). */
export async function seatSession(
  s: Session,
  orgId: number,
  role: 'handler' | 'leader',
  person: { name: string; idNumber: string },
): Promise<Session> {
  const created = await assignSeat(s, orgId, role, person);
  return firstLogin(s.app, created.username, created.initialPassword!);
}

export async function xlsx(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  rows.forEach((r) => ws.addRow(r));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface Chain {
  bureau: Organisation; // 章贡区职称改革领导小组办公室 (agency)
  supervisor: Organisation; // 章贡区教育局
  school: Organisation; // employer under the supervisor
  company: Organisation; // employer directly under the bureau
  bureauHandler: Session;
  schoolHandler: Session;
  companyHandler: Session;
}

/** One county's chain: agency → supervising department → school, and a company under the agency. */
export async function buildChain(admin: Session): Promise<Chain> {
  const bureau = await orgByName(admin, '章贡区职称改革领导小组办公室');
  const zhanggong = await regionId(admin, '章贡区');
  const bureauHandler = await seatSession(admin, bureau.id, 'handler', {
    name: '刘经办',
    idNumber: idNumber('19800101', 11),
  });
  const supervisor = await createOrg(bureauHandler, {
    parentId: bureau.id,
    kind: 'supervisor',
    name: '章贡区教育局',
    regionId: zhanggong,
  });
  const school = await createOrg(bureauHandler, {
    parentId: supervisor.id,
    kind: 'employer',
    name: '赣州市章贡区第一中学',
    regionId: zhanggong,
    ownership: 'state',
    employerKind: 'school',
  });
  const company = await createOrg(bureauHandler, {
    parentId: bureau.id,
    kind: 'employer',
    name: '赣州章贡稀土科技有限公司',
    regionId: zhanggong,
    ownership: 'nonState',
    employerKind: 'enterprise',
  });
  const schoolHandler = await seatSession(bureauHandler, school.id, 'handler', {
    name: '王老师',
    idNumber: idNumber('19850505', 21),
  });
  const companyHandler = await seatSession(bureauHandler, company.id, 'handler', {
    name: '陈人事',
    idNumber: idNumber('19870707', 31),
  });
  return { bureau, supervisor, school, company, bureauHandler, schoolHandler, companyHandler };
}

export async function importSocialInsurance(s: Session, rows: [string, string, string, number][]) {
  const buf = await xlsx([['姓名', '身份证号', '参保单位', '缴费月数'], ...rows]);
  const res = await s.upload('/api/v1/social-insurance/imports', buf, '社保.xlsx');
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ importId: number; rows: number; inserted: number; updated: number }>();
}

/** A valid ID number whose check character is X (one in eleven are). */
export function idNumberEndingInX(birth: string, region = '360702'): string {
  for (let seq = 0; seq < 1000; seq++) {
    const id = idNumber(birth, seq, region);
    if (id.endsWith('X')) return id;
  }
  throw new Error('unreachable: some sequence number gives X');
}
