/**
 * The audit key every test database is written with (the template and each test's app), generated once
 * for the tests and known to be a valid SM2 private key. Production keys come from AUDIT_KEY or the
 * keys directory, never from here.
 */
import { auditKeyOf, useAuditKey } from '../../src/server/modules/audit/audit-key.js';

export const TEST_AUDIT_KEY = 'c3f6df341a939a5b2ea908c728092f23147fdb585a89c56b6c5ddfab1c79484a';
export const testAuditKey = auditKeyOf(TEST_AUDIT_KEY);

export function useTestAuditKey(): void {
  useAuditKey(testAuditKey);
}
