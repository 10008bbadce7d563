/**
 * What the logs may hold (issue 13 item 4: ID numbers masked in logs). Logs are read by operators and
 * shipped to other systems, so no ID number (usernames default to it), mobile number, password or
 * session token goes into them in clear:
 *  - request URLs (a search `?q=` may be an ID number) and error messages and stacks are masked by
 *    pattern, as `maskIdNumber` shows them on pages;
 *  - a database error's bound parameters (drizzle's `params`, node-postgres' `parameters`) and query
 *    text are dropped: they carry whatever the statement was given;
 *  - fields with such names anywhere in a logged object are censored (pino's redact).
 */
import { stdSerializers } from 'pino';
import { maskIdNumber, maskMobile } from '../../domain/id-number.js';

const ID_NUMBER = /(?<!\d)\d{17}[\dXx](?!\d)|(?<!\d)\d{15}(?!\d)/g;
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/g;

/** Masks every ID number (18 or 15 digits) and mobile number in a text. */
export function maskPersonalNumbers(text: string): string {
  return text.replace(ID_NUMBER, (m) => maskIdNumber(m)).replace(MOBILE, (m) => maskMobile(m));
}

const DROPPED = new Set(['params', 'parameters', 'query', 'values']);

type SerializedError = ReturnType<typeof stdSerializers.err>;

function safeError(error: unknown, depth = 0): SerializedError {
  if (!(error instanceof Error) || depth > 4)
    return { type: typeof error, message: maskPersonalNumbers(String(error)), stack: '', raw: null as never };
  const out: Record<string, unknown> = { ...stdSerializers.err(error) };
  for (const key of Object.keys(out)) {
    if (DROPPED.has(key)) delete out[key];
    else if (typeof out[key] === 'string') out[key] = maskPersonalNumbers(out[key] as string);
  }
  if ((error as { cause?: unknown }).cause)
    out.cause = safeError((error as { cause?: unknown }).cause, depth + 1);
  return out as SerializedError;
}

const CENSORED = ['idNumber', 'password', 'currentPassword', 'newPassword', 'mobile', 'token', 'cookie'];

/** Pino options every server logger gets (merged under the caller's own, e.g. its level). */
export const logRedaction = {
  serializers: {
    err: safeError,
    error: safeError,
    req: (req: { method?: string; url?: string; ip?: string; hostname?: string }) => ({
      method: req.method,
      url: req.url ? maskPersonalNumbers(req.url) : req.url,
      hostname: req.hostname,
      remoteAddress: req.ip,
    }),
  },
  redact: {
    paths: [
      ...CENSORED,
      ...CENSORED.map((k) => `*.${k}`),
      'req.headers.cookie',
      'req.headers["x-csrf-token"]',
      'res.headers["set-cookie"]',
    ],
    censor: '[已隐去]',
  },
};
