import { and, count, desc, eq, gte, inArray, isNull, lte } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { agencies, applications, batches, notifications, roleAssignments } from '../../db/schema.js';

export type NewNotification = typeof notifications.$inferInsert;

export async function insertNotifications(db: DbOrTx, rows: NewNotification[]) {
  if (rows.length) await db.insert(notifications).values(rows).onConflictDoNothing();
}

export async function listOf(db: DbOrTx, accountId: number, limit: number) {
  return db
    .select()
    .from(notifications)
    .where(eq(notifications.accountId, accountId))
    .orderBy(desc(notifications.id))
    .limit(limit);
}

export async function unreadCount(db: DbOrTx, accountId: number) {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.accountId, accountId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

export async function markRead(db: DbOrTx, accountId: number, at: Date, ids?: number[]) {
  await db
    .update(notifications)
    .set({ readAt: at })
    .where(
      and(
        eq(notifications.accountId, accountId),
        isNull(notifications.readAt),
        ids ? inArray(notifications.id, ids) : undefined,
      ),
    );
}

/** The accounts holding a seat of an organisation now. */
export async function seatHolders(db: DbOrTx, organisationId: number, role: 'handler' | 'leader') {
  const rows = await db
    .select({ accountId: roleAssignments.accountId })
    .from(roleAssignments)
    .where(
      and(
        eq(roleAssignments.organisationId, organisationId),
        eq(roleAssignments.role, role),
        isNull(roleAssignments.endedAt),
      ),
    );
  return rows.map((r) => r.accountId);
}

/** Batches whose window closes between two days (inclusive) and whose filing, if needed, was accepted. */
export async function batchesClosingBetween(db: DbOrTx, from: string, to: string) {
  return db
    .select({ batch: batches, agency: agencies })
    .from(batches)
    .innerJoin(agencies, eq(agencies.id, batches.agencyId))
    .where(
      and(
        gte(batches.closesOn, from),
        lte(batches.closesOn, to),
        inArray(batches.filingStatus, ['not_required', 'accepted']),
        eq(batches.state, 'published'),
      ),
    );
}

/** How many applications of a batch wait at the agency's seats, and its drafts not yet submitted. */
export async function batchWork(db: DbOrTx, batchId: number, agencyOrganisationId: number) {
  const [waiting] = await db
    .select({ n: count() })
    .from(applications)
    .where(
      and(
        eq(applications.batchId, batchId),
        eq(applications.status, 'submitted'),
        eq(applications.holderOrganisationId, agencyOrganisationId),
      ),
    );
  const drafts = await db
    .select({
      id: applications.id,
      applicantAccountId: applications.applicantAccountId,
      status: applications.status,
    })
    .from(applications)
    .where(and(eq(applications.batchId, batchId), inArray(applications.status, ['draft', 'returned'])));
  return { waiting: waiting?.n ?? 0, drafts };
}
