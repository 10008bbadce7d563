import { describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { combineMaterialPages } from '../../../../src/server/documents/material-pdf.js';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

async function twoPagePdf(): Promise<Buffer> {
  const d = await PDFDocument.create();
  d.addPage();
  d.addPage();
  return Buffer.from(await d.save());
}

describe('combineMaterialPages', () => {
  it('puts images and PDF pages in order into one PDF, the same bytes every time', async () => {
    const pages = [
      { mimeType: 'image/png', content: PNG },
      { mimeType: 'application/pdf', content: await twoPagePdf() },
      { mimeType: 'image/png', content: PNG },
    ];
    const a = await combineMaterialPages(pages, '学历证书');
    const b = await combineMaterialPages(pages, '学历证书');
    expect(a.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await PDFDocument.load(a)).getPageCount()).toBe(4);
    expect(a.equals(b)).toBe(true);
  });
});
