import { type SQL, and, asc, eq, ilike, inArray, isNull, or, sql } from 'drizzle-orm';
import {
  encryptMobile,
  idNumberIndexes,
  personColumns,
  readPerson,
} from '../../crypto/personal-data-cipher.js';
import type { DbOrTx } from '../../db/client.js';
import { containsPattern } from '../../db/like.js';
import {
  accounts,
  applicantProfiles,
  organisations,
  persons,
  roleAssignments,
  socialInsuranceRecords,
} from '../../db/schema.js';

/** By the blind index under every key held (issue 13 item 5); the numbers come back decrypted. */
export async function findPersonByIdNumber(db: DbOrTx, idNumber: string) {
  const [row] = await db
    .select()
    .from(persons)
    .where(inArray(persons.idNumberIndex, idNumberIndexes(idNumber)));
  return row ? readPerson(row) : null;
}

export async function insertPerson(
  db: DbOrTx,
  values: { name: string; idNumber: string | null; mobile?: string | null },
) {
  const [row] = await db
    .insert(persons)
    .values({ name: values.name, ...personColumns(values) })
    .returning();
  return readPerson(row!);
}

export async function updatePersonMobile(db: DbOrTx, id: number, mobile: string | null) {
  await db
    .update(persons)
    .set({ mobileCipher: encryptMobile(mobile) })
    .where(eq(persons.id, id));
}

export async function accountsOfPerson(db: DbOrTx, personId: number) {
  return db.select().from(accounts).where(eq(accounts.personId, personId)).orderBy(asc(accounts.id));
}

export async function findAccountByUsername(db: DbOrTx, username: string) {
  const [row] = await db.select().from(accounts).where(eq(accounts.username, username));
  return row ?? null;
}

export async function findAccount(db: DbOrTx, id: number) {
  const [row] = await db
    .select({ account: accounts, person: persons })
    .from(accounts)
    .innerJoin(persons, eq(persons.id, accounts.personId))
    .where(eq(accounts.id, id));
  return row ? { ...row, person: readPerson(row.person) } : null;
}

export async function insertAccount(db: DbOrTx, values: typeof accounts.$inferInsert) {
  const [row] = await db.insert(accounts).values(values).returning();
  return row!;
}

export async function updateAccount(db: DbOrTx, id: number, set: Partial<typeof accounts.$inferInsert>) {
  await db.update(accounts).set(set).where(eq(accounts.id, id));
}

export async function hasActiveSystemAdmin(db: DbOrTx) {
  const [row] = await db
    .select({ id: roleAssignments.id })
    .from(roleAssignments)
    .where(and(eq(roleAssignments.role, 'system_admin'), isNull(roleAssignments.endedAt)))
    .limit(1);
  return row !== undefined;
}

export async function insertRoleAssignment(db: DbOrTx, values: typeof roleAssignments.$inferInsert) {
  const [row] = await db.insert(roleAssignments).values(values).returning();
  return row!;
}

export async function endRoleAssignment(db: DbOrTx, id: number, at: Date) {
  await db.update(roleAssignments).set({ endedAt: at }).where(eq(roleAssignments.id, id));
}

export async function activeAssignmentsOfAccount(db: DbOrTx, accountId: number) {
  return db
    .select({ ra: roleAssignments, org: organisations })
    .from(roleAssignments)
    .leftJoin(organisations, eq(organisations.id, roleAssignments.organisationId))
    .where(and(eq(roleAssignments.accountId, accountId), isNull(roleAssignments.endedAt)));
}

/**
 * Accounts visible in a scope: those holding an active role at an organisation in scope (or the
 * actor's own accounts, `selfPersonId`).
 */
export async function listAccounts(
  db: DbOrTx,
  orgScope: SQL,
  selfPersonId: number | null,
  filter: { organisationId?: number; role?: string; q?: string },
) {
  const q = filter.q ? containsPattern(filter.q) : null;
  const rows = await db
    .selectDistinct({ account: accounts, person: persons })
    .from(accounts)
    .innerJoin(persons, eq(persons.id, accounts.personId))
    .leftJoin(
      roleAssignments,
      and(eq(roleAssignments.accountId, accounts.id), isNull(roleAssignments.endedAt)),
    )
    .leftJoin(organisations, eq(organisations.id, roleAssignments.organisationId))
    .where(
      and(
        or(
          and(sql`${organisations.id} is not null`, orgScope),
          selfPersonId ? eq(persons.id, selfPersonId) : undefined,
        ),
        filter.organisationId ? eq(roleAssignments.organisationId, filter.organisationId) : undefined,
        filter.role ? eq(roleAssignments.role, filter.role as never) : undefined,
        q
          ? or(
              ilike(persons.name, q),
              ilike(accounts.username, q),
              // An ID number is found whole, by its index (it is not stored in clear).
              inArray(persons.idNumberIndex, idNumberIndexes(filter.q!)),
            )
          : undefined,
      ),
    )
    .orderBy(asc(accounts.id))
    .limit(2000);
  return rows.map((r) => ({ ...r, person: readPerson(r.person) }));
}

export async function listApplicantsOfEmployer(db: DbOrTx, employerId: number) {
  return db
    .select({
      profile: applicantProfiles,
      account: accounts,
      person: persons,
      record: socialInsuranceRecords,
    })
    .from(applicantProfiles)
    .innerJoin(accounts, eq(accounts.id, applicantProfiles.accountId))
    .innerJoin(persons, eq(persons.id, accounts.personId))
    .leftJoin(
      socialInsuranceRecords,
      eq(socialInsuranceRecords.id, applicantProfiles.socialInsuranceRecordId),
    )
    .where(eq(applicantProfiles.employerId, employerId))
    .orderBy(asc(applicantProfiles.createdAt), asc(accounts.id));
}

export async function findApplicantProfile(db: DbOrTx, accountId: number) {
  const [row] = await db.select().from(applicantProfiles).where(eq(applicantProfiles.accountId, accountId));
  return row ?? null;
}

export async function insertApplicantProfile(db: DbOrTx, values: typeof applicantProfiles.$inferInsert) {
  await db.insert(applicantProfiles).values(values);
}

export async function findSocialInsuranceRecord(db: DbOrTx, idNumber: string) {
  const [row] = await db
    .select()
    .from(socialInsuranceRecords)
    .where(inArray(socialInsuranceRecords.idNumberIndex, idNumberIndexes(idNumber)));
  return row ?? null;
}

/** The social-insurance record linked to an applicant account at its creation, if any. */
export async function linkedSocialInsuranceRecord(db: DbOrTx, accountId: number) {
  const [row] = await db
    .select({ record: socialInsuranceRecords })
    .from(applicantProfiles)
    .innerJoin(
      socialInsuranceRecords,
      eq(socialInsuranceRecords.id, applicantProfiles.socialInsuranceRecordId),
    )
    .where(eq(applicantProfiles.accountId, accountId));
  return row?.record ?? null;
}
