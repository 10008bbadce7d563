/** The signing-key provider the configuration asks for (SIGNING_KEYS_JSON, else SIGNING_KEYS_DIR). */
import { join } from 'node:path';
import type { Config } from '../config.js';
import { ConfiguredSigningKeyProvider } from './agency-keys.js';
import { PdfIdentityStore } from './pdf-identities.js';

export function signingKeyProviderOf(config: Config): ConfiguredSigningKeyProvider {
  return new ConfiguredSigningKeyProvider({
    keysDir: config.SIGNING_KEYS_DIR ?? join(config.DATA_DIR, 'keys'),
    keysJson: config.SIGNING_KEYS_JSON,
  });
}

/** PDF signing identities live beside the SM2 keys (SIGNING_KEYS_DIR, default <DATA_DIR>/keys). */
export function pdfIdentityStoreOf(config: Config): PdfIdentityStore {
  return new PdfIdentityStore(config.SIGNING_KEYS_DIR ?? join(config.DATA_DIR, 'keys'));
}
