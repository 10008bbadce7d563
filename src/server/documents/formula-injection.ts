/**
 * Formula injection ("CSV injection", OWASP; issue 13 item 3): one rule for every spreadsheet the
 * system writes (certificate list, statistics, audit log, import templates) and reads (imports).
 *
 * A text that starts with = + - @, a tab or a carriage return is what a spreadsheet program may take for
 * a formula (=HYPERLINK(…), +cmd|' /C calc'!A0, @SUM(…)). A text that is a plain number (-2, +86…
 * without anything else) is not: it can only ever become a number.
 *
 * Exports write such a text with an apostrophe in front ('=1+1), as OWASP advises. Why not Excel's
 * quotePrefix style, which would keep the value verbatim: exceljs 4.4 cannot write it (its style model
 * has no quotePrefix), and quotePrefix is only a style — Excel's "save as CSV" writes the bare =1+1,
 * which the next program that opens the CSV evaluates. The apostrophe is part of the value, so it
 * survives every conversion; the cost is that it shows. Real numbers and dates stay number and date
 * cells (a negative number is a number cell, never text). Cells are also cleaned of what XML 1.0 cannot
 * carry (U+FFFE/U+FFFF dropped, an unpaired surrogate becomes U+FFFD; exceljs drops C0 controls itself).
 *
 * Imports refuse a formula cell, and a text that looks like one, naming its row and column (see
 * spreadsheet.ts `readTable`): a name or a unit that is a formula is a mistake in the file, and storing
 * it would only hand the formula on to the next export.
 */
import type ExcelJS from 'exceljs';

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/** Whether a spreadsheet program could read this text as a formula (see the module comment). */
export function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text);
}

// XML 1.0 cannot carry U+FFFE/U+FFFF or a lone surrogate.
const NOT_XML = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|[\uFFFE\uFFFF]/g;

/** The text written for a value in a text column: never a formula, only what XML can carry. */
export function spreadsheetText(value: unknown): string {
  if (value === null || value === undefined) return '';
  let s = typeof value === 'string' ? value : String(value);
  NOT_XML.lastIndex = 0;
  if (NOT_XML.test(s)) s = s.replace(NOT_XML, (c) => (c >= '\uFFFE' ? '' : '\uFFFD'));
  return looksLikeFormula(s) ? `'${s}` : s;
}

/**
 * A cell value for an export: numbers, dates and booleans as they are, everything else as
 * {@link spreadsheetText}. Formula objects are never passed in by this system; one would be written as
 * its text.
 */
export function spreadsheetValue(value: unknown): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  return spreadsheetText(value);
}
