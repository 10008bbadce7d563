import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { endOfWorkingDays, isWorkingDay, workingDaysBetween } from '../../../src/domain/working-days.js';

// 2026 National Day: 10-01..10-07 off, Saturday 10-10 a make-up working day (国办发明电〔2025〕7号).
const calendar = new Map([
  ...['01', '02', '03', '04', '05', '06', '07'].map((d) => [`2026-10-${d}`, 'holiday'] as const),
  ['2026-10-10', 'workday'] as const,
]);

describe('working days', () => {
  it('weekends are off unless made up, holidays are off', () => {
    expect(isWorkingDay('2026-11-23', calendar)).toBe(true); // Monday
    expect(isWorkingDay('2026-11-22', calendar)).toBe(false); // Sunday
    expect(isWorkingDay('2026-10-10', calendar)).toBe(true); // make-up Saturday
    expect(isWorkingDay('2026-10-05', calendar)).toBe(false); // Monday in the holiday
  });
  it('five working days from a Monday end on Friday', () => {
    expect(endOfWorkingDays('2026-11-23', 5, calendar)).toBe('2026-11-27');
  });
  it('a publicity started before National Day runs past it and counts the make-up Saturday', () => {
    // 09-30 (Wed) counts 1; 10-01..07 off; 10-08 Thu 2, 10-09 Fri 3, 10-10 Sat (workday) 4, 10-12 Mon 5.
    expect(endOfWorkingDays('2026-09-30', 5, calendar)).toBe('2026-10-12');
  });
  it('a start on a weekend counts from the next working day', () => {
    expect(endOfWorkingDays('2026-11-21', 5, calendar)).toBe('2026-11-27');
  });
  it('the period ends on a working day and spans exactly n working days', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2026-01-01'), max: new Date('2026-12-01'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 15 }),
        (d, n) => {
          const start = d.toISOString().slice(0, 10);
          const end = endOfWorkingDays(start, n, calendar);
          expect(isWorkingDay(end, calendar)).toBe(true);
          expect(workingDaysBetween(start, end, calendar)).toBe(n);
        },
      ),
    );
  });
  it('counts nothing for an inverted range', () => {
    expect(workingDaysBetween('2026-11-27', '2026-11-23', calendar)).toBe(0);
  });
});
