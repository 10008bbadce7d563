/**
 * The electronic certificate's canonical data and the text of its QR code (issue 10). Pure, no I/O, no Node
 * APIs (also compiled for the browser, so a verification page can decode a payload itself).
 *
 * Canonical serialisation (the bytes that are signed):
 *   UTF-8 of JSON.stringify(["ZC1", number, name, gender, birthMonth, series, specialty, qualification, level,
 *                            agencyCode, agency, documentNumber, obtainedOn, issuedOn, employer])
 *   — a JSON array of 15 strings in this fixed order, the first being the format version, no whitespace,
 *   JSON.stringify's escaping (only `"` and `\` occur, control characters are not allowed in any field).
 *   Any Unicode text round-trips, including characters outside the BMP (CJK Extension B, e.g. 𠈌), which
 *   are written as themselves (4 UTF-8 bytes), never as \u escapes. The ID number is never part of it.
 *
 * QR payload:  ZC1.<base64url(canonical bytes)>.<base64url(signature)>
 *   - base64url without padding (RFC 4648 §5), so the text is URL-safe and can also be put in a link;
 *   - signature = SM2 (GM/T 0003) with SM3 and the Z value of the default user ID 1234567812345678
 *     (GM/T 0009), by the issuing agency's key, over the canonical bytes, as raw r||s: 64 bytes, each
 *     half big-endian and left-padded to 32 bytes (86 base64url characters). Raw rather than DER: smaller
 *     and fixed-length. (GM/T 0009's ASN.1 SEQUENCE { r INTEGER, s INTEGER } is a mechanical conversion.)
 *
 * Unambiguous in both directions: decoding accepts only the exact bytes this module would produce for the
 * claims it finds (the canonical bytes are re-serialised and compared; base64url must be canonical, i.e.
 * re-encode to the same text), so every claims value has exactly one payload text for a given signature, and
 * a changed character can never decode to the same bytes. A verifier in another language does not have to
 * re-serialise: it checks the signature over the decoded bytes as they are, then parses the JSON array.
 */

export const PAYLOAD_VERSION = 'ZC1';
export const SIGNATURE_BYTES = 64;

export type Gender = '男' | '女';
export type QualificationLevel = '员级' | '助理级' | '中级';

export const GENDERS: readonly Gender[] = ['男', '女'];
export const QUALIFICATION_LEVELS: readonly QualificationLevel[] = ['员级', '助理级', '中级'];

/** What the certificate states and the QR code carries (never the ID number). */
export interface CertificateClaims {
  /** 证书编号 */
  number: string;
  /** 姓名 */
  name: string;
  gender: Gender;
  /** 出生年月, YYYY-MM */
  birthMonth: string;
  /** 系列名称 */
  series: string;
  /** 专业名称 */
  specialty: string;
  /** 资格名称, e.g. 助理工程师 */
  qualification: string;
  level: QualificationLevel;
  /** 认定机构代码 (selects the verifying public key) */
  agencyCode: string;
  /** 认定机构名称 */
  agency: string;
  /** 批复文号 */
  documentNumber: string;
  /** 取得资格时间, YYYY-MM-DD */
  obtainedOn: string;
  /** 发证日期, YYYY-MM-DD */
  issuedOn: string;
  /** 工作单位 */
  employer: string;
}

/** The fixed order of the canonical array (after the version). Changing it needs a new version. */
export const CLAIM_FIELDS = [
  'number',
  'name',
  'gender',
  'birthMonth',
  'series',
  'specialty',
  'qualification',
  'level',
  'agencyCode',
  'agency',
  'documentNumber',
  'obtainedOn',
  'issuedOn',
  'employer',
] as const satisfies readonly (keyof CertificateClaims)[];

const FIELD_LABELS: Record<keyof CertificateClaims, string> = {
  number: '证书编号',
  name: '姓名',
  gender: '性别',
  birthMonth: '出生年月',
  series: '系列',
  specialty: '专业',
  qualification: '资格名称',
  level: '资格级别',
  agencyCode: '认定机构代码',
  agency: '认定机构',
  documentNumber: '批复文号',
  obtainedOn: '取得资格时间',
  issuedOn: '发证日期',
  employer: '工作单位',
};

/** Longest free-text field, in characters (code points). */
export const MAX_TEXT_LENGTH = 100;
/**
 * Largest canonical serialisation. Keeps every payload under 1 000 bytes (≤ 4 + 854 + 1 + 86 = 945), i.e.
 * at most QR version 25 at error-correction level M; a typical certificate's payload is about 500 bytes
 * (version 17).
 */
export const MAX_CANONICAL_BYTES = 640;
const MAX_PAYLOAD_CHARS = 4 + Math.ceil((MAX_CANONICAL_BYTES * 4) / 3) + 1 + 86;

/** Malformed claims or QR payload; the message is Chinese and safe to show to the person who scanned it. */
export class CertificatePayloadError extends Error {
  override readonly name = 'CertificatePayloadError';
}

// C0/C1 controls, line/paragraph separators; lone surrogates (\p{Cs} only matches unpaired ones with /u).
const FORBIDDEN_CHARS = /[\p{Cc}\u2028\u2029\p{Cs}]/u;
const AGENCY_CODE = /^[A-Za-z0-9_-]{1,64}$/;
const BIRTH_MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isCalendarDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1900 && date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function checkField(field: keyof CertificateClaims, value: unknown): string {
  const label = FIELD_LABELS[field];
  if (typeof value !== 'string') throw new CertificatePayloadError(`证书数据的“${label}”缺失或不是文本`);
  if (value.trim() === '') throw new CertificatePayloadError(`证书数据的“${label}”不能为空`);
  if (value !== value.trim()) throw new CertificatePayloadError(`证书数据的“${label}”首尾不能有空白`);
  if (FORBIDDEN_CHARS.test(value))
    throw new CertificatePayloadError(`证书数据的“${label}”含有不允许的控制字符`);
  if ([...value].length > MAX_TEXT_LENGTH) {
    throw new CertificatePayloadError(`证书数据的“${label}”超过 ${MAX_TEXT_LENGTH} 个字符`);
  }
  switch (field) {
    case 'gender':
      if (!(GENDERS as readonly string[]).includes(value)) {
        throw new CertificatePayloadError('证书数据的“性别”应为“男”或“女”');
      }
      break;
    case 'level':
      if (!(QUALIFICATION_LEVELS as readonly string[]).includes(value)) {
        throw new CertificatePayloadError('证书数据的“资格级别”应为员级、助理级或中级');
      }
      break;
    case 'birthMonth':
      if (!BIRTH_MONTH.test(value) || Number(value.slice(0, 4)) < 1900) {
        throw new CertificatePayloadError('证书数据的“出生年月”应为 YYYY-MM 格式');
      }
      break;
    case 'obtainedOn':
    case 'issuedOn':
      if (!isCalendarDate(value)) {
        throw new CertificatePayloadError(`证书数据的“${label}”应为有效日期（YYYY-MM-DD）`);
      }
      break;
    case 'agencyCode':
      if (!AGENCY_CODE.test(value)) {
        throw new CertificatePayloadError('证书数据的“认定机构代码”只能包含字母、数字、下划线和连字符');
      }
      break;
  }
  return value;
}

/** Checks every field; returns a copy holding exactly the claim fields (extra properties are dropped). */
export function validateClaims(claims: CertificateClaims): CertificateClaims {
  const out: Record<string, string> = {};
  for (const field of CLAIM_FIELDS)
    out[field] = checkField(field, (claims as unknown as Record<string, unknown>)[field]);
  return out as unknown as CertificateClaims;
}

function canonicalText(claims: CertificateClaims): string {
  const valid = validateClaims(claims);
  return JSON.stringify([PAYLOAD_VERSION, ...CLAIM_FIELDS.map((f) => valid[f])]);
}

/** The bytes that are signed (see the header). Throws CertificatePayloadError for invalid claims. */
export function canonicalBytes(claims: CertificateClaims): Uint8Array {
  const bytes = new TextEncoder().encode(canonicalText(claims));
  if (bytes.length > MAX_CANONICAL_BYTES) {
    throw new CertificatePayloadError(
      `证书数据过长（共 ${bytes.length} 字节，最多 ${MAX_CANONICAL_BYTES} 字节），二维码无法容纳，请精简工作单位等名称`,
    );
  }
  return bytes;
}

/** Inverse of canonicalBytes; accepts only bytes canonicalBytes would produce. */
export function parseCanonicalBytes(bytes: Uint8Array): CertificateClaims {
  if (bytes.length > MAX_CANONICAL_BYTES) throw new CertificatePayloadError('证书二维码中的证书数据过长');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new CertificatePayloadError('证书二维码内容不是有效的 UTF-8 文本');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CertificatePayloadError('证书二维码中的证书数据无法解析');
  }
  if (!Array.isArray(parsed) || parsed[0] !== PAYLOAD_VERSION) {
    throw new CertificatePayloadError('证书二维码中的证书数据版本不正确');
  }
  if (parsed.length !== CLAIM_FIELDS.length + 1) {
    throw new CertificatePayloadError('证书二维码中的证书数据项数不正确');
  }
  const claims = Object.fromEntries(CLAIM_FIELDS.map((f, i) => [f, parsed[i + 1]])) as CertificateClaims;
  validateClaims(claims);
  if (canonicalText(claims) !== text) {
    throw new CertificatePayloadError('证书二维码中的证书数据不是规范格式');
  }
  return claims;
}

// ---- base64url (RFC 4648 §5, no padding), strict: the decoder accepts only what the encoder produces ----

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64URL_INDEX = new Map([...B64URL].map((c, i) => [c, i]));

export function base64UrlEncode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i]!;
    const b1 = bytes[i + 1];
    const b2 = bytes[i + 2];
    out += B64URL[b0 >> 2]! + B64URL[((b0 & 3) << 4) | ((b1 ?? 0) >> 4)]!;
    if (b1 !== undefined) out += B64URL[((b1 & 15) << 2) | ((b2 ?? 0) >> 6)]!;
    if (b2 !== undefined) out += B64URL[b2 & 63]!;
  }
  return out;
}

/** Returns undefined for anything that is not canonical unpadded base64url. */
export function base64UrlDecode(text: string): Uint8Array | undefined {
  if (text.length % 4 === 1) return undefined;
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (const ch of text) {
    const v = B64URL_INDEX.get(ch);
    if (v === undefined) return undefined;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  // Leftover bits must be zero, otherwise two texts would decode to the same bytes.
  if ((acc & ((1 << bits) - 1)) !== 0) return undefined;
  return out;
}

// ---- QR payload ----

export interface DecodedPayload {
  claims: CertificateClaims;
  /** The exact bytes the signature is over. */
  canonical: Uint8Array;
  /** SM2 signature, raw r||s (64 bytes). */
  signature: Uint8Array;
}

/** ZC1.<base64url(canonical)>.<base64url(r||s)>. Throws CertificatePayloadError for invalid claims. */
export function encodeQrPayload(claims: CertificateClaims, signature: Uint8Array): string {
  if (signature.length !== SIGNATURE_BYTES) {
    throw new CertificatePayloadError(
      `签名应为 ${SIGNATURE_BYTES} 字节（r||s），实际为 ${signature.length} 字节`,
    );
  }
  return `${PAYLOAD_VERSION}.${base64UrlEncode(canonicalBytes(claims))}.${base64UrlEncode(signature)}`;
}

/**
 * Parses a scanned QR text (surrounding whitespace, e.g. a scanner's trailing newline, is ignored). Does not
 * check the signature. Throws CertificatePayloadError with a Chinese message for malformed input.
 */
export function decodeQrPayload(text: string): DecodedPayload {
  if (typeof text !== 'string' || text.trim() === '') throw new CertificatePayloadError('证书二维码内容为空');
  if (text.length > MAX_PAYLOAD_CHARS + 16) throw new CertificatePayloadError('证书二维码内容过长');
  const parts = text.trim().split('.');
  if (parts[0] !== PAYLOAD_VERSION) {
    throw new CertificatePayloadError('不是本系统的职称证书二维码，或二维码版本不受支持');
  }
  if (parts.length !== 3) throw new CertificatePayloadError('证书二维码内容不完整或格式错误');
  const canonical = base64UrlDecode(parts[1]!);
  if (!canonical || canonical.length === 0)
    throw new CertificatePayloadError('证书二维码中的证书数据编码错误');
  const signature = base64UrlDecode(parts[2]!);
  if (!signature) throw new CertificatePayloadError('证书二维码中的签名编码错误');
  if (signature.length !== SIGNATURE_BYTES) throw new CertificatePayloadError('证书二维码中的签名长度不正确');
  return { claims: parseCanonicalBytes(canonical), canonical, signature };
}
