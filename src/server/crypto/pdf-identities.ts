/**
 * Each agency's PDF signing identity (self-signed X.509 + RSA key as PKCS#12, see
 * documents/pdf-signature.ts): the "electronic seal" that PDF readers show on its e-certificates.
 * Kept beside the SM2 keys, one file per agency `<agencyCode>.pdf-identity.json` (mode 0600), created
 * at first use; two processes creating it at once end with one (write a private temp file, then
 * link(2), which refuses an existing name — the loser reads the winner's).
 */
import { randomBytes } from 'node:crypto';
import { chmod, link, mkdir, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { type AgencyPdfIdentity, createAgencyPdfIdentity } from '../documents/pdf-signature.js';
import { writeNewSecretFile } from './agency-keys.js';

interface StoredIdentity {
  agencyCode: string;
  p12: string; // base64
  passphrase: string;
  certificatePem: string;
  certificateSha256: string;
  createdAt: string;
}

export class PdfIdentityStore {
  private readonly cache = new Map<string, Promise<AgencyPdfIdentity>>();

  constructor(private readonly dir: string) {}

  identity(agencyCode: string, agencyName: string): Promise<AgencyPdfIdentity> {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(agencyCode))
      return Promise.reject(new Error(`认定机构代码 ${agencyCode} 不合法`));
    let pending = this.cache.get(agencyCode);
    if (!pending) {
      pending = this.loadOrCreate(agencyCode, agencyName);
      this.cache.set(agencyCode, pending);
      pending.catch(() => this.cache.delete(agencyCode));
    }
    return pending;
  }

  private file(agencyCode: string) {
    return join(this.dir, `${agencyCode}.pdf-identity.json`);
  }

  private async read(agencyCode: string): Promise<AgencyPdfIdentity | null> {
    let text: string;
    try {
      text = await readFile(this.file(agencyCode), 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
    const s = JSON.parse(text) as StoredIdentity;
    return {
      p12: Buffer.from(s.p12, 'base64'),
      passphrase: s.passphrase,
      certificatePem: s.certificatePem,
      certificateSha256: s.certificateSha256,
    };
  }

  private async loadOrCreate(agencyCode: string, agencyName: string): Promise<AgencyPdfIdentity> {
    const existing = await this.read(agencyCode);
    if (existing) return existing;
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    await chmod(this.dir, 0o700).catch(() => undefined);
    const made = createAgencyPdfIdentity(agencyName);
    const record: StoredIdentity = {
      agencyCode,
      p12: made.p12.toString('base64'),
      passphrase: made.passphrase,
      certificatePem: made.certificatePem,
      certificateSha256: made.certificateSha256,
      createdAt: new Date().toISOString(),
    };
    const temp = join(this.dir, `.${agencyCode}.pdf.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
    await writeNewSecretFile(temp, record);
    try {
      await link(temp, this.file(agencyCode));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    } finally {
      await unlink(temp).catch(() => undefined);
    }
    return (await this.read(agencyCode))!;
  }
}
