/** What every service gets: the database, the validated configuration and the clock. */
import type { Config } from './config.js';
import type { Db } from './db/client.js';
import type { FileStorage } from './storage/file-storage.js';
import type { SigningKeyProvider } from './crypto/agency-keys.js';
import type { PdfIdentityStore } from './crypto/pdf-identities.js';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests can set (windows, lockouts, expiry), never the machine's. */
export class SettableClock implements Clock {
  constructor(private current: Date = new Date()) {}
  now(): Date {
    return new Date(this.current.getTime());
  }
  set(at: Date | string): void {
    this.current = new Date(at);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface AppContext {
  db: Db;
  dbKind: 'pglite' | 'postgres';
  config: Config;
  clock: Clock;
  storage: FileStorage;
  /** Each agency's SM2 key for the certificates' QR payloads. */
  signingKeys: SigningKeyProvider;
  /** Each agency's PDF signing identity for its e-certificates. */
  pdfIdentities: PdfIdentityStore;
}
