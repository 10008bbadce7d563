/**
 * Issue 13 item 3: files are processed in worker threads, never on the request thread; an image
 * declaring too many pixels is refused from its header before anything decodes it; a PDF with scripts,
 * automatic actions, embedded files or HTML is refused.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import {
  MAX_IMAGE_PIXELS,
  closeFileProcessing,
  combineMaterialPagesInWorker,
  inspectPdf,
  refuseActivePdf,
  refuseOversizedImage,
} from '../../../../src/server/documents/file-processing.js';
import { blankPng, pngHeader } from '../../../helpers/png.js';
import { hostilePdf } from '../../../helpers/hostile-pdf.js';

afterAll(() => closeFileProcessing());

async function onePagePdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([200, 200]);
  return Buffer.from(await doc.save());
}

describe('file processing in worker threads', () => {
  it('counts a PDF’s pages; a damaged one has none', async () => {
    expect(await inspectPdf(await onePagePdf())).toEqual({ pages: 1, activeContent: [] });
    expect((await inspectPdf(Buffer.from('%PDF-1.4\nnot really a pdf'))).pages).toBe(0);
  });

  it('combines scans and PDFs into one PDF, a page each', async () => {
    const out = await combineMaterialPagesInWorker(
      [
        { mimeType: 'image/png', content: blankPng(40, 30) },
        { mimeType: 'application/pdf', content: await onePagePdf() },
      ],
      '学历证书',
    );
    const doc = await PDFDocument.load(out);
    expect(doc.getPageCount()).toBe(2);
    expect(doc.getTitle()).toBe('学历证书');
  });

  it('an unreadable file in a material is a 422 in Chinese, not a 500', async () => {
    await expect(
      combineMaterialPagesInWorker(
        [{ mimeType: 'application/pdf', content: Buffer.from('%PDF-1.4 x') }],
        '职称证',
      ),
    ).rejects.toMatchObject({
      code: 'MATERIAL_UNREADABLE',
      status: 422,
      // What the worker met is kept for the log (errors-plugin.ts), not shown to the applicant.
      cause: expect.any(Error),
    });
  });

  it('decoding a large image does not stall the request thread', async () => {
    const big = blankPng(4000, 4000); // 16 megapixels: allowed, and slow to decode
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const t0 = performance.now();
    await combineMaterialPagesInWorker([{ mimeType: 'image/png', content: big }], '大图');
    const took = performance.now() - t0;
    delay.disable();
    // The work took a while, and meanwhile this thread kept answering within a fraction of it.
    expect(took).toBeGreaterThan(100);
    expect(delay.max / 1e6).toBeLessThan(Math.max(100, took / 4));
  });
});

describe('images refused from their header', () => {
  it('a decompression bomb (12 000 × 12 000 in a few hundred KB) is refused before decoding', () => {
    const bomb = blankPng(12_000, 12_000);
    expect(bomb.length).toBeLessThan(1_000_000);
    const t0 = performance.now();
    expect(() => refuseOversizedImage(bomb)).toThrow(
      expect.objectContaining({
        code: 'IMAGE_TOO_LARGE',
        status: 422,
        message: expect.stringContaining('12000 × 12000'),
      }),
    );
    expect(performance.now() - t0).toBeLessThan(50); // the header only
  });

  it('the limit: a 50-megapixel phone photo passes, one pixel row more does not', () => {
    const width = 8_000;
    const rows = Math.floor(MAX_IMAGE_PIXELS / width);
    expect(() => refuseOversizedImage(pngHeader(width, rows))).not.toThrow();
    expect(() => refuseOversizedImage(pngHeader(width, rows + 1))).toThrow(
      expect.objectContaining({ code: 'IMAGE_TOO_LARGE' }),
    );
  });

  it('an image whose header does not read is refused as unreadable', () => {
    expect(() => refuseOversizedImage(Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]))).toThrow(
      expect.objectContaining({ code: 'UNREADABLE_IMAGE' }),
    );
  });
});

describe('PDFs with active content are refused, whatever hides it', () => {
  it.each(['openAction', 'pageAA', 'embedded', 'nameTreeJs'] as const)('%s', async (kind) => {
    const pdf = await hostilePdf(kind);
    // Packed in object streams: the raw bytes do not show it, the parsed objects do.
    expect(pdf.toString('latin1')).not.toContain('app.alert');
    const inspection = await inspectPdf(pdf);
    expect(inspection.pages).toBe(1);
    expect(inspection.activeContent.length).toBeGreaterThan(0);
    expect(() => refuseActivePdf(pdf, inspection)).toThrow(
      expect.objectContaining({
        code: 'PDF_ACTIVE_CONTENT',
        status: 422,
        message: expect.stringContaining('安全原因'),
      }),
    );
  });

  it('a PDF that is also a web page (polyglot) is refused; a plain one passes', async () => {
    const plain = await onePagePdf();
    expect(() => refuseActivePdf(plain, { pages: 1, activeContent: [] })).not.toThrow();
    const polyglot = Buffer.concat([
      plain,
      Buffer.from('\n<html><body><script>alert(document.cookie)</script>'),
    ]);
    const inspection = await inspectPdf(polyglot);
    expect(inspection.pages).toBe(1); // it does open as a PDF
    expect(() => refuseActivePdf(polyglot, inspection)).toThrow(
      expect.objectContaining({ code: 'PDF_ACTIVE_CONTENT', message: expect.stringContaining('网页代码') }),
    );
  });
});
