/**
 * 居民身份证号码 (GB 11643-1999) check. Pure, no I/O.
 * 18 characters: 6-digit region, 8-digit birth date, 3-digit sequence, 1 check character (0-9 or X).
 * A trailing lower-case x is accepted and normalised to upper-case X (notice 四、（三）: otherwise the
 * social-insurance record cannot be linked).
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

export type IdNumberResult =
  { ok: true; value: string; birthDate: string; gender: 'male' | 'female' } | { ok: false; reason: string };

export function checkCharacterOf(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

export function normaliseIdNumber(raw: string): string {
  return raw.trim().replace(/x$/, 'X');
}

export function validateIdNumber(raw: string, today: Date = new Date()): IdNumberResult {
  const value = normaliseIdNumber(raw);
  if (!/^\d{17}[\dX]$/.test(value)) {
    return { ok: false, reason: '身份证号码应为18位，前17位为数字，最后一位为数字或X' };
  }
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  const validDate =
    date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d && y >= 1900;
  if (!validDate) return { ok: false, reason: '身份证号码中的出生日期无效' };
  if (date.getTime() > today.getTime()) return { ok: false, reason: '身份证号码中的出生日期晚于今天' };
  if (checkCharacterOf(value.slice(0, 17)) !== value[17]) {
    return { ok: false, reason: '身份证号码校验位不正确，请核对' };
  }
  return {
    ok: true,
    value,
    birthDate: `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`,
    gender: Number(value[16]) % 2 === 1 ? 'male' : 'female',
  };
}

/** For lists: 3607**********123X → keeps the first 4 and last 4 characters. */
export function maskIdNumber(value: string | null | undefined): string {
  if (!value) return '';
  if (value.length < 8) return '*'.repeat(value.length);
  return `${value.slice(0, 4)}${'*'.repeat(value.length - 8)}${value.slice(-4)}`;
}

/**
 * For lists: 139****1234 → keeps the first 3 and last 4 digits (issue 13 item 4: lists show personal
 * numbers masked; the holder sees their own in full on their own page).
 */
export function maskMobile(value: string): string;
export function maskMobile(value: string | null | undefined): string | null;
export function maskMobile(value: string | null | undefined): string | null {
  if (!value) return null;
  if (value.length < 7) return '*'.repeat(value.length);
  return `${value.slice(0, 3)}${'*'.repeat(value.length - 7)}${value.slice(-4)}`;
}

/** Usernames default to the ID number; lists show such a username masked like the number itself. */
export function maskUsername(username: string): string {
  return /^\d{17}[\dX]$/.test(username) ? maskIdNumber(username) : username;
}
