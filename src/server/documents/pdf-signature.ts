/**
 * PDF digital signatures for the documents an agency issues (issue 10: the electronic certificate; also
 * usable for the 批复 PDF), so that any PDF reader shows the file as signed by the agency and unmodified.
 *
 *  - `createAgencyPdfIdentity(agency)`: a self-signed X.509 certificate (CN = O = the agency's name,
 *    C = CN; RSA-2048, SHA-256, 10 years; keyUsage digitalSignature + nonRepudiation) and its key, as a
 *    PKCS#12 file with a random passphrase. What to store per agency: the `p12` bytes and the `passphrase`
 *    (the passphrase is a secret: keep it apart from the p12 or encrypted). Made once per agency; the
 *    certificate's SHA-256 fingerprint is returned too, for publishing on the verification page.
 *  - `signPdf(pdf, identity)`: adds a signature field with @signpdf/placeholder-pdf-lib (Name, Reason,
 *    Location = the agency unless given; UTF-16 text), then signs with @signpdf/signer-p12 +
 *    @signpdf/signpdf: adbe.pkcs7.detached, SHA-256, signed attributes contentType, signingTime and
 *    messageDigest, the certificate embedded.
 *  - `verifyPdfSignature(bytes)`: our own check without poppler (for a CLI, a test, an upload): finds the
 *    last signature's /ByteRange and /Contents, checks that the ranges cover the whole file but the
 *    /Contents hex string, that the SHA-256 of the covered bytes equals the signed messageDigest attribute,
 *    and that the RSA signature over the signed attributes verifies with the embedded certificate's key.
 *    It says who signed (the certificate's CN) but not whether that certificate is trusted: compare
 *    `certificateSha256` with the agency's published fingerprint for that.
 */
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import forge from 'node-forge';
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { P12Signer } from '@signpdf/signer-p12';
import { SignPdf, Signer } from '@signpdf/signpdf';

export interface PdfSigningIdentity {
  /** PKCS#12 (key + certificate), encrypted with `passphrase`. */
  p12: Buffer;
  passphrase: string;
}

export interface AgencyPdfIdentity extends PdfSigningIdentity {
  /** The certificate, PEM. */
  certificatePem: string;
  /** SHA-256 of the certificate's DER, lower-case hex. */
  certificateSha256: string;
}

export interface SignPdfOptions {
  /** Default: the certificate's CN (the agency). */
  name?: string;
  /** Default: `${name}签发`. */
  reason?: string;
  /** Default: the name. */
  location?: string;
  contactInfo?: string;
  signingTime?: Date;
}

export interface PdfSignatureCheck {
  /** A signature with a parsable PKCS#7 object is present. */
  signed: boolean;
  /** The signed bytes are unchanged, the signature verifies, and it covers the whole file. */
  intact: boolean;
  /** The signing certificate's CN. */
  signer?: string;
  reason?: string;
  location?: string;
  /** The /M date of the signature dictionary, or the signingTime attribute. */
  signingTime?: Date;
  certificateSha256?: string;
  /** Why the check failed, in English (for logs). */
  problem?: string;
}

const VALID_YEARS = 10;

/** Makes an agency's signing identity (RSA-2048; ~0.1–0.5 s, mostly the PKCS#12 encryption). */
export function createAgencyPdfIdentity(agencyName: string, now = new Date()): AgencyPdfIdentity {
  // The key pair from Node's native RSA (node-forge's own takes seconds), in node-forge's form.
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 0x10001 });
  const privateKey = forge.pki.privateKeyFromPem(
    pair.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
  );
  const publicKey = forge.pki.publicKeyFromPem(
    pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  );
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = '01' + randomBytes(15).toString('hex');
  cert.validity.notBefore = new Date(now.getTime() - 24 * 3600 * 1000);
  cert.validity.notAfter = new Date(now.getTime());
  cert.validity.notAfter.setUTCFullYear(now.getUTCFullYear() + VALID_YEARS);
  // UTF8String (forge encodes the JS string; when it parses one back it keeps the UTF-8 bytes).
  const attrs = [
    { name: 'commonName', value: agencyName, valueTagClass: forge.asn1.Type.UTF8 },
    { name: 'organizationName', value: agencyName, valueTagClass: forge.asn1.Type.UTF8 },
    { name: 'countryName', value: 'CN' },
  ] as forge.pki.CertificateField[];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(privateKey, forge.md.sha256.create());
  const passphrase = randomBytes(24).toString('base64url');
  const p12Asn1 = forge.pkcs12.toPkcs12Asn1(privateKey, [cert], passphrase, {
    algorithm: 'aes256',
    generateLocalKeyId: true,
  });
  const der = forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes();
  return {
    p12: Buffer.from(forge.asn1.toDer(p12Asn1).getBytes(), 'binary'),
    passphrase,
    certificatePem: forge.pki.certificateToPem(cert),
    certificateSha256: createHash('sha256').update(Buffer.from(der, 'binary')).digest('hex'),
  };
}

/** The CN of the identity's certificate. */
export function identityCommonName(identity: PdfSigningIdentity): string {
  const p12 = forge.pkcs12.pkcs12FromAsn1(
    forge.asn1.fromDer(forge.util.createBuffer(identity.p12.toString('binary'))),
    false,
    identity.passphrase,
  );
  const bag = p12.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!]?.[0];
  if (!bag?.cert) throw new Error('PKCS#12 without a certificate');
  return commonName(bag.cert);
}

function commonName(cert: forge.pki.Certificate): string {
  const field = cert.subject.getField('CN') as { value?: string; valueTagClass?: number } | null;
  const value = field?.value;
  if (value === undefined) return '';
  if (field?.valueTagClass === forge.asn1.Type.BMPSTRING) {
    let s = '';
    for (let i = 0; i + 1 < value.length; i += 2)
      s += String.fromCharCode((value.charCodeAt(i) << 8) | value.charCodeAt(i + 1));
    return s;
  }
  if (field?.valueTagClass === forge.asn1.Type.UTF8) {
    try {
      return forge.util.decodeUtf8(value);
    } catch {
      return value;
    }
  }
  return value;
}

/**
 * A PDF text string as the escaped body of a literal string, for PDFString.of (which writes its value
 * as it is, one byte per char code): UTF-16BE with a byte-order mark, ( ) \ CR LF escaped.
 */
function literalText(text: string): string {
  const bytes = [0xfe, 0xff];
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    bytes.push(unit >> 8, unit & 0xff);
  }
  let out = '';
  for (const b of bytes) {
    if (b === 0x28 || b === 0x29 || b === 0x5c) out += '\\' + String.fromCharCode(b);
    else if (b === 0x0d) out += '\\r';
    else if (b === 0x0a) out += '\\n';
    else out += String.fromCharCode(b);
  }
  return out;
}

/** Signs `pdf` (a complete, unsigned PDF) with the identity. Returns the signed file. */
export async function signPdf(
  pdf: Uint8Array,
  identity: PdfSigningIdentity,
  options: SignPdfOptions = {},
): Promise<Buffer> {
  const name = options.name ?? identityCommonName(identity);
  const signingTime = options.signingTime ?? new Date();
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  // placeholder-pdf-lib writes these with PDFString.of, i.e. char codes as bytes: hand it UTF-16 text.
  const text = literalText;
  pdflibAddPlaceholder({
    pdfDoc: doc,
    name: text(name),
    reason: text(options.reason ?? `${name}签发`),
    location: text(options.location ?? name),
    contactInfo: text(options.contactInfo ?? ''),
    signingTime,
    appName: '职称考核认定申报评审系统',
  });
  const prepared = Buffer.from(await doc.save({ useObjectStreams: false }));
  const signer = new IssuerFixingSigner(new P12Signer(identity.p12, { passphrase: identity.passphrase }));
  return new SignPdf().sign(prepared, signer, signingTime);
}

/**
 * @signpdf/signer-p12 with one repair. node-forge, writing the SignerInfo's issuerAndSerialNumber, encodes
 * again as UTF-8 a UTF8String name it has parsed from the certificate (it keeps parsed values as UTF-8
 * bytes), so with a Chinese agency name the issuer there no longer matches the certificate's, and
 * pdfsig/NSS and OpenSSL report that the signer's certificate is missing ("Unknown Validation Failure").
 * The issuerAndSerialNumber is not covered by the signature, so we put the certificate's own issuer (its
 * DER, byte for byte) in its place; the signature itself is node-forge's via signer-p12, unchanged.
 */
class IssuerFixingSigner extends Signer {
  constructor(private readonly inner: P12Signer) {
    super();
  }

  override async sign(pdfBuffer: Buffer, signingTime?: Date): Promise<Buffer> {
    return withCertificateIssuers(await this.inner.sign(pdfBuffer, signingTime));
  }
}

function withCertificateIssuers(der: Buffer): Buffer {
  const { asn1 } = forge;
  const parse = asn1.fromDer as unknown as (
    der: forge.util.ByteStringBuffer,
    options: { strict: boolean; decodeBitStrings: boolean },
  ) => forge.asn1.Asn1;
  const root = parse(forge.util.createBuffer(der.toString('binary')), {
    strict: true,
    decodeBitStrings: false,
  });
  const children = (node: forge.asn1.Asn1 | undefined) => (node?.value ?? []) as forge.asn1.Asn1[];
  const signedData = children(children(root)[1])[0];
  const parts = children(signedData);
  const certificates = parts.find((p) => p.tagClass === asn1.Class.CONTEXT_SPECIFIC && p.type === 0);
  const signerInfos = parts[parts.length - 1];
  // serial (hex) → the certificate's issuer Name
  const issuers = new Map<string, forge.asn1.Asn1>();
  for (const cert of children(certificates)) {
    const tbs = children(children(cert)[0]);
    const offset = tbs[0]?.tagClass === asn1.Class.CONTEXT_SPECIFIC ? 1 : 0; // [0] version
    const serial = tbs[offset];
    const issuer = tbs[offset + 2];
    if (serial && issuer) issuers.set(forge.util.bytesToHex(serial.value as string), issuer);
  }
  for (const info of children(signerInfos)) {
    const issuerAndSerial = children(info)[1];
    const [, serial] = children(issuerAndSerial);
    const issuer = serial && issuers.get(forge.util.bytesToHex(serial.value as string));
    if (issuerAndSerial && issuer) (issuerAndSerial.value as forge.asn1.Asn1[])[0] = issuer;
  }
  return Buffer.from(asn1.toDer(root).getBytes(), 'binary');
}

// ---------------------------------------------------------------------------------------------------------
// Verification

/** Decodes a PDF literal string body (escapes) into bytes. */
function literalBytes(body: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      out.push(body.charCodeAt(i) & 0xff);
      continue;
    }
    const n = body[++i];
    if (n === undefined) break;
    const simple: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, '(': 40, ')': 41, '\\': 92 };
    if (n in simple) out.push(simple[n]!);
    else if (/[0-7]/.test(n)) {
      let oct = n;
      while (oct.length < 3 && /[0-7]/.test(body[i + 1] ?? '')) oct += body[++i];
      out.push(parseInt(oct, 8) & 0xff);
    } else if (n === '\r' || n === '\n') {
      if (n === '\r' && body[i + 1] === '\n') i++;
    } else out.push(n.charCodeAt(0) & 0xff);
  }
  return out;
}

function textFromBytes(bytes: number[]): string {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    let s = '';
    for (let i = 2; i + 1 < bytes.length; i += 2) s += String.fromCharCode((bytes[i]! << 8) | bytes[i + 1]!);
    return s;
  }
  return String.fromCharCode(...bytes);
}

/** A text entry (/Reason, /Location, /Name, /M) of the signature dictionary, literal or hex. */
function dictText(dict: string, key: string): string | undefined {
  const m = new RegExp(`/${key}\\s*(\\((?:\\\\[\\s\\S]|[^\\\\)])*\\)|<[0-9A-Fa-f\\s]*>)`).exec(dict);
  if (!m) return undefined;
  const v = m[1]!;
  if (v.startsWith('<')) {
    const hex = v.slice(1, -1).replace(/\s/g, '');
    const bytes: number[] = [];
    for (let i = 0; i + 1 < hex.length; i += 2) bytes.push(parseInt(hex.slice(i, i + 2), 16));
    return textFromBytes(bytes);
  }
  return textFromBytes(literalBytes(v.slice(1, -1)));
}

/** D:YYYYMMDDHHmmSS+HH'mm' → Date. */
function pdfDate(s: string | undefined): Date | undefined {
  const m = /^D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(Z|[+-]\d{2}'?\d{2}'?)?/.exec(s ?? '');
  if (!m) return undefined;
  const zone = !m[7] || m[7] === 'Z' ? 'Z' : `${m[7].slice(0, 3)}:${m[7].replace(/'/g, '').slice(3, 5)}`;
  const d = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${zone}`);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

const DIGESTS: Record<string, { node: string; forge: () => forge.md.MessageDigest }> = {
  [forge.pki.oids.sha256!]: { node: 'sha256', forge: () => forge.md.sha256.create() },
  [forge.pki.oids.sha384!]: { node: 'sha384', forge: () => forge.md.sha384.create() },
  [forge.pki.oids.sha512!]: { node: 'sha512', forge: () => forge.md.sha512.create() },
  [forge.pki.oids.sha1!]: { node: 'sha1', forge: () => forge.md.sha1.create() },
};

interface RawCapture {
  certificates?: forge.asn1.Asn1[];
  digestAlgorithm?: string;
  authenticatedAttributes?: forge.asn1.Asn1[];
  signature?: string;
  serial?: string;
}

/** Checks the last signature of `bytes` (see the module comment). */
export function verifyPdfSignature(bytes: Uint8Array): PdfSignatureCheck {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = buf.toString('latin1');
  const ranges = [...text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)];
  const last = ranges[ranges.length - 1];
  if (!last) return { signed: false, intact: false, problem: 'no /ByteRange' };
  const [a, b, c, d] = last.slice(1, 5).map(Number) as [number, number, number, number];
  const result: PdfSignatureCheck = { signed: false, intact: false };

  // The signature dictionary's other entries, for reason/location/date.
  const objStart = text.lastIndexOf(' obj', last.index);
  const objEnd = text.indexOf('endobj', last.index);
  const dict = text.slice(objStart < 0 ? last.index : objStart, objEnd < 0 ? undefined : objEnd);
  result.reason = dictText(dict, 'Reason');
  result.location = dictText(dict, 'Location');
  result.signingTime = pdfDate(dictText(dict, 'M'));

  if (a !== 0 || b <= 0 || c <= b || c + d > buf.length || text[b] !== '<' || text[c - 1] !== '>') {
    return { ...result, problem: 'malformed /ByteRange' };
  }
  const hex = text.slice(b + 1, c - 1).replace(/\s/g, '');
  if (!/^[0-9A-Fa-f]*$/.test(hex)) return { ...result, problem: '/Contents is not a hex string' };

  let message: forge.pkcs7.PkcsSignedData & { rawCapture: RawCapture };
  try {
    // The placeholder's trailing zeros follow the DER: parse the first element only.
    const der = Buffer.from(hex.length % 2 ? hex.slice(0, -1) : hex, 'hex');
    // (node-forge takes an options object here; its types only know the older boolean `strict`.)
    const fromDer = forge.asn1.fromDer as unknown as (
      der: forge.util.ByteStringBuffer,
      options: { strict: boolean; parseAllBytes: boolean },
    ) => forge.asn1.Asn1;
    const asn1 = fromDer(forge.util.createBuffer(der.toString('binary')), {
      strict: false,
      parseAllBytes: false,
    });
    message = forge.pkcs7.messageFromAsn1(asn1) as typeof message;
  } catch (e) {
    return { ...result, problem: `/Contents is not a PKCS#7 signature: ${(e as Error).message}` };
  }
  result.signed = true;
  const raw = message.rawCapture;
  const cert = message.certificates[0];
  if (!cert) return { ...result, problem: 'no certificate in the signature' };
  const signerCert =
    message.certificates.find(
      (x) => raw.serial !== undefined && forge.util.bytesToHex(raw.serial) === x.serialNumber,
    ) ?? cert;
  result.signer = commonName(signerCert);
  result.certificateSha256 = createHash('sha256')
    .update(Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(signerCert)).getBytes(), 'binary'))
    .digest('hex');

  const digestOid = raw.digestAlgorithm ? forge.asn1.derToOid(raw.digestAlgorithm) : forge.pki.oids.sha256!;
  const digest = DIGESTS[digestOid];
  if (!digest) return { ...result, problem: `unsupported digest ${digestOid}` };
  const attributes = raw.authenticatedAttributes;
  if (!attributes || !raw.signature) return { ...result, problem: 'no signed attributes' };

  // messageDigest attribute = digest of the covered bytes
  const covered = createHash(digest.node)
    .update(buf.subarray(a, a + b))
    .update(buf.subarray(c, c + d))
    .digest();
  let signedDigest: string | undefined;
  for (const attr of attributes) {
    const [oid, values] = attr.value as forge.asn1.Asn1[];
    if (!oid || !values) continue;
    const type = forge.asn1.derToOid(oid.value as string);
    const value = (values.value as forge.asn1.Asn1[])[0];
    if (type === forge.pki.oids.messageDigest) signedDigest = value?.value as string;
    if (type === forge.pki.oids.signingTime && value && !result.signingTime) {
      result.signingTime =
        value.type === forge.asn1.Type.UTCTIME
          ? forge.asn1.utcTimeToDate(value.value as string)
          : forge.asn1.generalizedTimeToDate(value.value as string);
    }
  }
  if (signedDigest === undefined) return { ...result, problem: 'no messageDigest attribute' };
  if (!Buffer.from(signedDigest, 'binary').equals(covered)) {
    return { ...result, problem: 'the document has been modified: digest mismatch' };
  }

  // The signature is over the DER of the signed attributes as a SET OF.
  const set = forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.SET, true, attributes);
  const md = digest.forge();
  md.update(forge.asn1.toDer(set).getBytes());
  let ok: boolean;
  try {
    ok = (signerCert.publicKey as forge.pki.rsa.PublicKey).verify(md.digest().getBytes(), raw.signature);
  } catch {
    ok = false;
  }
  if (!ok) return { ...result, problem: 'the signature does not verify with the certificate' };
  if (c + d !== buf.length) {
    return { ...result, problem: 'bytes were appended after the signature (an incremental update)' };
  }
  return { ...result, intact: true };
}
