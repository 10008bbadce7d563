/** The signing-key provider the configuration asks for (SIGNING_KEYS_JSON, else SIGNING_KEYS_DIR). */
import { join } from 'node:path';
import type { Config } from '../config.js';
import { ConfiguredSigningKeyProvider } from './agency-keys.js';

export function signingKeyProviderOf(config: Config): ConfiguredSigningKeyProvider {
  return new ConfiguredSigningKeyProvider({
    keysDir: config.SIGNING_KEYS_DIR ?? join(config.DATA_DIR, 'keys'),
    keysJson: config.SIGNING_KEYS_JSON,
  });
}
