/**
 * The electronic 专业技术资格证书 (issue 10, SPEC §6): one A4 page, drawn with pdf-lib and the CJK fonts of
 * ./cjk-font.ts (Noto Serif SC, with Noto Serif HK for Extension B names such as 𠈌).
 *
 * Layout, top to bottom, inside a red double frame on a cream ground:
 *   title 专业技术资格证书 (bold, spaced) and its English line; a sentence stating what the holder has;
 *   a bordered table — 姓名 | 性别, 出生年月 | 级别, 工作单位, 系列/专业, 资格名称 | 取得资格时间, 认定机构,
 *   批准文号 | 发证日期, 证书编号 — labels on a tinted column, long values shrunk to fit, or wrapped onto two
 *   lines; then the QR code (the signed payload, error correction M, vector squares with a 4-module quiet
 *   zone) at the left and, at the right, the issuing agency and the date under a drawn seal placeholder (a
 *   red ring with the agency's name along its upper arc and a star — a drawing marking where the seal
 *   belongs, not a seal image); at the foot, how to verify (扫描二维码或登录 <verifyUrl> 输入证书编号和姓名
 *   查验) and a note that the file is digitally signed. A revoked certificate carries 已撤销 diagonally across
 *   the page and a red line above the title.
 *
 * Deterministic: the same data gives the same bytes (fixed metadata dates, no random IDs); the signature
 * (./pdf-signature.ts) is added afterwards.
 */
import {
  PDFDocument,
  fill,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  rgb,
  setFillingRgbColor,
  type PDFOperator,
  type PDFPage,
  type RGB,
} from 'pdf-lib';
import QRCode from 'qrcode';
import type { CertificateClaims } from '../../domain/certificate-payload.js';
import { embedCjkFonts, type CjkFonts } from './cjk-font.js';

export type CertificatePdfClaims = Pick<
  CertificateClaims,
  | 'number'
  | 'name'
  | 'gender'
  | 'birthMonth'
  | 'employer'
  | 'series'
  | 'specialty'
  | 'qualification'
  | 'level'
  | 'agency'
  | 'documentNumber'
  | 'obtainedOn'
  | 'issuedOn'
>;

export interface CertificatePdfData {
  claims: CertificatePdfClaims;
  /** The QR code's text (ZC1.… payload, see src/domain/certificate-payload.ts). */
  qrText: string;
  /** The public verification page, e.g. https://zc.example.gov.cn/verify */
  verifyUrl: string;
  status?: 'valid' | 'revoked';
}

const A4 = { width: 595.28, height: 841.89 };
const RED = rgb(0.69, 0.11, 0.09);
const SEAL_RED = rgb(0.85, 0.1, 0.1);
const INK = rgb(0.1, 0.1, 0.1);
const LABEL_INK = rgb(0.42, 0.13, 0.1);
const GREY = rgb(0.38, 0.38, 0.38);
const CREAM = rgb(1, 0.988, 0.957);
const LABEL_FILL = rgb(0.98, 0.94, 0.9);
const RULE = rgb(0.62, 0.42, 0.36);

/** "1992-07" → 1992年7月, "2026-06-30" → 2026年6月30日; anything else as it is. */
export function chineseDate(value: string): string {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(value);
  if (!m) return value;
  const [, y, mo, d] = m;
  return `${y}年${Number(mo)}月${d ? `${Number(d)}日` : ''}`;
}

/** Midnight in China of an ISO date, for the document's fixed metadata dates. */
function metadataDate(isoDate: string) {
  const d = new Date(`${isoDate}T00:00:00+08:00`);
  return Number.isNaN(d.getTime()) ? new Date('2000-01-01T00:00:00Z') : d;
}

export async function renderCertificatePdf(data: CertificatePdfData): Promise<Uint8Array> {
  const { claims } = data;
  const doc = await PDFDocument.create();
  const when = metadataDate(claims.issuedOn);
  doc.setTitle(`专业技术资格证书 ${claims.number}`, { showInWindowTitleBar: true });
  doc.setAuthor(claims.agency);
  doc.setSubject(`${claims.name} ${claims.qualification}`);
  doc.setProducer('职称考核认定申报评审系统');
  doc.setCreator('职称考核认定申报评审系统');
  doc.setLanguage('zh-CN');
  doc.setCreationDate(when);
  doc.setModificationDate(when);
  const cjk = await embedCjkFonts(doc);
  const page = doc.addPage([A4.width, A4.height]);

  drawFrame(page);
  const cx = A4.width / 2;
  await cjk.drawText(page, '专业技术资格证书', {
    x: cx,
    y: 728,
    size: 32,
    weight: 'bold',
    align: 'center',
    letterSpacing: 9,
    color: RED,
  });
  await cjk.drawText(page, 'CERTIFICATE OF PROFESSIONAL AND TECHNICAL QUALIFICATION', {
    x: cx,
    y: 704,
    size: 8.5,
    align: 'center',
    letterSpacing: 1.2,
    color: GREY,
  });
  page.drawLine({
    start: { x: 150, y: 692 },
    end: { x: A4.width - 150, y: 692 },
    thickness: 0.8,
    color: RED,
  });
  page.drawLine({
    start: { x: 150, y: 689 },
    end: { x: A4.width - 150, y: 689 },
    thickness: 0.3,
    color: RED,
  });
  await cjk.drawText(page, '经考核认定，持证人具备下列专业技术资格，特发此证。', {
    x: cx,
    y: 662,
    size: 12,
    align: 'center',
    color: INK,
  });

  const tableBottom = await drawTable(page, cjk, claims, 640);
  await drawFoot(page, cjk, data, tableBottom);
  if (data.status === 'revoked') await drawRevoked(page, cjk);
  return doc.save({ useObjectStreams: false });
}

function drawFrame(page: PDFPage) {
  page.drawRectangle({ x: 0, y: 0, width: A4.width, height: A4.height, color: rgb(1, 1, 1) });
  page.drawRectangle({
    x: 22,
    y: 22,
    width: A4.width - 44,
    height: A4.height - 44,
    color: CREAM,
    borderColor: RED,
    borderWidth: 2.6,
  });
  page.drawRectangle({
    x: 29,
    y: 29,
    width: A4.width - 58,
    height: A4.height - 58,
    borderColor: RED,
    borderWidth: 0.7,
  });
  // Corner ornaments: a small square at each inner corner.
  for (const [x, y] of [
    [29, 29],
    [A4.width - 29, 29],
    [29, A4.height - 29],
    [A4.width - 29, A4.height - 29],
  ] as const) {
    page.drawRectangle({ x: x - 4, y: y - 4, width: 8, height: 8, color: RED });
    page.drawRectangle({ x: x - 1.6, y: y - 1.6, width: 3.2, height: 3.2, color: CREAM });
  }
}

// ---------------------------------------------------------------------------------------------------------
// The table

interface Cell {
  label: string;
  value: string;
}

const TABLE = { left: 62, right: A4.width - 62, labelWidth: 88, rowHeight: 38, pad: 10 };
const VALUE_SIZE = 13;
const MIN_SIZE = 10;

/** A value's size and lines so it fits `width`: shrink to MIN_SIZE, then wrap onto two or more lines. */
function fit(cjk: CjkFonts, text: string, width: number): { size: number; lines: string[] } {
  for (let size = VALUE_SIZE; size >= MIN_SIZE; size -= 0.5) {
    if (cjk.widthOf(text, size) <= width) return { size, lines: [text] };
  }
  const size = 11;
  return { size, lines: cjk.wrap(text, width, size) };
}

async function drawTable(page: PDFPage, cjk: CjkFonts, c: CertificatePdfClaims, top: number) {
  const rows: Cell[][] = [
    [
      { label: '姓名', value: c.name },
      { label: '性别', value: c.gender },
    ],
    [
      { label: '出生年月', value: chineseDate(c.birthMonth) },
      { label: '级别', value: c.level },
    ],
    [{ label: '工作单位', value: c.employer }],
    [{ label: '系列/专业', value: `${c.series} / ${c.specialty}` }],
    [
      { label: '资格名称', value: c.qualification },
      { label: '取得资格时间', value: chineseDate(c.obtainedOn) },
    ],
    [{ label: '认定机构', value: c.agency }],
    [{ label: '批准文号', value: c.documentNumber }],
    [
      { label: '证书编号', value: c.number },
      { label: '发证日期', value: chineseDate(c.issuedOn) },
    ],
  ];
  const { left, right, labelWidth, pad } = TABLE;
  const half = (right - left) / 2;
  // Lay the rows out first (heights depend on wrapped values), then fill, write and rule them.
  const laid: {
    cells: (Cell & { x: number; size: number; lines: string[] })[];
    top: number;
    bottom: number;
  }[] = [];
  let y = top;
  for (const row of rows) {
    const cellWidth = row.length === 1 ? right - left : half;
    const cells = row.map((cell, i) => ({
      ...cell,
      x: left + i * half,
      ...fit(cjk, cell.value, cellWidth - labelWidth - 2 * pad),
    }));
    const lineCount = Math.max(...cells.map((f) => f.lines.length));
    const height = Math.max(TABLE.rowHeight, lineCount * 16 + 2 * pad);
    laid.push({ cells, top: y, bottom: y - height });
    y -= height;
  }
  for (const row of laid) {
    for (const cell of row.cells) {
      page.drawRectangle({
        x: cell.x,
        y: row.bottom,
        width: labelWidth,
        height: row.top - row.bottom,
        color: LABEL_FILL,
      });
    }
  }
  for (const row of laid) {
    const middle = (row.top + row.bottom) / 2;
    for (const cell of row.cells) {
      await cjk.drawText(page, cell.label, {
        x: cell.x + labelWidth / 2,
        y: middle - 4.2,
        size: 12,
        align: 'center',
        color: LABEL_INK,
      });
      const lineHeight = cell.size * 1.3;
      const firstBaseline = middle + ((cell.lines.length - 1) * lineHeight) / 2 - cell.size * 0.36;
      for (const [k, line] of cell.lines.entries()) {
        await cjk.drawText(page, line, {
          x: cell.x + labelWidth + pad,
          y: firstBaseline - k * lineHeight,
          size: cell.size,
          color: INK,
          ...(cell.label === '姓名' ? { weight: 'bold' as const } : {}),
        });
      }
      const rule = { thickness: 0.5, color: RULE };
      page.drawLine({
        start: { x: cell.x + labelWidth, y: row.top },
        end: { x: cell.x + labelWidth, y: row.bottom },
        ...rule,
      });
      if (cell.x > left)
        page.drawLine({ start: { x: cell.x, y: row.top }, end: { x: cell.x, y: row.bottom }, ...rule });
    }
    page.drawLine({
      start: { x: left, y: row.bottom },
      end: { x: right, y: row.bottom },
      thickness: 0.5,
      color: RULE,
    });
  }
  page.drawRectangle({
    x: left,
    y,
    width: right - left,
    height: top - y,
    borderColor: RULE,
    borderWidth: 1.2,
  });
  return y;
}

// ---------------------------------------------------------------------------------------------------------
// QR code, seal placeholder, verification line

const QR_SIZE = 132;

/** The QR code as vector squares (one `re` per horizontal run of dark modules, one fill), quiet zone 4. */
function drawQr(page: PDFPage, text: string, x: number, y: number, size: number) {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = 4;
  const m = size / (n + 2 * quiet);
  page.drawRectangle({ x, y, width: size, height: size, color: rgb(1, 1, 1) });
  const ops: PDFOperator[] = [pushGraphicsState(), setFillingRgbColor(0, 0, 0)];
  for (let r = 0; r < n; r++) {
    let c = 0;
    while (c < n) {
      if (!qr.modules.data[r * n + c]) {
        c++;
        continue;
      }
      const start = c;
      while (c < n && qr.modules.data[r * n + c]) c++;
      const round = (v: number) => Math.round(v * 1000) / 1000;
      ops.push(
        rectangle(
          round(x + (quiet + start) * m),
          round(y + size - (quiet + r + 1) * m),
          round((c - start) * m),
          round(m),
        ),
      );
    }
  }
  ops.push(fill(), popGraphicsState());
  page.pushOperators(...ops);
}

/**
 * Where the agency's seal belongs: a red double ring with the agency's name along the upper arc (each
 * character upright towards the centre) and a star — a drawing, not a seal image.
 */
async function drawSeal(page: PDFPage, cjk: CjkFonts, agency: string, cx: number, cy: number) {
  const R = 54;
  const color: RGB = SEAL_RED;
  const opacity = 0.85;
  page.drawCircle({ x: cx, y: cy, size: R, borderColor: color, borderWidth: 2.8, borderOpacity: opacity });
  page.drawCircle({
    x: cx,
    y: cy,
    size: R - 4.5,
    borderColor: color,
    borderWidth: 0.5,
    borderOpacity: opacity,
  });
  const chars = [...agency];
  const size = chars.length > 16 ? 8 : chars.length > 12 ? 9.5 : 11;
  const rBase = R - 7.5 - size * 0.9;
  // Angle per character so that neighbours do not touch, capped at 230° for the whole name.
  const step = Math.min(
    (size * 1.25 * 180) / (Math.PI * (rBase + size / 2)),
    230 / Math.max(chars.length - 1, 1),
  );
  const span = step * (chars.length - 1);
  for (const [i, ch] of chars.entries()) {
    const phi = 90 + span / 2 - step * i;
    const rad = (phi * Math.PI) / 180;
    await cjk.drawText(page, ch, {
      x: cx + rBase * Math.cos(rad),
      y: cy + rBase * Math.sin(rad),
      size,
      align: 'center',
      rotate: phi - 90,
      color,
      opacity,
    });
  }
  const outer = 13;
  const inner = outer * 0.382;
  const points: string[] = [];
  for (let k = 0; k < 10; k++) {
    const a = Math.PI / 2 + (k * Math.PI) / 5;
    const r = k % 2 === 0 ? outer : inner;
    points.push(`${(r * Math.cos(a)).toFixed(2)},${(-r * Math.sin(a)).toFixed(2)}`);
  }
  page.drawSvgPath(`M${points.join(' L')} Z`, { x: cx, y: cy + 9, color, opacity });
}

async function drawFoot(page: PDFPage, cjk: CjkFonts, data: CertificatePdfData, tableBottom: number) {
  const { claims } = data;
  // QR code with its caption, at the left, under the table.
  const qrX = TABLE.left + 4;
  const qrY = Math.min(tableBottom - 28, 330) - QR_SIZE;
  drawQr(page, data.qrText, qrX, qrY, QR_SIZE);
  await cjk.drawText(page, '扫码查验证书', {
    x: qrX + QR_SIZE / 2,
    y: qrY - 14,
    size: 9.5,
    align: 'center',
    color: GREY,
  });

  // 落款: the issuing agency and the date, right, level with the QR code's lower half; the seal's place
  // over them, they sitting in its lower half (as a seal is pressed on 署名 and 日期).
  const signX = TABLE.right - 120;
  const nameLines = cjk.wrap(claims.agency, 220, 14);
  const dateY = qrY + 22;
  const nameY = dateY + 22;
  for (const [k, line] of nameLines.entries()) {
    await cjk.drawText(page, line, {
      x: signX,
      y: nameY + (nameLines.length - 1 - k) * 18,
      size: 14,
      align: 'center',
      color: INK,
    });
  }
  await cjk.drawText(page, chineseDate(claims.issuedOn), {
    x: signX,
    y: dateY,
    size: 14,
    align: 'center',
    color: INK,
  });
  await drawSeal(page, cjk, claims.agency, signX, nameY + 12);

  // How to verify, and that the file is signed.
  const verify = `扫描二维码或登录 ${data.verifyUrl} 输入证书编号和姓名查验`;
  const lines = cjk.wrap(verify, TABLE.right - TABLE.left, 10.5);
  let y = 76 + (lines.length - 1) * 15;
  for (const line of lines) {
    await cjk.drawText(page, line, { x: A4.width / 2, y, size: 10.5, align: 'center', color: INK });
    y -= 15;
  }
  await cjk.drawText(page, '本证书为电子证书，由认定机构数字签名；文件内容被改动后签名即失效。', {
    x: A4.width / 2,
    y: 54,
    size: 8.5,
    align: 'center',
    color: GREY,
  });
}

async function drawRevoked(page: PDFPage, cjk: CjkFonts) {
  await cjk.drawText(page, '已撤销', {
    x: A4.width / 2 + 20,
    y: A4.height / 2 - 40,
    size: 130,
    weight: 'bold',
    align: 'center',
    rotate: 35,
    letterSpacing: 24,
    color: rgb(0.85, 0.05, 0.05),
    opacity: 0.28,
  });
  await cjk.drawText(page, '本证书已撤销，不再有效', {
    x: A4.width / 2,
    y: 778,
    size: 11,
    weight: 'bold',
    align: 'center',
    color: rgb(0.85, 0.05, 0.05),
  });
}
