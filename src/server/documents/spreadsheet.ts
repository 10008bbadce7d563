/**
 * Reading uploaded tables (.xlsx, or .csv in UTF-8 or GBK as Excel saves it in Chinese Windows) and
 * writing import templates, with exceljs.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../errors.js';
import { looksLikeFormula, spreadsheetText, spreadsheetValue } from './formula-injection.js';
import { contentDisposition } from './file-names.js';

export interface TableRow {
  /** 1-based row number as the spreadsheet program shows it. */
  row: number;
  values: Record<string, string>;
}

export interface Column {
  header: string;
  key: string;
  width?: number;
  /** Store as text so Excel keeps ID numbers' 18 digits (not 3.6E+17). */
  text?: boolean;
  note?: string;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    return '';
  }
  return String(value).trim();
}

function decodeCsv(buf: Buffer): string {
  const bytes = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? buf.subarray(3) : buf;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gbk').decode(bytes);
  }
}

const unreadable = () =>
  new AppError(
    'UNREADABLE_FILE',
    422,
    '无法读取该文件，请使用系统提供的模板，保存为 .xlsx 或 .csv 格式后上传',
  );

/** A cell the import refuses, as RowError (contract/accounts.ts) shows it: row, column, why. */
interface FormulaProblem {
  row: number;
  field: string;
  message: string;
}

/** How a formula or formula-like text is quoted in a message: short, on one line. */
const quoted = (text: string) => {
  const line = text.replace(/[\r\n\t]+/g, ' ').trim();
  return line.length > 40 ? `${line.slice(0, 40)}…` : line;
};

/**
 * Why a cell is refused, or null: a formula cell (with or without a cached result — the result is
 * not what the office typed, and a HYPERLINK's shown text hides where it points), or a text a
 * spreadsheet program would take for a formula (formula-injection.ts). A plain number such as -2 is not
 * refused here: the column's own check judges it.
 */
function formulaProblem(value: ExcelJS.CellValue, text: string): string | null {
  if (value !== null && typeof value === 'object' && ('formula' in value || 'sharedFormula' in value)) {
    const formula = 'formula' in value && value.formula ? `=${value.formula}` : '';
    return formula
      ? `是公式（${quoted(formula)}），不能导入；请改为直接填写内容`
      : '是公式，不能导入；请改为直接填写内容';
  }
  if (looksLikeFormula(text)) {
    return `以“${text[0]}”开头（${quoted(text)}），会被表格软件当作公式，不能导入；请删去开头的符号或改为直接填写内容`;
  }
  return null;
}

/**
 * Reads the first sheet; the first non-empty row is the header row. Headers are matched by text.
 * A formula anywhere in the sheet (or a text that looks like one, as a CSV injection would put it) is
 * refused with every such cell's row and column (422 IMPORT_FORMULA), before any column is checked:
 * an imported name that is a formula is a mistake, and stored it would reach the next export.
 */
export async function readTable(
  buf: Buffer,
  fileName: string,
  maxRows = 20_000,
): Promise<{ headers: string[]; rows: TableRow[] }> {
  const workbook = new ExcelJS.Workbook();
  const type = await fileTypeFromBuffer(buf);
  try {
    if (type?.ext === 'xlsx' || type?.mime === 'application/zip') {
      await workbook.xlsx.load(buf as unknown as ArrayBuffer);
    } else if (!type && /\.csv$/i.test(fileName)) {
      await workbook.csv.read(Readable.from([decodeCsv(buf)]), {
        parserOptions: { trim: true },
        // Keep every cell as text: ID numbers must not become numbers or dates.
        map: (v: unknown) => v,
      });
    } else {
      throw unreadable();
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw unreadable();
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw unreadable();
  let headers: string[] | null = null;
  const rows: TableRow[] = [];
  const formulas: FormulaProblem[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const raw = (row.values as ExcelJS.CellValue[]).slice(1);
    const cells = raw.map(cellText);
    raw.forEach((value, i) => {
      const problem = formulaProblem(value, cells[i] ?? '');
      if (problem) {
        const column = sheet.getColumn(i + 1).letter;
        const field = headers?.[i] || `${column} 列`;
        formulas.push({ row: rowNumber, field, message: `${column}${rowNumber} 单元格${problem}` });
      }
    });
    if (!headers) {
      headers = cells.map((c) => c.replace(/\s+/g, '').replace(/[*＊]/g, ''));
      return;
    }
    if (cells.every((c) => c === '')) return;
    const values: Record<string, string> = {};
    headers.forEach((h, i) => {
      if (h) values[h] = cells[i] ?? '';
    });
    rows.push({ row: rowNumber, values });
  });
  if (formulas.length) {
    throw new AppError(
      'IMPORT_FORMULA',
      422,
      `文件中有 ${formulas.length} 个单元格是公式或以 = + - @ 开头，未导入任何数据。请改为直接填写文字或数字后重新上传`,
      { rows: formulas.slice(0, 500), total: formulas.length },
    );
  }
  if (!headers) throw new AppError('EMPTY_FILE', 422, '文件中没有数据');
  if (rows.length > maxRows)
    throw new AppError('TOO_MANY_ROWS', 422, `一次最多导入 ${maxRows} 行，请分批导入`);
  return { headers, rows };
}

/** Every required header must be present; otherwise a 422 that names the missing ones. */
export function requireHeaders(headers: string[], required: string[]) {
  const missing = required.filter((h) => !headers.includes(h));
  if (missing.length) {
    throw new AppError('MISSING_COLUMNS', 422, `文件缺少列：${missing.join('、')}。请下载并使用系统模板`, {
      missing,
    });
  }
}

export async function buildTemplate(
  sheetName: string,
  columns: Column[],
  examples: Record<string, string | number>[],
  notes: string[],
) {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '职称考核认定申报评审系统';
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width ?? 20,
    style: c.text ? { numFmt: '@' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  columns.forEach((c, i) => {
    if (c.note) sheet.getRow(1).getCell(i + 1).note = c.note;
  });
  for (const e of examples)
    sheet.addRow(Object.fromEntries(Object.entries(e).map(([k, v]) => [k, spreadsheetValue(v)])));
  const help = workbook.addWorksheet('填写说明');
  help.getColumn(1).width = 100;
  for (const n of notes) help.addRow([spreadsheetText(n)]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A download's header: the Chinese name for browsers that read filename*, an ASCII name otherwise. */
export function attachmentHeader(fileName: string) {
  return contentDisposition('attachment', fileName);
}
