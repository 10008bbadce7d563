import { and, eq, gt, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { idNumberIndexes, readPerson } from '../../crypto/personal-data-cipher.js';
import type { DbOrTx } from '../../db/client.js';
import { runPrepared } from '../../db/prepared-query.js';
import { accounts, organisations, persons, roleAssignments, sessions } from '../../db/schema.js';
import type { ActorRole } from './actor.js';

/** By username, or by the ID number's blind index under every key held (issue 13 item 5). */
export async function findAccountsForLogin(db: DbOrTx, username: string, idNumber: string | null) {
  const rows = await db
    .select({ account: accounts, person: persons })
    .from(accounts)
    .innerJoin(persons, eq(persons.id, accounts.personId))
    .where(
      or(
        eq(accounts.username, username),
        idNumber ? inArray(persons.idNumberIndex, idNumberIndexes(idNumber)) : undefined,
      ),
    );
  return rows.map((r) => ({ ...r, person: readPerson(r.person) }));
}

export async function loadAccount(db: DbOrTx, accountId: number) {
  const [row] = await db
    .select({ account: accounts, person: persons })
    .from(accounts)
    .innerJoin(persons, eq(persons.id, accounts.personId))
    .where(eq(accounts.id, accountId));
  return row ? { ...row, person: readPerson(row.person) } : null;
}

export async function activeRoles(db: DbOrTx, accountId: number): Promise<ActorRole[]> {
  const rows = await db
    .select({ ra: roleAssignments, org: organisations })
    .from(roleAssignments)
    .leftJoin(organisations, eq(organisations.id, roleAssignments.organisationId))
    .where(and(eq(roleAssignments.accountId, accountId), isNull(roleAssignments.endedAt)))
    .orderBy(roleAssignments.id);
  return rows.map(({ ra, org }) => ({
    assignmentId: ra.id,
    role: ra.role,
    organisationId: org?.id ?? null,
    organisationName: org?.name ?? null,
    organisationKind: org?.kind ?? null,
    organisationPath: org?.path ?? null,
  }));
}

export async function insertSession(db: DbOrTx, values: typeof sessions.$inferInsert) {
  await db.insert(sessions).values(values);
}

/** An account's active roles as one JSON array, for the session query below (same order as activeRoles). */
const activeRolesJson = sql<RoleJson[]>`coalesce((
  select json_agg(json_build_object(
           'assignmentId', ${roleAssignments.id}, 'role', ${roleAssignments.role},
           'organisationId', ${organisations.id}, 'organisationName', ${organisations.name},
           'organisationKind', ${organisations.kind}, 'organisationPath', ${organisations.path})
         order by ${roleAssignments.id})
    from ${roleAssignments}
    left join ${organisations} on ${organisations.id} = ${roleAssignments.organisationId}
   where ${roleAssignments.accountId} = ${accounts.id} and ${roleAssignments.endedAt} is null), '[]'::json)`;
type RoleJson = ActorRole;

const sessionQuery = (db: DbOrTx) =>
  db
    .select({
      csrfToken: sessions.csrfToken,
      accountId: accounts.id,
      username: accounts.username,
      disabled: accounts.disabled,
      mustChangePassword: accounts.mustChangePassword,
      personId: persons.id,
      personName: persons.name,
      idNumberCipher: persons.idNumberCipher,
      roles: activeRolesJson,
    })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .innerJoin(persons, eq(persons.id, accounts.personId))
    .where(
      and(
        eq(sessions.tokenHash, sql.placeholder('tokenHash')),
        gt(sessions.expiresAt, sql.placeholder('now')),
      ),
    );

/**
 * A live session with its account, person and active roles: one prepared statement, one round trip
 * (every logged-in request resolves one).
 */
export async function findSessionWithAccount(db: DbOrTx, tokenHash: string, now: Date) {
  const [row] = await runPrepared(db, 'session_with_account', sessionQuery, {
    tokenHash,
    now: now.toISOString(),
  });
  return row ?? null;
}

export async function deleteSession(db: DbOrTx, tokenHash: string) {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteSessionsOfAccount(db: DbOrTx, accountId: number, exceptTokenHash?: string) {
  const rows = await db
    .select({ t: sessions.tokenHash })
    .from(sessions)
    .where(eq(sessions.accountId, accountId));
  for (const r of rows) if (r.t !== exceptTokenHash) await deleteSession(db, r.t);
}

export async function updateAccount(
  db: DbOrTx,
  accountId: number,
  set: Partial<typeof accounts.$inferInsert>,
) {
  await db.update(accounts).set(set).where(eq(accounts.id, accountId));
}

/** Expired sessions are useless; they are swept whenever someone logs in. */
export async function deleteExpiredSessions(db: DbOrTx, now: Date) {
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
}
