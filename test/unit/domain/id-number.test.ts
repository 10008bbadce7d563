import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  checkCharacterOf,
  maskIdNumber,
  maskMobile,
  validateIdNumber,
} from '../../../src/domain/id-number.js';

describe('validateIdNumber (GB 11643)', () => {
  it('accepts a correct number and derives birth date and gender', () => {
    const r = validateIdNumber('11010519491231002X');
    expect(r).toEqual({ ok: true, value: '11010519491231002X', birthDate: '1949-12-31', gender: 'female' });
  });
  it('upper-cases a trailing x', () => {
    const r = validateIdNumber('11010519491231002x');
    expect(r.ok && r.value).toBe('11010519491231002X');
  });
  it('rejects a wrong check character', () => {
    const r = validateIdNumber('110105194912310021');
    expect(r).toEqual({ ok: false, reason: expect.stringContaining('校验位') });
  });
  it('rejects an impossible birth date', () => {
    const first17 = '36070219900230123';
    const r = validateIdNumber(first17 + checkCharacterOf(first17));
    expect(r).toEqual({ ok: false, reason: expect.stringContaining('出生日期') });
  });
  it('rejects a future birth date', () => {
    const first17 = '36070220990101123';
    expect(validateIdNumber(first17 + checkCharacterOf(first17), new Date('2026-01-01')).ok).toBe(false);
  });
  it('rejects wrong length and letters in the body', () => {
    expect(validateIdNumber('3607021990010112').ok).toBe(false);
    expect(validateIdNumber('36070219900101X23X').ok).toBe(false);
  });
  it('any single-digit change of a valid number is detected', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1950-01-01'), max: new Date('2005-12-31'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 999 }),
        fc.integer({ min: 0, max: 16 }),
        fc.integer({ min: 1, max: 9 }),
        (birth, seq, pos, delta) => {
          const ymd = birth.toISOString().slice(0, 10).replaceAll('-', '');
          const first17 = `360702${ymd}${String(seq).padStart(3, '0')}`;
          const valid = first17 + checkCharacterOf(first17);
          expect(validateIdNumber(valid).ok).toBe(true);
          const digits = valid.split('');
          digits[pos] = String((Number(digits[pos]) + delta) % 10);
          expect(validateIdNumber(digits.join('')).ok).toBe(false);
        },
      ),
    );
  });
  it('masks for lists', () => {
    expect(maskIdNumber('36070219900101123X')).toBe('3607**********123X');
    expect(maskMobile('13912345678')).toBe('139****5678');
    expect(maskMobile(null)).toBeNull();
    expect(maskMobile('12345')).toBe('*****');
  });
});
