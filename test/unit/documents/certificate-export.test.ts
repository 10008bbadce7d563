import { Readable, Writable } from 'node:stream';
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  CERTIFICATE_EXPORT_COLUMNS,
  CERTIFICATE_EXPORT_TITLE,
  utf8SafeWorkbookReader,
  worksheetQueue,
  writeCertificateWorkbook,
  type CertificateExportHeader,
  type CertificateExportRow,
} from '../../../src/server/documents/certificate-export.js';
import { spreadsheetText } from '../../../src/server/documents/formula-injection.js';

const HEADER: CertificateExportHeader = {
  unitName: '章贡区职称改革领导小组办公室',
  preparedBy: '钟𠈌',
  phone: '0797-8199235',
  preparedOn: '2026-12-28',
};

const HEADERS = [
  '序号',
  '姓名',
  '性别',
  '身份证号码',
  '学历',
  '所学专业',
  '参加工作时间',
  '现工作单位',
  '系列',
  '专业名称',
  '资格名称',
  '级别',
  '认定机构',
  '批复文号',
  '取得时间',
  '证书编号',
];

function row(i: number, over: Partial<CertificateExportRow> = {}): CertificateExportRow {
  return {
    name: `张${'伟芳娜敏静丽强磊'[i % 8]}${i}`,
    gender: i % 2 ? '男' : '女',
    idNumber: `3607021980${String(101 + (i % 28)).padStart(4, '0')}${String(i % 1000).padStart(3, '0')}${i % 11 === 0 ? 'X' : i % 10}`,
    education: '本科',
    major: '计算机科学与技术',
    workStartDate: '2002-07-01',
    employer: `赣州市章贡区第${i}中学`,
    series: '中小学教师',
    specialty: '语文',
    qualification: '一级教师',
    level: '中级',
    agencyName: '章贡区职称改革领导小组办公室',
    documentNumber: `章人社字〔2026〕${1 + (i % 40)}号`,
    obtainedOn: '2026-06-30',
    certificateNumber: `3607022026${String(i).padStart(6, '0')}`,
    ...over,
  };
}

async function* from<T>(items: Iterable<T>): AsyncGenerator<T> {
  for (const x of items) yield x;
}

class Sink extends Writable {
  chunks: Buffer[] = [];
  override _write(chunk: Buffer, _e: BufferEncoding, cb: () => void) {
    this.chunks.push(chunk);
    cb();
  }
  get buffer() {
    return Buffer.concat(this.chunks);
  }
}

async function write(rows: CertificateExportRow[], header = HEADER) {
  const sink = new Sink();
  const result = await writeCertificateWorkbook(sink, header, from(rows));
  return { result, buffer: sink.buffer };
}

async function load(buffer: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook.worksheets[0]!;
}

/** One file out of a zip, from its central directory (the streaming writer puts sizes only there). */
function zipEntry(zip: Buffer, name: string): string {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let p = zip.readUInt32LE(eocd + 16);
  const entries = zip.readUInt16LE(eocd + 10);
  for (let i = 0; i < entries; i++) {
    const method = zip.readUInt16LE(p + 10);
    const size = zip.readUInt32LE(p + 20);
    const nameLength = zip.readUInt16LE(p + 28);
    const extra = zip.readUInt16LE(p + 30);
    const comment = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const entryName = zip.toString('utf8', p + 46, p + 46 + nameLength);
    if (entryName.replace(/^\//, '') === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    }
    p += 46 + nameLength + extra + comment;
  }
  throw new Error(`${name} not in zip`);
}

describe('writeCertificateWorkbook', () => {
  it('lays out the 发证表: title, 填报单位/填报人/电话/填报日期, the columns in order, frozen header', async () => {
    const { result, buffer } = await write([row(1)]);
    expect(result).toEqual({ rows: 1 });
    expect(CERTIFICATE_EXPORT_COLUMNS.map((c) => c.header)).toEqual(HEADERS);

    const sheet = await load(buffer);
    expect(sheet.getCell('A1').value).toBe(CERTIFICATE_EXPORT_TITLE);
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect(sheet.getCell('A2').value).toBe('填报单位：章贡区职称改革领导小组办公室');
    expect(sheet.getCell('G2').value).toBe('填报人：钟𠈌');
    expect(sheet.getCell('K2').value).toBe('电话：0797-8199235');
    expect(sheet.getCell('N2').value).toBe('填报日期：2026-12-28');
    expect((sheet.getRow(3).values as unknown[]).slice(1)).toEqual(HEADERS);
    expect(sheet.getCell('A3').font?.bold).toBe(true);
    expect(sheet.getCell('A4').value).toBe(1);
    expect(sheet.getCell('B4').value).toBe(row(1).name);

    const xml = zipEntry(buffer, 'xl/worksheets/sheet1.xml');
    for (const ref of ['A1:P1', 'A2:F2', 'G2:J2', 'K2:M2', 'N2:P2']) {
      expect(xml).toContain(`<mergeCell ref="${ref}"/>`);
    }
    expect(xml).toMatch(/<pane ySplit="3" topLeftCell="A4"[^>]*state="frozen"/);
    expect(xml).toContain('<autoFilter ref="A3:P3"/>');
    CERTIFICATE_EXPORT_COLUMNS.forEach((c, i) => expect(sheet.getColumn(i + 1).width).toBe(c.width));
  });

  it('writes 2 000 rows that read back identical (ID ending in X, 𠈌, a unit starting with =)', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => row(i + 1));
    rows[10] = row(11, { idNumber: '36070219800101123X' });
    rows[500] = row(501, { name: '李𠈌', employer: '𠈌山村𠈌小学' });
    rows[1999] = row(2000, { employer: '=赣州市章贡区某某单位', name: '王𠈌𠈌' });
    rows[1234] = row(1235, { certificateNumber: '', major: '' });
    const { result, buffer } = await write(rows);
    expect(result.rows).toBe(2000);

    const expected = rows.map((r, i) => [
      i + 1,
      // Verbatim, the formula-like unit behind its apostrophe (checked below).
      ...CERTIFICATE_EXPORT_COLUMNS.slice(1).map((c) => spreadsheetText(r[c.key!])),
    ]);
    const text = (v: unknown) => (v === null || v === undefined ? '' : v);

    // exceljs' in-memory reader.
    const sheet = await load(buffer);
    const inMemory: unknown[][] = [];
    for (let r = 4; r <= sheet.rowCount; r++) {
      inMemory.push(CERTIFICATE_EXPORT_COLUMNS.map((_, c) => text(sheet.getRow(r).getCell(c + 1).value)));
    }
    expect(inMemory).toEqual(expected);
    expect(sheet.getCell('D14').value).toBe('36070219800101123X');
    expect(sheet.getCell('B504').value).toBe('李𠈌');
    expect(sheet.getCell('H2003').value).toBe("'=赣州市章贡区某某单位");
    expect(sheet.getCell('H2003').type).toBe(ExcelJS.ValueType.String);

    // exceljs' streaming reader (through the exceljs#2084 workaround).
    const streamed: unknown[][] = [];
    for await (const ws of utf8SafeWorkbookReader(Readable.from([buffer]), { worksheets: 'emit' })) {
      for await (const r of ws) {
        if (r.number < 4) continue;
        const values = r.values as unknown[];
        streamed.push(CERTIFICATE_EXPORT_COLUMNS.map((_, c) => text(values[c + 1])));
      }
    }
    expect(streamed).toEqual(expected);
  });

  it('never writes a formula: =, +, -, @, tab and CR texts in every column get an apostrophe (issue 13 item 3)', async () => {
    const dangerous = [
      '=1+1',
      '+86 797 8199235',
      '-2+3',
      '@SUM(A1:A2)',
      '=HYPERLINK("http://evil.example","点我")',
      "+cmd|' /C calc'!A0",
      '\t=1+1',
      '\r=1+1',
    ];
    const keys = CERTIFICATE_EXPORT_COLUMNS.flatMap((c) => (c.key ? [c.key] : []));
    // Every text column holds the hostile value (the writer treats them all alike; this proves it).
    const rows = dangerous.map((d, i) => row(i + 1, Object.fromEntries(keys.map((k) => [k, d]))));
    // A plain number is not a formula: kept as it is. Nor is a formula sign inside a text.
    rows.push(row(9, { major: '-5', employer: '赣州=HYPERLINK("x")' }));
    const { buffer } = await write(rows, { ...HEADER, unitName: '=cmd|/c calc!A1', title: '=1+1' });

    const xml = zipEntry(buffer, 'xl/worksheets/sheet1.xml');
    expect(xml).not.toMatch(/<f[ >]/);
    expect(xml).toContain('<v>&apos;=1+1</v>');
    expect(xml).not.toMatch(/<v>(?:[=+@\t\r]|-(?!5<))/);
    expect(xml).toContain('<v>填报单位：=cmd|/c calc!A1</v>');

    const sheet = await load(buffer);
    expect(sheet.getCell('A1').value).toBe("'=1+1");
    dangerous.forEach((d, i) => {
      CERTIFICATE_EXPORT_COLUMNS.forEach((c, col) => {
        if (!c.key) return;
        const cell = sheet.getRow(4 + i).getCell(col + 1);
        expect(cell.type, `${c.header} ${JSON.stringify(d)}`).toBe(ExcelJS.ValueType.String);
        expect(cell.formula).toBeUndefined();
        // The value as typed behind an apostrophe (XML turns a CR into a line feed).
        expect(cell.value).toBe(`'${d.replace('\r', '\n')}`);
        expect(cell.numFmt).toBe('@');
      });
    });
    expect(sheet.getCell(`F${4 + dangerous.length}`).value).toBe('-5');
    expect(sheet.getCell(`H${4 + dangerous.length}`).value).toBe('赣州=HYPERLINK("x")');
    // 序号 is a number cell.
    expect(sheet.getCell('A4').value).toBe(1);
  });

  it('keeps 18-digit ID numbers as text', async () => {
    const { buffer } = await write([row(1, { idNumber: '360702198001011234' })]);
    const cell = (await load(buffer)).getCell('D4');
    expect(cell.value).toBe('360702198001011234');
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.numFmt).toBe('@');
  });

  it('writes only what XML can carry', () => {
    expect(spreadsheetText('张𠈌')).toBe('张𠈌');
    expect(spreadsheetText('a\uD800b')).toBe('a\uFFFDb');
    expect(spreadsheetText('a\uDC00')).toBe('a\uFFFD');
    expect(spreadsheetText('a\uFFFEb\uFFFF')).toBe('ab');
    expect(spreadsheetText(null)).toBe('');
    expect(spreadsheetText(undefined)).toBe('');
    expect(spreadsheetText(360702198001011234n)).toBe('360702198001011234');
  });

  it('writes the header rows alone when there are no certificates', async () => {
    const { result, buffer } = await write([]);
    expect(result.rows).toBe(0);
    const sheet = await load(buffer);
    expect(sheet.rowCount).toBe(3);
    expect((sheet.getRow(3).values as unknown[]).slice(1)).toEqual(HEADERS);
  });

  it('finds the queue between the worksheet and the zip (back-pressure depends on it)', () => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: new Sink(), useSharedStrings: false });
    const queue = worksheetQueue(workbook.addWorksheet('x'));
    expect(queue).not.toBeNull();
    expect(queue!.waiting()).toBe(0);
  });

  it('stops taking rows while the destination does not drain, and finishes once it does', async () => {
    let release: (() => void) | null = null;
    const held: (() => void)[] = [];
    let chunks = 0;
    const slow = new Writable({
      highWaterMark: 16 * 1024,
      write(_chunk, _e, cb) {
        chunks += 1;
        if (release) cb();
        else held.push(cb);
      },
    });
    const total = 20_000;
    let pulled = 0;
    async function* source() {
      for (let i = 1; i <= total; i++) {
        pulled = i;
        yield row(i);
      }
    }
    const done = writeCertificateWorkbook(slow, HEADER, source());
    await new Promise((r) => setTimeout(r, 1500));
    const pulledWhileHeld = pulled;
    expect(chunks).toBeGreaterThan(0);
    expect(pulledWhileHeld).toBeLessThan(total / 2);
    release = () => {};
    for (const cb of held.splice(0)) cb();
    await expect(done).resolves.toEqual({ rows: total });
  });

  it('destroys the destination when the rows fail, so no complete-looking file is left', async () => {
    const sink = new Sink();
    const errors: Error[] = [];
    sink.on('error', (e) => errors.push(e));
    async function* failing() {
      yield row(1);
      throw new Error('数据库连接中断');
    }
    await expect(writeCertificateWorkbook(sink, HEADER, failing())).rejects.toThrow('数据库连接中断');
    expect(sink.destroyed).toBe(true);
  });

  it('stops with an error, taking no more rows, when the destination is closed midway', async () => {
    const sink = new Sink();
    let pulled = 0;
    async function* endless() {
      for (let i = 1; ; i++) {
        pulled = i;
        if (i === 3000) sink.destroy();
        yield row(i);
      }
    }
    await expect(writeCertificateWorkbook(sink, HEADER, endless())).rejects.toThrow(
      '输出流在证书导出完成前已关闭',
    );
    expect(pulled).toBe(3000);
  });
});
