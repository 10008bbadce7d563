/**
 * The personal-data cipher (issue 13 item 5): SM4 and SM3 against the standards' published vectors,
 * HMAC-SM3 and the whole stored format re-computed by second implementations (sm-crypto-v2's SM4-ECB
 * and HMAC-SM3, gm-crypto's SM3), tampering refused, round trips for any text.
 */
import { createCipheriv, createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SM3 as GmSM3 } from 'gm-crypto';
import { sm3 as smV2Sm3, sm4 as smV2Sm4 } from 'sm-crypto-v2';
import {
  PersonalDataCipher,
  derivePersonalDataKeys,
  hmacSm3,
  sm4Ctr,
} from '../../../src/server/crypto/personal-data-cipher.js';
import {
  StaticPersonalDataKeys,
  parsePersonalDataKeys,
} from '../../../src/server/crypto/personal-data-keys.js';
import { AppError } from '../../../src/server/errors.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const K1 = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';
const K2 = 'ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100';
const cipher = new PersonalDataCipher(new StaticPersonalDataKeys('a', { a: K1 }));

/** RFC 2104 over gm-crypto's SM3: a third implementation of HMAC-SM3. */
function gmHmacSm3(key: Uint8Array, message: Uint8Array): string {
  const block = Buffer.alloc(64);
  Buffer.from(key.length > 64 ? Buffer.from(GmSM3.digest(Buffer.from(key))) : key).copy(block);
  const pad = (b: number) => Buffer.from(block.map((x) => x ^ b));
  const inner = Buffer.from(GmSM3.digest(Buffer.concat([pad(0x36), message])));
  return Buffer.from(GmSM3.digest(Buffer.concat([pad(0x5c), inner]))).toString('hex');
}

/** SM4-CTR by sm-crypto-v2's SM4 block function: keystream block i = E(iv + i), big-endian. */
function smV2Ctr(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Buffer {
  const out = Buffer.alloc(data.length);
  let counter = BigInt('0x' + hex(iv));
  for (let i = 0; i < data.length; i += 16) {
    const block = Buffer.from(counter.toString(16).padStart(32, '0'), 'hex');
    const stream = smV2Sm4.encrypt(block, key, { mode: 'ecb', padding: 'none', output: 'array' });
    for (let j = 0; j < 16 && i + j < data.length; j++) out[i + j] = data[i + j]! ^ stream[j]!;
    counter = (counter + 1n) % (1n << 128n);
  }
  return out;
}

describe('SM4 and SM3 known answers', () => {
  it('SM4 (GB/T 32907-2016 附录 A): key = plaintext = 0123456789abcdeffedcba9876543210', () => {
    const k = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
    const e = createCipheriv('sm4-ecb', k, null).setAutoPadding(false);
    expect(hex(Buffer.concat([e.update(k), e.final()]))).toBe('681edf34d206965e86b3e94f536e4246');
    // CTR's first keystream block is E(iv): with iv = the plaintext, zeros encrypt to the vector.
    expect(hex(sm4Ctr(k, k, Buffer.alloc(16)))).toBe('681edf34d206965e86b3e94f536e4246');
    expect(smV2Sm4.encrypt(k, k, { mode: 'ecb', padding: 'none' })).toBe('681edf34d206965e86b3e94f536e4246');
  });

  it('SM3 (GB/T 32905-2016 附录 A): "abc"', () => {
    const abc = '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0';
    expect(createHash('sm3').update('abc').digest('hex')).toBe(abc);
    expect(smV2Sm3('abc')).toBe(abc);
    expect(Buffer.from(GmSM3.digest('abc')).toString('hex')).toBe(abc);
  });

  it('HMAC-SM3 agrees with sm-crypto-v2 and with RFC 2104 over gm-crypto, for any key and message', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 100 }),
        fc.uint8Array({ maxLength: 200 }),
        (k, m) => {
          const ours = hex(hmacSm3(k, m));
          expect(ours).toBe(smV2Sm3(m, { key: k, mode: 'hmac' }));
          expect(ours).toBe(gmHmacSm3(k, m));
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('stored format, read by a second implementation', () => {
  it('decrypts our ciphertext with sm-crypto-v2 SM4 and checks our MAC with gm-crypto SM3', () => {
    const master = Buffer.from(K1, 'hex');
    // Sub-keys derived by the other library's HMAC-SM3 from the labels our format documents.
    const enc = Buffer.from(
      smV2Sm3('zc personal data: sm4 encryption', { key: master, mode: 'hmac' }),
      'hex',
    ).subarray(0, 16);
    const mac = Buffer.from(
      smV2Sm3('zc personal data: hmac-sm3 authentication', { key: master, mode: 'hmac' }),
      'hex',
    );
    const idx = Buffer.from(smV2Sm3('zc personal data: blind index', { key: master, mode: 'hmac' }), 'hex');
    expect(derivePersonalDataKeys(master)).toEqual({ enc, mac, index: idx });
    for (const value of ['36070219900101001X', '13907971234', '张三 and more than one block of text']) {
      const field = value.startsWith('139') ? 'mobile' : 'id_number';
      const stored = cipher.encrypt(field, value);
      const [version, kid, data] = stored.split(':');
      expect([version, kid]).toEqual(['zc1', 'a']);
      const raw = Buffer.from(data!, 'base64url');
      const body = raw.subarray(0, raw.length - 32);
      expect(gmHmacSm3(mac, Buffer.concat([Buffer.from(`zc1|a|${field}|`), body]))).toBe(
        hex(raw.subarray(-32)),
      );
      expect(smV2Ctr(enc, body.subarray(0, 16), body.subarray(16)).toString('utf8')).toBe(value);
      expect(stored).not.toContain(value);
    }
    expect(cipher.blindIndex('id_number', '36070219900101001x')).toBe(
      smV2Sm3('id_number:36070219900101001X', { key: idx, mode: 'hmac' }),
    );
  });

  it('round-trips any text; a fresh IV each time; equal values give equal indexes', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (v) => {
        const a = cipher.encrypt('mobile', v);
        expect(cipher.decrypt('mobile', a)).toBe(v);
        expect(cipher.encrypt('mobile', v)).not.toBe(a);
        expect(cipher.blindIndex('mobile', ` ${v} `)).toBe(cipher.blindIndex('mobile', v.trim()));
      }),
      { numRuns: 100 },
    );
  });
});

describe('refusals', () => {
  const refused = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('PERSONAL_DATA_UNREADABLE');
      expect((e as AppError).message).toMatch(/个人信息密文无法解密/);
      return (e as AppError).message;
    }
    throw new Error('not refused');
  };
  const stored = cipher.encrypt('id_number', '36070219900101001X');
  const flip = (s: string, at: number) => {
    const [v, k, d] = s.split(':');
    const raw = Buffer.from(d!, 'base64url');
    raw[at < 0 ? raw.length + at : at]! ^= 1;
    return `${v}:${k}:${raw.toString('base64url')}`;
  };

  it('a changed IV, ciphertext or MAC byte', () => {
    expect(refused(() => cipher.decrypt('id_number', flip(stored, 0)))).toMatch(/校验码不符/);
    expect(refused(() => cipher.decrypt('id_number', flip(stored, 20)))).toMatch(/校验码不符/);
    expect(refused(() => cipher.decrypt('id_number', flip(stored, -1)))).toMatch(/校验码不符/);
  });

  it('a value moved to another field, a wrong key under the same id, an unknown key, a bad format', () => {
    expect(refused(() => cipher.decrypt('mobile', stored))).toMatch(/校验码不符/);
    const other = new PersonalDataCipher(new StaticPersonalDataKeys('a', { a: K2 }));
    expect(refused(() => other.decrypt('id_number', stored))).toMatch(/校验码不符/);
    const rotated = new PersonalDataCipher(new StaticPersonalDataKeys('b', { b: K2 }));
    expect(refused(() => rotated.decrypt('id_number', stored))).toMatch(/缺少编号为“a”的密钥/);
    expect(refused(() => cipher.decrypt('id_number', '36070219900101001X'))).toMatch(/格式不正确/);
    expect(refused(() => cipher.decrypt('id_number', 'zc1:a:AAAA'))).toMatch(/长度不正确/);
  });
});

describe('keys', () => {
  it('PERSONAL_DATA_KEYS: the first is current, older ones still read; indexes under every key', () => {
    const keys = parsePersonalDataKeys(`b:${K2}, a:${K1}`);
    expect(keys.currentKeyId).toBe('b');
    expect(keys.keyIds()).toEqual(['b', 'a']);
    const both = new PersonalDataCipher(keys);
    expect(both.decrypt('id_number', cipher.encrypt('id_number', '36070219900101001X'))).toBe(
      '36070219900101001X',
    );
    expect(both.keyIdOf(both.encrypt('id_number', 'x'))).toBe('b');
    expect(both.blindIndexes('id_number', '36070219900101001X')).toEqual([
      new PersonalDataCipher(new StaticPersonalDataKeys('b', { b: K2 })).blindIndex(
        'id_number',
        '36070219900101001X',
      ),
      cipher.blindIndex('id_number', '36070219900101001X'),
    ]);
  });

  it('refuses malformed settings in Chinese', () => {
    expect(() => parsePersonalDataKeys('')).toThrow(/没有密钥/);
    expect(() => parsePersonalDataKeys('abc')).toThrow(/格式应为/);
    expect(() => parsePersonalDataKeys('a:1234')).toThrow(/64 位十六进制/);
    expect(() => parsePersonalDataKeys(`a b:${K1}`)).toThrow(/只能由字母/);
    expect(() => parsePersonalDataKeys(`a:${K1},a:${K2}`)).toThrow(/重复/);
  });
});
