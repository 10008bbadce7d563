import { createHash, randomBytes } from 'node:crypto';
import { format } from 'date-fns';
import { TZDate } from '@date-fns/tz';
import type { AppContext } from '../../context.js';
import { AppError, badRequest, unauthenticated } from '../../errors.js';
import { maskIdNumber, normaliseIdNumber } from '../../../domain/id-number.js';
import type { Me } from '../../../contract/auth.js';
import { appendAudit } from '../audit/audit-repository.js';
import { type Actor, type AuditActor, auditActorOf } from './actor.js';
import * as repo from './auth-repository.js';
import { countRequest, currentCount } from '../system/rate-limit-repository.js';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password.js';
import { usernameOf } from '../accounts/person-account.js';
import { decryptIdNumber } from '../../crypto/personal-data-cipher.js';

export const SESSION_COOKIE = 'zc_session';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface SessionInfo {
  tokenHash: string;
  csrfToken: string;
}

function invalidLogin(remaining?: number) {
  return new AppError(
    'INVALID_CREDENTIALS',
    401,
    remaining !== undefined && remaining > 0
      ? `用户名或密码错误，再错 ${remaining} 次账号将被临时锁定`
      : '用户名或密码错误',
  );
}

const addressKey = (address: string) => `login-failures:${address}`;

/**
 * 429 once an address has failed LOGIN_ADDRESS_MAX_FAILURES times in its window, checked before any
 * password is verified. Successes are not counted (a shared NAT address signs in freely); the account
 * lockout (LOGIN_MAX_FAILURES) stops guessing one account from many addresses.
 */
async function refuseAddressWithTooManyFailures(ctx: AppContext, address: string | null, now: Date) {
  if (!address) return;
  const { count, windowEndsAt } = await currentCount(ctx.db, addressKey(address), now);
  if (count < ctx.config.LOGIN_ADDRESS_MAX_FAILURES) return;
  const minutes = Math.max(1, Math.ceil((windowEndsAt.getTime() - now.getTime()) / 60_000));
  throw new AppError(
    'TOO_MANY_LOGIN_FAILURES',
    429,
    `该网络地址登录失败次数过多，请 ${minutes} 分钟后再试；如忘记密码，请联系所在单位重置`,
    { retryAfterSeconds: minutes * 60 },
  );
}

async function countAddressFailure(ctx: AppContext, address: string | null, now: Date) {
  if (!address) return;
  await countRequest(ctx.db, addressKey(address), now, ctx.config.LOGIN_ADDRESS_WINDOW_MINUTES * 60_000);
}

export async function login(
  ctx: AppContext,
  input: { username: string; password: string; clientAddress: string | null; userAgent: string | null },
): Promise<{ token: string; me: Me; expiresAt: Date }> {
  const now = ctx.clock.now();
  await refuseAddressWithTooManyFailures(ctx, input.clientAddress, now);
  const username = input.username.trim();
  const asIdNumber = /^\d{17}[\dXx]$/.test(username) ? normaliseIdNumber(username) : null;
  const candidates = await repo.findAccountsForLogin(ctx.db, username, asIdNumber);
  // Exact username first; by ID number only when it names a single account.
  const byUsername = candidates.filter((c) => c.account.username === username);
  const found = byUsername.length === 1 ? byUsername : candidates;
  if (found.length > 1) {
    await verifyPassword(await dummyPasswordHash(), input.password);
    throw new AppError('AMBIGUOUS_LOGIN', 401, '该身份证号对应多个账号，请使用用户名登录');
  }
  const row = found[0];
  if (!row) {
    await verifyPassword(await dummyPasswordHash(), input.password);
    await countAddressFailure(ctx, input.clientAddress, now);
    throw invalidLogin();
  }
  const { account, person } = row;
  const sysActor: AuditActor = {
    accountId: account.id,
    name: person.name,
    role: 'login',
    organisationId: null,
    organisationName: null,
    clientAddress: input.clientAddress,
  };
  if (account.disabled) throw new AppError('ACCOUNT_DISABLED', 403, '账号已停用，请联系所在单位或上级管理员');
  if (account.lockedUntil && account.lockedUntil > now) {
    const until = format(new TZDate(account.lockedUntil.getTime(), ctx.config.TZ_NAME), 'HH:mm');
    throw new AppError(
      'ACCOUNT_LOCKED',
      423,
      `密码错误次数过多，账号已临时锁定，请于 ${until} 后重试或联系管理员解锁`,
    );
  }
  const ok = await verifyPassword(account.passwordHash, input.password);
  if (!ok) {
    await countAddressFailure(ctx, input.clientAddress, now);
    const failures = account.failedAttempts + 1;
    const max = ctx.config.LOGIN_MAX_FAILURES;
    const locked = failures >= max;
    await ctx.db.transaction(async (tx) => {
      await repo.updateAccount(tx, account.id, {
        failedAttempts: locked ? 0 : failures,
        lockedUntil: locked
          ? new Date(now.getTime() + ctx.config.LOGIN_LOCK_MINUTES * 60_000)
          : account.lockedUntil,
      });
      await appendAudit(
        tx,
        sysActor,
        {
          action: locked ? 'auth.locked' : 'auth.login_failed',
          targetType: 'account',
          targetId: account.id,
          after: { failures },
        },
        now,
      );
    });
    if (locked) {
      throw new AppError(
        'ACCOUNT_LOCKED',
        423,
        `密码连续错误 ${max} 次，账号已锁定 ${ctx.config.LOGIN_LOCK_MINUTES} 分钟`,
      );
    }
    throw invalidLogin(max - failures);
  }
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + ctx.config.SESSION_TTL_HOURS * 3600_000);
  await ctx.db.transaction(async (tx) => {
    await repo.updateAccount(tx, account.id, { failedAttempts: 0, lockedUntil: null, lastLoginAt: now });
    await repo.deleteExpiredSessions(tx, now);
    await repo.insertSession(tx, {
      tokenHash: hashToken(token),
      accountId: account.id,
      csrfToken,
      expiresAt,
      clientAddress: input.clientAddress,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
    });
    await appendAudit(
      tx,
      sysActor,
      { action: 'auth.login', targetType: 'account', targetId: account.id },
      now,
    );
  });
  const actor = await loadActor(ctx, account.id, input.clientAddress);
  return { token, me: toMe(actor!, account.mustChangePassword, person.mobile, csrfToken), expiresAt };
}

export async function loadActor(
  ctx: AppContext,
  accountId: number,
  clientAddress: string | null,
): Promise<Actor | null> {
  return actorOfRow(ctx, await repo.loadAccount(ctx.db, accountId), clientAddress);
}

async function actorOfRow(
  ctx: AppContext,
  row: Awaited<ReturnType<typeof repo.loadAccount>>,
  clientAddress: string | null,
): Promise<Actor | null> {
  if (!row || row.account.disabled) return null;
  const accountId = row.account.id;
  return {
    accountId: row.account.id,
    username: usernameOf(row.account, row.person),
    personId: row.person.id,
    personName: row.person.name,
    idNumber: row.person.idNumber,
    roles: await repo.activeRoles(ctx.db, accountId),
    clientAddress,
    mustChangePassword: row.account.mustChangePassword,
  };
}

/** Resolves a session cookie to its actor; null when unknown, expired or the account is disabled. */
export async function resolveSession(ctx: AppContext, token: string, clientAddress: string | null) {
  const tokenHash = hashToken(token);
  const found = await repo.findSessionWithAccount(ctx.db, tokenHash, ctx.clock.now());
  if (!found || found.disabled) return null;
  const idNumber = decryptIdNumber(found.idNumberCipher);
  const actor: Actor = {
    accountId: found.accountId,
    username: usernameOf(found, { idNumber }),
    personId: found.personId,
    personName: found.personName,
    idNumber,
    roles: found.roles,
    clientAddress,
    mustChangePassword: found.mustChangePassword,
  };
  return { actor, session: { tokenHash, csrfToken: found.csrfToken } satisfies SessionInfo };
}

export async function me(ctx: AppContext, actor: Actor, session: SessionInfo): Promise<Me> {
  const row = await repo.loadAccount(ctx.db, actor.accountId);
  if (!row) throw unauthenticated();
  return toMe(actor, row.account.mustChangePassword, row.person.mobile, session.csrfToken);
}

function toMe(actor: Actor, mustChangePassword: boolean, mobile: string | null, csrfToken: string): Me {
  return {
    accountId: actor.accountId,
    username: actor.username,
    mustChangePassword,
    person: {
      id: actor.personId,
      name: actor.personName,
      idNumberMasked: maskIdNumber(actor.idNumber),
      mobile,
    },
    roles: actor.roles.map((r) => ({
      id: r.assignmentId,
      role: r.role,
      organisation:
        r.organisationId !== null
          ? { id: r.organisationId, name: r.organisationName!, kind: r.organisationKind! }
          : null,
    })),
    csrfToken,
  };
}

export async function logout(ctx: AppContext, actor: Actor | null, tokenHash: string) {
  await ctx.db.transaction(async (tx) => {
    await repo.deleteSession(tx, tokenHash);
    if (actor) {
      await appendAudit(
        tx,
        auditActorOf(actor),
        { action: 'auth.logout', targetType: 'account', targetId: actor.accountId },
        ctx.clock.now(),
      );
    }
  });
}

export async function changePassword(
  ctx: AppContext,
  actor: Actor,
  session: SessionInfo,
  input: { currentPassword: string; newPassword: string },
) {
  const row = await repo.loadAccount(ctx.db, actor.accountId);
  if (!row) throw unauthenticated();
  if (!(await verifyPassword(row.account.passwordHash, input.currentPassword))) {
    throw new AppError('WRONG_PASSWORD', 400, '当前密码不正确');
  }
  if (input.currentPassword === input.newPassword) throw badRequest('新密码不能与当前密码相同');
  if (actor.idNumber && input.newPassword.toUpperCase().includes(actor.idNumber.slice(-6))) {
    throw badRequest('新密码不能包含身份证号码后六位');
  }
  const passwordHash = await hashPassword(input.newPassword);
  const now = ctx.clock.now();
  // A new session id for this browser (issue 13 item 4): the change lifts the first-login restriction,
  // a privilege change, and an id someone else learnt before it must not carry the new rights. The
  // CSRF token stays, so the page goes on without reloading.
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + ctx.config.SESSION_TTL_HOURS * 3600_000);
  await ctx.db.transaction(async (tx) => {
    await repo.updateAccount(tx, actor.accountId, { passwordHash, mustChangePassword: false });
    // Every session of this account ends, this one too (it goes on under its new id): a changed
    // password locks out whoever else had it.
    await repo.deleteSessionsOfAccount(tx, actor.accountId);
    await repo.insertSession(tx, {
      tokenHash: hashToken(token),
      accountId: actor.accountId,
      csrfToken: session.csrfToken,
      expiresAt,
      clientAddress: actor.clientAddress,
      userAgent: null,
    });
    await appendAudit(
      tx,
      auditActorOf(actor),
      { action: 'auth.password_changed', targetType: 'account', targetId: actor.accountId },
      now,
    );
  });
  return { token, expiresAt };
}
