/**
 * SM2 digital signatures (GM/T 0003-2012, GB/T 32918) with SM3 (GM/T 0004), via sm-crypto-v2.
 *
 * Node's crypto cannot be used: with a key on the SM2 curve it computes ECDSA, not SM2.
 *
 * What is signed: SM3(Z_A || M), Z_A = SM3(ENTL_A || ID_A || a || b || x_G || y_G || x_A || y_A), with the
 * default user ID "1234567812345678" (GM/T 0009-2012) — sm-crypto-v2's `hash: true` with `userId` unset.
 * This is the form GmSSL, OpenSSL 3 (`-pkeyopt distid:1234567812345678`), BouncyCastle and
 * hardware signature devices use by default.
 *
 * Key formats (lower-case hex):
 *   - private key: 64 hex characters, the scalar d with 1 ≤ d ≤ n − 2;
 *   - public key: 130 hex characters, uncompressed point 04 || x || y (x, y 32 bytes each, big-endian).
 * Signature: raw r || s, 64 bytes (r and s big-endian, left-padded to 32 bytes), not DER.
 */
import { sm2 } from 'sm-crypto-v2';

export const SM2_DEFAULT_USER_ID = '1234567812345678';
export const SM2_SIGNATURE_BYTES = 64;

/** Order n of the SM2 recommended curve's base point (GM/T 0003.5). */
const N = BigInt('0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123');
const PRIVATE_KEY_HEX = /^[0-9a-f]{64}$/;
const PUBLIC_KEY_HEX = /^04[0-9a-f]{128}$/;

export interface Sm2KeyPair {
  /** 04 || x || y, 130 hex characters */
  publicKey: string;
  /** d, 64 hex characters */
  privateKey: string;
}

export function isValidSm2PrivateKey(privateKeyHex: string): boolean {
  if (typeof privateKeyHex !== 'string' || !PRIVATE_KEY_HEX.test(privateKeyHex)) return false;
  const d = BigInt('0x' + privateKeyHex);
  return d >= 1n && d <= N - 2n; // (1 + d) must be invertible mod n
}

export function isValidSm2PublicKey(publicKeyHex: string): boolean {
  if (typeof publicKeyHex !== 'string' || !PUBLIC_KEY_HEX.test(publicKeyHex)) return false;
  try {
    return sm2.verifyPublicKey(publicKeyHex); // on the curve, not the point at infinity
  } catch {
    return false;
  }
}

function assertPrivateKey(privateKeyHex: string): void {
  if (!isValidSm2PrivateKey(privateKeyHex)) {
    throw new Error('SM2 私钥格式错误：应为 64 位十六进制小写字符，且取值在 [1, n-2] 内');
  }
}

/** The public key (04 || x || y) of a private key. */
export function sm2PublicKeyOf(privateKeyHex: string): string {
  assertPrivateKey(privateKeyHex);
  return sm2.getPublicKeyFromPrivateKey(privateKeyHex);
}

export function generateSm2KeyPair(): Sm2KeyPair {
  for (;;) {
    const { privateKey } = sm2.generateKeyPairHex();
    // sm-crypto-v2 draws d from [1, n-1]; SM2 needs d ≤ n-2 (probability of a retry ≈ 2^-256).
    if (isValidSm2PrivateKey(privateKey)) return { privateKey, publicKey: sm2PublicKeyOf(privateKey) };
  }
}

function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

/**
 * Signs `message` (the bytes themselves; SM3 with Z_A is applied here). Returns r || s, 64 bytes.
 * `publicKeyHex` may be passed to skip deriving it from the private key; it must belong to the private key.
 */
export function sm2Sign(message: Uint8Array, privateKeyHex: string, publicKeyHex?: string): Uint8Array {
  assertPrivateKey(privateKeyHex);
  const publicKey = publicKeyHex ?? sm2PublicKeyOf(privateKeyHex);
  const signatureHex = sm2.doSignature(message, privateKeyHex, {
    hash: true,
    publicKey,
    userId: SM2_DEFAULT_USER_ID,
  });
  return new Uint8Array(Buffer.from(signatureHex, 'hex'));
}

/**
 * Verifies an r || s signature over `message` with the public key 04 || x || y. Never throws: a malformed
 * key or signature is simply not valid. Checks r, s ∈ [1, n − 1] as GM/T 0003.2 §7.1 B1–B2 require.
 */
export function sm2Verify(message: Uint8Array, signature: Uint8Array, publicKeyHex: string): boolean {
  if (!(message instanceof Uint8Array) || !(signature instanceof Uint8Array)) return false;
  if (signature.length !== SM2_SIGNATURE_BYTES || !isValidSm2PublicKey(publicKeyHex)) return false;
  const signatureHex = toHex(signature);
  const r = BigInt('0x' + signatureHex.slice(0, 64));
  const s = BigInt('0x' + signatureHex.slice(64));
  if (r < 1n || r >= N || s < 1n || s >= N) return false;
  try {
    return sm2.doVerifySignature(message, signatureHex, publicKeyHex, {
      hash: true,
      userId: SM2_DEFAULT_USER_ID,
    });
  } catch {
    return false;
  }
}
