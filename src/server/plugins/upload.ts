import type { FastifyRequest } from 'fastify';
import { badRequest } from '../errors.js';

/** The single uploaded file of a multipart request (field "file"), fully read. */
export async function readUpload(req: FastifyRequest): Promise<{ buffer: Buffer; fileName: string }> {
  if (!req.isMultipart()) throw badRequest('请以 multipart/form-data 方式上传文件（字段名 file）');
  const part = await req.file();
  if (!part) throw badRequest('没有收到文件');
  const buffer = await part.toBuffer();
  if (buffer.length === 0) throw badRequest('上传的文件是空的');
  return { buffer, fileName: part.filename || 'upload' };
}
