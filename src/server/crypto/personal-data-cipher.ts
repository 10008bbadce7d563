/**
 * Personal data at rest (issue 13 item 5; GB/T 39786-2021 level 3, 密评): ID numbers and mobile numbers
 * are stored SM4-encrypted with a keyed SM3 blind index for equality lookups, so a stolen database dump
 * reveals neither.
 *
 * Node's OpenSSL has SM4 in CTR but no GCM, so the value is authenticated by encrypt-then-MAC:
 *   c = SM4-CTR(k_enc, iv, value)        (GB/T 32907; iv: 16 random bytes per value)
 *   t = HMAC-SM3(k_mac, "zc1|" kid "|" field "|" iv c)   (GB/T 32905, RFC 2104)
 * stored as the text `zc1:<kid>:<base64url(iv ‖ c ‖ t)>` — self-describing, so a row written under an
 * older key is still read, and rotation can find it. The field name is in the MAC: a ciphertext moved
 * from the mobile column into the ID column is refused.
 * Blind index = hex HMAC-SM3(k_idx, field ":" normalised value): equal values give equal indexes under
 * one key, and without the key the index reveals nothing (the ID-number space is small enough to
 * enumerate, so an unkeyed hash would not do). k_enc, k_mac and k_idx are derived from the master key
 * by HMAC-SM3 with distinct labels. Lookups compute the index under every key still held, so they
 * keep working while a rotation is under way.
 */
import { createCipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError } from '../errors.js';
import type { PersonalDataKeys } from './personal-data-keys.js';

export type PersonalField = 'id_number' | 'mobile';

const VERSION = 'zc1';
const IV_BYTES = 16;
const TAG_BYTES = 32;

export function hmacSm3(key: Uint8Array, ...parts: (string | Uint8Array)[]): Buffer {
  const h = createHmac('sm3', key);
  for (const p of parts) h.update(p);
  return h.digest();
}

/** SM4 in counter mode (encryption and decryption are the same operation). */
export function sm4Ctr(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Buffer {
  const c = createCipheriv('sm4-ctr', key, iv);
  return Buffer.concat([c.update(data), c.final()]);
}

interface DerivedKeys {
  enc: Buffer;
  mac: Buffer;
  index: Buffer;
}

export function derivePersonalDataKeys(master: Uint8Array): DerivedKeys {
  return {
    enc: hmacSm3(master, 'zc personal data: sm4 encryption').subarray(0, 16),
    mac: hmacSm3(master, 'zc personal data: hmac-sm3 authentication'),
    index: hmacSm3(master, 'zc personal data: blind index'),
  };
}

/** The form a value is indexed in: what a person types and what was stored compare equal. */
export function normalisePersonal(field: PersonalField, value: string): string {
  const v = value.trim();
  return field === 'id_number' ? v.toUpperCase() : v;
}

const unreadable = (why: string) =>
  new AppError(
    'PERSONAL_DATA_UNREADABLE',
    500,
    `个人信息密文无法解密（${why}），请联系系统管理员核对个人信息密钥`,
  );

export class PersonalDataCipher {
  private readonly derived = new Map<string, DerivedKeys>();

  constructor(readonly keys: PersonalDataKeys) {}

  private keysOf(kid: string): DerivedKeys | undefined {
    let d = this.derived.get(kid);
    if (!d) {
      const master = this.keys.key(kid);
      if (!master) return undefined;
      d = derivePersonalDataKeys(master);
      this.derived.set(kid, d);
    }
    return d;
  }

  private tag(k: DerivedKeys, kid: string, field: PersonalField, ivAndCipher: Uint8Array): Buffer {
    return hmacSm3(k.mac, `${VERSION}|${kid}|${field}|`, ivAndCipher);
  }

  encrypt(field: PersonalField, value: string): string {
    const kid = this.keys.currentKeyId;
    const k = this.keysOf(kid)!;
    const iv = randomBytes(IV_BYTES);
    const body = Buffer.concat([iv, sm4Ctr(k.enc, iv, Buffer.from(value, 'utf8'))]);
    return `${VERSION}:${kid}:${Buffer.concat([body, this.tag(k, kid, field, body)]).toString('base64url')}`;
  }

  decrypt(field: PersonalField, stored: string): string {
    const [version, kid, data, extra] = stored.split(':');
    if (version !== VERSION || !kid || data === undefined || extra !== undefined)
      throw unreadable('格式不正确');
    const k = this.keysOf(kid);
    if (!k) throw unreadable(`缺少编号为“${kid}”的密钥`);
    const raw = Buffer.from(data, 'base64url');
    if (raw.length < IV_BYTES + TAG_BYTES) throw unreadable('长度不正确');
    const body = raw.subarray(0, raw.length - TAG_BYTES);
    const tag = raw.subarray(raw.length - TAG_BYTES);
    if (!timingSafeEqual(tag, this.tag(k, kid, field, body)))
      throw unreadable('校验码不符，密文被改动或密钥不对');
    return sm4Ctr(k.enc, body.subarray(0, IV_BYTES), body.subarray(IV_BYTES)).toString('utf8');
  }

  /** The id of the key a stored value was written with (rotation: everything not under the current). */
  keyIdOf(stored: string): string | undefined {
    return stored.split(':')[1];
  }

  /** The index under the current key: what is stored. */
  blindIndex(field: PersonalField, value: string): string {
    return this.indexUnder(this.keys.currentKeyId, field, value);
  }

  /** The index under every key still held, the current first: what a lookup matches against. */
  blindIndexes(field: PersonalField, value: string): string[] {
    return this.keys.keyIds().map((kid) => this.indexUnder(kid, field, value));
  }

  private indexUnder(kid: string, field: PersonalField, value: string): string {
    return hmacSm3(this.keysOf(kid)!.index, `${field}:`, normalisePersonal(field, value)).toString('hex');
  }
}

let current: PersonalDataCipher | null = null;

/** Sets the cipher this process reads and writes personal data with (at start-up, before any query). */
export function usePersonalDataKeys(keys: PersonalDataKeys): PersonalDataCipher {
  return usePersonalDataCipher(new PersonalDataCipher(keys));
}

/** The same with a cipher object (a subclass wrapping a KMS or a 密码机, or the bench's pass-through). */
export function usePersonalDataCipher(cipher: PersonalDataCipher): PersonalDataCipher {
  current = cipher;
  return current;
}

export function personalData(): PersonalDataCipher {
  if (!current)
    throw new Error(
      '个人信息密钥尚未加载：请在启动时调用 usePersonalDataKeys（PERSONAL_DATA_KEYS 或密钥目录）',
    );
  return current;
}

/** Null-tolerant helpers for the columns (a person may have no mobile; the first admin no ID number). */
export const encryptIdNumber = (v: string) => personalData().encrypt('id_number', v);
export const encryptMobile = (v: string | null | undefined) =>
  v ? personalData().encrypt('mobile', v) : null;
export const decryptIdNumber = (c: string | null) =>
  c === null ? null : personalData().decrypt('id_number', c);
export const decryptMobile = (c: string | null) => (c === null ? null : personalData().decrypt('mobile', c));
export const idNumberIndex = (v: string) => personalData().blindIndex('id_number', v);
export const idNumberIndexes = (v: string) => personalData().blindIndexes('id_number', v);

/** The stored columns of an ID number: ciphertext and blind index. */
export function idNumberColumns(idNumber: string): { idNumberCipher: string; idNumberIndex: string } {
  return { idNumberCipher: encryptIdNumber(idNumber), idNumberIndex: idNumberIndex(idNumber) };
}

/** The stored columns of a person's ID and mobile numbers (either may be absent). */
export function personColumns(v: { idNumber?: string | null; mobile?: string | null }) {
  return {
    ...(v.idNumber ? idNumberColumns(v.idNumber) : { idNumberCipher: null, idNumberIndex: null }),
    mobileCipher: encryptMobile(v.mobile),
  };
}

/** A stored person row with its numbers decrypted. */
export function readPerson<T extends { idNumberCipher: string | null; mobileCipher: string | null }>(
  row: T,
): T & { idNumber: string | null; mobile: string | null } {
  return { ...row, idNumber: decryptIdNumber(row.idNumberCipher), mobile: decryptMobile(row.mobileCipher) };
}

/** A selected row with `idNumberCipher` replaced by the decrypted `idNumber`. */
export function withIdNumber<T extends { idNumberCipher: string | null }>(
  row: T,
): Omit<T, 'idNumberCipher'> & { idNumber: string | null } {
  const { idNumberCipher, ...rest } = row;
  return { ...rest, idNumber: decryptIdNumber(idNumberCipher) };
}
