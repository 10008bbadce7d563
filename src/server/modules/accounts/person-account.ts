/**
 * Real-name persons and their accounts (SPEC §2): a person is name + GB 11643 ID number + mobile;
 * one person may hold several roles, normally through one account.
 */
import type { Tx } from '../../db/client.js';
import type { roleAssignments } from '../../db/schema.js';
import { AppError, conflict } from '../../errors.js';
import { validateIdNumber } from '../../../domain/id-number.js';
import type { PersonInput } from '../../../contract/organisations.js';
import { generatePassword, hashPassword } from '../auth/password.js';
import { deleteSessionsOfAccount } from '../auth/auth-repository.js';
import * as repo from './accounts-repository.js';

/** Checks and normalises an ID number (upper-case X), or throws a 422 naming the field. */
export function checkedIdNumber(raw: string, now: Date): string {
  const r = validateIdNumber(raw, now);
  if (!r.ok) throw new AppError('INVALID_ID_NUMBER', 422, r.reason, { field: 'idNumber' });
  return r.value;
}

/** The name an account signs in with: its username, or (none set, the default) its person's ID number. */
export function usernameOf(
  account: { username: string | null },
  person: { idNumber: string | null },
): string {
  return account.username ?? person.idNumber ?? '';
}

export interface PersonAccount {
  person: Awaited<ReturnType<typeof repo.insertPerson>>;
  account: Awaited<ReturnType<typeof repo.insertAccount>>;
  initialPassword: string | null;
  createdPerson: boolean;
  createdAccount: boolean;
}

/**
 * Finds the person by ID number (the name must match the one on record) or registers them, and
 * returns their account, creating one with a one-time initial password when they have none.
 */
export async function ensurePersonAccount(
  tx: Tx,
  now: Date,
  input: PersonInput,
  opts: { username?: string } = {},
): Promise<PersonAccount> {
  const idNumber = checkedIdNumber(input.idNumber, now);
  let person = await repo.findPersonByIdNumber(tx, idNumber);
  let createdPerson = false;
  if (person) {
    if (person.name !== input.name) {
      throw conflict(
        'PERSON_NAME_MISMATCH',
        `身份证号码已登记的姓名为“${person.name}”，与填写的“${input.name}”不一致，请核对`,
        { field: 'name' },
      );
    }
    if (input.mobile && input.mobile !== person.mobile) {
      await repo.updatePersonMobile(tx, person.id, input.mobile);
      person = { ...person, mobile: input.mobile };
    }
  } else {
    person = await repo.insertPerson(tx, { name: input.name, idNumber, mobile: input.mobile });
    createdPerson = true;
  }
  const existing = await repo.accountsOfPerson(tx, person.id);
  if (existing[0]) {
    return { person, account: existing[0], initialPassword: null, createdPerson, createdAccount: false };
  }
  // No username: the account signs in with the ID number, which is stored only encrypted (issue 13
  // item 5) — so a username that is the ID number is not stored either.
  const username = opts.username && opts.username.toUpperCase() !== idNumber ? opts.username : null;
  if (username && (await repo.findAccountByUsername(tx, username))) {
    throw conflict('USERNAME_TAKEN', `用户名“${username}”已被使用，请换一个`, { field: 'username' });
  }
  const initialPassword = generatePassword();
  const account = await repo.insertAccount(tx, {
    username,
    personId: person.id,
    passwordHash: await hashPassword(initialPassword),
    mustChangePassword: true,
    createdAt: now,
  });
  return { person, account, initialPassword, createdPerson, createdAccount: true };
}

/**
 * Gives an account a role. An account that already existed may be signed in somewhere: its sessions
 * end, so that it signs in again and gets a new session id with the new role (issue 13 item 4:
 * session fixation — OWASP, renew the session id at any change of privilege).
 */
export async function grantRole(
  tx: Tx,
  pa: Pick<PersonAccount, 'account' | 'createdAccount'>,
  values: Omit<typeof roleAssignments.$inferInsert, 'accountId'>,
) {
  const assignment = await repo.insertRoleAssignment(tx, { ...values, accountId: pa.account.id });
  if (!pa.createdAccount) await deleteSessionsOfAccount(tx, pa.account.id);
  return assignment;
}
