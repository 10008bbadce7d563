/**
 * The one HTTP client of the web app. Every request goes to `/api/v1`, same-origin, with the session
 * cookie. Writes carry the session's CSRF token (from /auth/me or the login response, kept in the React
 * Query cache). Errors are thrown as ApiError carrying the server's `{ code, message, details }`.
 */
import type { Me, RowError } from '../../contract/index';
import { queryClient, meQueryKey } from './query-client';

export const API_BASE = '/api/v1';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** Total number of row errors of a rejected import, when the server says (it may list fewer). */
  get rowErrorTotal(): number | undefined {
    const total = (this.details as { total?: unknown } | null | undefined)?.total;
    return typeof total === 'number' ? total : undefined;
  }

  /** Row errors of a rejected spreadsheet import (422 IMPORT_ROWS_INVALID, or IMPORT_FORMULA). */
  get rowErrors(): RowError[] | null {
    if (this.code !== 'IMPORT_ROWS_INVALID' && this.code !== 'IMPORT_FORMULA') return null;
    const rows = (this.details as { rows?: unknown } | null | undefined)?.rows;
    if (!Array.isArray(rows)) return null;
    return rows.filter(
      (r): r is RowError =>
        typeof r === 'object' && r !== null && typeof (r as RowError).row === 'number' && 'message' in r,
    );
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** A Chinese message for any error, fit to show to the user. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error && e.message) return `操作失败：${e.message}`;
  return '操作失败，请稍后重试';
}

const FALLBACK_MESSAGES: Record<number, string> = {
  400: '请求内容有误，请检查后重试',
  401: '登录已过期，请重新登录',
  403: '您没有执行此操作的权限',
  404: '请求的内容不存在或已被删除',
  409: '操作与当前数据冲突，请刷新后重试',
  413: '上传的文件过大',
  415: '不支持的文件类型',
  422: '提交的内容未通过校验，请检查后重试',
  423: '账号已被锁定，请稍后再试或联系管理员解锁',
  429: '操作过于频繁，请稍后再试',
  500: '服务器内部错误，请稍后重试',
  502: '服务暂时不可用，请稍后重试',
  503: '服务暂时不可用，请稍后重试',
  504: '服务器响应超时，请稍后重试',
};

function currentCsrfToken(): string | undefined {
  return queryClient.getQueryData<Me | null>(meQueryKey)?.csrfToken;
}

/** Paths whose 401 is an answer, not an expired session. */
const SESSION_PATHS = ['/auth/login', '/auth/me'];

function onUnauthorized(path: string): void {
  if (SESSION_PATHS.some((p) => path.startsWith(p))) return;
  // The session may have expired: re-check it. If /auth/me now answers 401 the protected layouts
  // see `me === null` and send the user to /login?next=….
  void queryClient.invalidateQueries({ queryKey: meQueryKey });
}

/**
 * Server clock minus browser clock, in ms, from the Date header of the last API answer. Countdowns use
 * it so that a wrong PC clock does not show a wrong 受理 status. Ignored below 5 seconds.
 */
let serverClockOffset = 0;

function noteServerDate(res: Response): void {
  const header = res.headers.get('Date');
  if (!header) return;
  const server = Date.parse(header);
  if (Number.isNaN(server)) return;
  const offset = server - Date.now();
  serverClockOffset = Math.abs(offset) > 5000 ? offset : 0;
}

/** The current time by the server's clock (as far as the last answer tells). */
export function serverNow(): number {
  return Date.now() + serverClockOffset;
}

export type QueryValue = string | number | boolean | null | undefined;
export type QueryParams = Record<string, QueryValue>;

export function buildUrl(path: string, query?: QueryParams): string {
  const url = `${API_BASE}${path}`;
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${url}?${qs}` : url;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: QueryParams;
  /** JSON body (anything but FormData) or a multipart FormData. */
  body?: unknown;
  signal?: AbortSignal;
}

async function parseError(res: Response): Promise<ApiError> {
  let code = `HTTP_${res.status}`;
  let message =
    FALLBACK_MESSAGES[res.status] ??
    (res.status >= 500 ? FALLBACK_MESSAGES[500]! : `请求失败（${res.status}）`);
  let details: unknown;
  const text = await res.text().catch(() => '');
  if (text) {
    try {
      const body = JSON.parse(text) as { code?: unknown; message?: unknown; details?: unknown };
      if (typeof body.code === 'string') code = body.code;
      if (typeof body.message === 'string' && body.message.trim()) message = body.message;
      details = body.details;
    } catch {
      // not JSON (e.g. a proxy error page): keep the fallback message
    }
  }
  return new ApiError(res.status, code, message, details);
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) {
    body = options.body;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (method !== 'GET') {
    const token = currentCsrfToken();
    if (token) headers['X-CSRF-Token'] = token;
  }

  let res: Response;
  try {
    res = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK_ERROR', '无法连接服务器，请检查网络后重试');
  }

  noteServerDate(res);
  if (!res.ok) {
    const err = await parseError(res);
    if (res.status === 401) onUnauthorized(path);
    throw err;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  if (!text) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError(res.status, 'BAD_RESPONSE', '服务器返回的数据格式不正确，请稍后重试');
  }
}

export const api = {
  get: <T>(path: string, query?: QueryParams, signal?: AbortSignal) =>
    request<T>(path, { method: 'GET', query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>(path, { method: 'POST', body: body ?? {} }),
  put: <T>(path: string, body?: unknown) => request<T>(path, { method: 'PUT', body: body ?? {} }),
  patch: <T>(path: string, body?: unknown) => request<T>(path, { method: 'PATCH', body: body ?? {} }),
  delete: <T>(path: string) => request<T>(path, { method: 'DELETE' }),
  /** multipart/form-data upload of one file in field `file`. */
  upload: <T>(path: string, file: File, fieldName = 'file') => {
    const form = new FormData();
    form.append(fieldName, file, file.name);
    return request<T>(path, { method: 'POST', body: form });
  },
};

/** Absolute same-origin URL of a download (template.xlsx etc.), for a plain link. */
export function downloadUrl(path: string, query?: QueryParams): string {
  return buildUrl(path, query);
}
