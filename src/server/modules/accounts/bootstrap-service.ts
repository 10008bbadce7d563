/** The first start creates the system administrator (password from ADMIN_PASSWORD, or printed once). */
import type { Db } from '../../db/client.js';
import * as repo from './accounts-repository.js';
import { appendAudit } from '../audit/audit-repository.js';
import { SYSTEM_ACTOR } from '../auth/actor.js';
import { generatePassword, hashPassword } from '../auth/password.js';

export const ADMIN_USERNAME = 'admin';

export async function ensureSystemAdmin(
  db: Db,
  now: Date,
  adminPassword?: string,
): Promise<{ created: false } | { created: true; username: string; password: string; generated: boolean }> {
  if (await repo.hasActiveSystemAdmin(db)) return { created: false };
  const password = adminPassword ?? generatePassword(16);
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const person = await repo.insertPerson(tx, { name: '系统管理员', idNumber: null });
    const account = await repo.insertAccount(tx, {
      username: ADMIN_USERNAME,
      personId: person.id,
      passwordHash,
      mustChangePassword: true,
    });
    await repo.insertRoleAssignment(tx, { accountId: account.id, role: 'system_admin', startedAt: now });
    await appendAudit(
      tx,
      SYSTEM_ACTOR,
      {
        action: 'account.admin_created',
        targetType: 'account',
        targetId: account.id,
        after: { username: ADMIN_USERNAME },
      },
      now,
    );
  });
  return { created: true, username: ADMIN_USERNAME, password, generated: adminPassword === undefined };
}
