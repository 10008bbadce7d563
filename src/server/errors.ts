/** The one application error: a code for programs, an HTTP status, and a Chinese message for people. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
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
