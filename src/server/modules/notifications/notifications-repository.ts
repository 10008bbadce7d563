import { and, count, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { notifications, roleAssignments } from '../../db/schema.js';

export type NewNotification = typeof notifications.$inferInsert;

export async function insertNotifications(db: DbOrTx, rows: NewNotification[]) {
  if (rows.length) await db.insert(notifications).values(rows);
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
