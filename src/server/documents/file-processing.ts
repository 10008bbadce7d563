/**
 * Uploaded files are processed in worker threads (piscina), with a memory limit and a time limit per
 * task, so that no file is ever decoded or assembled on the request thread (issue 13 item 3). Measured
 * before: one 420 KB PNG declaring 12 000 × 12 000 pixels stalled the whole server for 12.8 s at
 * submission and grew it by 560 MB. Now such an image is refused at upload from its header (see
 * `refuseOversizedImage`), and whatever still is heavy costs one worker, not everyone.
 *
 * The pool is per process, started on first use; idle threads exit, so it holds nothing open.
 */
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { imageSize } from 'image-size';
import { AppError } from '../errors.js';
import type { FileTask, PdfInspection } from './file-worker.js';
import type { Page } from './material-pdf.js';

/** A worker's heap limit: a PNG of the largest allowed size decodes well within it. */
const WORKER_HEAP_MB = 512;
const TASK_TIMEOUT_MS = 60_000;
/**
 * The largest image accepted, in pixels: a 50-megapixel phone camera (8 160 × 6 120) passes; a
 * decompression bomb declaring 12 000 × 12 000 does not. Decoding costs 4 bytes a pixel.
 */
export const MAX_IMAGE_PIXELS = 50_000_000;

let pool: Piscina | null = null;

function workerPool(): Piscina {
  if (pool) return pool;
  const here = import.meta.url;
  const fromSource = here.endsWith('.ts');
  const worker = new URL(fromSource ? './file-worker.ts' : './file-worker.js', here);
  pool = new Piscina({
    filename: fromSource
      ? fileURLToPath(new URL('./file-worker-from-source.mjs', here))
      : fileURLToPath(worker),
    workerData: { source: worker.href },
    minThreads: 0,
    maxThreads: Math.max(1, Math.min(4, availableParallelism() - 1)),
    idleTimeout: 10_000,
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
  });
  return pool;
}

async function runTask<T>(task: FileTask, transfer: ArrayBuffer[] = []): Promise<T> {
  return (await workerPool().run(task, {
    signal: AbortSignal.timeout(TASK_TIMEOUT_MS),
    transferList: transfer,
  })) as T;
}

/**
 * An uploaded PDF as the upload check needs it: its pages (0 when it does not open, or could not be
 * looked at in time) and any active content.
 */
export async function inspectPdf(content: Buffer): Promise<PdfInspection> {
  try {
    return await runTask<PdfInspection>({ kind: 'inspectPdf', content });
  } catch {
    return { pages: 0, activeContent: [] };
  }
}

// Markup a browser would run if it were ever shown the file as a page: a PDF/HTML polyglot.
const MARKUP = /<\s*(script|html|body|svg|iframe|object|embed)\b|javascript:/i;

/**
 * Refuses a PDF that carries anything beyond pages (issue 13 item 3): scripts, automatic actions or
 * embedded files (reviewers open these files), or HTML that makes it a polyglot. Scans need none.
 */
export function refuseActivePdf(content: Buffer, inspection: PdfInspection): void {
  if (inspection.activeContent.length)
    throw new AppError(
      'PDF_ACTIVE_CONTENT',
      422,
      `PDF 中含有脚本、自动执行的动作或嵌入的文件（${inspection.activeContent.join('、')}），出于安全原因不能上传；请用扫描件，或以“打印为 PDF”重新生成后上传`,
      { activeContent: inspection.activeContent },
    );
  if (MARKUP.test(content.toString('latin1')))
    throw new AppError(
      'PDF_ACTIVE_CONTENT',
      422,
      'PDF 中夹带了网页代码（HTML/脚本），出于安全原因不能上传；请用扫描件，或以“打印为 PDF”重新生成后上传',
      { activeContent: ['HTML'] },
    );
}

/** A material's scans combined into one PDF, in a worker; throws MATERIAL_UNREADABLE in Chinese. */
export async function combineMaterialPagesInWorker(pages: Page[], title: string): Promise<Buffer> {
  try {
    return Buffer.from(await runTask<Uint8Array>({ kind: 'combine', pages, title }));
  } catch (e) {
    // A damaged file, or the worker's time or memory limit: the cause is logged, not shown.
    throw new AppError(
      'MATERIAL_UNREADABLE',
      422,
      `材料“${title}”中有文件无法读取（PDF 可能已损坏或加密，或图片过大），请重新扫描上传`,
      { field: 'materials' },
      { cause: e },
    );
  }
}

/**
 * Refuses an image whose header declares more pixels than MAX_IMAGE_PIXELS, before anything decodes
 * it (a small file can declare a huge image: a decompression bomb). Reads only the header.
 */
export function refuseOversizedImage(content: Buffer): void {
  let size: { width?: number; height?: number };
  try {
    size = imageSize(content);
  } catch {
    throw new AppError('UNREADABLE_IMAGE', 422, '图片文件无法读取（可能已损坏），请重新拍摄或扫描后上传');
  }
  const { width = 0, height = 0 } = size;
  if (width < 1 || height < 1)
    throw new AppError('UNREADABLE_IMAGE', 422, '图片文件无法读取（可能已损坏），请重新拍摄或扫描后上传');
  if (width * height > MAX_IMAGE_PIXELS)
    throw new AppError(
      'IMAGE_TOO_LARGE',
      422,
      `图片尺寸过大（${width} × ${height} 像素），请缩小到 5000 万像素以内（如 8000 × 6000）后上传`,
      { width, height, maxPixels: MAX_IMAGE_PIXELS },
    );
}

/** Stops the worker threads (server shutdown); the next task starts a new pool. */
export async function closeFileProcessing(): Promise<void> {
  const p = pool;
  pool = null;
  await p?.destroy();
}
