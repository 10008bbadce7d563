/**
 * Applicant accounts, created by the employer unit (二、 and 四、（三））. The person's name and ID
 * number must match the social-insurance registry; the match links their insurance record.
 */
import type { AppContext } from '../../context.js';
import type { DbOrTx, Tx } from '../../db/client.js';
import { AppError, conflict, forbidden, notFound, unprocessable } from '../../errors.js';
import type { Applicant, RowError } from '../../../contract/accounts.js';
import { Mobile, PersonName } from '../../../contract/common.js';
import type { PersonInput } from '../../../contract/organisations.js';
import { maskIdNumber, maskMobile, maskUsername, validateIdNumber } from '../../../domain/id-number.js';
import { appendAudit } from '../audit/audit-repository.js';
import { type Actor, type ActorRole, auditActorOf } from '../auth/actor.js';
import { visibleOrganisation } from '../organisations/organisations-service.js';
import { seatAt } from '../access/data-scope.js';
import { activeRoles, deleteSessionsOfAccount } from '../auth/auth-repository.js';
import { generatePassword, hashPassword } from '../auth/password.js';
import { buildTemplate, readTable, requireHeaders } from '../../documents/spreadsheet.js';
import { rowsInvalid } from '../social-insurance/social-insurance-service.js';
import { checkedIdNumber, ensurePersonAccount, grantRole, usernameOf } from './person-account.js';
import { readPerson } from '../../crypto/personal-data-cipher.js';
import * as repo from './accounts-repository.js';
import { basisDocumentInForce } from '../policy/policy-service.js';

const APPLICANT_ORG_KINDS = new Set(['employer', 'personnel_agency']);
export const APPLICANT_COLUMNS = { name: '姓名', idNumber: '身份证号', mobile: '手机号' } as const;

/** The unit's own handler/leader seat (or the system admin) manages its applicants. */
async function employerForActor(ctx: AppContext, actor: Actor, employerId: number) {
  const org = await visibleOrganisation(ctx, actor, employerId);
  if (!APPLICANT_ORG_KINDS.has(org.org.kind)) {
    throw unprocessable('NOT_AN_EMPLOYER', '只有用人单位或人事代理机构可以创建申报账号');
  }
  const role: ActorRole | undefined =
    seatAt(actor, employerId) ?? actor.roles.find((r) => r.role === 'system_admin');
  if (!role) throw forbidden('申报账号由申报人员所在单位的审查账号创建');
  return { org, role };
}

type ApplicantRow = Awaited<ReturnType<typeof repo.listApplicantsOfEmployer>>[number];
function toApplicant(r: ApplicantRow, employerName: string): Applicant {
  const person = readPerson(r.person);
  return {
    accountId: r.account.id,
    username: maskUsername(usernameOf(r.account, person)),
    personId: person.id,
    name: person.name,
    idNumberMasked: maskIdNumber(person.idNumber),
    mobileMasked: maskMobile(person.mobile),
    socialInsurance: r.record
      ? {
          insuredUnitName: r.record.insuredUnitName,
          months: r.record.months,
          matchesEmployer: r.record.insuredUnitName === employerName,
        }
      : null,
    createdAt: r.profile.createdAt.toISOString(),
  };
}

export async function listApplicants(
  ctx: AppContext,
  actor: Actor,
  employerId: number,
): Promise<Applicant[]> {
  const org = await visibleOrganisation(ctx, actor, employerId);
  const rows = await repo.listApplicantsOfEmployer(ctx.db, employerId);
  return rows.map((r) => toApplicant(r, org.org.name));
}

/** Why this person cannot get an applicant account here, or null. Shared by single and bulk creation. */
async function applicantProblem(
  tx: DbOrTx,
  employer: { id: number; kind: string },
  name: string,
  idNumber: string,
): Promise<{ field: string; code: string; message: string } | null> {
  const record = await repo.findSocialInsuranceRecord(tx, idNumber);
  if (!record && employer.kind === 'employer') {
    return {
      field: 'idNumber',
      code: 'SOCIAL_INSURANCE_NOT_FOUND',
      message:
        '社保参保信息中没有该身份证号，无法链接社保信息。请核对身份证号（尾号字母须为大写X）或联系参保地人社部门',
    };
  }
  if (record && record.name !== name) {
    return {
      field: 'name',
      code: 'SOCIAL_INSURANCE_NAME_MISMATCH',
      message: '姓名与该身份证号的社保参保信息不一致，请核对姓名和身份证号后再创建',
    };
  }
  const person = await repo.findPersonByIdNumber(tx, idNumber);
  if (person) {
    for (const account of await repo.accountsOfPerson(tx, person.id)) {
      const profile = await repo.findApplicantProfile(tx, account.id);
      if (profile) {
        return {
          field: 'idNumber',
          code: 'APPLICANT_EXISTS',
          message:
            profile.employerId === employer.id
              ? '该人员已有本单位的申报账号'
              : '该人员已是其他单位的申报人员；如已调入本单位，请联系原单位或上级人社部门办理调转',
        };
      }
    }
  }
  return null;
}

async function createOne(
  tx: Tx,
  now: Date,
  actor: Actor,
  role: ActorRole,
  employer: { id: number; kind: string },
  input: PersonInput,
) {
  const idNumber = checkedIdNumber(input.idNumber, now);
  const problem = await applicantProblem(tx, employer, input.name, idNumber);
  if (problem) {
    throw problem.code === 'APPLICANT_EXISTS'
      ? conflict(problem.code, problem.message, { field: problem.field })
      : new AppError(problem.code, 422, problem.message, { field: problem.field });
  }
  const record = await repo.findSocialInsuranceRecord(tx, idNumber);
  const pa = await ensurePersonAccount(tx, now, { ...input, idNumber });
  await grantRole(tx, pa, {
    role: 'applicant',
    organisationId: employer.id,
    startedAt: now,
  });
  await repo.insertApplicantProfile(tx, {
    accountId: pa.account.id,
    employerId: employer.id,
    socialInsuranceRecordId: record?.id ?? null,
    createdByAccountId: actor.accountId,
    createdAt: now,
  });
  await appendAudit(
    tx,
    auditActorOf(actor, role),
    {
      action: 'applicant.created',
      targetType: 'account',
      targetId: pa.account.id,
      after: {
        employerId: employer.id,
        personId: pa.person.id,
        name: pa.person.name,
        idNumber: maskIdNumber(idNumber),
        socialInsuranceRecordId: record?.id ?? null,
        newAccount: pa.createdAccount,
      },
    },
    now,
  );
  return pa;
}

export async function createApplicant(ctx: AppContext, actor: Actor, employerId: number, input: PersonInput) {
  const { org, role } = await employerForActor(ctx, actor, employerId);
  const now = ctx.clock.now();
  const pa = await ctx.db.transaction((tx) => createOne(tx, now, actor, role, org.org, input));
  const rows = await repo.listApplicantsOfEmployer(ctx.db, employerId);
  const row = rows.find((r) => r.account.id === pa.account.id)!;
  // The clerk hands the username over with the one-time password: here it is shown in full.
  return {
    applicant: { ...toApplicant(row, org.org.name), username: usernameOf(pa.account, pa.person) },
    initialPassword: pa.initialPassword,
  };
}

/**
 * The clerk resets the password of one of the unit's applicants (they are told to ask the clerk):
 * a one-time password shown once, to be changed at the next login; the applicant's sessions end.
 * Only the unit's own seats (or the system admin) may, only for an active applicant of that unit,
 * and not for an account that also holds another role — its password is for its superiors to reset.
 */
export async function resetApplicantPassword(
  ctx: AppContext,
  actor: Actor,
  employerId: number,
  accountId: number,
) {
  const { role } = await employerForActor(ctx, actor, employerId);
  if (accountId === actor.accountId) throw forbidden('不能通过此功能重置自己的密码，请使用“修改密码”');
  const roles = await activeRoles(ctx.db, accountId);
  const isApplicantHere = roles.some((r) => r.role === 'applicant' && r.organisationId === employerId);
  const profile = await repo.findApplicantProfile(ctx.db, accountId);
  if (!isApplicantHere || profile?.employerId !== employerId) throw notFound('本单位申报人员');
  if (role.role !== 'system_admin' && roles.some((r) => r.role !== 'applicant'))
    throw forbidden('该人员还担任审查或管理岗位，其密码须由上级管理员重置');
  const initialPassword = generatePassword();
  const passwordHash = await hashPassword(initialPassword);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const target = (await repo.findAccount(tx, accountId))!;
    await repo.updateAccount(tx, accountId, {
      passwordHash,
      mustChangePassword: true,
      failedAttempts: 0,
      lockedUntil: null,
    });
    await deleteSessionsOfAccount(tx, accountId);
    await appendAudit(
      tx,
      auditActorOf(actor, role),
      {
        action: 'account.password_reset',
        targetType: 'account',
        targetId: accountId,
        after: { employerId, name: target.person.name, mustChangePassword: true },
      },
      now,
    );
    return { username: usernameOf(target.account, target.person), initialPassword };
  });
}

export async function importApplicants(
  ctx: AppContext,
  actor: Actor,
  employerId: number,
  file: { buffer: Buffer; fileName: string },
) {
  const { org, role } = await employerForActor(ctx, actor, employerId);
  const now = ctx.clock.now();
  const { headers, rows } = await readTable(file.buffer, file.fileName, 2000);
  requireHeaders(headers, Object.values(APPLICANT_COLUMNS));
  if (rows.length === 0) throw unprocessable('EMPTY_FILE', '文件中没有数据行');
  const errors: RowError[] = [];
  const valid: { row: number; input: PersonInput }[] = [];
  const seen = new Map<string, number>();
  for (const { row, values } of rows) {
    const name = PersonName.safeParse(values[APPLICANT_COLUMNS.name] ?? '');
    const mobile = Mobile.safeParse(values[APPLICANT_COLUMNS.mobile] ?? '');
    const id = validateIdNumber(values[APPLICANT_COLUMNS.idNumber] ?? '', now);
    if (!name.success)
      errors.push({ row, field: APPLICANT_COLUMNS.name, message: name.error.issues[0]!.message });
    if (!mobile.success)
      errors.push({ row, field: APPLICANT_COLUMNS.mobile, message: mobile.error.issues[0]!.message });
    if (!id.ok) errors.push({ row, field: APPLICANT_COLUMNS.idNumber, message: id.reason });
    else if (seen.has(id.value)) {
      errors.push({
        row,
        field: APPLICANT_COLUMNS.idNumber,
        message: `与第 ${seen.get(id.value)} 行身份证号重复`,
      });
    } else seen.set(id.value, row);
    if (name.success && mobile.success && id.ok) {
      const problem = await applicantProblem(ctx.db, org.org, name.data, id.value);
      if (problem)
        errors.push({
          row,
          field: problem.field === 'name' ? APPLICANT_COLUMNS.name : APPLICANT_COLUMNS.idNumber,
          message: problem.message,
        });
      else valid.push({ row, input: { name: name.data, idNumber: id.value, mobile: mobile.data } });
    }
  }
  if (errors.length) throw rowsInvalid(errors);
  const created = await ctx.db.transaction(async (tx) => {
    const out: { row: number; name: string; username: string; initialPassword: string | null }[] = [];
    for (const v of valid) {
      const pa = await createOne(tx, now, actor, role, org.org, v.input);
      out.push({
        row: v.row,
        name: pa.person.name,
        username: usernameOf(pa.account, pa.person),
        initialPassword: pa.initialPassword,
      });
    }
    return out;
  });
  return { created };
}

/** The bulk-creation template, for an employer the actor can see (outside the scope: not found). */
export async function applicantTemplate(ctx: AppContext, actor: Actor, employerId: number) {
  await visibleOrganisation(ctx, actor, employerId);
  // The clause is quoted from the notice the policy in force rests on, not from a year's notice in code.
  const basis = await basisDocumentInForce(ctx);
  const source = basis ? `${basis} 四、（三）` : '依据职称考核认定工作有关规定';
  return buildTemplate(
    '申报人员',
    [
      { header: APPLICANT_COLUMNS.name, key: 'name', width: 14 },
      {
        header: APPLICANT_COLUMNS.idNumber,
        key: 'idNumber',
        width: 24,
        text: true,
        note: '18位，须与社保参保信息一致，尾号字母大写X',
      },
      { header: APPLICANT_COLUMNS.mobile, key: 'mobile', width: 16, text: true },
    ],
    [],
    [
      '1. 第一行为表头，请勿修改；从第二行起每行一人，一次最多 2000 人。',
      `2. 姓名、身份证号须与社保参保信息一致，否则无法创建账号（${source}）。`,
      '3. 身份证号最后一位为字母的请填大写 X。',
      '4. 任一行有误时整份文件不导入，系统会列出每一处错误；改正后重新上传即可。',
      '5. 导入成功后系统显示每人的用户名（身份证号）和初始密码，仅显示一次，请妥善转交本人；首次登录须修改密码。',
    ],
  );
}
