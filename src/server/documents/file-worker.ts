/**
 * What runs in the file-processing worker threads (file-processing.ts), never on the request thread:
 * opening an uploaded PDF to count its pages, and combining a material's scans into one PDF (images
 * decoded, PDFs parsed). One applicant's heavy or hostile file then costs a worker its time and at
 * most its memory limit, and every other request goes on (issue 13 item 3; issue 12: submits).
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFStream, type PDFObject } from 'pdf-lib';
import { type Page, combineMaterialPages } from './material-pdf.js';

export type FileTask =
  | { kind: 'inspectPdf'; content: Uint8Array }
  | { kind: 'combine'; pages: { mimeType: string; content: Uint8Array }[]; title: string };

export interface PdfInspection {
  /** 0 when the PDF does not open (damaged, encrypted). */
  pages: number;
  /** What makes it active: scripts, automatic actions, embedded files (names as in the PDF). */
  activeContent: string[];
}

// Keys and action types that run something or carry another file (ISO 32000-1 12.6, 7.11.4, 12.7.5).
const ACTIVE_KEYS = new Set(['JS', 'JavaScript', 'AA', 'EmbeddedFile', 'EmbeddedFiles', 'RichMedia', 'XFA']);
const ACTIVE_ACTIONS = new Set([
  'JavaScript',
  'Launch',
  'SubmitForm',
  'ImportData',
  'ResetForm',
  'Rendition',
]);

/**
 * Every object of the file is looked at, including those packed in compressed object streams, where a
 * search of the raw bytes would not see them.
 */
async function inspectPdf(content: Uint8Array): Promise<PdfInspection> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(content, { updateMetadata: false });
  } catch {
    return { pages: 0, activeContent: [] };
  }
  const found = new Set<string>();
  const seen = new Set<PDFObject>();
  const visit = (o: PDFObject | undefined, depth: number) => {
    if (!o || depth > 32 || seen.has(o)) return;
    seen.add(o);
    const dict = o instanceof PDFStream ? o.dict : o instanceof PDFDict ? o : null;
    if (dict) {
      for (const [key, value] of dict.entries()) {
        const name = key.decodeText();
        if (ACTIVE_KEYS.has(name)) found.add(`/${name}`);
        if (name === 'S' && value instanceof PDFName && ACTIVE_ACTIONS.has(value.decodeText()))
          found.add(`/S /${value.decodeText()}`);
        visit(value, depth + 1);
      }
    } else if (o instanceof PDFArray) {
      for (let i = 0; i < o.size(); i++) visit(o.get(i), depth + 1);
    }
  };
  for (const [, object] of doc.context.enumerateIndirectObjects()) visit(object, 0);
  return { pages: doc.getPageCount(), activeContent: [...found].sort() };
}

export default async function run(task: FileTask): Promise<PdfInspection | Uint8Array> {
  switch (task.kind) {
    case 'inspectPdf':
      return inspectPdf(task.content);
    case 'combine': {
      const pages: Page[] = task.pages.map((p) => ({
        mimeType: p.mimeType,
        content: Buffer.from(p.content),
      }));
      return new Uint8Array(await combineMaterialPages(pages, task.title));
    }
  }
}
