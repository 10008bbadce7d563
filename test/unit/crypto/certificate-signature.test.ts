import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  base64UrlEncode,
  canonicalBytes,
  decodeQrPayload,
  type CertificateClaims,
} from '../../../src/domain/certificate-payload.js';
import {
  ConfiguredSigningKeyProvider,
  type SigningKeyProvider,
} from '../../../src/server/crypto/agency-keys.js';
import {
  publicKeyLookup,
  signClaims,
  verifyPayload,
} from '../../../src/server/crypto/certificate-signature.js';
import { generateSm2KeyPair, sm2Sign } from '../../../src/server/crypto/sm2.js';
import { typicalClaims } from './fixtures.js';
import { refVerify } from './sm2-reference.js';

const dir = mkdtempSync(join(tmpdir(), 'zc-cert-sig-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const provider = new ConfiguredSigningKeyProvider({ keysDir: join(dir, 'keys') });
const payload = await signClaims(provider, typicalClaims);
const publicKeyOf = publicKeyLookup(await provider.publicKeys());

describe('signClaims / verifyPayload', () => {
  it('signs with the agency key; the payload verifies with only the public key', () => {
    expect(payload.startsWith('ZC1.')).toBe(true);
    expect(verifyPayload(payload, publicKeyOf)).toEqual({ valid: true, claims: typicalClaims });
  });

  it('the signature also verifies in the independent implementation (offline verifier in another stack)', async () => {
    const { publicKey } = await provider.keyPair('GZ01');
    const { canonical, signature } = decodeQrPayload(payload);
    expect(refVerify(canonical, signature, publicKey)).toBe(true);
  });

  it('a name with 𠈌 (CJK Extension B) round-trips through sign and verify', async () => {
    const claims = { ...typicalClaims, name: '𠈌𪚥' };
    const result = verifyPayload(await signClaims(provider, claims), publicKeyOf);
    expect(result.valid && result.claims.name).toBe('𠈌𪚥');
  });

  it('reports 未知认定机构 for an agency without a public key, 签名无效 for another agency key', async () => {
    expect(verifyPayload(payload, () => undefined)).toMatchObject({ valid: false, reason: '未知认定机构' });
    const other = await provider.keyPair('GZ02');
    expect(verifyPayload(payload, () => other.publicKey)).toMatchObject({ valid: false, reason: '签名无效' });
  });

  it('reports 格式错误 with the detail for malformed text, and never returns claims when invalid', () => {
    const result = verifyPayload('ZC1.abc', publicKeyOf);
    expect(result).toEqual({
      valid: false,
      reason: '格式错误',
      detail: expect.stringContaining('证书二维码'),
    });
    expect(result).not.toHaveProperty('claims');
  });

  it('rejects claims changed and re-encoded with the old signature (forged fields)', () => {
    const { signature } = decodeQrPayload(payload);
    for (const change of [{ name: '欧阳𠈌朋' }, { level: '中级' }, { obtainedOn: '2025-06-30' }] as const) {
      const forged: CertificateClaims = { ...typicalClaims, ...change };
      const text = `ZC1.${base64UrlEncode(canonicalBytes(forged))}.${base64UrlEncode(signature)}`;
      expect(verifyPayload(text, publicKeyOf)).toMatchObject({ valid: false, reason: '签名无效' });
    }
  });

  it('one changed character anywhere in the payload never gives a valid result', () => {
    const alphabet = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.+/= 中𠈌'];
    fc.assert(
      fc.property(
        fc.nat({ max: payload.length - 1 }),
        fc.constantFrom(...alphabet),
        (position, replacement) => {
          fc.pre(payload[position] !== replacement);
          const tampered = payload.slice(0, position) + replacement + payload.slice(position + 1);
          const result = verifyPayload(tampered, publicKeyOf);
          expect(result.valid).toBe(false);
          // A changed agency code can also be 未知认定机构; never valid, never other claims.
          if (!result.valid) expect(['签名无效', '格式错误', '未知认定机构']).toContain(result.reason);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('every single position, changed to a neighbouring base64url character, fails', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    for (let i = 0; i < payload.length; i++) {
      const c = payload[i]!;
      const replacement = c === '.' ? 'A' : alphabet[(alphabet.indexOf(c) + 1) % 64]!;
      const tampered = payload.slice(0, i) + replacement + payload.slice(i + 1);
      expect(verifyPayload(tampered, publicKeyOf).valid, `position ${i}`).toBe(false);
    }
  });

  it('refuses to sign invalid claims, before any key is created', async () => {
    const calls: string[] = [];
    const spy: SigningKeyProvider = {
      keyPair: async (code) => {
        calls.push(code);
        return provider.keyPair(code);
      },
      publicKeys: () => provider.publicKeys(),
    };
    await expect(signClaims(spy, { ...typicalClaims, agencyCode: 'GZ 99' })).rejects.toThrow('认定机构代码');
    expect(calls).toEqual([]);
  });

  it('refuses to sign with a key pair whose halves do not match', async () => {
    const a = generateSm2KeyPair();
    const b = generateSm2KeyPair();
    const broken: SigningKeyProvider = {
      keyPair: async (agencyCode) => ({
        agencyCode,
        algorithm: 'SM2',
        privateKey: a.privateKey,
        publicKey: b.publicKey,
      }),
      publicKeys: async () => [],
    };
    await expect(signClaims(broken, typicalClaims)).rejects.toThrow('签名密钥有误');
  });

  it('a payload signed elsewhere with the same key (e.g. a signing device) verifies', async () => {
    const { privateKey } = await provider.keyPair('GZ01');
    const claims = { ...typicalClaims, number: 'GZ01-2026-ZL-000124' };
    const text = `ZC1.${base64UrlEncode(canonicalBytes(claims))}.${base64UrlEncode(sm2Sign(canonicalBytes(claims), privateKey))}`;
    expect(verifyPayload(text, publicKeyOf)).toEqual({ valid: true, claims });
  });
});
