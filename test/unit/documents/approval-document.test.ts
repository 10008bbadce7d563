import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type ApprovalDocumentData,
  type ApprovalDocumentRow,
  approvalBodyParagraphs,
  balanceLines,
  chineseDate,
  renderApprovalDocx,
  renderApprovalPdf,
} from '../../../src/server/documents/approval-document.js';

const NAMES = ['李晓华', '王𠈌', '欧阳秀英'];

function rows(n: number, vary = false): ApprovalDocumentRow[] {
  return Array.from({ length: n }, (_, i) => ({
    name: NAMES[i] ?? `申报人${i + 1}`,
    gender: i % 2 ? '男' : '女',
    employer: i % 2 ? '赣州市章贡区第一中学' : '赣州市章贡区沙石镇中心小学',
    series: vary && i % 2 ? '工程技术' : '中小学教师',
    specialty: vary && i % 2 ? '建筑工程' : '小学语文',
    qualification: vary && i % 2 ? '助理工程师' : '二级教师',
    level: '初级',
    certificateNumber: `2027GZ021${String(i + 1).padStart(5, '0')}`,
  }));
}

function data(n: number, extra: Partial<ApprovalDocumentData> = {}): ApprovalDocumentData {
  return {
    issuer: '赣州市章贡区人力资源和社会保障局',
    documentNumber: '章人社字〔2027〕3号',
    title: `关于李晓华等${n}位同志具备中小学教师专业技术资格的批复`,
    recipient: '赣州市章贡区教育局、赣州市章贡区第一中学',
    basis:
      '《江西省职称考核认定办法》（赣人社规〔2025〕3号）和《关于做好2027年专业技术资格考核认定工作的通知》（赣市人社字〔2027〕5号）',
    effectiveOn: '2027-04-05',
    issuedOn: '2027-04-25',
    copyTo: '赣州市职称工作办公室',
    printedBy: '赣州市章贡区人力资源和社会保障局办公室',
    printedOn: '2027-04-26',
    rows: rows(n),
    ...extra,
  };
}

/** One entry of a zip archive (the DOCX), read with the central directory and raw inflate. */
function zipEntry(zip: Buffer, name: string): string {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(eocd).toBeGreaterThan(0);
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(p + 10);
    const size = zip.readUInt32LE(p + 20);
    const nameLength = zip.readUInt16LE(p + 28);
    const extra = zip.readUInt16LE(p + 30);
    const comment = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    if (zip.toString('utf8', p + 46, p + 46 + nameLength) === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const raw = zip.subarray(start, start + size);
      return (method === 0 ? raw : inflateRawSync(raw)).toString('utf8');
    }
    p += 46 + nameLength + extra + comment;
  }
  throw new Error(`${name} not in the archive`);
}

/** The text of a WordprocessingML part: its w:t runs, joined. */
function wordText(xml: string) {
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

const hasPoppler = spawnSync('pdftotext', ['-v']).status === 0;
const scratch = mkdtempSync(join(tmpdir(), 'approval-document-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** pdftotext's text of the pages from `first` (1-based) to `last`, whitespace removed. */
function pdfText(pdf: Uint8Array, first = 1, last?: number) {
  const file = join(scratch, `d${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  const args = ['-f', String(first), ...(last ? ['-l', String(last)] : []), file, '-'];
  return execFileSync('pdftotext', args, { encoding: 'utf8' }).replace(/\s+/g, '');
}

describe('批复 text', () => {
  it('names the report, the approval with its basis and date, and what to do next', () => {
    const [received, approved, next] = approvalBodyParagraphs(data(3));
    expect(received).toBe('你们报送的李晓华等3位同志专业技术资格考核认定申报材料收悉。');
    expect(approved).toBe(
      '经审核，根据《江西省职称考核认定办法》（赣人社规〔2025〕3号）和《关于做好2027年专业技术资格考核认定工作的通知》' +
        '（赣市人社字〔2027〕5号）的规定，同意李晓华等3位同志具备中小学教师专业技术资格（名单见附件），' +
        '资格取得时间自2027年4月5日起算。',
    );
    expect(next).toBe('请按规定办理聘任等相关手续。');
  });

  it('one person, one recipient; several series → 相应专业技术资格', () => {
    const one = approvalBodyParagraphs(data(1, { recipient: '赣州市章贡区教育局' }));
    expect(one[0]).toBe('你单位报送的李晓华同志专业技术资格考核认定申报材料收悉。');
    expect(one[1]).toContain('同意李晓华同志具备中小学教师专业技术资格');
    const mixed = approvalBodyParagraphs(data(2, { rows: rows(2, true) }));
    expect(mixed[1]).toContain('同意李晓华等2位同志具备相应专业技术资格（名单见附件）');
    const levels = rows(2).map((r, i) => ({ ...r, level: i ? '中级' : '初级' }));
    expect(approvalBodyParagraphs(data(2, { rows: levels }))[1]).toContain('具备相应专业技术资格');
  });

  it('dates in Arabic numerals without leading zeros; no rows or a bad date is refused', () => {
    expect(chineseDate('2027-01-05')).toBe('2027年1月5日');
    expect(() => approvalBodyParagraphs(data(1, { rows: [] }))).toThrow('至少包含一人');
    expect(() => approvalBodyParagraphs(data(1, { issuedOn: '2027/4/25' }))).toThrow('issuedOn');
  });

  it('breaks a long title between phrases into balanced lines that fit', () => {
    expect(balanceLines('关于李晓华等3位同志具备中小学教师专业技术资格的批复', 20)).toEqual([
      '关于李晓华等3位同志具备',
      '中小学教师专业技术资格的批复',
    ]);
    expect(balanceLines('关于李晓华同志具备经济专业技术资格的批复', 20)).toEqual([
      '关于李晓华同志具备经济专业技术资格的批复',
    ]);
    const long = `关于${'欧阳'.repeat(12)}等3位同志具备${'工程'.repeat(10)}专业技术资格的批复`;
    const lines = balanceLines(long, 20);
    expect(lines.join('')).toBe(long);
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(20);
  });
});

describe('批复 DOCX', () => {
  it('opens as a zip whose document has the 文号, title, body, 附件 list and 版记', async () => {
    const d = data(3, { rows: rows(3) });
    const docx = await renderApprovalDocx(d);
    expect(docx.subarray(0, 2).toString()).toBe('PK');
    const xml = zipEntry(docx, 'word/document.xml');
    const text = wordText(xml);
    expect(text).toContain('赣州市章贡区人力资源和社会保障局文件');
    expect(text).toContain('章人社字〔2027〕3号');
    expect(text).toContain(d.title);
    expect(text).toContain('赣州市章贡区教育局、赣州市章贡区第一中学：');
    for (const p of approvalBodyParagraphs(d)) expect(text).toContain(p);
    expect(text).toContain('附件：专业技术资格认定人员名单');
    expect(text).toContain('2027年4月25日');
    for (const name of NAMES) expect(text).toContain(name);
    expect(text).toContain('𠈌');
    // the list: a table whose header row repeats on every page, one row a person
    const tables = xml.split('<w:tbl>').slice(1);
    const list = tables.find((t) => t.includes('证书编号'))!;
    expect(list).toContain('<w:tblHeader/>');
    expect(wordText(list)).toContain('序号姓名性别工作单位系列专业资格名称级别证书编号');
    expect(list.match(/<w:tr>/g)).toHaveLength(4);
    expect(wordText(list)).toContain('2027GZ02100002');
    // the 附件 is its own section (a new page); the 版记 floats at the bottom of the last page
    expect(xml.match(/<w:sectPr>/g)?.length ?? 0).toBeGreaterThanOrEqual(1);
    expect(xml).toContain('<w:type w:val="nextPage"/>');
    const record = tables.find((t) => t.includes('抄送'))!;
    expect(record).toContain('w:tblpY=');
    expect(wordText(record)).toBe(
      '抄送：赣州市职称工作办公室。赣州市章贡区人力资源和社会保障局办公室2027年4月26日印发',
    );
    // red 版头, A4 with the GB/T 9704 margins, page numbers in the footers
    expect(xml).toContain('<w:color w:val="E60000"/>');
    expect(xml).toContain('<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"');
    expect(zipEntry(docx, 'word/footer1.xml')).toMatch(/PAGE/);
  });

  it('puts the 版记 on a page of its own when the list leaves no room', async () => {
    const counts = [];
    for (const n of [3, 12]) {
      const xml = zipEntry(await renderApprovalDocx(data(n)), 'word/document.xml');
      counts.push(xml.match(/<w:pageBreakBefore\/>/g)?.length ?? 0);
    }
    expect(counts).toEqual([0, 1]);
  });
});

// pdftotext is poppler-utils (apt-get install poppler-utils); without it these are skipped
describe.skipIf(!hasPoppler)('批复 PDF (pdftotext)', { timeout: 90_000 }, () => {
  it('has the 文号, title and every name, 𠈌 extracted as itself; the list starts on a later page', async () => {
    const d = data(3);
    const pdf = await renderApprovalPdf(d);
    const all = pdfText(pdf);
    expect(all).toContain('赣州市章贡区人力资源和社会保障局文件');
    expect(all).toContain('章人社字〔2027〕3号');
    expect(all).toContain(d.title);
    for (const name of NAMES) expect(all).toContain(name);
    expect(all).toContain('王𠈌');
    expect(all).toContain('抄送：赣州市职称工作办公室。');
    expect(all).toContain('2027年4月26日印发');
    expect(all).toContain('—1—');

    const pages = (await PDFDocument.load(pdf)).getPageCount();
    // the 成文日期's page has no list; the list (附件, its title, the header) comes after it
    let signed = 0;
    for (let p = 1; p <= pages; p++) if (pdfText(pdf, p, p).includes('2027年4月25日')) signed = p;
    expect(signed).toBeGreaterThan(0);
    expect(pdfText(pdf, signed, signed)).not.toContain('证书编号');
    expect(pdfText(pdf, 1, 1)).not.toContain('证书编号');
    const later = pdfText(pdf, Math.max(2, signed + 1));
    expect(later).toMatch(
      /^附件专业技术资格认定人员名单序号姓名性别工作单位系列专业资格名称级别证书编号1李晓华/,
    );
    expect(pdfText(pdf, 2)).toContain('王𠈌');
  });

  it('grows by pages with 60 rows, repeating the header row on each page of the list', async () => {
    const small = await PDFDocument.load(await renderApprovalPdf(data(3)));
    const pdf = await renderApprovalPdf(data(60));
    const large = await PDFDocument.load(pdf);
    expect(large.getPageCount()).toBeGreaterThan(small.getPageCount() + 1);
    const listPages = [];
    for (let p = 1; p <= large.getPageCount(); p++)
      if (pdfText(pdf, p, p).includes('证书编号')) listPages.push(p);
    expect(listPages.length).toBeGreaterThan(1);
    expect(listPages.at(-1)).toBe(large.getPageCount());
    const text = pdfText(pdf);
    for (let n = 1; n <= 60; n++) expect(text).toContain(`2027GZ021${String(n).padStart(5, '0')}`);
    expect(text).toContain(`—${large.getPageCount()}—`);
  });
});

describe('批复 PDF', () => {
  it('is A4, with fixed dates and the 文号 and title as its title', async () => {
    const doc = await PDFDocument.load(await renderApprovalPdf(data(1)));
    const { width, height } = doc.getPage(0).getSize();
    expect(Math.round(width)).toBe(595);
    expect(Math.round(height)).toBe(842);
    expect(doc.getTitle()).toBe('章人社字〔2027〕3号 关于李晓华等1位同志具备中小学教师专业技术资格的批复');
    expect(doc.getCreationDate()?.toISOString()).toBe('2000-01-01T00:00:00.000Z');
  });
});
