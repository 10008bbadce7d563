/**
 * Several scans or photos of one material, combined in their order into one PDF (pdf-lib): images
 * become one page each, fitted to A4; PDF pages are copied as they are. Metadata dates are fixed, so
 * the same pages always give the same bytes (and so the same content address).
 */
import { PDFDocument } from 'pdf-lib';

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 24;
const FIXED_DATE = new Date('2000-01-01T00:00:00Z');

export interface Page {
  mimeType: string;
  content: Buffer;
}

export async function combineMaterialPages(pages: Page[], title: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.setTitle(title);
  doc.setProducer('职称考核认定申报评审系统');
  doc.setCreator('职称考核认定申报评审系统');
  doc.setCreationDate(FIXED_DATE);
  doc.setModificationDate(FIXED_DATE);
  for (const p of pages) {
    if (p.mimeType === 'application/pdf') {
      const src = await PDFDocument.load(p.content, { ignoreEncryption: true });
      const copied = await doc.copyPages(src, src.getPageIndices());
      copied.forEach((pg) => doc.addPage(pg));
      continue;
    }
    const image = p.mimeType === 'image/png' ? await doc.embedPng(p.content) : await doc.embedJpg(p.content);
    const scale = Math.min((A4.width - 2 * MARGIN) / image.width, (A4.height - 2 * MARGIN) / image.height, 1);
    const w = image.width * scale;
    const h = image.height * scale;
    const page = doc.addPage([A4.width, A4.height]);
    page.drawImage(image, { x: (A4.width - w) / 2, y: (A4.height - h) / 2, width: w, height: h });
  }
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}
