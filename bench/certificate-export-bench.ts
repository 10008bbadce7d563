/**
 * `npm run bench:export` — the 证书管理 Excel export (notice 四、（七）) with 100 000 certificates (issue 10,
 * deliverable 5): our streaming writer (writeCertificateWorkbook) beside the reference measured in the same
 * run, exceljs building the same sheet in memory (new ExcelJS.Workbook() + addRow + xlsx.writeFile). Each
 * variant runs in its own child process, so its peak RSS (process.resourceUsage().maxRSS, plus rss sampled
 * every 50 ms) is its own. The streamed file is then read back with exceljs' streaming reader (through
 * utf8SafeWorkbookReader, which works around exceljs#2084) and every row and the header rows are checked.
 *
 * Goals from the issue: at most 1.5× the reference's time, peak RSS under 300 MB. Prints wall time, the
 * child's CPU time (user + system, steadier than wall time on a busy machine), peak RSS and the ratios to
 * the reference; never fails on timing (exits non-zero only if the file read back is wrong).
 *
 * BENCH_ROWS overrides the number of rows (default 100 000).
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import {
  CERTIFICATE_EXPORT_COLUMNS,
  CERTIFICATE_EXPORT_LAYOUT,
  CERTIFICATE_EXPORT_SHEET,
  CERTIFICATE_EXPORT_TITLE,
  utf8SafeWorkbookReader,
  writeCertificateWorkbook,
  type CertificateExportHeader,
  type CertificateExportRow,
} from '../src/server/documents/certificate-export.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const SEED = 20261231;
const HEADER: CertificateExportHeader = {
  unitName: '章贡区职称改革领导小组办公室',
  preparedBy: '钟晓𠈌',
  phone: '0797-8199235',
  preparedOn: new Date().toISOString().slice(0, 10),
};

// ---------------------------------------------------------------------------------------------------
// Synthetic certificates: a deterministic PRNG (mulberry32), so the reader can regenerate every row.

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙朱胡郭何高林罗钟曾谢邱廖赖温肖彭谭宋袁邓'];
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉晓春燕鹏飞宇浩然婷雪琳'];
const COUNTIES = [
  ['章贡区', '360702', '章'],
  ['赣县区', '360704', '赣县'],
  ['南康区', '360703', '南康'],
  ['信丰县', '360722', '信'],
  ['于都县', '360731', '于'],
  ['瑞金市', '360781', '瑞'],
  ['兴国县', '360732', '兴'],
  ['宁都县', '360730', '宁'],
  ['龙南市', '360783', '龙'],
  ['寻乌县', '360734', '寻'],
] as const;
const EMPLOYERS = [
  '第一中学',
  '实验小学',
  '人民医院',
  '中医院',
  '妇幼保健院',
  '农业农村局',
  '水利局',
  '自然资源局',
  '城市建设投资集团有限公司',
  '稀土新材料有限公司',
  '家具产业促进中心',
  '脐橙产业发展中心',
];
const QUALIFICATIONS = [
  ['工程', '计算机应用技术', '工程师', '中级'],
  ['工程', '建筑工程', '助理工程师', '初级'],
  ['工程', '水利水电工程', '技术员', '初级'],
  ['中小学教师', '语文', '一级教师', '中级'],
  ['中小学教师', '数学', '二级教师', '初级'],
  ['卫生', '护理学', '主管护师', '中级'],
  ['卫生', '临床医学', '医师', '初级'],
  ['农业', '农学', '农艺师', '中级'],
  ['经济', '人力资源管理', '经济师', '中级'],
  ['会计', '会计', '助理会计师', '初级'],
] as const;
const EDUCATION = ['中专', '大专', '本科', '本科', '本科', '硕士研究生'];
const MAJORS = [
  '计算机科学与技术',
  '土木工程',
  '汉语言文学',
  '护理学',
  '农学',
  '会计学',
  '工商管理',
  '临床医学',
];
const CHECK = '10X98765432';
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

function pick<T>(rand: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rand() * xs.length)]!;
}
const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** A 身份证号码 with a valid ISO 7064 MOD 11-2 check character (about one in eleven ends in X). */
function idNumber(area: string, birth: string, seq: number): string {
  const body = `${area}${birth.replaceAll('-', '')}${pad(seq, 3)}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * WEIGHTS[i]!;
  return body + CHECK[sum % 11];
}

function* syntheticRows(n: number, seed = SEED): Generator<CertificateExportRow> {
  const rand = mulberry32(seed);
  for (let i = 1; i <= n; i++) {
    const [county, area, short] = pick(rand, COUNTIES);
    const [series, specialty, qualification, level] = pick(rand, QUALIFICATIONS);
    const year = 1965 + Math.floor(rand() * 36);
    const birth = `${year}-${pad(1 + Math.floor(rand() * 12), 2)}-${pad(1 + Math.floor(rand() * 28), 2)}`;
    const given = pick(rand, GIVEN) + (rand() < 0.7 ? pick(rand, GIVEN) : '');
    // About one name in 200 has a CJK Extension B character (a surrogate pair in UTF-16).
    const name = pick(rand, SURNAMES) + (rand() < 0.005 ? `${given.slice(0, 1)}𠈌` : given);
    const employer = `${i % 997 === 0 ? '=' : ''}${county}${pick(rand, EMPLOYERS)}`;
    yield {
      name,
      gender: rand() < 0.5 ? '男' : '女',
      idNumber: idNumber(area, birth, Math.floor(rand() * 1000)),
      education: pick(rand, EDUCATION),
      major: pick(rand, MAJORS),
      workStartDate: `${year + 22}-07-01`,
      employer,
      series,
      specialty,
      qualification,
      level,
      agencyName: `${county}职称改革领导小组办公室`,
      documentNumber: `${short}人社字〔2026〕${1 + (i % 40)}号`,
      obtainedOn: `2026-${pad(3 * (1 + (i % 4)), 2)}-${i % 4 === 0 || i % 4 === 3 ? '31' : '30'}`,
      certificateNumber: `${area}2026${pad(i, 6)}`,
    };
  }
}

async function* asyncRows(n: number): AsyncGenerator<CertificateExportRow> {
  // Like a database cursor: the writer pulls one row at a time.
  for (const r of syntheticRows(n)) yield r;
}

// ---------------------------------------------------------------------------------------------------
// The variants (each in a child process).

/** The reference: the same sheet built in memory with exceljs, then written with xlsx.writeFile. */
async function writeInMemory(file: string, n: number) {
  const { titleRow, infoRow, headerRow } = CERTIFICATE_EXPORT_LAYOUT;
  const thin = { style: 'thin' } as const;
  const border = { top: thin, left: thin, bottom: thin, right: thin };
  const font = { name: '宋体', size: 10 };
  const seqStyle: Partial<ExcelJS.Style> = { font, alignment: { horizontal: 'center' }, border };
  const textStyle: Partial<ExcelJS.Style> = { font, numFmt: '@', alignment: { vertical: 'middle' }, border };
  const workbook = new ExcelJS.Workbook();
  const last = CERTIFICATE_EXPORT_COLUMNS.length;
  const sheet = workbook.addWorksheet(CERTIFICATE_EXPORT_SHEET, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: headerRow }],
  });
  sheet.columns = CERTIFICATE_EXPORT_COLUMNS.map((c, i) => ({ key: `c${i + 1}`, width: c.width }));
  sheet.mergeCells(titleRow, 1, titleRow, last);
  sheet.getCell(titleRow, 1).value = CERTIFICATE_EXPORT_TITLE;
  sheet.getCell(titleRow, 1).style = { font: { name: '宋体', size: 16, bold: true } };
  const info = [
    [1, 6, `填报单位：${HEADER.unitName}`],
    [7, 10, `填报人：${HEADER.preparedBy}`],
    [11, 13, `电话：${HEADER.phone}`],
    [14, 16, `填报日期：${HEADER.preparedOn}`],
  ] as const;
  for (const [from, to, text] of info) {
    sheet.mergeCells(infoRow, from, infoRow, to);
    sheet.getCell(infoRow, from).value = text;
  }
  CERTIFICATE_EXPORT_COLUMNS.forEach((c, i) => {
    const cell = sheet.getCell(headerRow, i + 1);
    cell.value = c.header;
    cell.style = { font: { ...font, bold: true }, border };
  });
  let seq = 0;
  for (const r of syntheticRows(n)) {
    seq += 1;
    const row = sheet.addRow([seq, ...CERTIFICATE_EXPORT_COLUMNS.slice(1).map((c) => r[c.key!])]);
    row.eachCell((cell, col) => {
      cell.style = col === 1 ? seqStyle : textStyle;
    });
  }
  await workbook.xlsx.writeFile(file);
}

async function child(variant: string, file: string) {
  let sampled = 0;
  const sample = () => {
    sampled = Math.max(sampled, process.memoryUsage().rss);
  };
  const timer = setInterval(sample, 50);
  const t0 = performance.now();
  if (variant === 'stream') {
    await writeCertificateWorkbook(createWriteStream(file), HEADER, asyncRows(ROWS));
  } else {
    await writeInMemory(file, ROWS);
  }
  const seconds = (performance.now() - t0) / 1000;
  sample();
  clearInterval(timer);
  const usage = process.resourceUsage();
  const maxRssMB = usage.maxRSS / 1024;
  const cpuSeconds = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
  process.stdout.write(
    `${JSON.stringify({ seconds, cpuSeconds, maxRssMB, sampledMB: sampled / 2 ** 20, bytes: statSync(file).size })}\n`,
  );
}

interface Figures {
  seconds: number;
  /** user + system CPU time of the whole child (module loading included): less sensitive to a busy machine. */
  cpuSeconds: number;
  maxRssMB: number;
  sampledMB: number;
  bytes: number;
}

function runChild(variant: string, file: string): Promise<Figures> {
  const self = fileURLToPath(import.meta.url);
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [...process.execArgv, self, '--child', variant, file], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.on('error', reject);
    p.on('close', (code) => {
      const last = out.trim().split('\n').at(-1);
      if (code !== 0 || !last) reject(new Error(`${variant}: child exited with ${code}`));
      else resolve(JSON.parse(last) as Figures);
    });
  });
}

// ---------------------------------------------------------------------------------------------------
// Reading the streamed file back.

function text(v: ExcelJS.CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') throw new Error(`not a plain value: ${JSON.stringify(v)}`);
  return String(v);
}

async function verify(file: string, n: number): Promise<{ rows: number; problems: string[]; rare: number }> {
  const { titleRow, infoRow, headerRow, firstDataRow } = CERTIFICATE_EXPORT_LAYOUT;
  const problems: string[] = [];
  const expected = syntheticRows(n);
  // exceljs' own streaming reader garbles characters split between chunks (exceljs#2084): see there.
  const reader = utf8SafeWorkbookReader(file, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'ignore',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let rows = 0;
  let rare = 0;
  let sheets = 0;
  const expectedInfo = [
    `填报单位：${HEADER.unitName}`,
    `填报人：${HEADER.preparedBy}`,
    `电话：${HEADER.phone}`,
    `填报日期：${HEADER.preparedOn}`,
  ];
  for await (const sheet of reader) {
    sheets += 1;
    for await (const row of sheet) {
      const cells = (row.values as ExcelJS.CellValue[]).slice(1);
      if (row.number === titleRow) {
        if (text(cells[0]) !== CERTIFICATE_EXPORT_TITLE) problems.push(`title: ${text(cells[0])}`);
      } else if (row.number === infoRow) {
        const got = [cells[0], cells[6], cells[10], cells[13]].map(text);
        if (got.join('|') !== expectedInfo.join('|')) problems.push(`info row: ${got.join('|')}`);
      } else if (row.number === headerRow) {
        const got = cells.map(text).join('|');
        const want = CERTIFICATE_EXPORT_COLUMNS.map((c) => c.header).join('|');
        if (got !== want) problems.push(`header row: ${got}`);
      } else if (row.number >= firstDataRow) {
        rows += 1;
        const next = expected.next();
        if (next.done) {
          problems.push(`extra row ${row.number}`);
          continue;
        }
        const want = [rows, ...CERTIFICATE_EXPORT_COLUMNS.slice(1).map((c) => next.value[c.key!])];
        const got = CERTIFICATE_EXPORT_COLUMNS.map((_, i) => cells[i]);
        if (got[0] !== want[0] || want.slice(1).some((w, i) => text(got[i + 1]) !== w)) {
          if (problems.length < 10) problems.push(`row ${row.number}: ${JSON.stringify(got)}`);
        }
        if (next.value.name.includes('𠈌')) rare += 1;
      }
    }
  }
  if (sheets !== 1) problems.push(`${sheets} worksheets`);
  if (rows !== n) problems.push(`${rows} data rows, expected ${n}`);
  return { rows, problems, rare };
}

// ---------------------------------------------------------------------------------------------------

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'zc-bench-export-'));
  try {
    console.log(`证书导出 Excel：${ROWS.toLocaleString()} 行，各变体在独立子进程中运行 …`);
    const refFile = join(dir, 'reference.xlsx');
    const streamFile = join(dir, 'stream.xlsx');
    const ref = await runChild('memory', refFile);
    const ours = await runChild('stream', streamFile);

    const t0 = performance.now();
    const check = await verify(streamFile, ROWS);
    const readSeconds = (performance.now() - t0) / 1000;

    const mb = (x: number, w: number) => x.toFixed(0).padStart(w);
    const line = (label: string, f: Figures) =>
      `${label.padEnd(34)}${ROWS.toLocaleString().padStart(9)}${f.seconds.toFixed(2).padStart(9)}` +
      `${f.cpuSeconds.toFixed(2).padStart(9)}${mb(f.maxRssMB, 13)}${mb(f.sampledMB, 11)}` +
      `${(f.bytes / 2 ** 20).toFixed(1).padStart(9)}${(f.seconds / ref.seconds).toFixed(2).padStart(10)}×` +
      `${(f.cpuSeconds / ref.cpuSeconds).toFixed(2).padStart(9)}×${(f.maxRssMB / ref.maxRssMB).toFixed(2).padStart(9)}×`;
    console.log('');
    console.log(
      `${'variant'.padEnd(34)}${'rows'.padStart(9)}${'seconds'.padStart(9)}${'CPU s'.padStart(9)}` +
        `${'peak RSS MB'.padStart(13)}${'(sampled)'.padStart(11)}${'file MB'.padStart(9)}` +
        `${'time ×ref'.padStart(11)}${'CPU ×ref'.padStart(10)}${'RSS ×ref'.padStart(10)}`,
    );
    console.log(line('exceljs in memory (reference)', ref));
    console.log(line('writeCertificateWorkbook (stream)', ours));
    console.log('');
    const timeRatio = ours.seconds / ref.seconds;
    console.log(
      `目标：时间 ≤ 1.5× 参照 — ${timeRatio <= 1.5 ? '达到' : '未达到'}（${timeRatio.toFixed(2)}×）；` +
        `峰值 RSS < 300 MB — ${ours.maxRssMB < 300 ? '达到' : '未达到'}（${ours.maxRssMB.toFixed(0)} MB）`,
    );
    console.log(
      `回读（exceljs 流式读取）：${check.rows.toLocaleString()} 行，${readSeconds.toFixed(2)} s，` +
        `含生僻字 𠈌 的姓名 ${check.rare} 行；` +
        (check.problems.length ? `问题 ${check.problems.length} 项：` : '标题、表头和每一行都一致'),
    );
    for (const p of check.problems) console.log(`  ${p}`);
    if (check.problems.length) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') await child(process.argv[3]!, process.argv[4]!);
else await main();
