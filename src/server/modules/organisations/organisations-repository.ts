import { type SQL, and, asc, eq, ilike, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.js';
import { containsPattern } from '../../db/like.js';
import { accounts, agencies, organisations, persons, regions, roleAssignments } from '../../db/schema.js';

const parent = alias(organisations, 'parent');

function organisationSelect(db: DbOrTx) {
  return db
    .select({
      org: organisations,
      regionName: regions.name,
      parentName: parent.name,
      agencyCode: agencies.code,
      childCount: sql<number>`(select count(*)::int from ${organisations} c where c.parent_id = ${organisations.id})`,
    })
    .from(organisations)
    .innerJoin(regions, eq(regions.id, organisations.regionId))
    .leftJoin(parent, eq(parent.id, organisations.parentId))
    .leftJoin(agencies, eq(agencies.organisationId, organisations.id));
}
export type OrganisationRow = Awaited<ReturnType<typeof findOrganisation>> & object;

export async function findOrganisation(db: DbOrTx, id: number) {
  const [row] = await organisationSelect(db).where(eq(organisations.id, id));
  return row ?? null;
}

export async function listOrganisations(
  db: DbOrTx,
  scopeCondition: SQL,
  filter: { kind?: string; parentId?: number; q?: string },
) {
  return organisationSelect(db)
    .where(
      and(
        scopeCondition,
        filter.kind ? eq(organisations.kind, filter.kind as never) : undefined,
        filter.parentId ? eq(organisations.parentId, filter.parentId) : undefined,
        filter.q ? ilike(organisations.name, containsPattern(filter.q)) : undefined,
      ),
    )
    .orderBy(asc(organisations.path))
    .limit(2000);
}

export async function insertOrganisation(
  db: DbOrTx,
  values: Omit<typeof organisations.$inferInsert, 'path'>,
  parentPath: string,
) {
  const [created] = await db
    .insert(organisations)
    .values({ ...values, path: 'pending' })
    .returning();
  const path = `${parentPath}${created!.id}/`;
  await db.update(organisations).set({ path }).where(eq(organisations.id, created!.id));
  return { ...created!, path };
}

export async function updateOrganisation(
  db: DbOrTx,
  id: number,
  set: Partial<typeof organisations.$inferInsert>,
) {
  await db.update(organisations).set(set).where(eq(organisations.id, id));
}

export async function findByCreditCode(db: DbOrTx, creditCode: string) {
  const [row] = await db.select().from(organisations).where(eq(organisations.creditCode, creditCode));
  return row ?? null;
}

export async function findChildByName(db: DbOrTx, parentId: number, name: string) {
  const [row] = await db
    .select()
    .from(organisations)
    .where(and(eq(organisations.parentId, parentId), eq(organisations.name, name)));
  return row ?? null;
}

/** The region and all its ancestors' ids, nearest first. */
export async function regionAncestry(db: DbOrTx, regionId: number): Promise<number[]> {
  const all = await db.select({ id: regions.id, parentId: regions.parentId }).from(regions);
  const byId = new Map(all.map((r) => [r.id, r.parentId]));
  const chain: number[] = [];
  let cur: number | null | undefined = regionId;
  while (cur !== null && cur !== undefined && byId.has(cur) && !chain.includes(cur)) {
    chain.push(cur);
    cur = byId.get(cur);
  }
  return chain;
}

export async function seatAssignments(db: DbOrTx, organisationId: number, currentOnly: boolean) {
  return db
    .select({ ra: roleAssignments, account: accounts, person: persons })
    .from(roleAssignments)
    .innerJoin(accounts, eq(accounts.id, roleAssignments.accountId))
    .innerJoin(persons, eq(persons.id, accounts.personId))
    .where(
      and(
        eq(roleAssignments.organisationId, organisationId),
        sql`${roleAssignments.role} in ('handler', 'leader')`,
        currentOnly ? isNull(roleAssignments.endedAt) : undefined,
      ),
    )
    .orderBy(asc(roleAssignments.startedAt), asc(roleAssignments.id));
}
