/** One error handler: AppError → its status and Chinese message; validation → 400 naming the field in
 * Chinese, in zod's zh-CN words; a database constraint violation or lost race → 409/422 in Chinese;
 * a full or unreachable file store → 507/503 in Chinese; anything else → 500 with a generic message
 * (internals go to the log, never to the client). */
import fp from 'fastify-plugin';
import type { FastifyError, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { type ZodType, z } from 'zod';
import { AppError, databaseConflict, databaseUnavailable, storageFailure } from '../errors.js';
import { fieldLabel } from '../../contract/field-labels.js';

// Validation messages in Chinese (zod's own zh-CN locale; the web sets the same in main.tsx).
z.config(z.locales.zhCN());

/** What the whole of a request part is called when the issue is about it, not one of its fields. */
const partNames: Record<string, string> = { body: '请求内容', querystring: '查询参数', params: '路径参数' };

function validationIssues(
  request: FastifyRequest,
  context: string | undefined,
  validation: { instancePath: string; message?: string }[],
) {
  const schemas = (request.routeOptions.schema ?? {}) as Record<string, ZodType | undefined>;
  const schema = context ? schemas[context] : undefined;
  return validation.map((v) => {
    const path = v.instancePath
      .split('/')
      .filter(Boolean)
      .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    const field = path.join('.');
    const label = path.length
      ? (fieldLabel(schema, path) ?? field)
      : (partNames[context ?? ''] ?? '请求内容');
    return { field, label, message: v.message ?? '不正确' };
  });
}

export default fp(async (app) => {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      // The client gets the Chinese message; an operator gets what lay under it (a worker that ran out
      // of memory or time, a library's error), which the message does not say.
      if (error.cause !== undefined)
        request.log.warn({ err: error.cause, code: error.code }, 'request refused: underlying failure');
      const wait = (error.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
      if (typeof wait === 'number') reply.header('retry-after', String(wait));
      return reply.status(error.status).send({
        code: error.code,
        message: error.message,
        ...(error.details !== undefined ? { details: error.details } : {}),
      });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = validationIssues(request, error.validationContext, error.validation);
      const first = issues[0];
      return reply.status(400).send({
        code: 'VALIDATION_FAILED',
        message: first ? `${first.label}：${first.message}` : '请求参数不正确',
        details: { issues },
      });
    }
    const fromDatabase = databaseConflict(error);
    if (fromDatabase) {
      request.log.warn({ err: error }, 'database constraint or concurrency conflict');
      return reply
        .status(fromDatabase.status)
        .send({ code: fromDatabase.code, message: fromDatabase.message });
    }
    const storage = storageFailure(error);
    if (storage) {
      request.log.error({ err: error }, 'file storage full or unavailable');
      if (storage.status === 503) reply.header('retry-after', '30');
      return reply.status(storage.status).send({ code: storage.code, message: storage.message });
    }
    const unavailable = databaseUnavailable(error);
    if (unavailable) {
      request.log.warn({ err: error }, 'database unavailable');
      return reply
        .status(503)
        .header('retry-after', '5')
        .send({ code: unavailable.code, message: unavailable.message });
    }
    const e = error as FastifyError;
    if (e.statusCode === 429) {
      // The rate limit has set Retry-After (seconds); say it, so nobody keeps retrying blindly.
      const wait = Number(reply.getHeader('retry-after'));
      return reply.status(429).send({
        code: 'TOO_MANY_REQUESTS',
        message: wait > 0 ? `请求过于频繁，请 ${wait} 秒后再试` : '请求过于频繁，请稍后再试',
      });
    }
    if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || e.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
      return reply.status(415).send({ code: 'UNSUPPORTED_MEDIA_TYPE', message: '请求内容类型不正确' });
    }
    if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || e.code === 'FST_REQ_FILE_TOO_LARGE') {
      return reply.status(413).send({ code: 'PAYLOAD_TOO_LARGE', message: '上传内容超过大小限制' });
    }
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
      return reply.status(e.statusCode).send({ code: e.code ?? 'BAD_REQUEST', message: '请求不正确' });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply
      .status(500)
      .send({ code: 'INTERNAL', message: '系统内部错误，请稍后重试；如持续出现请联系管理员' });
  });
});
