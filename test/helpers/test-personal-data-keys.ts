/**
 * The personal-data key every test database is written with (issue 13 item 5): fixed, so a CLI or a
 * server a test starts reads what the test wrote. Production keys come from PERSONAL_DATA_KEYS or the
 * keys directory, never from here.
 */
import { parsePersonalDataKeys } from '../../src/server/crypto/personal-data-keys.js';
import { usePersonalDataKeys } from '../../src/server/crypto/personal-data-cipher.js';

export const TEST_PERSONAL_DATA_KEYS =
  'test1:6f1e0d2c3b4a59687766554433221100ffeeddccbbaa99887766554433221100';
export const testPersonalDataKeys = parsePersonalDataKeys(TEST_PERSONAL_DATA_KEYS);

export function useTestPersonalDataKeys(): void {
  usePersonalDataKeys(testPersonalDataKeys);
}
