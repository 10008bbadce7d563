import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import QRCode from 'qrcode';
import {
  CLAIM_FIELDS,
  CertificatePayloadError,
  MAX_CANONICAL_BYTES,
  base64UrlDecode,
  base64UrlEncode,
  canonicalBytes,
  decodeQrPayload,
  encodeQrPayload,
  parseCanonicalBytes,
  type CertificateClaims,
} from '../../../src/domain/certificate-payload.js';
import { typicalClaims } from './fixtures.js';

const signature = new Uint8Array(64).map((_, i) => (i * 37 + 11) & 0xff);
const utf8 = (s: string) => new TextEncoder().encode(s);
const b64 = (s: string) => base64UrlEncode(utf8(s));

/** Claims with arbitrary Unicode text (any plane, no control characters, no surrounding space). */
const text = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 30 })
  .map((s) => s.replace(/[\p{Cc}\u2028\u2029]/gu, '').trim())
  .filter((s) => s.length > 0 && [...s].length <= 100);
const date = fc
  .date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const claimsArb: fc.Arbitrary<CertificateClaims> = fc
  .record({
    number: text,
    name: text,
    gender: fc.constantFrom('男' as const, '女' as const),
    birthMonth: date.map((d) => d.slice(0, 7)),
    series: text,
    specialty: text,
    qualification: text,
    level: fc.constantFrom('员级' as const, '助理级' as const, '中级' as const),
    agencyCode: fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/),
    agency: text,
    documentNumber: text,
    obtainedOn: date,
    issuedOn: date,
    employer: text,
  })
  .filter(
    // within the size limit (tested separately)
    (c) => utf8(JSON.stringify(['ZC1', ...CLAIM_FIELDS.map((f) => c[f])])).length <= MAX_CANONICAL_BYTES,
  );

describe('canonicalBytes', () => {
  it('is a JSON array of the version and the 14 fields in fixed order, UTF-8, no ID number', () => {
    const text = new TextDecoder().decode(canonicalBytes(typicalClaims));
    expect(JSON.parse(text)).toEqual(['ZC1', ...CLAIM_FIELDS.map((f) => typicalClaims[f])]);
    expect(text.startsWith('["ZC1","GZ01-2026-ZL-000123","欧阳𠈌明","男","1992-07"')).toBe(true);
    expect(text).not.toMatch(/\s/);
    expect(text).not.toContain('\\u'); // 𠈌 as itself: 4 UTF-8 bytes
  });

  it('does not depend on property order or extra properties', () => {
    const shuffled = Object.fromEntries(
      Object.entries(typicalClaims).reverse(),
    ) as unknown as CertificateClaims;
    const extra = { ...typicalClaims, idNumber: '11010519491231002X' } as CertificateClaims;
    expect(canonicalBytes(shuffled)).toEqual(canonicalBytes(typicalClaims));
    expect(canonicalBytes(extra)).toEqual(canonicalBytes(typicalClaims));
    expect(new TextDecoder().decode(canonicalBytes(extra))).not.toContain('11010519491231002X');
  });

  it('round-trips any valid claims, including CJK Extension B (𠈌) and quotes/backslashes', () => {
    const special = { ...typicalClaims, name: '𠈌"\\𪚥', employer: '“某”公司\\分部' };
    expect(parseCanonicalBytes(canonicalBytes(special))).toEqual(special);
    fc.assert(
      fc.property(claimsArb, (claims) => {
        expect(parseCanonicalBytes(canonicalBytes(claims))).toEqual(claims);
        expect(decodeQrPayload(encodeQrPayload(claims, signature)).claims).toEqual(claims);
      }),
      { numRuns: 300 },
    );
  });

  it('is injective: different claims give different bytes', () => {
    fc.assert(
      fc.property(claimsArb, claimsArb, (a, b) => {
        fc.pre(JSON.stringify(a) !== JSON.stringify(b));
        expect(Buffer.from(canonicalBytes(a)).equals(Buffer.from(canonicalBytes(b)))).toBe(false);
      }),
    );
  });

  it.each<[Partial<Record<keyof CertificateClaims, unknown>>, string]>([
    [{ name: '' }, '“姓名”不能为空'],
    [{ name: ' 王五' }, '首尾不能有空白'],
    [{ name: '王\n五' }, '控制字符'],
    [{ name: '王\uD840五' }, '控制字符'], // lone surrogate
    [{ employer: '单'.repeat(101) }, '超过 100 个字符'],
    [{ gender: '男性' }, '“性别”应为“男”或“女”'],
    [{ level: '高级' }, '员级、助理级或中级'],
    [{ birthMonth: '1992-13' }, 'YYYY-MM'],
    [{ obtainedOn: '2026-02-30' }, '“取得资格时间”应为有效日期'],
    [{ issuedOn: '2026/07/15' }, '“发证日期”应为有效日期'],
    [{ agencyCode: 'GZ 01' }, '认定机构代码'],
    [{ number: 42 }, '“证书编号”缺失或不是文本'],
    [{ series: undefined }, '“系列”缺失或不是文本'],
  ])('refuses invalid claims %j with a Chinese message', (change, message) => {
    const claims = { ...typicalClaims, ...change } as CertificateClaims;
    expect(() => canonicalBytes(claims)).toThrow(CertificatePayloadError);
    expect(() => canonicalBytes(claims)).toThrow(message);
  });
});

describe('base64url', () => {
  it('round-trips any bytes and matches Node', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const text = base64UrlEncode(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64url'));
        expect(base64UrlDecode(text)).toEqual(bytes);
      }),
    );
  });

  it('accepts only canonical text (no padding, no other alphabets, no stray trailing bits)', () => {
    expect(base64UrlDecode('QQ')).toEqual(utf8('A'));
    expect(base64UrlDecode('QR')).toBeUndefined(); // same byte as QQ with non-zero trailing bits
    expect(base64UrlDecode('QQ==')).toBeUndefined();
    expect(base64UrlDecode('a+/b')).toBeUndefined();
    expect(base64UrlDecode('abcde')).toBeUndefined();
    expect(base64UrlDecode('中文')).toBeUndefined();
  });
});

describe('encodeQrPayload / decodeQrPayload', () => {
  const payload = encodeQrPayload(typicalClaims, signature);

  it('has the form ZC1.<base64url(canonical)>.<base64url(r||s)> and decodes back', () => {
    const [version, data, sig] = payload.split('.');
    expect(version).toBe('ZC1');
    expect(Buffer.from(data!, 'base64url')).toEqual(Buffer.from(canonicalBytes(typicalClaims)));
    expect(sig).toHaveLength(86);
    const decoded = decodeQrPayload(payload);
    expect(decoded.claims).toEqual(typicalClaims);
    expect(decoded.signature).toEqual(signature);
    expect(decoded.canonical).toEqual(canonicalBytes(typicalClaims));
    expect(decodeQrPayload(`  ${payload}\r\n`).claims).toEqual(typicalClaims); // scanner's trailing newline
  });

  it('stays small enough for a QR code at error-correction level M', () => {
    const bytes = utf8(payload).length;
    const version = QRCode.create(payload, { errorCorrectionLevel: 'M' }).version;
    console.info(`QR payload, typical certificate: ${bytes} bytes → QR version ${version} at level M`);
    expect(bytes).toBeLessThan(600);
    expect(version).toBeLessThanOrEqual(19);
    // The largest payload validation allows is still under 1 000 bytes (QR version ≤ 25 at M).
    const large = { ...typicalClaims, employer: '单'.repeat(100) };
    const fits = (c: CertificateClaims) => canonicalBytes(c).length <= MAX_CANONICAL_BYTES;
    while (
      (() => {
        try {
          return fits({ ...large, specialty: large.specialty + '𠈌' });
        } catch {
          return false;
        }
      })()
    ) {
      large.specialty += '𠈌';
    }
    expect(canonicalBytes(large).length).toBeGreaterThan(MAX_CANONICAL_BYTES - 4);
    const largest = encodeQrPayload(large, signature);
    const largestVersion = QRCode.create(largest, { errorCorrectionLevel: 'M' }).version;
    console.info(
      `QR payload, largest allowed: ${utf8(largest).length} bytes → QR version ${largestVersion} at level M`,
    );
    expect(utf8(largest).length).toBeLessThan(1000);
    expect(largestVersion).toBeLessThanOrEqual(25);
    expect(decodeQrPayload(largest).claims).toEqual(large);
    // One more 4-byte character is too much, with a message saying what to do.
    expect(() => canonicalBytes({ ...large, specialty: large.specialty + '𠈌' })).toThrow('二维码无法容纳');
  });

  it('refuses a signature that is not 64 bytes', () => {
    expect(() => encodeQrPayload(typicalClaims, new Uint8Array(70))).toThrow('签名应为 64 字节');
  });

  const canonicalOf = (c: CertificateClaims) => base64UrlEncode(canonicalBytes(c));
  const sig = base64UrlEncode(signature);
  it.each<[string, string]>([
    ['', '证书二维码内容为空'],
    ['https://example.com/', '不是本系统的职称证书二维码'],
    ['ZC2.' + canonicalOf(typicalClaims) + '.' + sig, '不是本系统的职称证书二维码'],
    ['ZC1.' + canonicalOf(typicalClaims), '内容不完整或格式错误'],
    ['ZC1.' + canonicalOf(typicalClaims) + '.' + sig + '.x', '内容不完整或格式错误'],
    ['ZC1..' + sig, '证书数据编码错误'],
    ['ZC1.' + canonicalOf(typicalClaims) + '=.' + sig, '证书数据编码错误'],
    ['ZC1.' + canonicalOf(typicalClaims) + '.' + sig.slice(0, -1) + '+', '签名编码错误'],
    ['ZC1.' + canonicalOf(typicalClaims) + '.' + sig + 'AA', '签名长度不正确'],
    ['ZC1.' + canonicalOf(typicalClaims) + '.' + sig.slice(0, -2), '签名长度不正确'],
    ['ZC1.' + base64UrlEncode(new Uint8Array([0xff, 0xfe])) + '.' + sig, '不是有效的 UTF-8'],
    ['ZC1.' + b64('{"a":1}') + '.' + sig, '版本不正确'],
    ['ZC1.' + b64('["ZC1"') + '.' + sig, '无法解析'],
    ['ZC1.' + b64('["ZC1","x"]') + '.' + sig, '项数不正确'],
    ['ZC1.' + b64(JSON.stringify(['ZC1', ...CLAIM_FIELDS.map(() => 1)])) + '.' + sig, '缺失或不是文本'],
    [
      'ZC1.' +
        b64(JSON.stringify(['ZC1', ...CLAIM_FIELDS.map((f) => typicalClaims[f])], null, 1)) +
        '.' +
        sig,
      '不是规范格式',
    ],
    [
      'ZC1.' +
        b64(JSON.stringify(['ZC1', ...CLAIM_FIELDS.map((f) => typicalClaims[f])]).replace('男', '\\u7537')) +
        '.' +
        sig,
      '不是规范格式',
    ],
  ])('refuses malformed payload %# with a Chinese message', (text, message) => {
    expect(() => decodeQrPayload(text)).toThrow(CertificatePayloadError);
    expect(() => decodeQrPayload(text)).toThrow(message);
  });
});
