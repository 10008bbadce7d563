/**
 * A second, independent SM2 signature implementation for interoperability tests — test code only.
 *
 * gm-crypto (the second library) implements SM2 encryption, key generation and SM3, but has no SM2
 * signature API (checked in gm-crypto 0.1.12: SM2 exports only generateKeyPair/encrypt/decrypt). So the
 * signature equations of GM/T 0003.2 §6–7 are written out here with plain BigInt affine arithmetic
 * (nothing shared with sm-crypto-v2's @noble/curves), hashing with gm-crypto's SM3, over keys that
 * gm-crypto generates. Textbook, not constant-time: never use outside tests.
 */
import { SM3 } from 'gm-crypto';

export const P = BigInt('0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFF');
export const A = BigInt('0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFC');
export const B = BigInt('0x28E9FA9E9D9F5E344D5A9E4BCF6509A7F39789F515AB8F92DDBCBD414D940E93');
export const N = BigInt('0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123');
const GX = BigInt('0x32C4AE2C1F1981195F9904466A39C9948FE30BBFF2660BE1715A4589334C74C7');
const GY = BigInt('0xBC3736A2F4F6779C59BDCEE36B692153D0A9877CC62A474002DF32E52139F0A0');

type Point = { x: bigint; y: bigint } | null; // null = point at infinity

const G: Point = { x: GX, y: GY };

function mod(a: bigint, m: bigint): bigint {
  const r = a % m;
  return r < 0n ? r + m : r;
}

function inv(a: bigint, m: bigint): bigint {
  let [r0, r1] = [mod(a, m), m];
  let [s0, s1] = [1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  if (r0 !== 1n) throw new Error('not invertible');
  return mod(s0, m);
}

function onCurve(pt: Point): boolean {
  return pt !== null && mod(pt.y * pt.y - (pt.x * pt.x * pt.x + A * pt.x + B), P) === 0n;
}

function add(p1: Point, p2: Point): Point {
  if (p1 === null) return p2;
  if (p2 === null) return p1;
  if (p1.x === p2.x && mod(p1.y + p2.y, P) === 0n) return null;
  const lambda =
    p1.x === p2.x && p1.y === p2.y
      ? mod((3n * p1.x * p1.x + A) * inv(2n * p1.y, P), P)
      : mod((p2.y - p1.y) * inv(p2.x - p1.x, P), P);
  const x = mod(lambda * lambda - p1.x - p2.x, P);
  return { x, y: mod(lambda * (p1.x - x) - p1.y, P) };
}

function mul(k: bigint, pt: Point): Point {
  let result: Point = null;
  let addend = pt;
  for (let e = k; e > 0n; e >>= 1n) {
    if (e & 1n) result = add(result, addend);
    addend = add(addend, addend);
  }
  return result;
}

export function hex32(v: bigint): string {
  return v.toString(16).padStart(64, '0');
}

export function sm3(data: Uint8Array): Uint8Array {
  return new Uint8Array(SM3.digest(Buffer.from(data)));
}

function parsePublicKey(publicKeyHex: string): Point {
  if (!/^04[0-9a-fA-F]{128}$/.test(publicKeyHex)) return null;
  const pt = { x: BigInt('0x' + publicKeyHex.slice(2, 66)), y: BigInt('0x' + publicKeyHex.slice(66)) };
  return pt.x < P && pt.y < P && onCurve(pt) ? pt : null;
}

export function refPublicKey(privateKeyHex: string): string {
  const pt = mul(BigInt('0x' + privateKeyHex), G)!;
  return '04' + hex32(pt.x) + hex32(pt.y);
}

/** Z_A = SM3(ENTL || ID || a || b || xG || yG || xA || yA) */
export function refZ(publicKeyHex: string, userId = '1234567812345678'): Uint8Array {
  const id = Buffer.from(userId, 'utf8');
  const entl = id.length * 8;
  return sm3(
    Buffer.concat([
      Buffer.from([entl >> 8, entl & 0xff]),
      id,
      Buffer.from(hex32(A) + hex32(B) + hex32(GX) + hex32(GY) + publicKeyHex.slice(2), 'hex'),
    ]),
  );
}

function digest(message: Uint8Array, publicKeyHex: string): bigint {
  return BigInt('0x' + Buffer.from(sm3(Buffer.concat([refZ(publicKeyHex), message]))).toString('hex'));
}

/** Returns r || s (64 bytes). `k` fixed only for known-answer tests. */
export function refSign(message: Uint8Array, privateKeyHex: string, k?: bigint): Uint8Array {
  const d = BigInt('0x' + privateKeyHex);
  const e = digest(message, refPublicKey(privateKeyHex));
  for (;;) {
    const kk =
      k ??
      mod(BigInt('0x' + Buffer.from(crypto.getRandomValues(new Uint8Array(40))).toString('hex')), N - 1n) +
        1n;
    const x1 = mul(kk, G)!.x;
    const r = mod(e + x1, N);
    if (r === 0n || r + kk === N) continue;
    const s = mod(inv(1n + d, N) * (kk - r * d), N);
    if (s === 0n) continue;
    return new Uint8Array(Buffer.from(hex32(r) + hex32(s), 'hex'));
  }
}

export function refVerify(message: Uint8Array, signature: Uint8Array, publicKeyHex: string): boolean {
  if (signature.length !== 64) return false;
  const pa = parsePublicKey(publicKeyHex);
  if (pa === null) return false;
  const hex = Buffer.from(signature).toString('hex');
  const r = BigInt('0x' + hex.slice(0, 64));
  const s = BigInt('0x' + hex.slice(64));
  if (r < 1n || r >= N || s < 1n || s >= N) return false;
  const t = mod(r + s, N);
  if (t === 0n) return false;
  const pt = add(mul(s, G), mul(t, pa));
  if (pt === null) return false;
  return mod(digest(message, publicKeyHex) + pt.x, N) === r;
}

// ---- GM/T 0009 SM2Signature ::= SEQUENCE { r INTEGER, s INTEGER } (DER), for OpenSSL ----

function derInteger(v: Uint8Array): Buffer {
  let i = 0;
  while (i < v.length - 1 && v[i] === 0) i++;
  let body = Buffer.from(v.subarray(i));
  if (body[0]! & 0x80) body = Buffer.concat([Buffer.from([0]), body]);
  return Buffer.concat([Buffer.from([0x02, body.length]), body]);
}

export function rawToDer(signature: Uint8Array): Buffer {
  const body = Buffer.concat([derInteger(signature.subarray(0, 32)), derInteger(signature.subarray(32))]);
  return Buffer.concat([Buffer.from([0x30, body.length]), body]);
}

export function derToRaw(der: Uint8Array): Uint8Array {
  const buf = Buffer.from(der);
  if (buf[0] !== 0x30 || buf[1] !== buf.length - 2) throw new Error('not a DER SEQUENCE');
  const ints: Buffer[] = [];
  let o = 2;
  while (o < buf.length) {
    if (buf[o] !== 0x02) throw new Error('not a DER INTEGER');
    const len = buf[o + 1]!;
    ints.push(buf.subarray(o + 2, o + 2 + len));
    o += 2 + len;
  }
  if (ints.length !== 2) throw new Error('expected two INTEGERs');
  return new Uint8Array(
    Buffer.from(ints.map((i) => hex32(BigInt('0x' + i.toString('hex')))).join(''), 'hex'),
  );
}

/** PEM encodings of SM2 keys for the OpenSSL command line (SubjectPublicKeyInfo, SEC 1 ECPrivateKey). */
export function publicKeyPem(publicKeyHex: string): string {
  return pem('PUBLIC KEY', '3059301306072a8648ce3d020106082a811ccf5501822d034200' + publicKeyHex);
}

export function privateKeyPem(privateKeyHex: string, publicKeyHex: string): string {
  return pem(
    'EC PRIVATE KEY',
    '30770201010420' + privateKeyHex + 'a00a06082a811ccf5501822da144034200' + publicKeyHex,
  );
}

function pem(label: string, derHex: string): string {
  const b64 = Buffer.from(derHex, 'hex').toString('base64');
  return `-----BEGIN ${label}-----\n${b64.match(/.{1,64}/g)!.join('\n')}\n-----END ${label}-----\n`;
}
