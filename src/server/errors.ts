import { StorageUnavailableError } from './storage/file-storage.js';

/** The one application error: a code for programs, an HTTP status, and a Chinese message for people. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly details?: unknown,
    /** What went wrong underneath (never shown to the client; the error handler logs it). */
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AppError';
  }
}

export const badRequest = (message: string, details?: unknown) =>
  new AppError('BAD_REQUEST', 400, message, details);
export const unauthenticated = (message = '请先登录') => new AppError('UNAUTHENTICATED', 401, message);
export const forbidden = (message = '您没有权限进行此操作') => new AppError('FORBIDDEN', 403, message);
export const notFound = (what = '记录') => new AppError('NOT_FOUND', 404, `${what}不存在或您无权查看`);
export const conflict = (code: string, message: string, details?: unknown) =>
  new AppError(code, 409, message, details);
export const unprocessable = (code: string, message: string, details?: unknown) =>
  new AppError(code, 422, message, details);

/** The SQLSTATE of a database error, whichever driver raised it (node-postgres, PGlite) and however
 * Drizzle wrapped it (DrizzleQueryError keeps the driver's error as `cause`). */
function databaseErrorOf(error: unknown): { code: string; constraint?: string; message: string } | null {
  let e: unknown = error;
  for (let depth = 0; e && typeof e === 'object' && depth < 6; depth++) {
    const x = e as { code?: unknown; constraint?: unknown; message?: unknown; cause?: unknown };
    if (typeof x.code === 'string' && /^(22|23|40)[0-9A-Z]{3}$/.test(x.code))
      return {
        code: x.code,
        constraint: typeof x.constraint === 'string' ? x.constraint : undefined,
        message: typeof x.message === 'string' ? x.message : '',
      };
    e = x.cause;
  }
  return null;
}

/**
 * The database cannot be reached right now (restarting, connection refused or lost, no connection
 * free within the pool's timeout): 503 with a Chinese message, so that a client waits and retries
 * instead of seeing a 500 or a hang (issue 12 item 5). Null for anything else.
 */
export function databaseUnavailable(error: unknown): AppError | null {
  let e: unknown = error;
  for (let depth = 0; e && typeof e === 'object' && depth < 6; depth++) {
    // The file store's connection errors are its own (storageFailure), not the database's.
    if (e instanceof StorageUnavailableError) return null;
    const x = e as { code?: unknown; message?: unknown; cause?: unknown };
    const code = typeof x.code === 'string' ? x.code : '';
    const message = typeof x.message === 'string' ? x.message : '';
    if (
      /^(08[0-9A-Z]{3}|57P0[1-3])$/.test(code) ||
      ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND'].includes(code) ||
      /timeout exceeded when trying to connect|^timeout expired$|Connection terminated|connection terminated|Client has encountered a connection error/.test(
        message,
      )
    )
      return new AppError('DATABASE_UNAVAILABLE', 503, '数据库暂时无法连接，系统正在自动重连，请稍后重试');
    e = x.cause;
  }
  return null;
}

/**
 * The file store is full or cannot be reached (issue 12 item 5): 507 STORAGE_FULL or 503
 * STORAGE_UNAVAILABLE with a Chinese message, never a 500. Nothing was saved: a file is recorded only
 * after the store has it. Null for anything else.
 */
export function storageFailure(error: unknown): AppError | null {
  let e: unknown = error;
  for (let depth = 0; e && typeof e === 'object' && depth < 6; depth++) {
    if (e instanceof StorageUnavailableError) {
      if (e.reason === 'full')
        return new AppError(
          'STORAGE_FULL',
          507,
          '文件存储空间已满，本次文件未保存；请联系系统管理员扩充存储空间后重试',
        );
      return new AppError(
        'STORAGE_UNAVAILABLE',
        503,
        e.operation === 'write'
          ? '文件存储暂时无法访问，本次文件未保存，请稍后重试'
          : '文件存储暂时无法访问，暂时无法读取文件，请稍后重试',
      );
    }
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}

/** Unique constraints whose violation has a plainer explanation than "already exists". */
const uniqueMessages: Record<string, string> = {
  application_versions_unique: '该申报已被他人提交或处理，请刷新后查看当前状态',
  applications_one_per_batch_level: '同一批次同一层级已有申报，不能重复申报',
  certificates_one_valid_per_application: '该申报已有有效证书，不能重复发证',
  batches_agency_year_number: '该认定机构本年度已有该批次',
};

/**
 * A database constraint violation or a lost race the database detected, as the AppError a client gets
 * (409 when someone else's change won, 422 when the data itself is not acceptable) — never a 500.
 * Null for anything else.
 */
export function databaseConflict(error: unknown): AppError | null {
  const db = databaseErrorOf(error);
  if (!db) return null;
  const { code, constraint } = db;
  if (code === '23505')
    return conflict(
      'DUPLICATE',
      (constraint && uniqueMessages[constraint]) ?? '该记录已存在（可能已被他人提交或处理），请刷新后再操作',
    );
  if (code === '23503')
    return /update or delete/i.test(db.message)
      ? conflict('IN_USE', '该记录已被其他数据使用，不能删除或更改')
      : unprocessable('REFERENCE_MISSING', '所引用的记录不存在或已被删除，请刷新后重试');
  if (code === '23514')
    return unprocessable('CONSTRAINT_VIOLATED', '数据不符合规则（状态或取值无效），未保存');
  if (code === '23502') return unprocessable('VALUE_REQUIRED', '缺少必填内容，未保存');
  if (code === '40001' || code === '40P01' || code === '23P01')
    return conflict('CONCURRENT_UPDATE', '与他人的操作同时发生，本次未保存，请刷新后重试');
  if (code.startsWith('22'))
    return unprocessable('INVALID_VALUE', '提交的数据格式、长度或数值范围不正确，未保存');
  return null;
}
