/**
 * Uploads of materials (四、（三））: PDF, JPEG or PNG, recognised from the content (not the name or
 * the claimed type), within the size limit, stored content-addressed and durably before they are
 * acknowledged. Served back only as what they are, never as HTML.
 */
import type { Readable } from 'node:stream';
import { fileTypeFromBuffer } from 'file-type';
import type { AppContext } from '../../context.js';
import { inspectPdf, refuseActivePdf, refuseOversizedImage } from '../../documents/file-processing.js';
import { displayFileName } from '../../documents/file-names.js';
import { AppError, notFound } from '../../errors.js';
import { type Upload, allowedUploadTypes } from '../../../contract/uploads.js';
import { appendAudit } from '../audit/audit-repository.js';
import { type Actor, auditActorOf } from '../auth/actor.js';
import { findApplication } from '../applications/applications-repository.js';
import { applicationVisibleTo } from '../review/review-routing.js';
import * as repo from './uploads-repository.js';

type Row = repo.UploadRow;
const toUpload = (r: Row): Upload => ({
  id: r.id,
  sha256: r.sha256,
  size: r.size,
  mimeType: r.mimeType as Upload['mimeType'],
  fileName: r.fileName,
  createdAt: r.createdAt.toISOString(),
});

export async function upload(
  ctx: AppContext,
  actor: Actor,
  file: { buffer: Buffer; fileName: string },
): Promise<Upload> {
  const type = await fileTypeFromBuffer(file.buffer);
  if (!type || !(allowedUploadTypes as readonly string[]).includes(type.mime)) {
    throw new AppError(
      'UNSUPPORTED_FILE_TYPE',
      415,
      '只能上传 PDF、JPG 或 PNG 格式的扫描件或照片（系统按文件内容识别格式，修改扩展名无效）',
      { detected: type?.mime ?? null },
    );
  }
  // A PDF must open (not damaged, not encrypted): reviewers read it and materials are combined from it.
  // Opened in a worker thread, never on the request thread (issue 13 item 3).
  if (type.mime === 'application/pdf') {
    const inspection = await inspectPdf(file.buffer);
    if (inspection.pages < 1)
      throw new AppError(
        'UNREADABLE_PDF',
        422,
        'PDF 文件无法打开（可能已损坏或设置了密码），请重新扫描或导出后上传',
      );
    refuseActivePdf(file.buffer, inspection);
  }
  // An image is decoded when its material is combined: one that declares too many pixels (a small
  // file can) is refused now, from its header.
  if (type.mime !== 'application/pdf') refuseOversizedImage(file.buffer);
  // Durable first: the row below must never point at bytes that are not on disk.
  const stored = await ctx.storage.put(file.buffer);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const row = await repo.insertUpload(tx, {
      sha256: stored.sha256,
      size: stored.size,
      mimeType: type.mime,
      // Only a label: the bytes are stored under their SHA-256 above, never under this name.
      fileName: displayFileName(file.fileName),
      uploadedByAccountId: actor.accountId,
      createdAt: now,
    });
    await appendAudit(
      tx,
      auditActorOf(actor),
      {
        action: 'upload.created',
        targetType: 'upload',
        targetId: row.id,
        after: { sha256: row.sha256, size: row.size, mimeType: row.mimeType, fileName: row.fileName },
      },
      now,
    );
    return toUpload(row);
  });
}

/**
 * The uploader sees their uploads; anyone who may see an application that refers to the file (its
 * applicant, its unit, the seats of its review chain, the data scope above) sees it too.
 */
async function visibleUpload(ctx: AppContext, actor: Actor, id: number): Promise<Row> {
  const row = await repo.findUpload(ctx.db, id);
  if (!row) throw notFound('文件');
  if (row.uploadedByAccountId === actor.accountId || actor.roles.some((r) => r.role === 'system_admin'))
    return row;
  for (const applicationId of await repo.applicationIdsReferencing(ctx.db, id)) {
    const application = await findApplication(ctx.db, applicationId);
    if (application && applicationVisibleTo(actor, application)) return row;
  }
  throw notFound('文件');
}

export async function getUpload(ctx: AppContext, actor: Actor, id: number): Promise<Upload> {
  return toUpload(await visibleUpload(ctx, actor, id));
}

export async function openUpload(ctx: AppContext, actor: Actor, id: number) {
  const row = await visibleUpload(ctx, actor, id);
  const stream = ctx.storage.stream(row.sha256);
  // The store has answered before anything is sent: an unreachable store (503) or a missing file is
  // then an error response of its own, not a download that breaks under the file's headers.
  await firstBytes(stream);
  return { upload: toUpload(row), stream };
}

/** Resolves once the stream has data (or has ended), rejects with its first error. */
function firstBytes(stream: Readable): Promise<void> {
  return new Promise((resolve, reject) => {
    // Stays attached: an error before the reply takes the stream over must not go unhandled (the
    // reply sees a destroyed stream's error anyway).
    stream.on('error', reject);
    stream.once('readable', () => resolve());
  });
}
