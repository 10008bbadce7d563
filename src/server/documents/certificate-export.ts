/**
 * 证书管理 → 导出 Excel: the certificate list a county (or a self-reviewing unit) sends the city title
 * office with its 批复 (notice 四、（七）), as a 发证表 an HR office expects:
 *
 *   row 1  专业技术资格证书发放信息表                         (merged A1:P1, bold, centred)
 *   row 2  填报单位：… | 填报人：… | 电话：… | 填报日期：…    (four merged blocks A–F, G–J, K–M, N–P)
 *   row 3  序号 姓名 性别 身份证号码 … 证书编号               (bold, bordered, auto-filter; rows 1–3 frozen)
 *   row 4… one certificate a row, 序号 numbered 1, 2, 3 … by the writer
 *
 * Written with exceljs' streaming writer (no shared-strings table, every row committed as soon as it is
 * added), so memory stays flat whatever the number of rows: see {@link writeCertificateWorkbook}.
 *
 * Formula injection: a value is never written as a formula. Every value is written as a string cell
 * (`<c t="str"><v>…</v></c>`, no `<f>` element — exceljs only writes `<f>` for `{ formula }` objects,
 * which this module never creates), and a text a spreadsheet program could take for a formula (=, +, -,
 * @, tab, CR) gets an apostrophe in front, so that it stays text after a save-as-CSV too: the shared rule
 * and why it is an apostrophe are in formula-injection.ts. The text columns also carry the text number
 * format "@", so a cell the office edits in Excel (F2, Enter) stays text and an 18-digit 身份证号码 is
 * never turned into a number (3.6E+17). Otherwise values are kept verbatim, except for what XML 1.0
 * forces (control characters other than tab/LF/CR dropped by exceljs, U+FFFE/U+FFFF dropped, an
 * unpaired surrogate becomes U+FFFD); characters outside the BMP (CJK Extension B such as 𠈌) are
 * written as they are.
 */
import type { Readable, Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { spreadsheetText } from './formula-injection.js';

/** One certificate, every field as the sheet shows it (dates YYYY-MM-DD). 序号 is numbered by the writer. */
export interface CertificateExportRow {
  /** 姓名 */
  name: string;
  /** 性别 */
  gender: string;
  /** 身份证号码 (kept as text: 18 digits, may end in X) */
  idNumber: string;
  /** 学历 */
  education: string;
  /** 所学专业 */
  major: string;
  /** 参加工作时间 (YYYY-MM-DD) */
  workStartDate: string;
  /** 现工作单位 */
  employer: string;
  /** 系列 */
  series: string;
  /** 专业名称 */
  specialty: string;
  /** 资格名称 */
  qualification: string;
  /** 级别 */
  level: string;
  /** 认定机构 */
  agencyName: string;
  /** 批复文号 */
  documentNumber: string;
  /** 取得时间 (YYYY-MM-DD) */
  obtainedOn: string;
  /** 证书编号 */
  certificateNumber: string;
}

export interface CertificateExportHeader {
  /** 填报单位 */
  unitName: string;
  /** 填报人 */
  preparedBy: string;
  /** 电话 */
  phone: string;
  /** 填报日期 (YYYY-MM-DD) */
  preparedOn: string;
  /** The title row; 专业技术资格证书发放信息表 when not given. */
  title?: string;
}

export const CERTIFICATE_EXPORT_TITLE = '专业技术资格证书发放信息表';
export const CERTIFICATE_EXPORT_SHEET = '证书发放信息';

type Field = keyof CertificateExportRow;

/** The columns in order; `key` null is 序号 (numbered by the writer). Widths are in Excel characters. */
export const CERTIFICATE_EXPORT_COLUMNS: readonly { header: string; key: Field | null; width: number }[] = [
  { header: '序号', key: null, width: 7 },
  { header: '姓名', key: 'name', width: 10 },
  { header: '性别', key: 'gender', width: 6 },
  { header: '身份证号码', key: 'idNumber', width: 21 },
  { header: '学历', key: 'education', width: 10 },
  { header: '所学专业', key: 'major', width: 16 },
  { header: '参加工作时间', key: 'workStartDate', width: 13 },
  { header: '现工作单位', key: 'employer', width: 30 },
  { header: '系列', key: 'series', width: 16 },
  { header: '专业名称', key: 'specialty', width: 16 },
  { header: '资格名称', key: 'qualification', width: 16 },
  { header: '级别', key: 'level', width: 8 },
  { header: '认定机构', key: 'agencyName', width: 28 },
  { header: '批复文号', key: 'documentNumber', width: 24 },
  { header: '取得时间', key: 'obtainedOn', width: 12 },
  { header: '证书编号', key: 'certificateNumber', width: 22 },
];

/** Row numbers of the layout (1-based, as Excel shows them). */
export const CERTIFICATE_EXPORT_LAYOUT = { titleRow: 1, infoRow: 2, headerRow: 3, firstDataRow: 4 } as const;

const COLUMN_COUNT = CERTIFICATE_EXPORT_COLUMNS.length;
const LAST_COLUMN = columnLetter(COLUMN_COUNT);
/** 填报单位 / 填报人 / 电话 / 填报日期 blocks on row 2, as [first column, last column] (1-based). */
const INFO_BLOCKS: readonly [number, number][] = [
  [1, 6],
  [7, 10],
  [11, 13],
  [14, 16],
];

function columnLetter(n: number): string {
  let s = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}

const thin: Partial<ExcelJS.Border> = { style: 'thin' };
const border: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };
const font: Partial<ExcelJS.Font> = { name: '宋体', size: 10 };

// Style objects are shared by every cell: exceljs caches a style's id by object identity, so 1.6 million
// cells cost one style lookup each, not one style each.
const STYLE = {
  title: {
    font: { name: '宋体', size: 16, bold: true },
    alignment: { horizontal: 'center', vertical: 'middle' },
  },
  info: { font: { name: '宋体', size: 10 }, alignment: { horizontal: 'left', vertical: 'middle' } },
  header: {
    font: { name: '宋体', size: 10, bold: true },
    alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
    border,
    fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } },
  },
  seq: { font, alignment: { horizontal: 'center', vertical: 'middle' }, border },
  text: { font, numFmt: '@', alignment: { vertical: 'middle' }, border },
} satisfies Record<string, Partial<ExcelJS.Style>>;

/** Bytes exceljs may queue between a worksheet and the zip before we wait for the zip to catch up. */
const QUEUE_LIMIT = 1 << 20;

interface Drainable {
  once(event: 'drain', listener: () => void): unknown;
  removeListener(event: 'drain', listener: () => void): unknown;
}

/** What {@link worksheetQueue} watches: how many bytes wait, whether a 'drain' will come, and its emitter. */
interface Queue {
  waiting(): number;
  needDrain(): boolean;
  emitter: Drainable;
}

type LegacyWritable = Drainable & {
  writableLength?: number;
  writableNeedDrain?: boolean;
  /** readable-stream 2 (archiver's) has no writableLength / writableNeedDrain getters. */
  _writableState?: { length?: number; needDrain?: boolean };
};

/**
 * exceljs' worksheet stream hands its 64 KB blocks to the zip — archiver wraps it in a readable-stream 2
 * PassThrough — without looking at write()'s return value, so a source faster than deflate, or a slow
 * destination (which pauses the zip through pipe()), can pile the whole sheet up in memory. This is
 * that PassThrough's write queue; null if a later exceljs no longer has it (then only `out` is watched,
 * and a test fails: see test/unit/documents/certificate-export.test.ts).
 */
export function worksheetQueue(sheet: ExcelJS.Worksheet): Queue | null {
  const stream = (sheet as unknown as { stream?: { pipes?: unknown[] } }).stream;
  const pipe = stream?.pipes?.[0] as LegacyWritable | undefined;
  if (!pipe || typeof pipe.once !== 'function') return null;
  const state = pipe._writableState;
  if (typeof pipe.writableLength === 'number') {
    return {
      waiting: () => pipe.writableLength ?? 0,
      needDrain: () => pipe.writableNeedDrain ?? true,
      emitter: pipe,
    };
  }
  if (state && typeof state.length === 'number') {
    return { waiting: () => state.length ?? 0, needDrain: () => state.needDrain === true, emitter: pipe };
  }
  return null;
}

/**
 * Watches `out` from the start: an error or a close before the file is finished (a client that went
 * away) stops the export instead of leaving it waiting for a 'drain' or 'finish' that never comes. The
 * error listener also keeps such an error from becoming an uncaught exception; the writer rethrows it.
 */
function watchOutput(out: Writable) {
  let failure: Error | null = null;
  let fail: (e: Error) => void = () => undefined;
  const stopped = new Promise<never>((_, reject) => (fail = reject));
  stopped.catch(() => undefined);
  const onError = (e: Error) => {
    failure ??= e;
    fail(failure);
  };
  const closed = () => new Error('输出流在证书导出完成前已关闭');
  const onClose = () => {
    if (!out.writableFinished) onError(closed());
  };
  out.on('error', onError);
  out.on('close', onClose);
  return {
    stopped,
    check() {
      // 'close' comes a tick after destroy(); a source that never waits would not see it in time.
      if (!failure && out.destroyed) onError(out.errored ?? closed());
      if (failure) throw failure;
    },
    dispose() {
      out.removeListener('error', onError);
      out.removeListener('close', onClose);
    },
  };
}

/** Resolves on `target`'s 'drain', or rejects when the output stops (then nobody would drain it). */
async function drained(target: Drainable, stopped: Promise<never>): Promise<void> {
  let onDrain: () => void = () => undefined;
  const drain = new Promise<void>((resolve) => {
    onDrain = resolve;
    target.once('drain', onDrain);
  });
  try {
    await Promise.race([drain, stopped]);
  } finally {
    target.removeListener('drain', onDrain);
  }
}

/**
 * Writes the certificate list to `out` as an .xlsx and ends `out`. Rows are taken one at a time from
 * `rows` and committed at once; when the zip or `out` falls behind, the next row is not taken until
 * they drain, so memory does not grow with the number of rows (100 000 rows: see bench:export).
 * If `rows` throws, the archive is aborted, `out` is destroyed with the error (a truncated download,
 * never a file that looks complete) and the error is rethrown; if `out` fails or is closed first (the
 * client went away), the export stops with that error and no more rows are taken.
 */
export async function writeCertificateWorkbook(
  out: Writable,
  header: CertificateExportHeader,
  rows: AsyncIterable<CertificateExportRow> | Iterable<CertificateExportRow>,
): Promise<{ rows: number }> {
  const { titleRow, infoRow, headerRow } = CERTIFICATE_EXPORT_LAYOUT;
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = '职称考核认定申报评审系统';
  const sheet = workbook.addWorksheet(CERTIFICATE_EXPORT_SHEET, {
    // Views are written when the sheet opens, so they go in here (rows 1–3 stay on screen).
    views: [{ state: 'frozen', xSplit: 0, ySplit: headerRow, topLeftCell: `A${headerRow + 1}` }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    },
  });
  sheet.autoFilter = `A${headerRow}:${LAST_COLUMN}${headerRow}`;
  // Columns are written with the first row: widths only (styles are set per cell below).
  sheet.columns = CERTIFICATE_EXPORT_COLUMNS.map((c, i) => ({ key: `c${i + 1}`, width: c.width }));

  const output = watchOutput(out);
  let count = 0;
  try {
    // Title.
    sheet.mergeCells(titleRow, 1, titleRow, COLUMN_COUNT);
    const title = sheet.getRow(titleRow);
    title.height = 30;
    title.getCell(1).value = spreadsheetText(header.title?.trim() || CERTIFICATE_EXPORT_TITLE);
    title.getCell(1).style = STYLE.title;
    title.commit();

    // 填报单位 / 填报人 / 电话 / 填报日期.
    const info = sheet.getRow(infoRow);
    info.height = 20;
    const infoTexts = [
      `填报单位：${header.unitName}`,
      `填报人：${header.preparedBy}`,
      `电话：${header.phone}`,
      `填报日期：${header.preparedOn}`,
    ];
    INFO_BLOCKS.forEach(([from, to], i) => {
      sheet.mergeCells(infoRow, from, infoRow, to);
      info.getCell(from).value = spreadsheetText(infoTexts[i]);
      info.getCell(from).style = STYLE.info;
    });
    info.commit();

    // Column headers.
    const head = sheet.getRow(headerRow);
    head.height = 24;
    CERTIFICATE_EXPORT_COLUMNS.forEach((c, i) => {
      const cell = head.getCell(i + 1);
      cell.value = c.header;
      cell.style = STYLE.header;
    });
    head.commit();

    // Data.
    const queue = worksheetQueue(sheet);
    const outQueue: Drainable = out;
    for await (const r of rows) {
      output.check();
      count += 1;
      const row = sheet.getRow(headerRow + count);
      const seq = row.getCell(1);
      seq.value = count;
      seq.style = STYLE.seq;
      for (let i = 1; i < COLUMN_COUNT; i++) {
        const key = CERTIFICATE_EXPORT_COLUMNS[i]!.key as Field;
        const cell = row.getCell(i + 1);
        const text = spreadsheetText(r[key]);
        // An empty string would be written as an empty string cell; leave the cell blank instead.
        cell.value = text === '' ? null : text;
        cell.style = STYLE.text;
      }
      row.commit();
      if (queue && queue.waiting() >= QUEUE_LIMIT && queue.needDrain()) {
        await drained(queue.emitter, output.stopped);
      }
      if (out.writableNeedDrain) await drained(outQueue, output.stopped);
    }
    output.check();
    sheet.commit();
    await Promise.race([workbook.commit(), output.stopped]);
    output.dispose();
  } catch (e) {
    // The error listener stays: destroy() below emits the error again, after this function returns.
    const error = e instanceof Error ? e : new Error(String(e));
    out.destroy(error);
    (workbook as unknown as { zip?: { abort?: () => void } }).zip?.abort?.();
    throw error;
  }
  return { rows: count };
}

/**
 * exceljs' streaming reader (ExcelJS.stream.xlsx.WorkbookReader) decodes every chunk of a worksheet on
 * its own, so a Chinese character split across two 64 KB chunks comes back as "��" — about once every
 * 20 000 characters in this sheet (exceljs 4.4.0, exceljs/exceljs#2084, still open). This opens a reader
 * whose worksheets are decoded with one streaming TextDecoder instead, so characters split between chunks
 * (and 4-byte ones such as 𠈌) are joined again. The in-memory reader (workbook.xlsx.load) is not affected.
 */
export function utf8SafeWorkbookReader(
  input: string | Readable,
  options: Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions> = {},
): ExcelJS.stream.xlsx.WorkbookReader {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, options);
  const internal = reader as unknown as {
    _parseWorksheet?: (iterable: AsyncIterable<Buffer | string>, sheetNo: string) => AsyncGenerator;
  };
  const parse = internal._parseWorksheet;
  if (typeof parse !== 'function') throw new Error('exceljs WorkbookReader has no _parseWorksheet');
  internal._parseWorksheet = (iterable, sheetNo) => parse.call(reader, decodeUtf8(iterable), sheetNo);
  return reader;
}

async function* decodeUtf8(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) {
    const s = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (s) yield s;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}
