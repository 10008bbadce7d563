import { describe, expect, it } from 'vitest';
import {
  currentOrNextWindow,
  todayInZone,
  windowClosesAt,
  windowOpensAt,
  windowStatus,
} from '../../../src/domain/batch-window.js';

const fourth = { opensOn: '2026-10-20', closesOn: '2026-11-20' };

describe('batch windows in Asia/Shanghai', () => {
  it('opens at local midnight and closes at the end of the last day, inclusive', () => {
    expect(windowOpensAt(fourth).toISOString()).toBe('2026-10-19T16:00:00.000Z');
    expect(windowClosesAt(fourth).toISOString()).toBe('2026-11-20T15:59:59.999Z');
  });
  it('is open on the last day until 23:59:59 Beijing time, closed a millisecond later', () => {
    expect(windowStatus(fourth, new Date('2026-11-20T23:59:59.999+08:00'))).toBe('open');
    expect(windowStatus(fourth, new Date('2026-11-21T00:00:00.000+08:00'))).toBe('closed');
    expect(windowStatus(fourth, new Date('2026-10-19T23:59:59.999+08:00'))).toBe('upcoming');
    expect(windowStatus(fourth, new Date('2026-10-20T00:00:00.000+08:00'))).toBe('open');
  });
  it('finds the open window or the next one', () => {
    const ws = [
      { opensOn: '2026-04-20', closesOn: '2026-05-20', n: 2 },
      { opensOn: '2026-01-20', closesOn: '2026-02-20', n: 1 },
    ];
    expect(currentOrNextWindow(ws, new Date('2026-03-01T12:00:00+08:00'))).toEqual({
      window: ws[0],
      status: 'upcoming',
    });
    expect(currentOrNextWindow(ws, new Date('2026-02-20T12:00:00+08:00'))).toEqual({
      window: ws[1],
      status: 'open',
    });
    expect(currentOrNextWindow(ws, new Date('2026-06-01T12:00:00+08:00'))).toBeNull();
  });
  it('gives the local date', () => {
    expect(todayInZone(new Date('2026-11-24T16:30:00Z'))).toBe('2026-11-25');
  });
});
