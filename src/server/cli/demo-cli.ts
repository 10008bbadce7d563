/**
 * `npm run demo`: loads demonstration data along one county's chain (章贡区) and the city, so that a
 * newcomer can try every role. Everything goes through the same services as the web (validation,
 * scope checks, audit rows). Demo accounts get the documented password below and no forced change;
 * never run this on a production database. Running it twice changes nothing and prints the accounts.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { loadConfig } from '../config.js';
import { type AppContext, systemClock } from '../context.js';
import { prepareDatabase } from '../bootstrap.js';
import { loadAuditKey, useAuditKey } from '../modules/audit/audit-key.js';
import { loadPersonalDataKeys } from '../crypto/personal-data-keys.js';
import { usePersonalDataKeys } from '../crypto/personal-data-cipher.js';
import { accounts, organisations, persons, regions, roleAssignments } from '../db/schema.js';
import { checkCharacterOf } from '../../domain/id-number.js';
import { ensureSystemAdmin } from '../modules/accounts/bootstrap-service.js';
import { loadActor } from '../modules/auth/auth-service.js';
import { hashPassword } from '../modules/auth/password.js';
import type { Actor } from '../modules/auth/actor.js';
import * as orgs from '../modules/organisations/organisations-service.js';
import * as applicants from '../modules/accounts/applicants-service.js';
import * as officeAccounts from '../modules/accounts/accounts-service.js';
import * as socialInsurance from '../modules/social-insurance/social-insurance-service.js';
import ExcelJS from 'exceljs';
import { openConfiguredDatabase } from './cli-database.js';
import { pdfIdentityStoreOf, signingKeyProviderOf } from '../crypto/signing-keys-config.js';
import { createFileStorage } from '../storage/storage-factory.js';

export const DEMO_PASSWORD = 'Demo@Pass1';

const id = (region: string, birth: string, seq: number) => {
  const first17 = `${region}${birth}${String(seq).padStart(3, '0')}`;
  return first17 + checkCharacterOf(first17);
};

const DEMO_USERNAMES = [
  'city_office',
  'province_office',
  'city_handler',
  'city_leader',
  'zg_handler',
  'zg_leader',
  'edu_handler',
  'edu_leader',
  'school_handler',
  'school_leader',
  'company_handler',
  'company_leader',
  'applicant1',
  'applicant2',
  'applicant3',
  'applicant4',
  'applicant5',
];

const database = await openConfiguredDatabase();
const config = loadConfig();
const ctx: AppContext = {
  db: database.db,
  dbKind: database.kind,
  config,
  clock: systemClock,
  storage: createFileStorage(config),
  signingKeys: signingKeyProviderOf(config),
  pdfIdentities: pdfIdentityStoreOf(config),
};
const now = () => ctx.clock.now();

async function setDemoLogin(accountId: number, username: string) {
  await ctx.db
    .update(accounts)
    .set({ username, passwordHash: await hashPassword(DEMO_PASSWORD), mustChangePassword: false })
    .where(eq(accounts.id, accountId));
}

async function actorOf(accountId: number): Promise<Actor> {
  const a = await loadActor(ctx, accountId, '127.0.0.1');
  if (!a) throw new Error('demo actor missing');
  return { ...a, mustChangePassword: false };
}

async function orgNamed(name: string) {
  const [o] = await ctx.db.select().from(organisations).where(eq(organisations.name, name));
  return o ?? null;
}

async function regionNamed(name: string) {
  const [r] = await ctx.db.select().from(regions).where(eq(regions.name, name));
  if (!r) throw new Error('region ' + name);
  return r.id;
}

async function seat(
  actor: Actor,
  orgName: string,
  role: 'handler' | 'leader',
  name: string,
  idNumber: string,
  username: string,
) {
  const org = (await orgNamed(orgName))!;
  const r = await orgs.assignSeat(ctx, actor, org.id, role, {
    person: { name, idNumber, mobile: '1390797' + idNumber.slice(-4).replace('X', '0') },
    username,
  });
  await setDemoLogin(r.accountId, username);
  return actorOf(r.accountId);
}

async function main() {
  useAuditKey(await loadAuditKey(config));
  usePersonalDataKeys(await loadPersonalDataKeys(config));
  await prepareDatabase(database, now());
  const admin = await ensureSystemAdmin(ctx.db, now(), config.ADMIN_PASSWORD);
  if (admin.created && admin.generated) {
    console.log(
      `已创建系统管理员账号 admin，初始密码：${admin.password}（仅显示这一次；首次登录须修改密码）`,
    );
  }
  const existing = await orgNamed('章贡区教育局');
  if (!existing) await createDemo();
  else {
    console.log('演示数据已存在，未重复创建。');
  }
  await printAccounts();
}

async function createDemo() {
  const [adminAccount] = await ctx.db.select().from(accounts).where(eq(accounts.username, 'admin'));
  const admin = await actorOf(adminAccount!.id);
  const zg = await regionNamed('章贡区');

  // Title offices.
  const city = (await orgNamed('赣州市职称工作办公室'))!;
  const province = (await orgNamed('江西省职称工作办公室'))!;
  for (const [role, org, name, idn, username] of [
    ['city_office', city, '钟市职办', id('360702', '19800312', 101), 'city_office'],
    ['province_office', province, '傅省职办', id('360102', '19790521', 102), 'province_office'],
  ] as const) {
    const r = await officeAccounts.createOfficeAccount(ctx, admin, {
      person: { name, idNumber: idn, mobile: '1380791' + idn.slice(-4).replace('X', '0') },
      role,
      organisationId: org.id,
    });
    await setDemoLogin(r.accountId, username);
  }

  // The city agency's and 章贡区 agency's seats, set by the administrator.
  await seat(
    admin,
    '赣州市职称工作办公室',
    'handler',
    '曾经办',
    id('360702', '19860704', 111),
    'city_handler',
  );
  await seat(admin, '赣州市职称工作办公室', 'leader', '邱主任', id('360702', '19720915', 112), 'city_leader');
  const bureau = await seat(
    admin,
    '章贡区职称改革领导小组办公室',
    'handler',
    '刘经办',
    id('360702', '19840202', 121),
    'zg_handler',
  );
  await seat(
    admin,
    '章贡区职称改革领导小组办公室',
    'leader',
    '赵主任',
    id('360702', '19700303', 122),
    'zg_leader',
  );

  // One of each kind below the county bureau.
  const bureauOrg = (await orgNamed('章贡区职称改革领导小组办公室'))!;
  const edu = await orgs.createOrganisation(ctx, bureau, {
    parentId: bureauOrg.id,
    kind: 'supervisor',
    name: '章贡区教育局',
    regionId: zg,
  });
  const school = await orgs.createOrganisation(ctx, bureau, {
    parentId: edu.id,
    kind: 'employer',
    name: '赣州市章贡区第一中学',
    regionId: zg,
    ownership: 'state',
    employerKind: 'school',
  });
  const company = await orgs.createOrganisation(ctx, bureau, {
    parentId: bureauOrg.id,
    kind: 'employer',
    name: '赣州章贡稀土新材料有限公司',
    regionId: zg,
    ownership: 'nonState',
    employerKind: 'enterprise',
    creditCode: '91360702MA35A1B21K',
  });
  await orgs.createOrganisation(ctx, bureau, {
    parentId: bureauOrg.id,
    kind: 'personnel_agency',
    name: '章贡区就业创业服务中心',
    regionId: zg,
  });
  const cityActor = await actorOf(
    (await ctx.db.select().from(accounts).where(eq(accounts.username, 'city_office')))[0]!.id,
  );
  await orgs.createOrganisation(ctx, cityActor, {
    parentId: city.id,
    kind: 'self_recognition_unit',
    name: '赣州稀土集团有限公司（自主评审）',
    regionId: await regionNamed('市本级'),
  });
  await seat(bureau, '章贡区教育局', 'handler', '谢科长', id('360702', '19820606', 131), 'edu_handler');
  await seat(bureau, '章贡区教育局', 'leader', '黎局长', id('360702', '19690707', 132), 'edu_leader');
  const schoolClerk = await seat(
    bureau,
    '赣州市章贡区第一中学',
    'handler',
    '王老师',
    id('360702', '19850808', 141),
    'school_handler',
  );
  await seat(
    bureau,
    '赣州市章贡区第一中学',
    'leader',
    '钱校长',
    id('360702', '19710909', 142),
    'school_leader',
  );
  const companyClerk = await seat(
    bureau,
    '赣州章贡稀土新材料有限公司',
    'handler',
    '陈人事',
    id('360702', '19871010', 151),
    'company_handler',
  );
  await seat(
    bureau,
    '赣州章贡稀土新材料有限公司',
    'leader',
    '周总',
    id('360702', '19731111', 152),
    'company_leader',
  );

  // The social-insurance registry, imported by the county bureau as it would from a spreadsheet.
  const people: [string, string, string, number, 'school' | 'company', string][] = [
    ['李晓华', id('360702', '19980315', 201), school.name, 30, 'school', 'applicant1'],
    ['黄志强', id('360702', '19970420', 202), school.name, 26, 'school', 'applicant2'],
    ['林雪', id('360702', '19990125', 203), school.name, 14, 'school', 'applicant3'],
    ['张伟', id('360702', '19960618', 204), company.name, 40, 'company', 'applicant4'],
    ['郑敏', id('360702', '19950722', 205), '章贡区人力资源派遣有限公司', 52, 'company', 'applicant5'],
  ];
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('社保参保信息');
  ws.addRow(['姓名', '身份证号', '参保单位', '缴费月数']);
  people.forEach(([name, idn, unit, months]) => ws.addRow([name, idn, unit, months]));
  await socialInsurance.importRecords(ctx, bureau, {
    buffer: Buffer.from(await wb.xlsx.writeBuffer()),
    fileName: '演示社保参保信息.xlsx',
  });

  for (const [name, idn, , , where, username] of people) {
    const [clerk, employer] = where === 'school' ? [schoolClerk, school] : [companyClerk, company];
    const r = await applicants.createApplicant(ctx, clerk, employer.id, {
      name,
      idNumber: idn,
      mobile: '1370797' + idn.slice(-4).replace('X', '0'),
    });
    await setDemoLogin(r.applicant.accountId, username);
  }
  console.log('演示数据已创建。');
}

const roleNames: Record<string, string> = {
  city_office: '市职称办',
  province_office: '省职称办',
  handler: '经办人审查',
  leader: '领导审查',
  applicant: '申报人员',
};

/** Prints the demo accounts from the database, so a second run shows the same list. */
async function printAccounts() {
  const rows = await ctx.db
    .select({
      username: accounts.username,
      name: persons.name,
      role: roleAssignments.role,
      org: organisations.name,
    })
    .from(accounts)
    .innerJoin(persons, eq(persons.id, accounts.personId))
    .innerJoin(
      roleAssignments,
      and(eq(roleAssignments.accountId, accounts.id), isNull(roleAssignments.endedAt)),
    )
    .leftJoin(organisations, eq(organisations.id, roleAssignments.organisationId))
    .where(inArray(accounts.username, DEMO_USERNAMES))
    .orderBy(accounts.id);
  console.log(`\n演示账号（密码均为 ${DEMO_PASSWORD}，仅供体验，切勿用于生产环境）：`);
  for (const r of rows) {
    console.log(
      `  ${(r.username ?? '').padEnd(16)} ${(roleNames[r.role] ?? r.role).padEnd(6, '　')} ${r.name.padEnd(4, '　')} ${r.org ?? ''}`,
    );
  }
  console.log('系统管理员账号 admin 的密码为首次启动时打印的初始密码或 ADMIN_PASSWORD。');
}

try {
  await main();
} catch (e) {
  console.error('演示数据创建失败：', (e as Error).message);
  process.exitCode = 1;
} finally {
  await database.close();
}
