/** Display formats. All instants are shown in the system time zone (Asia/Shanghai). */
export const SYSTEM_TIME_ZONE = 'Asia/Shanghai';

const instantFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: SYSTEM_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function parts(date: Date): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of instantFormat.formatToParts(date)) out[p.type] = p.value;
  return out;
}

/** '2026-02-20 23:59' (or with seconds) for an ISO instant; '—' when empty or invalid. */
export function formatInstant(iso: string | null | undefined, withSeconds = false): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = parts(d);
  const base = `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
  return withSeconds ? `${base}:${p.second}` : base;
}

/** '2026-01-20' → '01月20日' (as the annex writes batch dates). */
export function formatMonthDay(ymd: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  return m ? `${m[2]}月${m[3]}日` : ymd;
}

/** '2026-01-20' → '2026年01月20日'. */
export function formatChineseDate(ymd: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  return m ? `${m[1]}年${m[2]}月${m[3]}日` : ymd;
}

export interface Duration {
  days: number;
  hours: number;
  minutes: number;
}

/** Whole days/hours/minutes until `target` (rounded up to the minute, never negative). */
export function durationUntil(target: number, now: number): Duration {
  const totalMinutes = Math.max(0, Math.ceil((target - now) / 60_000));
  return {
    days: Math.floor(totalMinutes / 1440),
    hours: Math.floor((totalMinutes % 1440) / 60),
    minutes: totalMinutes % 60,
  };
}

export function formatDuration(d: Duration): string {
  return `${d.days}天${d.hours}小时${d.minutes}分`;
}

export const ownershipNames = { state: '国有', nonState: '非国有' } as const;

const ID_NUMBER_LIKE = /^\d{17}[\dX]$/i;

/**
 * Usernames default to the ID number: lists show them masked like any ID number (3607**********123X).
 * Only the one-time "account created" dialog shows a username in full.
 */
export function displayUsername(username: string): string {
  if (!ID_NUMBER_LIKE.test(username)) return username;
  return `${username.slice(0, 4)}${'*'.repeat(username.length - 8)}${username.slice(-4)}`;
}

const dayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: SYSTEM_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar day (YYYY-MM-DD) of an instant in the system time zone, e.g. today by serverNow(). */
export function dayInSystemZone(instantMs: number): string {
  return dayFormat.format(new Date(instantMs));
}
