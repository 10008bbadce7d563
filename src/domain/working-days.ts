/**
 * Working days for publicity periods (公示: at least 5 working days, 《职称评审管理暂行规定》人社部令第40号). A day is a working
 * day when the maintained calendar says so (调休 make-up days, e.g. a Saturday), not when the calendar
 * marks it a public holiday, and otherwise Monday to Friday. Dates are YYYY-MM-DD in Asia/Shanghai.
 */
import { addDays, format, parseISO } from 'date-fns';

export type CalendarDayKind = 'holiday' | 'workday';
export type Calendar = ReadonlyMap<string, CalendarDayKind>;

export function isWorkingDay(ymd: string, calendar: Calendar): boolean {
  const marked = calendar.get(ymd);
  if (marked) return marked === 'workday';
  const dow = parseISO(ymd).getDay();
  return dow !== 0 && dow !== 6;
}

const next = (ymd: string) => format(addDays(parseISO(ymd), 1), 'yyyy-MM-dd');

/** The date on which a period of `n` working days starting on `startsOn` (counted if a working day) ends. */
export function endOfWorkingDays(startsOn: string, n: number, calendar: Calendar): string {
  if (n < 1) throw new Error('n must be at least 1');
  let day = startsOn;
  let counted = 0;
  for (;;) {
    if (isWorkingDay(day, calendar)) counted++;
    if (counted === n) return day;
    day = next(day);
  }
}

/** How many working days from `from` to `to`, both inclusive (0 if `to` is before `from`). */
export function workingDaysBetween(from: string, to: string, calendar: Calendar): number {
  let n = 0;
  for (let day = from; day <= to; day = next(day)) if (isWorkingDay(day, calendar)) n++;
  return n;
}
