/**
 * The one owner of an application's state (issue 11). Every transition — submit, withdraw, a review
 * decision, cancel for fraud — runs in a transaction that first takes the application's row lock and
 * checks the revision the caller acted on (`lockForTransition`), then writes the new state only if
 * the revision is still that one (`moveLocked`). Two callers racing queue on the lock; the second finds
 * a new revision and is told 409 "已被他人处理" with the current state — never a 500 from a constraint.
 */
import type { DbOrTx } from '../../db/client.js';
import type { applications } from '../../db/schema.js';
import { type AppError, conflict, notFound } from '../../errors.js';
import {
  type ApplicationStatus,
  type ReviewStage,
  stageNames,
  statusNames,
} from '../../../domain/review/review-chain.js';
import { lockApplication, moveApplication } from '../review/review-repository.js';

export type ApplicationRow = typeof applications.$inferSelect;

type StateOf = { status: string; stage: string | null; revision: number };

/** The state a loser of a race is shown (and the web refreshes to). */
export function currentState(app: StateOf) {
  return { status: app.status, stage: app.stage, revision: app.revision };
}

/** 409: someone else changed the application since the caller saw it. */
export function alreadyHandled(app: StateOf): AppError {
  const stage = app.stage ? `（${stageNames[app.stage as ReviewStage]}）` : '';
  return conflict(
    'ALREADY_HANDLED',
    `该申报已被他人处理，当前状态：${statusNames[app.status as ApplicationStatus]}${stage}，请刷新后再操作`,
    currentState(app),
  );
}

/**
 * Takes the row lock and, when the caller names the revision it acted on, checks it (409 with the
 * current state otherwise). Callers whose own rules check the revision among others (the review chain's
 * `reviewViolation`) pass none and check it there, on this same locked row.
 */
export async function lockForTransition(tx: DbOrTx, id: number, expectedRevision?: number) {
  const app = await lockApplication(tx, id);
  if (!app) throw notFound('申报');
  if (expectedRevision !== undefined && app.revision !== expectedRevision) throw alreadyHandled(app);
  return app;
}

/** Writes the new state of a locked application, bumping its revision; returns the new revision. */
export async function moveLocked(
  tx: DbOrTx,
  app: ApplicationRow,
  set: Omit<Partial<typeof applications.$inferInsert>, 'revision' | 'id'>,
): Promise<number> {
  // A second guard besides the lock: the update only applies to the revision that was checked.
  if (!(await moveApplication(tx, app.id, app.revision, set))) throw alreadyHandled(app);
  return app.revision + 1;
}
