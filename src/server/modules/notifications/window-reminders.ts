/**
 * Scheduled reminders before a window closes (issue 5 §8): the agency's seats, three days ahead, with
 * what still waits for them; and every applicant whose draft or returned application in that batch is
 * not yet (re)submitted. Each reminder carries a dedupe key, so running the job every hour, on several
 * instances at once, sends it once.
 */
import { addDays, format, parseISO } from 'date-fns';
import type { AppContext } from '../../context.js';
import { todayInZone } from '../../../domain/batch-window.js';
import { type OutgoingNotification, notify } from './notifications-service.js';
import * as repo from './notifications-repository.js';

const DAYS_AHEAD = 3;

export async function remindClosingWindows(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  const today = todayInZone(now, ctx.config.TZ_NAME);
  const until = format(addDays(parseISO(today), DAYS_AHEAD), 'yyyy-MM-dd');
  const out: OutgoingNotification[] = [];
  for (const { batch, agency } of await repo.batchesClosingBetween(ctx.db, today, until)) {
    const work = await repo.batchWork(ctx.db, batch.id, agency.organisationId);
    const label = `${batch.year}年${batch.name}`;
    for (const role of ['handler', 'leader'] as const) {
      for (const accountId of await repo.seatHolders(ctx.db, agency.organisationId, role)) {
        out.push({
          accountId,
          kind: 'batch.closing',
          title: `${label}将于 ${batch.closesOn} 截止受理`,
          body: `${label}网上受理将于 ${batch.closesOn} 24:00 截止；目前本机构有 ${work.waiting} 份申报待审，尚有 ${work.drafts.length} 份申报未提交。`,
          dedupeKey: `batch-closing:${batch.id}:${accountId}`,
        });
      }
    }
    for (const d of work.drafts) {
      out.push({
        accountId: d.applicantAccountId,
        kind: 'application.deadline',
        title: `请在 ${batch.closesOn} 前提交申报`,
        body: `您的${label}申报${d.status === 'returned' ? '已退回修改，尚未重新提交' : '尚未提交'}，受理将于 ${batch.closesOn} 24:00 截止，逾期不予受理。`,
        applicationId: d.id,
        dedupeKey: `draft-closing:${batch.id}:${d.id}:${d.status}`,
      });
    }
  }
  await notify(ctx.db, now, out);
  return out.length;
}

/** Runs the job now and then every hour; returns a stop function. Errors are logged, never thrown. */
export function scheduleWindowReminders(ctx: AppContext, log: { error(o: unknown, m: string): void }) {
  const run = () =>
    remindClosingWindows(ctx).catch((e: unknown) => log.error({ err: e }, '截止提醒发送失败'));
  void run();
  const timer = setInterval(() => void run(), 60 * 60 * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
