import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { daysInMonth, fullYearsBetween, isCalendarDate, isLeapYear } from '../../../src/domain/full-years.js';

describe('fullYearsBetween (周年, 三、（七）)', () => {
  it.each([
    // [start, end, full years, why]
    ['2025-07-01', '2026-06-30', 0, 'the day before the first anniversary'],
    ['2025-07-01', '2026-07-01', 1, 'the anniversary on the end day counts'],
    ['2025-07-01', '2026-07-02', 1, 'the day after the anniversary'],
    ['2025-07-01', '2025-07-01', 0, 'same day'],
    ['2025-07-01', '2025-06-30', 0, 'end before start'],
    ['2000-01-01', '2026-06-30', 26, 'many years'],
    ['2023-12-31', '2026-12-30', 2, 'year-end start, a day short'],
    ['2023-12-31', '2026-12-31', 3, 'year-end start, on the day'],
    ['2025-03-31', '2026-03-31', 1, 'first batch cutoff'],
    // 29 February (民法典第二百零二条: no corresponding day → the month's last day).
    ['2024-02-29', '2025-02-27', 0, '29 Feb start, day before 28 Feb'],
    ['2024-02-29', '2025-02-28', 1, '29 Feb start: anniversary on 28 Feb in a common year'],
    ['2024-02-29', '2025-03-01', 1, '29 Feb start, day after'],
    ['2024-02-29', '2027-02-28', 3, '29 Feb start, third anniversary on 28 Feb'],
    ['2024-02-29', '2028-02-28', 3, 'in a leap year the anniversary is 29 Feb again'],
    ['2024-02-29', '2028-02-29', 4, '29 Feb start, leap anniversary'],
    ['2023-02-28', '2024-02-28', 1, '28 Feb start keeps 28 Feb in a leap year'],
    ['2023-03-01', '2024-02-29', 0, '1 March start not reached on 29 Feb'],
  ] as [string, string, number, string][])('%s → %s = %i (%s)', (start, end, expected) => {
    expect(fullYearsBetween(start, end)).toBe(expected);
  });

  it('rejects strings that are not real dates', () => {
    expect(() => fullYearsBetween('2025-02-29', '2026-01-01')).toThrow(RangeError);
    expect(() => fullYearsBetween('2025-01-01', '2026-13-01')).toThrow(RangeError);
    expect(() => fullYearsBetween('2025/01/01', '2026-01-01')).toThrow(RangeError);
    expect(() => fullYearsBetween('2025-01-01', '')).toThrow(RangeError);
  });

  it('knows the calendar', () => {
    expect([1900, 2000, 2024, 2025].map(isLeapYear)).toEqual([false, true, true, false]);
    expect([1, 2, 4, 6, 9, 11, 12].map((m) => daysInMonth(2025, m))).toEqual([31, 28, 30, 30, 30, 30, 31]);
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2025-02-29')).toBe(false);
    expect(isCalendarDate('2025-00-10')).toBe(false);
    expect(isCalendarDate('2025-04-31')).toBe(false);
    expect(isCalendarDate('2025-4-3')).toBe(false);
  });
});

const ymd = (d: Date) => d.toISOString().slice(0, 10);
const day = fc
  .date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true })
  .map(ymd);

describe('fullYearsBetween properties', () => {
  it('never decreases as the end moves later, and is 0 when end < start', () => {
    fc.assert(
      fc.property(day, day, day, (s, a, b) => {
        const [e1, e2] = a <= b ? [a, b] : [b, a];
        expect(fullYearsBetween(s, e1)).toBeLessThanOrEqual(fullYearsBetween(s, e2));
        if (e1 < s) expect(fullYearsBetween(s, e1)).toBe(0);
      }),
    );
  });

  it('equals k exactly on the k-th anniversary and k-1 the day before', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 60 }), (s, k) => {
        const [y, m, d] = s.split('-').map(Number) as [number, number, number];
        const ay = y + k;
        const ad = Math.min(d, daysInMonth(ay, m));
        const anniversary = `${ay}-${String(m).padStart(2, '0')}-${String(ad).padStart(2, '0')}`;
        const before = ymd(new Date(Date.parse(`${anniversary}T00:00:00Z`) - 86_400_000));
        expect(fullYearsBetween(s, anniversary)).toBe(k);
        expect(fullYearsBetween(s, before)).toBe(k - 1);
      }),
    );
  });
});
