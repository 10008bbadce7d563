/**
 * Signing and verifying the QR payload of an electronic certificate (issue 10). The format is described in
 * src/domain/certificate-payload.ts; the signature is SM2/SM3 with the default user ID (./sm2.ts) by the key
 * of the certificate's 认定机构 (claims.agencyCode). Verifying needs only that agency's public key, so it
 * works offline, e.g. in an app that ships the published public keys.
 */
import {
  CertificatePayloadError,
  canonicalBytes,
  decodeQrPayload,
  encodeQrPayload,
  type CertificateClaims,
} from '../../domain/certificate-payload.js';
import type { SigningKeyProvider } from './agency-keys.js';
import { sm2Sign, sm2Verify } from './sm2.js';

export type VerifyFailureReason = '签名无效' | '格式错误' | '未知认定机构';

export type VerifyResult =
  | { valid: true; claims: CertificateClaims }
  /** Claims are not returned when invalid: nothing unverified should be shown as certificate data. */
  | { valid: false; reason: VerifyFailureReason; detail: string };

/** Signs the claims with their agency's key and returns the QR payload text. */
export async function signClaims(provider: SigningKeyProvider, claims: CertificateClaims): Promise<string> {
  const message = canonicalBytes(claims); // validates first: no key is created for invalid data
  const { privateKey, publicKey } = await provider.keyPair(claims.agencyCode);
  const signature = sm2Sign(message, privateKey, publicKey);
  // Self-check: a key file whose public half does not match would otherwise produce unverifiable QR codes.
  if (!sm2Verify(message, signature, publicKey)) {
    throw new Error(`认定机构 ${claims.agencyCode} 的签名密钥有误：生成的签名无法用其公钥验证`);
  }
  return encodeQrPayload(claims, signature);
}

/**
 * Decodes and verifies a scanned payload. `publicKeyOf` maps an agency code to its public key (04 || x || y
 * hex), or undefined if the agency is unknown. Never throws for bad input.
 */
export function verifyPayload(
  payload: string,
  publicKeyOf: (agencyCode: string) => string | undefined,
): VerifyResult {
  let decoded: ReturnType<typeof decodeQrPayload>;
  try {
    decoded = decodeQrPayload(payload);
  } catch (error) {
    if (error instanceof CertificatePayloadError)
      return { valid: false, reason: '格式错误', detail: error.message };
    throw error;
  }
  const { agencyCode } = decoded.claims;
  const publicKey = publicKeyOf(agencyCode);
  if (!publicKey) {
    return { valid: false, reason: '未知认定机构', detail: `没有认定机构代码 ${agencyCode} 的公钥` };
  }
  if (!sm2Verify(decoded.canonical, decoded.signature, publicKey)) {
    return {
      valid: false,
      reason: '签名无效',
      detail: '签名与证书数据不符，证书内容可能被篡改或并非该认定机构签发',
    };
  }
  return { valid: true, claims: decoded.claims };
}

/** A `publicKeyOf` for verifyPayload from a list such as SigningKeyProvider.publicKeys() returns. */
export function publicKeyLookup(
  keys: readonly { agencyCode: string; publicKey: string }[],
): (agencyCode: string) => string | undefined {
  const byCode = new Map(keys.map((k) => [k.agencyCode, k.publicKey]));
  return (agencyCode) => byCode.get(agencyCode);
}
