/** The file store the configuration asks for: the local disk (default) or an S3-compatible object store. */
import { join } from 'node:path';
import { type Config, ConfigError, missingS3Settings } from '../config.js';
import { type FileStorage, LocalDiskStorage } from './file-storage.js';
import { S3Storage } from './s3-storage.js';

export function createFileStorage(config: Config): FileStorage {
  if (config.STORAGE_DRIVER !== 's3') {
    return new LocalDiskStorage(config.FILES_DIR ?? join(config.DATA_DIR, 'files'));
  }
  // loadConfig has checked these; a configuration put together in code is checked here.
  const missing = missingS3Settings(config);
  if (missing.length) {
    throw new ConfigError(
      `配置错误，系统未启动：\n${missing.map((m) => `  ${m.key}: ${m.message}`).join('\n')}`,
    );
  }
  return new S3Storage({
    bucket: config.S3_BUCKET!,
    region: config.S3_REGION!,
    endpoint: config.S3_ENDPOINT,
    forcePathStyle: config.S3_FORCE_PATH_STYLE,
    accessKeyId: config.S3_ACCESS_KEY_ID!,
    secretAccessKey: config.S3_SECRET_ACCESS_KEY!,
  });
}

/**
 * At start, with the S3 driver: the bucket must exist and the keys must open it. A store that refuses
 * (no such bucket, wrong keys) is a configuration error and stops the start; one that does not answer
 * yet only gets a warning (uploads answer 503 until it does, as with the database).
 */
export async function checkFileStorage(
  storage: FileStorage,
): Promise<{ ok: true } | { ok: false; fatal: boolean; message: string }> {
  if (!(storage instanceof S3Storage)) return { ok: true };
  try {
    await storage.probe();
    return { ok: true };
  } catch (e) {
    const x = e as { name?: string; code?: string; $metadata?: { httpStatusCode?: number } };
    const status = x.$metadata?.httpStatusCode;
    const detail = `${x.code ?? x.name ?? 'error'}${status ? `，HTTP ${status}` : ''}`;
    if (status === 404 || status === 403 || status === 400 || status === 301)
      return {
        ok: false,
        fatal: true,
        message: `对象存储配置错误（${detail}）：存储桶不存在、区域不对或访问密钥无权访问，请检查 S3_ENDPOINT、S3_REGION、S3_BUCKET、S3_ACCESS_KEY_ID、S3_SECRET_ACCESS_KEY`,
      };
    return {
      ok: false,
      fatal: false,
      message: `对象存储暂时无法连接（${detail}）；系统照常启动，上传和下载文件在其恢复前将提示稍后重试`,
    };
  }
}
