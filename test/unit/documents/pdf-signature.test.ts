import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import forge from 'node-forge';
import { PDFDocument } from 'pdf-lib';
import { encodeQrPayload } from '../../../src/domain/certificate-payload.js';
import { renderCertificatePdf } from '../../../src/server/documents/certificate-pdf.js';
import {
  createAgencyPdfIdentity,
  identityCommonName,
  signPdf,
  verifyPdfSignature,
  type AgencyPdfIdentity,
} from '../../../src/server/documents/pdf-signature.js';
import { typicalClaims } from '../crypto/fixtures.js';

const AGENCY = typicalClaims.agency; // 赣州市职称工作办公室
const dir = mkdtempSync(join(tmpdir(), 'zc-sign-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const hasPdfsig = spawnSync('pdfsig', ['-v']).error === undefined;
if (!hasPdfsig)
  console.warn(
    'pdfsig (poppler-utils) not installed: the pdfsig checks are skipped, our own check still runs',
  );

/** pdfsig's report on `bytes`. */
function pdfsig(bytes: Uint8Array) {
  const file = join(dir, `f${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, bytes);
  const r = spawnSync('pdfsig', [file], { encoding: 'utf8' });
  return r.stdout + r.stderr;
}

let identity: AgencyPdfIdentity;
let unsigned: Uint8Array;
let signed: Buffer;

beforeAll(async () => {
  identity = createAgencyPdfIdentity(AGENCY);
  unsigned = await renderCertificatePdf({
    claims: typicalClaims,
    qrText: encodeQrPayload(typicalClaims, new Uint8Array(64)),
    verifyUrl: 'https://zc.rsj.ganzhou.gov.cn/verify',
  });
  signed = await signPdf(unsigned, identity, { signingTime: new Date('2026-07-15T09:30:00+08:00') });
});

/** The signed byte ranges: [0, b) and [c, c + d). */
function byteRange(pdf: Buffer) {
  const m = [
    ...pdf.toString('latin1').matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g),
  ].pop()!;
  const [, , b, c, d] = m.map(Number) as [number, number, number, number, number];
  return { b, c, d };
}

describe('createAgencyPdfIdentity', () => {
  it('makes a self-signed RSA-2048 certificate for the agency, in a PKCS#12 with a random passphrase', () => {
    expect(identityCommonName(identity)).toBe(AGENCY);
    const cert = forge.pki.certificateFromPem(identity.certificatePem);
    expect((cert.publicKey as forge.pki.rsa.PublicKey).n.bitLength()).toBe(2048);
    expect(cert.verify(cert)).toBe(true); // self-signed
    expect(forge.util.decodeUtf8(cert.subject.getField('O').value as string)).toBe(AGENCY);
    expect(cert.subject.getField('C').value).toBe('CN');
    expect(identity.passphrase.length).toBeGreaterThanOrEqual(32);
    expect(() => identityCommonName({ ...identity, passphrase: 'wrong' })).toThrow();
    expect(createAgencyPdfIdentity(AGENCY).passphrase).not.toBe(identity.passphrase);
  });
});

describe('signPdf + verifyPdfSignature', () => {
  it('signs so that our check finds the agency, the reason and the date, and the page is unchanged', async () => {
    const check = verifyPdfSignature(signed);
    expect(check).toMatchObject({
      signed: true,
      intact: true,
      signer: AGENCY,
      reason: `${AGENCY}签发`,
      location: AGENCY,
    });
    expect(check.problem).toBeUndefined();
    expect(check.signingTime?.toISOString()).toBe('2026-07-15T01:30:00.000Z');
    expect(check.certificateSha256).toBe(identity.certificateSha256);
    const doc = await PDFDocument.load(signed);
    expect(doc.getPageCount()).toBe(1);
    const { b, c, d } = byteRange(signed);
    expect(c + d).toBe(signed.length); // covers the whole file but the signature itself
    expect(signed[b]).toBe(0x3c); // '<'
  });

  it.skipIf(!hasPdfsig)('passes pdfsig: valid signature by the agency, whole document signed', () => {
    const out = pdfsig(signed);
    expect(out).toContain('Signature is Valid.');
    expect(out).toContain(`Signer Certificate Common Name: ${AGENCY}`);
    expect(out).toContain('Total document signed');
    expect(out).toContain('adbe.pkcs7.detached');
  });

  it('one changed byte inside the signed range fails both pdfsig and our check', () => {
    const { b } = byteRange(signed);
    // A byte of the page's content, well inside the first signed range (a digit of the certificate number
    // is as good as any: flip one bit of a byte in the middle of the file).
    const tampered = Buffer.from(signed);
    const at = Math.floor(b / 2);
    tampered[at] = tampered[at]! ^ 0x01;
    const check = verifyPdfSignature(tampered);
    expect(check.signed).toBe(true);
    expect(check.intact).toBe(false);
    expect(check.problem).toMatch(/digest mismatch/);
    if (hasPdfsig) {
      const out = pdfsig(tampered);
      expect(out).not.toContain('Signature is Valid.');
      expect(out).toMatch(/Digest Mismatch|Invalid|Validation Failure/);
    }
    // … and in the second range too.
    const { c, d } = byteRange(signed);
    const tail = Buffer.from(signed);
    tail[c + Math.floor(d / 2)] = tail[c + Math.floor(d / 2)]! ^ 0x01;
    expect(verifyPdfSignature(tail).intact).toBe(false);
  });

  it('a changed signature byte, or bytes appended after signing, fail our check', () => {
    const { b } = byteRange(signed);
    const sig = Buffer.from(signed);
    // A hex digit in the middle of the RSA signature (the end of the DER, before the zero padding).
    const hexEnd = sig.toString('latin1').indexOf('0000000000', b);
    sig[hexEnd - 20] = sig[hexEnd - 20] === 0x61 ? 0x62 : 0x61; // 'a' ↔ 'b'
    expect(verifyPdfSignature(sig).intact).toBe(false);

    const appended = Buffer.concat([signed, Buffer.from('\n% appended\n')]);
    const check = verifyPdfSignature(appended);
    expect(check.intact).toBe(false);
    expect(check.problem).toMatch(/appended/);
  });

  it('an unsigned PDF is not signed', () => {
    expect(verifyPdfSignature(unsigned)).toMatchObject({ signed: false, intact: false });
  });

  it('another agency signs with its own certificate; the name, reason and location can be given', async () => {
    const other = createAgencyPdfIdentity('章贡区职称改革领导小组办公室');
    const pdf = await signPdf(unsigned, other, { reason: '电子证书', location: '赣州市章贡区' });
    expect(verifyPdfSignature(pdf)).toMatchObject({
      intact: true,
      signer: '章贡区职称改革领导小组办公室',
      reason: '电子证书',
      location: '赣州市章贡区',
      certificateSha256: other.certificateSha256,
    });
    if (hasPdfsig) expect(pdfsig(pdf)).toContain('Signature is Valid.');
  });
});
