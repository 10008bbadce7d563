import type { FastifyRequest } from 'fastify';
import { AppError, badRequest } from '../errors.js';
import { displayFileName } from '../documents/file-names.js';

export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${+(n / 1024 / 1024).toFixed(1)} MB` : `${Math.round(n / 1024)} KB`;
}

/** The single uploaded file of a multipart request (field "file"), fully read. */
export async function readUpload(
  req: FastifyRequest,
  maxBytes?: number,
): Promise<{ buffer: Buffer; fileName: string }> {
  if (!req.isMultipart()) throw badRequest('请以 multipart/form-data 方式上传文件（字段名 file）');
  const part = await req.file(maxBytes ? { limits: { fileSize: maxBytes } } : undefined);
  if (!part) throw badRequest('没有收到文件');
  let buffer: Buffer;
  try {
    buffer = await part.toBuffer();
  } catch (e) {
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      const limit = maxBytes ?? req.server.ctx.config.UPLOAD_MAX_BYTES;
      throw new AppError(
        'FILE_TOO_LARGE',
        413,
        `文件超过 ${formatBytes(limit)} 的大小限制，请压缩或分页扫描后再上传`,
        { limit },
      );
    }
    throw e;
  }
  if (buffer.length === 0) throw badRequest('上传的文件是空的');
  // The name is a label only (paths, controls and bidi overrides removed, bounded): never a storage key.
  return { buffer, fileName: displayFileName(part.filename) };
}
