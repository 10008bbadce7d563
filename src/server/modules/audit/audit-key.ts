/**
 * The audit log's key (issue 12 item 1). One SM2 key pair per deployment:
 *  - the private key derives the MAC key that every appended row carries (HMAC-SHA256 of its content),
 *    so a row written into the table by anyone but the system fails verification;
 *  - the same private key signs the chain's checkpoints (SM2/SM3, GB/T 32918), so rewriting the chain
 *    before a checkpoint is detected by anyone holding the public key.
 * From AUDIT_KEY, else created at first use in <SIGNING_KEYS_DIR>/audit/ (race-free, 0600) by the same
 * provider that keeps the agencies' keys. Held once per process: every instance of a deployment must
 * use the same key (set AUDIT_KEY, or share the keys directory), as they share the log.
 */
import { createHash, createHmac } from 'node:crypto';
import { join } from 'node:path';
import type { Config } from '../../config.js';
import { ConfiguredSigningKeyProvider } from '../../crypto/agency-keys.js';
import { sm2PublicKeyOf, sm2Sign, sm2Verify } from '../../crypto/sm2.js';

export interface AuditKey {
  privateKey: string;
  publicKey: string;
  macKey: Buffer;
}

export function auditKeyOf(privateKeyHex: string): AuditKey {
  const privateKey = privateKeyHex.toLowerCase();
  return {
    privateKey,
    publicKey: sm2PublicKeyOf(privateKey),
    // A separate key for the MAC, derived so that the one secret to keep stays one.
    macKey: createHash('sha256').update('zc-audit-mac:').update(privateKey).digest(),
  };
}

let current: AuditKey | null = null;

/** Sets the key this process appends and seals with (at start-up, before the first write). */
export function useAuditKey(key: AuditKey): void {
  current = key;
}

export function currentAuditKey(): AuditKey {
  if (!current) throw new Error('审计日志密钥尚未加载：请在启动时调用 loadAuditKey（AUDIT_KEY 或密钥目录）');
  return current;
}

export async function loadAuditKey(
  config: Pick<Config, 'AUDIT_KEY' | 'SIGNING_KEYS_DIR' | 'DATA_DIR'>,
): Promise<AuditKey> {
  if (config.AUDIT_KEY) return auditKeyOf(config.AUDIT_KEY);
  const provider = new ConfiguredSigningKeyProvider({
    keysDir: join(config.SIGNING_KEYS_DIR ?? join(config.DATA_DIR, 'keys'), 'audit'),
  });
  return auditKeyOf((await provider.keyPair('audit')).privateKey);
}

export function auditMac(key: AuditKey, canonicalContent: string): string {
  return createHmac('sha256', key.macKey).update(canonicalContent).digest('hex');
}

/** What a checkpoint signs: the chain's position and hash at a time. */
export function checkpointMessage(position: number, hash: string, signedAt: Date): Uint8Array {
  return new TextEncoder().encode(`ZCA1|${position}|${hash}|${signedAt.toISOString()}`);
}

export function signCheckpoint(key: AuditKey, position: number, hash: string, signedAt: Date): string {
  return Buffer.from(
    sm2Sign(checkpointMessage(position, hash, signedAt), key.privateKey, key.publicKey),
  ).toString('hex');
}

export function checkpointValid(
  publicKey: string,
  position: number,
  hash: string,
  signedAt: Date,
  signatureHex: string,
): boolean {
  return sm2Verify(
    checkpointMessage(position, hash, signedAt),
    new Uint8Array(Buffer.from(signatureHex, 'hex')),
    publicKey,
  );
}
