/** The first start creates the system administrator (password from ADMIN_PASSWORD, or printed once). */
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { accounts, persons, roleAssignments } from '../../db/schema.js';
import { appendAudit } from '../audit/audit-repository.js';
import { SYSTEM_ACTOR } from '../auth/actor.js';
import { generatePassword, hashPassword } from '../auth/password.js';

export const ADMIN_USERNAME = 'admin';

export async function ensureSystemAdmin(
  db: Db,
  now: Date,
  adminPassword?: string,
): Promise<{ created: false } | { created: true; username: string; password: string; generated: boolean }> {
  const [existing] = await db
    .select({ id: roleAssignments.id })
    .from(roleAssignments)
    .where(and(eq(roleAssignments.role, 'system_admin'), isNull(roleAssignments.endedAt)))
    .limit(1);
  if (existing) return { created: false };
  const password = adminPassword ?? generatePassword(16);
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const [person] = await tx.insert(persons).values({ name: '系统管理员', idNumber: null }).returning();
    const [account] = await tx
      .insert(accounts)
      .values({ username: ADMIN_USERNAME, personId: person!.id, passwordHash, mustChangePassword: true })
      .returning();
    await tx.insert(roleAssignments).values({ accountId: account!.id, role: 'system_admin', startedAt: now });
    await appendAudit(
      tx,
      SYSTEM_ACTOR,
      {
        action: 'account.admin_created',
        targetType: 'account',
        targetId: account!.id,
        after: { username: ADMIN_USERNAME },
      },
      now,
    );
  });
  return { created: true, username: ADMIN_USERNAME, password, generated: adminPassword === undefined };
}
