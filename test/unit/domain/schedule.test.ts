import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  batchChangeProblems,
  batchName,
  copyBatchDates,
  isCalendarDate,
  scheduleYearToShow,
  shiftYears,
  yearEndDeadlineOf,
} from '../../../src/domain/schedule.js';

describe('copying a schedule into another year', () => {
  it('moves each date by whole years; 29 February becomes 28 February in a common year', () => {
    expect(shiftYears('2026-01-20', 1)).toBe('2027-01-20');
    expect(shiftYears('2028-02-29', 1)).toBe('2029-02-28');
    expect(shiftYears('2028-02-29', 4)).toBe('2032-02-29');
    expect(shiftYears('2027-02-28', 1)).toBe('2028-02-28');
    expect(
      copyBatchDates({ opensOn: '2026-10-20', closesOn: '2026-11-20', cutoffDate: '2026-12-31' }, 2026, 2027),
    ).toEqual({
      opensOn: '2027-10-20',
      closesOn: '2027-11-20',
      cutoffDate: '2027-12-31',
    });
  });

  it('always gives a real date in the target year, keeping the month', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2090-12-31'), noInvalidDate: true }),
        fc.integer({ min: -5, max: 5 }),
        (d, n) => {
          const ymd = d.toISOString().slice(0, 10);
          const out = shiftYears(ymd, n);
          expect(isCalendarDate(out)).toBe(true);
          expect(Number(out.slice(0, 4))).toBe(Number(ymd.slice(0, 4)) + n);
          expect(out.slice(5, 7)).toBe(ymd.slice(5, 7));
        },
      ),
    );
  });

  it('names batches as the annex does', () => {
    expect([1, 2, 4, 10, 11, 20, 23].map(batchName)).toEqual([
      '第一批',
      '第二批',
      '第四批',
      '第十批',
      '第十一批',
      '第二十批',
      '第二十三批',
    ]);
  });

  it('puts the year-end deadline in the year, 02-29 falling back in a common year', () => {
    expect(yearEndDeadlineOf(2027, '12-31')).toBe('2027-12-31');
    expect(yearEndDeadlineOf(2027, '02-29')).toBe('2027-02-28');
  });
});

describe('what may change in a batch', () => {
  const base = {
    year: 2027,
    published: true,
    today: '2027-04-25',
    yearEndDeadline: '12-31',
    beyondYearEnd: false,
    reason: null,
  };
  const opened = { opensOn: '2027-04-20', closesOn: '2027-05-20', cutoffDate: '2027-06-30' };
  const fields = (p: ReturnType<typeof batchChangeProblems>) => p.map((x) => x.field);

  it('refuses a later start, an earlier end or a new cutoff once opened, and extension without a reason', () => {
    expect(
      fields(
        batchChangeProblems({
          ...base,
          before: opened,
          after: { ...opened, opensOn: '2027-04-21' },
          reason: 'x',
        }),
      ),
    ).toEqual(['opensOn']);
    expect(
      fields(
        batchChangeProblems({
          ...base,
          before: opened,
          after: { ...opened, closesOn: '2027-05-19' },
          reason: 'x',
        }),
      ),
    ).toEqual(['closesOn']);
    expect(
      fields(
        batchChangeProblems({ ...base, before: opened, after: { ...opened, cutoffDate: '2027-07-31' } }),
      ),
    ).toEqual(['cutoffDate']);
    expect(
      fields(batchChangeProblems({ ...base, before: opened, after: { ...opened, closesOn: '2027-05-30' } })),
    ).toEqual(['reason']);
    expect(
      batchChangeProblems({
        ...base,
        before: opened,
        after: { ...opened, closesOn: '2027-05-30' },
        reason: '顺延',
      }),
    ).toEqual([]);
  });

  it('lets a batch that has not opened (or is in a draft) move freely within its year', () => {
    const upcoming = { opensOn: '2027-07-20', closesOn: '2027-08-20', cutoffDate: '2027-09-30' };
    expect(
      batchChangeProblems({ ...base, before: upcoming, after: { ...upcoming, opensOn: '2027-07-25' } }),
    ).toEqual([]);
    expect(
      batchChangeProblems({
        ...base,
        published: false,
        before: opened,
        after: { ...opened, opensOn: '2027-04-28' },
      }),
    ).toEqual([]);
  });

  it('keeps the window before the year-end deadline unless the office says otherwise, with a reason', () => {
    const late = { opensOn: '2027-12-01', closesOn: '2028-01-10', cutoffDate: '2028-01-10' };
    expect(fields(batchChangeProblems({ ...base, before: null, after: late }))).toEqual(['closesOn']);
    expect(fields(batchChangeProblems({ ...base, before: null, after: late, beyondYearEnd: true }))).toEqual([
      'reason',
    ]);
    expect(
      batchChangeProblems({ ...base, before: null, after: late, beyondYearEnd: true, reason: '跨年' }),
    ).toEqual([]);
  });

  it('refuses impossible dates and a new batch opening in the past', () => {
    expect(
      fields(batchChangeProblems({ ...base, before: null, after: { ...opened, opensOn: '2027-02-30' } })),
    ).toEqual(['opensOn']);
    expect(fields(batchChangeProblems({ ...base, before: null, after: opened }))).toEqual(['opensOn']);
    expect(
      fields(
        batchChangeProblems({
          ...base,
          before: null,
          after: { opensOn: '2027-06-01', closesOn: '2027-05-01', cutoffDate: '2027-04-01' },
        }),
      ),
    ).toEqual(['closesOn', 'cutoffDate']);
  });
});

describe('the year the public home shows', () => {
  const y26 = { year: 2026, lastClosesOn: '2026-11-20' };
  const y27 = { year: 2027, lastClosesOn: '2027-11-20' };

  it('is the current year while a window is open or to come', () => {
    expect(scheduleYearToShow('2026-06-01', [y26])).toEqual({ year: 2026, awaitedYear: null });
    expect(scheduleYearToShow('2026-11-20', [y26, y27])).toEqual({ year: 2026, awaitedYear: null });
  });

  it('moves to next year once this year is over and next year is published', () => {
    expect(scheduleYearToShow('2026-11-21', [y26, y27])).toEqual({ year: 2027, awaitedYear: null });
  });

  it('keeps last year and names the awaited year when the next is not published', () => {
    expect(scheduleYearToShow('2026-12-02', [y26])).toEqual({ year: 2026, awaitedYear: 2027 });
    expect(scheduleYearToShow('2027-01-05', [y26])).toEqual({ year: 2026, awaitedYear: 2027 });
    expect(scheduleYearToShow('2027-12-01', [y26, y27])).toEqual({ year: 2027, awaitedYear: 2028 });
  });

  it('is null only when nothing was ever published', () => {
    expect(scheduleYearToShow('2027-01-05', [])).toEqual({ year: null, awaitedYear: 2027 });
  });
});
