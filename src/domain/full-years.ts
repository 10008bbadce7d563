/**
 * Full years (周年), as the notice counts 学历、资历、工作年限 (三、（七）: "时间按周年计算").
 *
 * Dates are plain calendar dates `YYYY-MM-DD`; the arithmetic is done on the numbers, never through
 * `Date`, so no time zone or daylight-saving rule can shift a day.
 */

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

interface CalendarDate {
  y: number;
  m: number;
  d: number;
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

function parse(date: string): CalendarDate | null {
  const match = DATE_PATTERN.exec(date);
  if (!match) return null;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return { y, m, d };
}

/** Whether `date` is a real calendar date written `YYYY-MM-DD` (e.g. not 2025-02-29). */
export function isCalendarDate(date: string): boolean {
  return parse(date) !== null;
}

function compare(a: CalendarDate, b: CalendarDate): number {
  return a.y - b.y || a.m - b.m || a.d - b.d;
}

/**
 * The number of anniversaries of `start` that fall on or before `end`: an anniversary on the `end`
 * day itself counts (CONTRACT.md: "an anniversary falling on the cutoff day counts").
 *
 *   fullYearsBetween('2025-07-01', '2026-06-30') === 0   // the day before the first anniversary
 *   fullYearsBetween('2025-07-01', '2026-07-01') === 1   // on it
 *   fullYearsBetween('2025-07-01', '2026-07-02') === 1   // the day after
 *
 * A start on 29 February has, in a year without that day, its anniversary on 28 February: when the
 * month has no corresponding day, the last day of the month ends the period (民法典第二百零二条:
 * "到期月的对应日为期间的最后一日；没有对应日的，月末日为期间的最后一日". The issue cited 第二百零三条,
 * which is the next rule — a period ending on a holiday — and does not apply to counting 周年).
 *
 * `end` before `start` gives 0. Throws RangeError on a string that is not a real `YYYY-MM-DD` date, so
 * a typo never silently becomes "0 years"; callers holding untrusted input check `isCalendarDate` first.
 */
export function fullYearsBetween(start: string, end: string): number {
  const s = parse(start);
  const e = parse(end);
  if (!s) throw new RangeError(`不是有效日期：${start}`);
  if (!e) throw new RangeError(`不是有效日期：${end}`);
  if (compare(e, s) < 0) return 0;
  const years = e.y - s.y;
  // The anniversary in `end`'s year, moved to the month's last day if that year lacks the day (29 Feb).
  const anniversary = { y: e.y, m: s.m, d: Math.min(s.d, daysInMonth(e.y, s.m)) };
  return compare(anniversary, e) <= 0 ? years : years - 1;
}
