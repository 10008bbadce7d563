/**
 * Online acceptance windows (网上受理时间, notice 一 and annex). A window is inclusive of both dates
 * in the system time zone (Asia/Shanghai): it opens at 00:00:00 of `opensOn` and closes at the end of
 * `closesOn` (23:59:59.999). Pure: "now" is always passed in.
 */
import { TZDate } from '@date-fns/tz';

export const SYSTEM_TIME_ZONE = 'Asia/Shanghai';

export interface WindowDates {
  opensOn: string; // YYYY-MM-DD
  closesOn: string; // YYYY-MM-DD
}

export type WindowStatus = 'upcoming' | 'open' | 'closed';

function startOfDayInZone(ymd: string, timeZone: string): Date {
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, 0, 0, 0, 0, timeZone).getTime());
}

/** The instant the window opens. */
export function windowOpensAt(w: WindowDates, timeZone = SYSTEM_TIME_ZONE): Date {
  return startOfDayInZone(w.opensOn, timeZone);
}

/** The last instant of the window (inclusive end of `closesOn`). */
export function windowClosesAt(w: WindowDates, timeZone = SYSTEM_TIME_ZONE): Date {
  const [y, m, d] = w.closesOn.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, 23, 59, 59, 999, timeZone).getTime());
}

export function windowStatus(w: WindowDates, now: Date, timeZone = SYSTEM_TIME_ZONE): WindowStatus {
  if (now.getTime() < windowOpensAt(w, timeZone).getTime()) return 'upcoming';
  if (now.getTime() > windowClosesAt(w, timeZone).getTime()) return 'closed';
  return 'open';
}

/** The window open now, if any, else the next one to open (windows need not be sorted). */
export function currentOrNextWindow<T extends WindowDates>(
  windows: readonly T[],
  now: Date,
  timeZone = SYSTEM_TIME_ZONE,
): { window: T; status: 'open' | 'upcoming' } | null {
  const sorted = [...windows].sort((a, b) => a.opensOn.localeCompare(b.opensOn));
  const open = sorted.find((w) => windowStatus(w, now, timeZone) === 'open');
  if (open) return { window: open, status: 'open' };
  const next = sorted.find((w) => windowStatus(w, now, timeZone) === 'upcoming');
  return next ? { window: next, status: 'upcoming' } : null;
}

/** Today's date (YYYY-MM-DD) in the system time zone. */
export function todayInZone(now: Date, timeZone = SYSTEM_TIME_ZONE): string {
  const parts = dayFormatterOf(timeZone).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

// One formatter per zone: every draft save asks for today, and a TZDate's getters each redo the zone
// lookup (a few per cent of a save's CPU, profiled).
const dayFormatters = new Map<string, Intl.DateTimeFormat>();
function dayFormatterOf(timeZone: string): Intl.DateTimeFormat {
  let f = dayFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(timeZone, f);
  }
  return f;
}

/**
 * Whether applicants can see and use a batch: its year's schedule is published (a draft or a
 * cancelled batch is not) and, for a self-recognition unit, its filing (报备) was accepted (一、).
 */
export function offeredToApplicants(batch: { state: string; filingStatus: string }): boolean {
  return (
    batch.state === 'published' &&
    (batch.filingStatus === 'not_required' || batch.filingStatus === 'accepted')
  );
}
