import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SM2 as GmSM2 } from 'gm-crypto';
import { sm2 as smV2, sm3 as smV2Sm3 } from 'sm-crypto-v2';
import {
  SM2_DEFAULT_USER_ID,
  generateSm2KeyPair,
  isValidSm2PrivateKey,
  isValidSm2PublicKey,
  sm2PublicKeyOf,
  sm2Sign,
  sm2Verify,
} from '../../../src/server/crypto/sm2.js';
import {
  N,
  derToRaw,
  hex32,
  privateKeyPem,
  publicKeyPem,
  rawToDer,
  refPublicKey,
  refSign,
  refVerify,
  refZ,
  sm3,
} from './sm2-reference.js';

const utf8 = (s: string) => new TextEncoder().encode(s);
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/**
 * Known-answer test: the signature example on the recommended curve in GM/T 0003.5-2012 附录 A
 * (GB/T 32918.5 示例): d_A, P_A, ID_A = 1234567812345678, M = "message digest", Z_A, e, k, (x1, y1), (r, s).
 * Neither library ships test vectors in its npm package; the values are the standard's.
 */
const KAT = {
  d: '3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8',
  publicKey:
    '04' +
    '09f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020' +
    'ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13',
  message: 'message digest',
  za: 'b2e14c5c79c6df5b85f4fe7ed8db7a262b9da7e07ccb0ea9f4747b8ccda8a4f3',
  e: 'f0b43e94ba45accaace692ed534382eb17e6ab5a19ce7b31f4486fdfc0d28640',
  k: '59276e27d506861a16680f3ad9c02dccef3cc1fa3cdbe4ce6d54b80deac1bc21',
  x1: '04ebfc718e8d1798620432268e77feb6415e2ede0e073c0f4f640ecd2e149a73',
  r: 'f5a03b0648d2c4630eeac513e1bb81a15944da3827d5b74143ac7eaceee720b3',
  s: 'b1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aa',
};

describe('SM2 known answer (GM/T 0003.5 附录 A)', () => {
  it('sm-crypto-v2 derives P_A, Z_A and e, and with the standard k produces exactly (r, s)', () => {
    expect(sm2PublicKeyOf(KAT.d)).toBe(KAT.publicKey);
    expect(hex(smV2.getZ(KAT.publicKey, SM2_DEFAULT_USER_ID))).toBe(KAT.za);
    expect(smV2.getHash(hex(utf8(KAT.message)), KAT.publicKey, SM2_DEFAULT_USER_ID)).toBe(KAT.e);
    expect(smV2.getPublicKeyFromPrivateKey(KAT.k).slice(2, 66)).toBe(KAT.x1);
    const sig = smV2.doSignature(utf8(KAT.message), KAT.d, {
      hash: true,
      publicKey: KAT.publicKey,
      userId: SM2_DEFAULT_USER_ID,
      pointPool: [{ k: BigInt('0x' + KAT.k), x1: BigInt('0x' + KAT.x1) }],
    });
    expect(sig).toBe(KAT.r + KAT.s);
  });

  it('the second implementation (gm-crypto SM3 + reference arithmetic) reproduces the same values', () => {
    expect(refPublicKey(KAT.d)).toBe(KAT.publicKey);
    expect(hex(refZ(KAT.publicKey))).toBe(KAT.za);
    expect(hex(sm3(Buffer.concat([refZ(KAT.publicKey), utf8(KAT.message)])))).toBe(KAT.e);
    expect(hex(refSign(utf8(KAT.message), KAT.d, BigInt('0x' + KAT.k)))).toBe(KAT.r + KAT.s);
  });

  it('our sm2Verify accepts the standard signature and rejects it for another message or key', () => {
    const sig = new Uint8Array(Buffer.from(KAT.r + KAT.s, 'hex'));
    expect(sm2Verify(utf8(KAT.message), sig, KAT.publicKey)).toBe(true);
    expect(sm2Verify(utf8('message digesT'), sig, KAT.publicKey)).toBe(false);
    expect(sm2Verify(utf8(KAT.message), sig, generateSm2KeyPair().publicKey)).toBe(false);
  });
});

describe('sm2Sign / sm2Verify', () => {
  const { privateKey, publicKey } = generateSm2KeyPair();
  const message = utf8('证书编号 ZC-2026-0001 姓名 王𠈌');

  it('generates keys in the documented formats', () => {
    expect(privateKey).toMatch(/^[0-9a-f]{64}$/);
    expect(publicKey).toMatch(/^04[0-9a-f]{128}$/);
    expect(isValidSm2PrivateKey(privateKey)).toBe(true);
    expect(isValidSm2PublicKey(publicKey)).toBe(true);
    expect(sm2PublicKeyOf(privateKey)).toBe(publicKey);
  });

  it('signs as raw r||s (64 bytes) that verifies; each signature is randomised', () => {
    const a = sm2Sign(message, privateKey);
    const b = sm2Sign(message, privateKey, publicKey);
    expect(a).toHaveLength(64);
    expect(hex(a)).not.toBe(hex(b));
    expect(sm2Verify(message, a, publicKey)).toBe(true);
    expect(sm2Verify(message, b, publicKey)).toBe(true);
  });

  it('rejects a changed message, a changed signature bit, another key, and malformed input without throwing', () => {
    const sig = sm2Sign(message, privateKey);
    const changed = Uint8Array.from(message);
    changed[0]! ^= 1;
    expect(sm2Verify(changed, sig, publicKey)).toBe(false);
    for (const byte of [0, 31, 32, 63]) {
      const bad = Uint8Array.from(sig);
      bad[byte]! ^= 0x10;
      expect(sm2Verify(message, bad, publicKey)).toBe(false);
    }
    expect(sm2Verify(message, sig, generateSm2KeyPair().publicKey)).toBe(false);
    expect(sm2Verify(message, sig.subarray(0, 63), publicKey)).toBe(false);
    expect(sm2Verify(message, new Uint8Array(64), publicKey)).toBe(false); // r = s = 0
    const rTooBig = new Uint8Array(Buffer.from(hex32(N) + hex(sig.subarray(32)), 'hex'));
    expect(sm2Verify(message, rTooBig, publicKey)).toBe(false);
    const sPlusN = BigInt('0x' + hex(sig.subarray(32))) + N;
    if (sPlusN < 2n ** 256n) {
      const malleable = new Uint8Array(Buffer.from(hex(sig.subarray(0, 32)) + hex32(sPlusN), 'hex'));
      expect(sm2Verify(message, malleable, publicKey)).toBe(false);
    }
    expect(sm2Verify(message, sig, 'not a key')).toBe(false);
    expect(sm2Verify(message, sig, '04' + '00'.repeat(64))).toBe(false); // not on the curve
    expect(sm2Verify(message, sig, publicKey.toUpperCase())).toBe(false); // documented: lower-case hex
  });

  it('refuses malformed private keys', () => {
    expect(() => sm2Sign(message, 'zz')).toThrow('SM2 私钥格式错误');
    expect(() => sm2Sign(message, '00'.repeat(32))).toThrow('SM2 私钥格式错误');
    expect(isValidSm2PrivateKey(hex32(N - 1n))).toBe(false);
    expect(isValidSm2PrivateKey(hex32(N - 2n))).toBe(true);
  });
});

describe('interoperability with a second implementation (gm-crypto)', () => {
  const messages = ['', 'a', 'message digest', '姓名 𠈌 工程师'.repeat(20)].map(utf8);

  it('gm-crypto key pairs are the same keys for sm-crypto-v2 (P = dG agrees)', () => {
    for (let i = 0; i < 5; i++) {
      const { privateKey, publicKey } = GmSM2.generateKeyPair();
      expect(sm2PublicKeyOf(privateKey)).toBe(publicKey.toLowerCase());
    }
  });

  it('gm-crypto and sm-crypto-v2 agree on SM3 and on the Z value with the default user ID', () => {
    const { publicKey } = generateSm2KeyPair();
    expect(hex(refZ(publicKey))).toBe(hex(smV2.getZ(publicKey)));
    for (const m of messages) expect(hex(sm3(m))).toBe(smV2Sm3(m));
  });

  it('gm-crypto encrypts to our public key and sm-crypto-v2 decrypts with our private key (same curve arithmetic)', () => {
    const { privateKey, publicKey } = generateSm2KeyPair();
    const cipher = GmSM2.encrypt('认定机构 𠈌', publicKey, {
      inputEncoding: 'utf8',
      outputEncoding: 'hex',
      mode: GmSM2.constants.C1C3C2,
    });
    expect(smV2.doDecrypt(cipher, privateKey, 1)).toBe('认定机构 𠈌');
  });

  it('a signature made by sm-crypto-v2 (our sm2Sign) verifies in the second implementation', () => {
    const { privateKey, publicKey } = generateSm2KeyPair();
    for (const m of messages) {
      const sig = sm2Sign(m, privateKey);
      expect(refVerify(m, sig, publicKey)).toBe(true);
      const other = Uint8Array.from(sig);
      other[10]! ^= 1;
      expect(refVerify(m, other, publicKey)).toBe(false);
    }
  });

  it('a signature made by the second implementation with a gm-crypto key verifies with our sm2Verify', () => {
    const { privateKey, publicKey } = GmSM2.generateKeyPair();
    for (const m of messages) {
      const sig = refSign(m, privateKey);
      expect(sm2Verify(m, sig, publicKey.toLowerCase())).toBe(true);
      expect(sm2Verify(utf8('x'), sig, publicKey.toLowerCase())).toBe(false);
    }
  });
});

function opensslHasSm2(): boolean {
  try {
    return /sm2/i.test(execFileSync('openssl', ['list', '-public-key-algorithms'], { encoding: 'utf8' }));
  } catch {
    return false;
  }
}

// A third implementation when the machine has it: OpenSSL 3's SM2 (C, no shared code with either library).
describe.runIf(opensslHasSm2())(
  'interoperability with OpenSSL 3 (openssl pkeyutl, SM2 + SM3 + distid)',
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'zc-sm2-openssl-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const { privateKey, publicKey } = generateSm2KeyPair();
    writeFileSync(join(dir, 'pub.pem'), publicKeyPem(publicKey));
    writeFileSync(join(dir, 'key.pem'), privateKeyPem(privateKey, publicKey), { mode: 0o600 });
    const message = utf8('["ZC1","ZC-0001","王𠈌"]');
    writeFileSync(join(dir, 'msg'), message);
    const opts = [
      '-rawin',
      '-in',
      join(dir, 'msg'),
      '-digest',
      'sm3',
      '-pkeyopt',
      `distid:${SM2_DEFAULT_USER_ID}`,
    ];

    it('our signature verifies in OpenSSL', () => {
      writeFileSync(join(dir, 'ours.der'), rawToDer(sm2Sign(message, privateKey)));
      const out = execFileSync(
        'openssl',
        [
          'pkeyutl',
          '-verify',
          '-pubin',
          '-inkey',
          join(dir, 'pub.pem'),
          '-sigfile',
          join(dir, 'ours.der'),
          ...opts,
        ],
        { encoding: 'utf8' },
      );
      expect(out).toContain('Signature Verified Successfully');
    });

    it("OpenSSL's signature verifies with our sm2Verify", () => {
      execFileSync('openssl', [
        'pkeyutl',
        '-sign',
        '-inkey',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'theirs.der'),
        ...opts,
      ]);
      const sig = derToRaw(readFileSync(join(dir, 'theirs.der')));
      expect(sm2Verify(message, sig, publicKey)).toBe(true);
      expect(refVerify(message, sig, publicKey)).toBe(true);
      expect(sm2Verify(utf8('other'), sig, publicKey)).toBe(false);
    });
  },
);
