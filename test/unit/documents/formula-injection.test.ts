/** The formula-injection rule shared by every export and import (issue 13 item 3). */
import { describe, expect, it } from 'vitest';
import {
  looksLikeFormula,
  spreadsheetText,
  spreadsheetValue,
} from '../../../src/server/documents/formula-injection.js';

describe('formula injection', () => {
  it('takes = + - @ tab and CR at the start for a formula, a plain number not', () => {
    for (const s of ['=1+1', '+cmd', '-2+3', '@SUM(1)', '\t=1', '\r=1', '=', '-', '+86 797 8199235'])
      expect(looksLikeFormula(s), JSON.stringify(s)).toBe(true);
    for (const s of ['', '-2', '+86', '-1.5', '.5', '1+1', '张三', '赣州=1', ' =1', '0797-8199235'])
      expect(looksLikeFormula(s), JSON.stringify(s)).toBe(false);
  });

  it('puts an apostrophe before a formula-like text, keeps other texts and cleans what XML cannot carry', () => {
    expect(spreadsheetText('=HYPERLINK("http://x","点我")')).toBe('\'=HYPERLINK("http://x","点我")');
    expect(spreadsheetText('@SUM(1)')).toBe("'@SUM(1)");
    expect(spreadsheetText('\t=1+1')).toBe("'\t=1+1");
    expect(spreadsheetText('-5')).toBe('-5');
    expect(spreadsheetText('张𠈌')).toBe('张𠈌');
    expect(spreadsheetText('=\uFFFE1')).toBe("'=1");
  });

  it('leaves numbers, dates and booleans as they are: a negative number stays a number', () => {
    const d = new Date('2026-06-30T00:00:00Z');
    expect(spreadsheetValue(-2)).toBe(-2);
    expect(spreadsheetValue(d)).toBe(d);
    expect(spreadsheetValue(true)).toBe(true);
    expect(spreadsheetValue(null)).toBeNull();
    expect(spreadsheetValue('-2+3')).toBe("'-2+3");
    expect(spreadsheetValue(360702198001011234n)).toBe('360702198001011234');
  });
});
