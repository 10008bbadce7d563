/**
 * In-system notifications (issue 5 §8): written in the same transaction as the change they announce,
 * so a notification never describes something that did not happen. Other channels (SMS) plug in
 * through `NotificationChannel`; none is configured yet, so the in-system inbox is the record.
 */
import type { AppContext } from '../../context.js';
import type { DbOrTx } from '../../db/client.js';
import type { NotificationList } from '../../../contract/review.js';
import type { Actor } from '../auth/actor.js';
import * as repo from './notifications-repository.js';

export interface OutgoingNotification {
  accountId: number;
  kind: string;
  title: string;
  body: string;
  applicationId?: number | null;
  /** For scheduled reminders: the same key is never sent twice, whichever instance runs the job. */
  dedupeKey?: string;
}

/** Where notifications go besides the inbox (e.g. an SMS gateway); called after the commit. */
export interface NotificationChannel {
  deliver(items: OutgoingNotification[]): Promise<void>;
}

export async function notify(db: DbOrTx, now: Date, items: OutgoingNotification[]) {
  await repo.insertNotifications(
    db,
    items.map((n) => ({
      ...n,
      applicationId: n.applicationId ?? null,
      dedupeKey: n.dedupeKey ?? null,
      createdAt: now,
    })),
  );
}

/** Everyone holding the seat of an organisation now (a seat change moves future notifications). */
export async function notifySeat(
  db: DbOrTx,
  now: Date,
  organisationId: number,
  role: 'handler' | 'leader',
  message: Omit<OutgoingNotification, 'accountId'>,
) {
  const holders = await repo.seatHolders(db, organisationId, role);
  await notify(
    db,
    now,
    holders.map((accountId) => ({ ...message, accountId })),
  );
}

export async function myNotifications(ctx: AppContext, actor: Actor): Promise<NotificationList> {
  const [items, unread] = await Promise.all([
    repo.listOf(ctx.db, actor.accountId, 100),
    repo.unreadCount(ctx.db, actor.accountId),
  ]);
  return {
    unread,
    items: items.map((n) => ({
      id: n.id,
      kind: n.kind,
      title: n.title,
      body: n.body,
      applicationId: n.applicationId,
      createdAt: n.createdAt.toISOString(),
      read: n.readAt !== null,
    })),
  };
}

export async function markRead(ctx: AppContext, actor: Actor, ids?: number[]) {
  await repo.markRead(ctx.db, actor.accountId, ctx.clock.now(), ids);
  return myNotifications(ctx, actor);
}
