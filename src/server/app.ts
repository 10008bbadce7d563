/** Builds the Fastify application. Nothing here opens ports or databases: server.ts and tests do. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { AppContext } from './context.js';
import errorsPlugin from './plugins/errors-plugin.js';
import authPlugin from './plugins/auth-plugin.js';
import httpCachePlugin from './plugins/http-cache-plugin.js';
import { databaseRateLimitStore } from './plugins/rate-limit-store.js';
import { logRedaction } from './plugins/log-redaction.js';
import { webDistDir } from './paths.js';
import { registerRoutes } from './routes.js';
import { startAuditSealer } from './modules/audit/audit-sealer.js';

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
  }
}

export interface BuildOptions {
  ctx: AppContext;
  logger?: boolean | object;
  /** Serve the built web app from dist/web when present (default true). */
  serveWeb?: boolean;
}

import { API_VERSION } from './version.js';

/** Content types worth compressing; everything else (PDF, xlsx/docx, images, octet-stream) is sent as is. */
const COMPRESSIBLE = (type: string): boolean =>
  /^text\/(?!event-stream)|[/+]json\b|javascript|[/+]xml\b|^image\/svg\+xml/i.test(type);

const IMMUTABLE = 'public, max-age=31536000, immutable';
const isHashedAsset = (path: string) => /[/\\]assets[/\\]/.test(path);

export async function buildApp(opts: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({
    // Every logger masks ID numbers and drops what a database error was given (log-redaction.ts).
    logger: opts.logger ? { ...logRedaction, ...(opts.logger === true ? {} : opts.logger) } : false,
    trustProxy: opts.ctx.config.TRUST_PROXY,
    bodyLimit: 2 * 1024 * 1024,
    // A URL Fastify cannot decode (a malformed percent-escape such as %ED%A0%BD) is refused before
    // routing, so the error handler never sees it: answer in the API's own shape, in Chinese.
    frameworkErrors: (error: FastifyError, _request: unknown, reply: FastifyReply) => {
      if (error.code === 'FST_ERR_BAD_URL') {
        void reply
          .status(400)
          .send({ code: 'BAD_URL', message: '请求地址含有无法识别的字符，请检查链接是否完整' });
        return;
      }
      void reply
        .status(500)
        .send({ code: 'INTERNAL', message: '系统内部错误，请稍后重试；如持续出现请联系管理员' });
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.decorate('ctx', opts.ctx);
  let stopSealer: (() => Promise<void>) | undefined;
  app.addHook('onReady', async () => {
    stopSealer = startAuditSealer(opts.ctx, app.log);
  });
  app.addHook('onClose', async () => {
    await stopSealer?.();
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(errorsPlugin);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // antd's CSS-in-JS writes style elements at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    // HSTS only where it means something: on answers that went out over TLS (behind a TLS-terminating
    // proxy with TRUST_PROXY=true, X-Forwarded-Proto says so). Over plain HTTP a browser ignores it, and
    // a site first tried without TLS must not be told to insist on it.
    hsts: false,
  });
  app.addHook('onSend', async (request, reply) => {
    if (request.protocol === 'https')
      reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false, store: databaseRateLimitStore(opts.ctx) });
  await app.register(multipart, {
    limits: { fileSize: opts.ctx.config.UPLOAD_MAX_BYTES, files: 1, fields: 10 },
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: '职称考核认定申报评审系统 API',
        description: '网上申报、审查、认定、发证、查询。公共接口见 CONTRACT.md。写操作需携带 X-CSRF-Token。',
        version: API_VERSION,
      },
      servers: [],
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'zc_session' } },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/v1/docs' });
  await app.register(authPlugin);
  await app.register(httpCachePlugin);
  // Compresses what the routes registered from here on send (API answers, the web app's files that have
  // no precompressed .br/.gz beside them), from 1 KB up. Only types that gain: text, JSON, JavaScript, CSS,
  // XML, SVG — never PDF, the zip-based Office files (xlsx, docx), images or octet-stream, which are
  // compressed already or streamed as they are. Request bodies are not decompressed (no gzip uploads).
  await app.register(compress, {
    global: true,
    encodings: ['br', 'gzip'],
    threshold: 1024,
    customTypes: COMPRESSIBLE,
    globalDecompression: false,
  });

  await app.register(registerRoutes, { prefix: '/api/v1' });
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const serveWeb = opts.serveWeb !== false && existsSync(join(webDistDir, 'index.html'));
  if (serveWeb) {
    await app.register(fastifyStatic, {
      root: webDistDir,
      wildcard: false,
      index: ['index.html'],
      // Vite writes .br and .gz beside each file (vite.config.ts): sent as they are, not compressed again.
      preCompressed: true,
      globIgnore: ['**/*.br', '**/*.gz'],
      cacheControl: false,
      setHeaders: (reply, path) => {
        // Files under /assets/ are named by their content's hash (Vite): a new build gives new names, so
        // a browser may keep them for good. index.html names the current ones, so it is revalidated always.
        void reply.header('cache-control', isHashedAsset(path) ? IMMUTABLE : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    // Client-side routes: any GET outside /api that is not a file gets the app shell.
    // A missing asset (a path with a file extension) is a 404, not the app shell: a browser would
    // otherwise be handed HTML for a script after a rebuild.
    const path = request.url.split('?')[0]!;
    if (serveWeb && request.method === 'GET' && !path.startsWith('/api/') && !/\.[a-z0-9]+$/i.test(path)) {
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    }
    return reply
      .status(404)
      .send({ code: 'NOT_FOUND', message: `接口不存在：${request.method} ${request.url.split('?')[0]}` });
  });
  return app;
}
