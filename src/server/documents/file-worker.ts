/**
 * What runs in the file-processing worker threads (file-processing.ts), never on the request thread:
 * opening an uploaded PDF to count its pages, and combining a material's scans into one PDF (images
 * decoded, PDFs parsed). One applicant's heavy or hostile file then costs a worker its time and at
 * most its memory limit, and every other request goes on (issue 13 item 3; issue 12: submits).
 */
import { PDFDocument } from 'pdf-lib';
import { type Page, combineMaterialPages } from './material-pdf.js';

export type FileTask =
  | { kind: 'pdfPageCount'; content: Uint8Array }
  | { kind: 'combine'; pages: { mimeType: string; content: Uint8Array }[]; title: string };

export default async function run(task: FileTask): Promise<number | Uint8Array> {
  switch (task.kind) {
    case 'pdfPageCount':
      // Damaged or encrypted: 0 pages, which the caller refuses in Chinese.
      return PDFDocument.load(task.content, { updateMetadata: false })
        .then((d) => d.getPageCount())
        .catch(() => 0);
    case 'combine': {
      const pages: Page[] = task.pages.map((p) => ({
        mimeType: p.mimeType,
        content: Buffer.from(p.content),
      }));
      return new Uint8Array(await combineMaterialPages(pages, task.title));
    }
  }
}
