import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParam } from '../../../contract/common.js';
import { Upload, UploadLimits, allowedUploadTypes } from '../../../contract/uploads.js';
import { readUpload } from '../../plugins/upload.js';
import { contentDisposition } from '../../documents/file-names.js';
import * as service from './uploads-service.js';

export const uploadsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['申报材料文件'];
  app.post(
    '/uploads',
    {
      schema: {
        tags,
        summary: '上传材料扫描件或照片（PDF/JPG/PNG，按内容识别；字段 file）',
        consumes: ['multipart/form-data'],
        response: { 201: Upload },
      },
    },
    async (req, reply) => {
      const actor = req.requireActor();
      const file = await readUpload(req, app.ctx.config.MATERIAL_MAX_BYTES);
      return reply.status(201).send(await service.upload(app.ctx, actor, file));
    },
  );
  app.get(
    '/uploads/limits',
    {
      schema: {
        tags,
        summary: '材料文件大小上限（浏览器据此先压缩图片、检查大小，再上传）',
        response: { 200: UploadLimits },
      },
    },
    async (req) => {
      req.requireActor();
      return { maxBytes: app.ctx.config.MATERIAL_MAX_BYTES, types: [...allowedUploadTypes] };
    },
  );
  app.get(
    '/uploads/:id',
    { schema: { tags, summary: '文件信息', params: IdParam, response: { 200: Upload } } },
    async (req) => service.getUpload(app.ctx, req.requireActor(), req.params.id),
  );
  app.get(
    '/uploads/:id/content',
    { schema: { tags, summary: '文件内容（预览）', params: IdParam } },
    async (req, reply) => {
      const { upload, stream } = await service.openUpload(app.ctx, req.requireActor(), req.params.id);
      // Served as exactly what the content is, in a sandbox, never sniffed into HTML by a browser.
      reply
        .type(upload.mimeType)
        .header('x-content-type-options', 'nosniff')
        // Images in a sandbox; a PDF needs the browser's viewer, which a sandbox would block.
        .header(
          'content-security-policy',
          upload.mimeType === 'application/pdf' ? "default-src 'none'" : "default-src 'none'; sandbox",
        )
        .header('content-disposition', contentDisposition('inline', upload.fileName))
        .header('cache-control', 'private, max-age=3600');
      return reply.send(stream);
    },
  );
};
