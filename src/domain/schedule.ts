/**
 * A year's schedule of acceptance windows (受理时间安排, the notice's annex), as pure rules: copying a
 * schedule into another year, and what a title office may change in a batch. "today" is always
 * passed in (YYYY-MM-DD in the system time zone).
 */

export interface BatchDates {
  opensOn: string; // YYYY-MM-DD
  closesOn: string;
  cutoffDate: string; // 终算时间 (三、（七）)
}

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeap(year: number) {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysIn(year: number, month: number) {
  return [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

/** Whether the string is a real calendar date in YYYY-MM-DD form. */
export function isCalendarDate(ymd: string): boolean {
  const m = YMD.exec(ymd);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(y, mo);
}

/**
 * The same day `years` years later (or earlier). 29 February becomes 28 February in a common year —
 * the rule 民法典第二百零二条 applies to periods ending in a month without that day, used here too.
 */
export function shiftYears(ymd: string, years: number): string {
  const m = YMD.exec(ymd);
  if (!m) throw new Error(`不是日期：${ymd}`);
  const y = Number(m[1]) + years;
  const mo = Number(m[2]);
  const d = Math.min(Number(m[3]), daysIn(y, mo));
  return `${String(y).padStart(4, '0')}-${m[2]}-${String(d).padStart(2, '0')}`;
}

/** A batch's dates copied from `fromYear` into `toYear`, each moved by the same number of years. */
export function copyBatchDates(b: BatchDates, fromYear: number, toYear: number): BatchDates {
  const n = toYear - fromYear;
  return {
    opensOn: shiftYears(b.opensOn, n),
    closesOn: shiftYears(b.closesOn, n),
    cutoffDate: shiftYears(b.cutoffDate, n),
  };
}

/** The agency's year-end deadline (MM-DD) in `year`, as a date; 02-29 falls back to 02-28. */
export function yearEndDeadlineOf(year: number, mmdd: string): string {
  const [mo, d] = mmdd.split('-').map(Number) as [number, number];
  return `${year}-${String(mo).padStart(2, '0')}-${String(Math.min(d, daysIn(year, mo))).padStart(2, '0')}`;
}

/** 第一批 … 第十二批, as the annex names batches. */
export function batchName(n: number): string {
  const digits = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
  const text =
    n < 10
      ? digits[n]!
      : n < 20
        ? `十${n % 10 ? digits[n % 10] : ''}`
        : `${digits[Math.floor(n / 10)]}十${n % 10 ? digits[n % 10] : ''}`;
  return `第${text}批`;
}

export interface BatchChange {
  year: number;
  /** The batch as it is (null when adding one). */
  before: BatchDates | null;
  after: BatchDates;
  /** Whether the batch is visible to applicants (its schedule published) — only then can it have opened. */
  published: boolean;
  today: string;
  /** MM-DD of the agency. */
  yearEndDeadline: string;
  beyondYearEnd: boolean;
  reason: string | null;
}

export interface BatchProblem {
  field: 'opensOn' | 'closesOn' | 'cutoffDate' | 'reason' | 'beyondYearEnd';
  message: string;
}

/** Whether the window has begun by `today` (a published batch whose first day has come). */
export function hasOpened(b: BatchDates, published: boolean, today: string): boolean {
  return published && b.opensOn <= today;
}

/**
 * What is wrong with a batch's new dates (empty when the change may be made). The rules:
 *  - dates are real dates, the window lies in its year, opens ≤ closes ≤ cutoff (终算时间 is not
 *    before the window closes: 三、（七） counts to it);
 *  - the window ends by the agency's year-end deadline (四、（七）) unless the office says otherwise,
 *    with a reason;
 *  - once the window has opened, applicants rely on it: it cannot start later, end earlier or change
 *    its cutoff (applications already in it keep their batch and cutoff); extending it needs a reason;
 *  - a new batch in a published schedule cannot open in the past.
 */
export function batchChangeProblems(c: BatchChange): BatchProblem[] {
  const problems: BatchProblem[] = [];
  const { after, before } = c;
  for (const field of ['opensOn', 'closesOn', 'cutoffDate'] as const) {
    if (!isCalendarDate(after[field])) problems.push({ field, message: `日期“${after[field]}”不是有效日期` });
  }
  if (problems.length) return problems;
  if (!after.opensOn.startsWith(`${c.year}-`)) {
    problems.push({ field: 'opensOn', message: `受理开始日期应在 ${c.year} 年内` });
  }
  if (after.opensOn > after.closesOn) {
    problems.push({ field: 'closesOn', message: '受理截止日期不能早于开始日期' });
  }
  if (after.cutoffDate < after.closesOn) {
    problems.push({ field: 'cutoffDate', message: '终算时间不能早于受理截止日期' });
  }
  const deadline = yearEndDeadlineOf(c.year, c.yearEndDeadline);
  if (after.closesOn > deadline && !c.beyondYearEnd) {
    problems.push({
      field: 'closesOn',
      message: `受理截止日期晚于认定机构年度完成时限 ${deadline}（四、（七））；确需跨年受理的，请勾选“允许超过年度完成时限”并说明理由`,
    });
  }
  if (c.beyondYearEnd && after.closesOn > deadline && !c.reason?.trim()) {
    problems.push({ field: 'reason', message: '超过年度完成时限受理的，须填写理由' });
  }
  if (before && hasOpened(before, c.published, c.today)) {
    if (after.opensOn > before.opensOn) {
      problems.push({ field: 'opensOn', message: `该批次已于 ${before.opensOn} 开始受理，不能推迟开始日期` });
    }
    if (after.closesOn < before.closesOn) {
      problems.push({
        field: 'closesOn',
        message: `该批次已开始受理，截止日期只能延长，不能早于原定的 ${before.closesOn}`,
      });
    }
    if (after.cutoffDate !== before.cutoffDate) {
      problems.push({
        field: 'cutoffDate',
        message: '该批次已开始受理，终算时间不能再更改（已申报人员按原终算时间计算）',
      });
    }
    const changed = after.opensOn !== before.opensOn || after.closesOn !== before.closesOn;
    if (changed && !c.reason?.trim()) {
      problems.push({ field: 'reason', message: '已开始受理的批次调整日期，须填写理由' });
    }
  }
  if (!before && c.published && after.opensOn < c.today) {
    problems.push({ field: 'opensOn', message: `新增批次的受理开始日期不能早于今天（${c.today}）` });
  }
  return problems;
}

export interface PublishedYear {
  year: number;
  /** The last day any of its windows closes (null when it has none). */
  lastClosesOn: string | null;
}

/**
 * Which year the public home (and `GET /agencies` without `year`) shows, per CONTRACT.md: the year
 * whose windows are open or next to open — the current year until its last window has closed and a
 * published schedule for the next exists. It never shows an empty table: without a published
 * schedule for the current year it shows the latest earlier one, and names the year still awaited.
 */
export function scheduleYearToShow(
  today: string,
  published: readonly PublishedYear[],
): { year: number | null; awaitedYear: number | null } {
  const y = Number(today.slice(0, 4));
  const byYear = new Map(published.map((p) => [p.year, p]));
  const current = byYear.get(y);
  const ahead = (p: PublishedYear | undefined) => !!p?.lastClosesOn && p.lastClosesOn >= today;
  if (ahead(current)) return { year: y, awaitedYear: null };
  if (byYear.has(y + 1)) return { year: y + 1, awaitedYear: null };
  if (current) return { year: y, awaitedYear: y + 1 };
  const earlier = published.filter((p) => p.year < y).sort((a, b) => b.year - a.year)[0];
  const later = published.filter((p) => p.year > y + 1).sort((a, b) => a.year - b.year)[0];
  if (later) return { year: later.year, awaitedYear: null };
  return { year: earlier?.year ?? null, awaitedYear: y };
}
