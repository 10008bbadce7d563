/**
 * The 批复 (approval document) of a 考核认定 batch, laid out as GB/T 9704-2012 《党政机关公文格式》 asks
 * (SPEC §6 "How the documents look"; notice 四、（七）: the counties send the city this 批复 with the
 * certificate list). Two renderings of the same text, {@link approvalBodyParagraphs}:
 *
 * - {@link renderApprovalDocx}, a Word document (`docx`) the office can still edit before it is sealed;
 * - {@link renderApprovalPdf}, a PDF (`pdf-lib`) laid out here line by line.
 *
 * Page (GB/T 9704 5.2): A4, margins top 37 mm, left 28 mm, right 26 mm, bottom 35 mm (版心 156 × 225 mm),
 * 22 lines of 28 characters of 3号 (16 pt) — a line pitch of 225 mm / 22 ≈ 29 pt.
 *
 *   版头   发文机关标志 (issuer + 文件) in red, centred, its top 35 mm below the 版心's (7.2.4), squeezed
 *          sideways when long as printed 红头 are; 发文字号 two lines below, centred (7.2.5); a red line
 *          as wide as the 版心 4 mm under it (7.2.7)
 *   主体   title two lines below, 2号 小标宋, centred, long titles broken into balanced lines (7.3.1);
 *          主送机关 one line below, flush left, ending in a full-width colon (7.3.2); 正文 3号 仿宋, each
 *          paragraph indented two characters (7.3.3); 附件说明 one line below, indented two characters,
 *          a wrapped name aligned after the colon (7.3.4); 发文机关署名 centred over the 成文日期, the date
 *          four characters from the right (7.3.5.1), written 2027年4月25日 (7.3.5.4); the seal's place
 *          over them marked by a faint （印章） — the seal itself is stamped on the printed copy
 *   附件   on a new page (7.3.7): 附件 in 3号 黑体 at the top left, the list's title centred on the third
 *          line, then the name list (序号 … 证书编号) whose header row repeats on every page
 *   版记   抄送 and 印发机关/印发日期 in 4号 仿宋 between a thick first and last line with a thin line between
 *          them, the last line on the bottom edge of the 版心 of the LAST page (7.4) — that is after the
 *          附件: GB/T 9704 7.3.7 puts 附件 "在版记之前"
 *   页码   "— 1 —" in 4号, 7 mm under the 版心; odd pages on the right, even pages on the left, one
 *          character in (7.5); numbered on through the 附件
 *
 * Commercial fonts cannot ship. The DOCX names the fonts an office has (方正小标宋简体, 仿宋_GB2312, 黑体, 宋体;
 * Times New Roman for digits) and Word substitutes what the machine has. The PDF embeds the open fonts of
 * `./cjk-font.js`: Noto Serif SC Bold in place of 小标宋 and 黑体 (版头, titles, headings), Regular in place
 * of 仿宋 and 宋体, Noto Serif HK for Extension B names such as 𠈌. The 正文 is set 28 characters a line
 * (each character 0.22 pt closer) and justified; the name list is in 10 pt, a little under 五号, so that
 * its nine columns fit the 版心.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  type IFontAttributesProperties,
  type IIndentAttributesProperties,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  type ParagraphChild,
  SectionType,
  Table,
  TableAnchorType,
  TableCell,
  TableLayoutType,
  TableRow,
  Tab,
  TabStopType,
  TextRun,
  VerticalAlignTable,
  WidthType,
  Footer,
  HeightRule,
  type ISectionOptions,
  OverlapType,
} from 'docx';
import {
  concatTransformationMatrix,
  PDFDocument,
  type PDFPage,
  popGraphicsState,
  pushGraphicsState,
  rgb,
} from 'pdf-lib';
import { embedCjkFonts } from './cjk-font.js';

/** One person in the 附件 name list. */
export interface ApprovalDocumentRow {
  name: string;
  gender: string;
  employer: string;
  series: string;
  specialty: string;
  qualification: string;
  level: string;
  certificateNumber: string;
}

export interface ApprovalDocumentData {
  /** 发文机关, e.g. 赣州市章贡区人力资源和社会保障局; the 发文机关标志 is this + 文件. */
  issuer: string;
  /** 发文字号, e.g. 章人社字〔2027〕3号. */
  documentNumber: string;
  /** 关于李晓华等3位同志具备中小学教师专业技术资格的批复. */
  title: string;
  /** 主送机关, e.g. 赣州市章贡区教育局、赣州市章贡区第一中学. */
  recipient: string;
  /** The policy basis cited in the body, e.g. 《江西省职称考核认定办法》（赣人社规〔2025〕3号）. */
  basis: string;
  /** YYYY-MM-DD: the date the qualification counts from. */
  effectiveOn: string;
  /** 成文日期, YYYY-MM-DD. */
  issuedOn: string;
  /** 抄送 (without the closing 。, which is added). */
  copyTo?: string | null;
  /** 印发机关, usually the issuer's office. */
  printedBy: string;
  /** 印发日期, YYYY-MM-DD. */
  printedOn: string;
  rows: ApprovalDocumentRow[];
}

/** The 附件's title, as the 附件说明 names it. */
export const ATTACHMENT_TITLE = '专业技术资格认定人员名单';

/** The name list's columns: header, relative width (points of a 442 pt 版心), alignment. */
const COLUMNS: readonly {
  header: string;
  width: number;
  key: keyof ApprovalDocumentRow | null;
  left?: boolean;
}[] = [
  { header: '序号', width: 24, key: null },
  { header: '姓名', width: 46, key: 'name' },
  { header: '性别', width: 24, key: 'gender' },
  { header: '工作单位', width: 84, key: 'employer', left: true },
  { header: '系列', width: 54, key: 'series' },
  { header: '专业', width: 44, key: 'specialty' },
  { header: '资格名称', width: 54, key: 'qualification' },
  { header: '级别', width: 28, key: 'level' },
  { header: '证书编号', width: 84, key: 'certificateNumber' },
];

// ---------------------------------------------------------------------------------------------------
// The text, shared by both renderings

function validate(d: ApprovalDocumentData) {
  if (d.rows.length === 0) throw new Error('批复至少包含一人');
  for (const [field, value] of [
    ['effectiveOn', d.effectiveOn],
    ['issuedOn', d.issuedOn],
    ['printedOn', d.printedOn],
  ] as const) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new Error(`${field} 应为 YYYY-MM-DD：${value}`);
  }
}

/** 2027-04-05 → 2027年4月5日: Arabic numerals, the year in full, no leading zeros (GB/T 9704 7.3.5.4). */
export function chineseDate(ymd: string): string {
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
  return `${y}年${m}月${d}日`;
}

/** 李晓华同志 / 李晓华等3位同志. */
function whom(rows: readonly ApprovalDocumentRow[]) {
  const first = rows[0]!.name;
  return rows.length === 1 ? `${first}同志` : `${first}等${rows.length}位同志`;
}

/** 中小学教师专业技术资格, or 相应专业技术资格 when the rows span several series or levels. */
function qualificationPhrase(rows: readonly ApprovalDocumentRow[]) {
  const series = new Set(rows.map((r) => r.series.replace(/系列$/, '')));
  const levels = new Set(rows.map((r) => r.level));
  return series.size === 1 && levels.size === 1 ? `${[...series][0]}专业技术资格` : '相应专业技术资格';
}

/** The 正文: the report received, the approval with its basis and date, what the units do next. */
export function approvalBodyParagraphs(d: ApprovalDocumentData): string[] {
  validate(d);
  const you = /[、，,]/.test(d.recipient) ? '你们' : '你单位';
  return [
    `${you}报送的${whom(d.rows)}专业技术资格考核认定申报材料收悉。`,
    `经审核，根据${d.basis}的规定，同意${whom(d.rows)}具备${qualificationPhrase(d.rows)}` +
      `（名单见附件），资格取得时间自${chineseDate(d.effectiveOn)}起算。`,
    '请按规定办理聘任等相关手续。',
  ];
}

/** Width of a text in ems of its font size: CJK and full-width forms 1, ASCII/Latin ½. */
function ems(text: string) {
  let w = 0;
  for (const ch of text) w += ch.codePointAt(0)! < 0x2e80 && !/[—…“”‘’]/.test(ch) ? 0.5 : 1;
  return w;
}

/** Where a 批复 title reads well broken: before 具备 / after it, before 专业技术资格, before 的批复. */
const TITLE_BREAKS = [/(?=具备)/g, /(?<=具备)/g, /(?<=同志)/g, /(?=专业技术资格)/g, /(?=的批复)/g];

/**
 * A long title broken into balanced lines (GB/T 9704 7.3.1: 词意完整, 排列对称, a 梯形 or 菱形 rather
 * than a full line and a stub). Two lines are broken between phrases (…同志具备 / …专业技术资格的批复),
 * choosing the most even of those that fit; otherwise the fewest lines that fit, characters shared
 * out evenly, never starting a line with closing punctuation.
 */
export function balanceLines(text: string, maxEms: number): string[] {
  const total = ems(text);
  if (total <= maxEms) return [text];
  if (total <= 2 * maxEms) {
    let best: { at: number; diff: number } | null = null;
    for (const re of TITLE_BREAKS) {
      for (const m of text.matchAll(re)) {
        const a = ems(text.slice(0, m.index));
        const b = total - a;
        if (m.index === 0 || m.index === text.length || a > maxEms || b > maxEms) continue;
        if (!best || Math.abs(a - b) < best.diff) best = { at: m.index, diff: Math.abs(a - b) };
      }
    }
    if (best && best.diff <= total / 2) return [text.slice(0, best.at), text.slice(best.at)];
  }
  const chars = [...text];
  const lines = Math.ceil(total / maxEms);
  const out: string[] = [];
  let rest = chars;
  for (let i = lines; i > 1; i--) {
    const target = ems(rest.join('')) / i;
    let take = 0;
    let w = 0;
    while (take < rest.length && w + ems(rest[take]!) <= target + 0.01) w += ems(rest[take++]!);
    if (take === 0) take = 1;
    // the earlier lines may be half a character longer (a 倒梯形), never longer than fits
    if (take < rest.length && w + ems(rest[take]!) <= Math.min(maxEms, target + 0.5)) take++;
    while (take < rest.length - 1 && NO_LINE_START.has(rest[take]!)) take++;
    out.push(rest.slice(0, take).join(''));
    rest = rest.slice(take);
  }
  out.push(rest.join(''));
  return out;
}

/** Characters that do not begin a line (避头). */
const NO_LINE_START = new Set([...'，。、；：？！）》」』”’〕】…—·%']);

// ---------------------------------------------------------------------------------------------------
// Layout, in points

const MM = 72 / 25.4;
const PAGE = { width: 210 * MM, height: 297 * MM };
const MARGIN = { top: 37 * MM, left: 28 * MM, right: 26 * MM, bottom: 35 * MM };
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right; // 156 mm
const CONTENT_HEIGHT = PAGE.height - MARGIN.top - MARGIN.bottom; // 225 mm
/** 3号 text on a grid of 22 lines a page. */
const BODY_SIZE = 16;
const LINE = CONTENT_HEIGHT / 22;
const TITLE_SIZE = 22; // 2号
const SMALL_SIZE = 14; // 4号: 版记 and page numbers
const TABLE_SIZE = 10; // a little under 五号, so that nine columns fit the 版心's width
const TABLE_LINE = 14;
const HEAD_SIZE = 36; // 小初, squeezed sideways when the issuer's name is long
const RED = 'E60000';
const SEAL_GREY = 'B4B4B4';

/**
 * How the 发文机关标志 is set, from its natural width at {@link HEAD_SIZE}: the size and the sideways
 * squeeze (1 = none) that fit it into the 版心 — squeezed to no less than 55 %, smaller beyond that.
 */
function headFit(naturalWidth: number) {
  const room = CONTENT_WIDTH * 0.96;
  if (naturalWidth <= room) return { size: HEAD_SIZE, scale: 1 };
  const scale = Math.max(0.55, room / naturalWidth);
  return { size: (HEAD_SIZE * room) / (naturalWidth * scale), scale };
}

/**
 * Where the signature block sits: the 成文日期 four characters from the right, the 署名 centred over
 * it (7.3.5.1) — unless the name is too long for that, when both are centred a little further left so
 * the name ends at the 版心's edge. Returned as the distance of their common centre from the right edge.
 */
function signatureAxis(issuerWidth: number, dateWidth: number) {
  return Math.max(4 * BODY_SIZE + dateWidth / 2, issuerWidth / 2);
}

/** Padding inside a cell of the name list. */
const CELL_PAD = { x: 2, y: 4 };

/** The name list's column widths in points, filling the 版心. */
function columnWidths() {
  const total = COLUMNS.reduce((sum, c) => sum + c.width, 0);
  return COLUMNS.map((c) => (c.width / total) * CONTENT_WIDTH);
}

/** A row's cells, 序号 numbered from 1. */
function rowCells(r: ApprovalDocumentRow, n: number) {
  return COLUMNS.map((c) => (c.key ? r[c.key] : String(n + 1)));
}

/** The 抄送 line: 抄送：<机关>。 (7.4.2: the last 机关 followed by a full stop). */
function copyToText(copyTo: string) {
  return `抄送：${copyTo.replace(/[。.]$/, '')}。`;
}

// ---------------------------------------------------------------------------------------------------
// DOCX

const DOCX_FONT = { title: '方正小标宋简体', body: '仿宋_GB2312', heading: '黑体', number: '宋体' };
const LATIN_FONT = 'Times New Roman';
const tw = (pt: number) => Math.round(pt * 20);

/** A CJK face for Chinese, Times New Roman for Latin letters and digits (as 公文 templates set them). */
function font(name: string): IFontAttributesProperties {
  return { ascii: LATIN_FONT, eastAsia: name, hAnsi: LATIN_FONT, cs: LATIN_FONT };
}

/** A paragraph on the grid: exactly one 29 pt line a line of text. */
function gridParagraph(
  children: ParagraphChild[],
  options: {
    alignment?: (typeof AlignmentType)[keyof typeof AlignmentType];
    indent?: IIndentAttributesProperties;
    line?: number;
    keepNext?: boolean;
    pageBreakBefore?: boolean;
  } = {},
) {
  return new Paragraph({
    ...(options.pageBreakBefore ? { pageBreakBefore: true } : {}),
    alignment: options.alignment ?? AlignmentType.JUSTIFIED,
    spacing: {
      before: 0,
      after: 0,
      line: tw(options.line ?? LINE),
      lineRule: LineRuleType.EXACT,
    },
    ...(options.indent ? { indent: options.indent } : {}),
    ...(options.keepNext ? { keepNext: true } : {}),
    children,
  });
}

/**
 * A run of 3号 text. 28 characters a line (GB/T 9704 5.2.3) need each 16 pt character 0.25 pt closer: set
 * as character spacing, not as a document grid (LibreOffice spreads a `linesAndChars` grid's text out).
 */
function bodyRun(text: string, extra: { color?: string; size?: number; font?: string } = {}) {
  return new TextRun({
    text,
    font: font(extra.font ?? DOCX_FONT.body),
    size: (extra.size ?? BODY_SIZE) * 2,
    characterSpacing: -5,
    ...(extra.color ? { color: extra.color } : {}),
  });
}

const blank = (line = LINE) => gridParagraph([], { line });

function pageNumberFooter(side: 'odd' | 'even') {
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: tw(SMALL_SIZE) } : { left: tw(SMALL_SIZE) },
        spacing: { before: 0, after: 0 },
        children: [
          new TextRun({
            children: ['— ', PageNumber.CURRENT, ' —'],
            font: {
              ascii: DOCX_FONT.number,
              eastAsia: DOCX_FONT.number,
              hAnsi: DOCX_FONT.number,
              cs: DOCX_FONT.number,
            },
            size: SMALL_SIZE * 2,
          }),
        ],
      }),
    ],
  });
}

/** Paragraph styles of the name list's cells (a style each, so that 500 rows stay a small document). */
const LIST_STYLES = [
  {
    id: 'ListCell',
    name: 'List Cell',
    run: { font: font(DOCX_FONT.body), size: TABLE_SIZE * 2 },
    paragraph: {
      alignment: AlignmentType.CENTER,
      spacing: { before: 0, after: 0, line: tw(TABLE_LINE), lineRule: LineRuleType.EXACT },
    },
  },
  {
    id: 'ListCellLeft',
    name: 'List Cell Left',
    basedOn: 'ListCell',
    paragraph: { alignment: AlignmentType.LEFT },
  },
  { id: 'ListHeader', name: 'List Header', basedOn: 'ListCell', run: { font: font(DOCX_FONT.heading) } },
];

function docxNameTable(rows: readonly ApprovalDocumentRow[]) {
  const widths = columnWidths().map((w) => Math.floor(tw(w)));
  const thin = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const cell = (text: string, i: number, style: string) =>
    new TableCell({
      width: { size: widths[i]!, type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.CENTER,
      children: [new Paragraph({ style, children: [new TextRun(text)] })],
    });
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    margins: { top: tw(CELL_PAD.y), bottom: tw(CELL_PAD.y), left: tw(CELL_PAD.x), right: tw(CELL_PAD.x) },
    borders: {
      top: thin,
      bottom: thin,
      left: thin,
      right: thin,
      insideHorizontal: thin,
      insideVertical: thin,
    },
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: COLUMNS.map((c, i) => cell(c.header, i, 'ListHeader')),
      }),
      ...rows.map(
        (r, n) =>
          new TableRow({
            cantSplit: true,
            children: rowCells(r, n).map((text, i) =>
              cell(text, i, COLUMNS[i]!.left ? 'ListCellLeft' : 'ListCell'),
            ),
          }),
      ),
    ],
  });
}

/** Lines the 抄送 takes at 4号, estimated from character widths. */
function estimatedCopyLines(copyTo: string) {
  const width = ems(copyToText(copyTo)) * SMALL_SIZE;
  const first = CONTENT_WIDTH - 2 * SMALL_SIZE;
  return 1 + Math.max(0, Math.ceil((width - first) / (CONTENT_WIDTH - 5 * SMALL_SIZE)));
}

/**
 * Whether the 版记 fits under the name list on the list's last page, laid out as the DOCX lays it out
 * (rows of whole 14 pt lines, their number estimated from character widths), with a line to spare for
 * the word processor's own font metrics. When it does not, the 版记 goes on a page of its own.
 */
function recordFitsUnderList(d: ApprovalDocumentData, recordHeight: number) {
  const widths = columnWidths();
  const height = (cells: readonly string[]) =>
    Math.max(...cells.map((t, i) => Math.ceil((ems(t) * TABLE_SIZE) / (widths[i]! - 2 * CELL_PAD.x)) || 1)) *
      TABLE_LINE +
    2 * CELL_PAD.y;
  const header = height(COLUMNS.map((c) => c.header));
  let room = CONTENT_HEIGHT - 3.5 * LINE - header;
  for (const [n, r] of d.rows.entries()) {
    const h = height(rowCells(r, n));
    if (h > room) room = CONTENT_HEIGHT - header;
    room -= h;
  }
  return room >= recordHeight + LINE;
}

/**
 * 版记: a table floating on the last page, its last line on the 版心's bottom edge (7.4), placed at an
 * absolute distance from the top margin. Word and WPS float it there; LibreOffice (7.4) keeps a floating
 * table as wide as the text area in line, so there it follows the name list directly.
 */
function docxRecordTable(d: ApprovalDocumentData) {
  const width = Math.floor(tw(CONTENT_WIDTH));
  const thick = { style: BorderStyle.SINGLE, size: 8, color: '000000' }; // 1 pt ≈ 0.35 mm
  const thinLine = { style: BorderStyle.SINGLE, size: 6, color: '000000' }; // 0.75 pt ≈ 0.25 mm
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const small = (...children: (string | Tab)[]) =>
    new TextRun({ children, font: font(DOCX_FONT.body), size: SMALL_SIZE * 2 });
  const row = (lines: number, paragraph: Paragraph) =>
    new TableRow({
      cantSplit: true,
      height: { value: tw(lines * LINE), rule: HeightRule.EXACT },
      children: [
        new TableCell({
          width: { size: width, type: WidthType.DXA },
          margins: { top: 0, bottom: 0, left: 0, right: 0 },
          verticalAlign: VerticalAlignTable.CENTER,
          children: [paragraph],
        }),
      ],
    });
  const rowSpacing = { before: 0, after: 0, line: tw(LINE), lineRule: LineRuleType.EXACT };
  const rows: TableRow[] = [];
  const copyLines = d.copyTo ? estimatedCopyLines(d.copyTo) : 0;
  if (d.copyTo) {
    rows.push(
      row(
        copyLines,
        new Paragraph({
          spacing: rowSpacing,
          // 回行时与冒号后的首字对齐
          indent: { left: tw(4 * SMALL_SIZE), hanging: tw(3 * SMALL_SIZE), right: tw(SMALL_SIZE) },
          children: [small(copyToText(d.copyTo))],
        }),
      ),
    );
  }
  rows.push(
    row(
      1,
      new Paragraph({
        spacing: rowSpacing,
        indent: { left: tw(SMALL_SIZE) },
        tabStops: [{ type: TabStopType.RIGHT, position: width - tw(SMALL_SIZE) }],
        children: [small(d.printedBy, new Tab(), `${chineseDate(d.printedOn)}印发`)],
      }),
    ),
  );
  const height = (copyLines + 1) * LINE;
  const table = new Table({
    width: { size: width, type: WidthType.DXA },
    columnWidths: [width],
    layout: TableLayoutType.FIXED,
    float: {
      horizontalAnchor: TableAnchorType.MARGIN,
      verticalAnchor: TableAnchorType.MARGIN,
      absoluteHorizontalPosition: 0,
      absoluteVerticalPosition: tw(CONTENT_HEIGHT - height),
      overlap: OverlapType.NEVER,
    },
    borders: {
      top: thick,
      bottom: thick,
      left: none,
      right: none,
      insideHorizontal: thinLine,
      insideVertical: none,
    },
    rows,
  });
  return { table, height };
}

export async function renderApprovalDocx(d: ApprovalDocumentData): Promise<Buffer> {
  const body = approvalBodyParagraphs(d);
  const head = `${d.issuer}文件`;
  const fit = headFit(ems(head) * HEAD_SIZE);
  const date = chineseDate(d.issuedOn);
  const axis = signatureAxis(ems(d.issuer) * BODY_SIZE, ems(date) * BODY_SIZE);
  /** right indent that centres a text of `text`'s width on the signature axis */
  const rightFor = (text: string) => ({ right: tw(axis - (ems(text) * BODY_SIZE) / 2) });
  const footers = { default: pageNumberFooter('odd'), even: pageNumberFooter('even') };
  const record = docxRecordTable(d);
  const page = {
    size: { width: tw(PAGE.width), height: tw(PAGE.height) },
    margin: {
      top: tw(MARGIN.top),
      bottom: tw(MARGIN.bottom),
      left: tw(MARGIN.left),
      right: tw(MARGIN.right),
      header: tw(15 * MM),
      // the footer's line sits 7 mm under the 版心
      footer: tw(MARGIN.bottom - 7 * MM - SMALL_SIZE * 0.55),
    },
  };

  const main: ISectionOptions = {
    properties: { page: { ...page, pageNumbers: { start: 1 } } },
    footers,
    children: [
      // 版头
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: {
          before: tw(35 * MM - fit.size * 0.15),
          after: 0,
          line: tw(fit.size * 1.3),
          lineRule: LineRuleType.EXACT,
        },
        children: [
          new TextRun({
            text: head,
            font: font(DOCX_FONT.title),
            size: Math.round(fit.size * 2),
            color: RED,
            ...(fit.scale < 1 ? { scale: Math.round(fit.scale * 100) } : {}),
          }),
        ],
      }),
      blank(),
      blank(),
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { before: 0, after: 0, line: tw(LINE), lineRule: LineRuleType.EXACT },
        border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: RED, space: 8 } },
        children: [bodyRun(d.documentNumber)],
      }),
      // 主体
      blank(),
      blank(),
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { before: 0, after: 0, line: tw(LINE * 1.2), lineRule: LineRuleType.EXACT },
        children: balanceLines(d.title, CONTENT_WIDTH / TITLE_SIZE).map(
          (line, i) =>
            new TextRun({
              text: line,
              font: font(DOCX_FONT.title),
              size: TITLE_SIZE * 2,
              ...(i > 0 ? { break: 1 } : {}),
            }),
        ),
      }),
      blank(),
      gridParagraph([bodyRun(`${d.recipient}：`)], { alignment: AlignmentType.LEFT }),
      ...body.map((text, i) =>
        gridParagraph([bodyRun(text)], {
          indent: { firstLine: tw(2 * BODY_SIZE), firstLineChars: 200 },
          // the 附件说明 and the signature stay with the body's last paragraph
          keepNext: i === body.length - 1,
        }),
      ),
      gridParagraph([], { keepNext: true }),
      gridParagraph([bodyRun(`附件：${ATTACHMENT_TITLE}`)], {
        alignment: AlignmentType.LEFT,
        indent: { left: tw(5 * BODY_SIZE), hanging: tw(3 * BODY_SIZE) },
        keepNext: true,
      }),
      gridParagraph([], { keepNext: true }),
      gridParagraph([bodyRun('（印章）', { color: SEAL_GREY })], {
        alignment: AlignmentType.RIGHT,
        indent: rightFor('（印章）'),
        keepNext: true,
      }),
      gridParagraph([bodyRun(d.issuer)], {
        alignment: AlignmentType.RIGHT,
        indent: rightFor(d.issuer),
        keepNext: true,
      }),
      gridParagraph([bodyRun(date)], { alignment: AlignmentType.RIGHT, indent: rightFor(date) }),
    ],
  };

  const attachment: ISectionOptions = {
    properties: { type: SectionType.NEXT_PAGE, page },
    footers,
    children: [
      gridParagraph([bodyRun('附件', { font: DOCX_FONT.heading })], { alignment: AlignmentType.LEFT }),
      blank(),
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { before: 0, after: tw(LINE / 2), line: tw(LINE), lineRule: LineRuleType.EXACT },
        keepNext: true,
        children: [
          new TextRun({ text: ATTACHMENT_TITLE, font: font(DOCX_FONT.title), size: TITLE_SIZE * 2 }),
        ],
      }),
      docxNameTable(d.rows),
      // Word joins tables that touch: an empty paragraph between the list and the 版记 (starting a page
      // of its own when the list leaves no room), one after it, to which the floating 版记 is anchored
      gridParagraph([], { line: 2, pageBreakBefore: !recordFitsUnderList(d, record.height) }),
      record.table,
      blank(2),
    ],
  };

  const doc = new Document({
    title: d.title,
    subject: d.documentNumber,
    creator: '职称考核认定申报评审系统',
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { font: font(DOCX_FONT.body), size: BODY_SIZE * 2 },
          paragraph: { spacing: { before: 0, after: 0 } },
        },
      },
      paragraphStyles: LIST_STYLES,
    },
    sections: [main, attachment],
  });
  return Packer.toBuffer(doc);
}

// ---------------------------------------------------------------------------------------------------
// PDF

const TOP = PAGE.height - MARGIN.top; // the 版心's top edge
const BOTTOM = MARGIN.bottom; // its bottom edge
const LEFT = MARGIN.left;
const RIGHT = PAGE.width - MARGIN.right;
const CENTER_X = LEFT + CONTENT_WIDTH / 2;
/** 28 characters of 16 pt in the 156 mm 版心 (GB/T 9704 5.2.3): each character 0.22 pt closer. */
const BODY_SPACING = -0.22;
const TITLE_LINE = LINE * 1.2;
const FIXED_DATE = new Date('2000-01-01T00:00:00Z');
const PDF_RED = rgb(0.9, 0, 0);
const PDF_BLACK = rgb(0, 0, 0);
const PDF_SEAL_GREY = rgb(0.71, 0.71, 0.71);

/** The baseline of `size`-point text set in the middle of a line of `lineHeight` whose top is `top`. */
function baselineIn(top: number, size: number, lineHeight = LINE) {
  return top - (lineHeight - size) / 2 - 0.88 * size;
}

/** A piece of the main document's flow: `height` points tall, drawn with its top at `top`. */
interface FlowItem {
  height: number;
  /** Must be on the same page as the item before it. */
  glue?: boolean;
  /** Dropped where it would start a page. */
  blank?: boolean;
  draw?: (page: PDFPage, top: number) => Promise<void>;
}

/**
 * Pages of the flow: where each item goes (page index, top), the first page starting at `firstTop`.
 * An item that does not fit takes the run of glued items before it to the next page.
 */
function paginate(items: readonly FlowItem[], firstTop: number) {
  const placed: ({ page: number; top: number } | null)[] = [];
  let page = 0;
  let y = firstTop;
  const place = (i: number) => {
    const item = items[i]!;
    if (item.blank && y === TOP && page > 0) {
      placed[i] = null;
      return;
    }
    placed[i] = { page, top: y };
    y -= item.height;
  };
  for (let i = 0; i < items.length; i++) {
    if (y - items[i]!.height < BOTTOM - 0.01) {
      let start = i;
      while (start > 0 && items[start]!.glue) start--;
      const movable =
        start < i && placed.slice(start, i).every((p) => !p || (p.page === page && p.top !== TOP));
      page++;
      y = TOP;
      if (movable) for (let k = start; k < i; k++) place(k);
    }
    place(i);
  }
  return { placed, pages: page + 1 };
}

/** Number of characters as drawn (for spreading a justified line). */
function characters(text: string) {
  return [...text].length;
}

export async function renderApprovalPdf(d: ApprovalDocumentData): Promise<Uint8Array> {
  const body = approvalBodyParagraphs(d);
  const doc = await PDFDocument.create();
  doc.setTitle(`${d.documentNumber} ${d.title}`);
  doc.setSubject(d.title);
  doc.setAuthor(d.issuer);
  doc.setProducer('职称考核认定申报评审系统');
  doc.setCreator('职称考核认定申报评审系统');
  doc.setCreationDate(FIXED_DATE);
  doc.setModificationDate(FIXED_DATE);
  const cjk = await embedCjkFonts(doc);
  const pages: PDFPage[] = [];
  const newPage = () => {
    const page = doc.addPage([PAGE.width, PAGE.height]);
    pages.push(page);
    return page;
  };

  // 版头, on the first page: 发文机关标志, 发文字号, the red line
  const first = newPage();
  const head = `${d.issuer}文件`;
  const fit = headFit(cjk.widthOf(head, HEAD_SIZE, 'bold'));
  const headBaseline = TOP - 35 * MM - 0.88 * fit.size;
  first.pushOperators(
    pushGraphicsState(),
    concatTransformationMatrix(fit.scale, 0, 0, 1, CENTER_X, headBaseline),
  );
  await cjk.drawText(first, head, {
    x: 0,
    y: 0,
    size: fit.size,
    weight: 'bold',
    color: PDF_RED,
    align: 'center',
  });
  first.pushOperators(popGraphicsState());
  const numberTop = headBaseline - 0.12 * fit.size - 2 * LINE;
  const numberBaseline = baselineIn(numberTop, BODY_SIZE);
  await cjk.drawText(first, d.documentNumber, {
    x: CENTER_X,
    y: numberBaseline,
    size: BODY_SIZE,
    align: 'center',
  });
  const ruleY = numberBaseline - 0.12 * BODY_SIZE - 4 * MM;
  first.drawLine({
    start: { x: LEFT, y: ruleY },
    end: { x: RIGHT, y: ruleY },
    thickness: 1.5,
    color: PDF_RED,
  });

  // 主体, a flow of lines from two lines under the red line
  const items: FlowItem[] = [];
  const blankLine = (glue = false): FlowItem => ({ height: LINE, blank: true, glue });
  const textLine = (
    text: string,
    x: (width: number) => number,
    o: {
      size?: number;
      glue?: boolean;
      spacing?: number;
      color?: ReturnType<typeof rgb>;
      height?: number;
    } = {},
  ): FlowItem => ({
    height: o.height ?? LINE,
    ...(o.glue ? { glue: true } : {}),
    draw: async (page, top) => {
      const size = o.size ?? BODY_SIZE;
      const width = cjk.widthOf(text, size, 'regular', o.spacing ?? 0);
      await cjk.drawText(page, text, {
        x: x(width),
        y: baselineIn(top, size, o.height ?? LINE),
        size,
        letterSpacing: o.spacing ?? 0,
        color: o.color ?? PDF_BLACK,
      });
    },
  });
  /** A paragraph's lines, justified but for the last, the first indented by `indent`, the rest by `hang`. */
  const paragraph = (text: string, indent: number, hang = 0, glue = false) => {
    const lines = cjk.wrap(text, CONTENT_WIDTH - hang, BODY_SIZE, {
      firstLineIndent: indent - hang,
      letterSpacing: BODY_SPACING,
    });
    lines.forEach((line, i) => {
      const x = LEFT + (i === 0 ? indent : hang);
      let spacing = BODY_SPACING;
      if (i < lines.length - 1 && characters(line) > 1) {
        const room = RIGHT - x - cjk.widthOf(line, BODY_SIZE, 'regular', BODY_SPACING);
        const spread = room / (characters(line) - 1);
        if (spread > 0 && spread < BODY_SIZE / 2) spacing += spread;
      }
      items.push(textLine(line, () => x, { spacing, glue: glue || i > 0 }));
    });
  };

  items.push(blankLine(), blankLine());
  const titleLines = balanceLines(d.title, CONTENT_WIDTH / TITLE_SIZE);
  titleLines.forEach((line) =>
    items.push({
      height: TITLE_LINE,
      draw: async (page, top) => {
        await cjk.drawText(page, line, {
          x: CENTER_X,
          y: baselineIn(top, TITLE_SIZE, TITLE_LINE),
          size: TITLE_SIZE,
          weight: 'bold',
          align: 'center',
        });
      },
    }),
  );
  items.push(blankLine());
  paragraph(`${d.recipient}：`, 0);
  body.forEach((text) => paragraph(text, 2 * BODY_SIZE));
  // 附件说明 and the signature stay with the body's last line
  items.push(blankLine(true));
  paragraph(`附件：${ATTACHMENT_TITLE}`, 2 * BODY_SIZE, 5 * BODY_SIZE, true);
  items.push(blankLine(true));
  const date = chineseDate(d.issuedOn);
  const axis = RIGHT - signatureAxis(cjk.widthOf(d.issuer, BODY_SIZE), cjk.widthOf(date, BODY_SIZE));
  items.push(
    textLine('（印章）', (w) => axis - w / 2, { glue: true, color: PDF_SEAL_GREY }),
    textLine(d.issuer, (w) => axis - w / 2, { glue: true }),
    textLine(date, (w) => axis - w / 2, { glue: true }),
  );
  const flow = paginate(items, ruleY);
  for (let p = 1; p < flow.pages; p++) newPage();
  for (let i = 0; i < items.length; i++) {
    const at = flow.placed[i];
    if (at && items[i]!.draw) await items[i]!.draw!(pages[at.page]!, at.top);
  }

  // 附件: a new page, 附件 on the first line, the title on the third, then the list
  let page = newPage();
  await cjk.drawText(page, '附件', {
    x: LEFT,
    y: baselineIn(TOP, BODY_SIZE),
    size: BODY_SIZE,
    weight: 'bold',
  });
  await cjk.drawText(page, ATTACHMENT_TITLE, {
    x: CENTER_X,
    y: baselineIn(TOP - 2 * LINE, TITLE_SIZE),
    size: TITLE_SIZE,
    weight: 'bold',
    align: 'center',
  });
  let y = TOP - 3.5 * LINE;
  const widths = columnWidths();
  const edges = widths.reduce<number[]>((acc, w) => [...acc, acc[acc.length - 1]! + w], [LEFT]);
  /**
   * A cell's lines and size; a code (no CJK) a little too wide for its column is set smaller instead of
   * broken. Remembered per column and text: most values (系列, 级别, units…) repeat down the list.
   */
  const cellLayouts = new Map<string, { lines: string[]; size: number }>();
  const layoutCell = (text: string, i: number, bold: boolean) => {
    const key = `${i}|${bold ? 'b' : 'r'}|${text}`;
    let cell = cellLayouts.get(key);
    if (!cell) {
      const weight = bold ? 'bold' : 'regular';
      const room = widths[i]! - 2 * CELL_PAD.x;
      const natural = cjk.widthOf(text, TABLE_SIZE, weight);
      const shrink = (TABLE_SIZE * room) / natural;
      cell =
        /^[\x21-\x7e]+$/.test(text) && natural > room && shrink >= 8
          ? { lines: [text], size: shrink }
          : { lines: cjk.wrap(text, room, TABLE_SIZE, { weight }), size: TABLE_SIZE };
      cellLayouts.set(key, cell);
    }
    return cell;
  };
  const layoutRow = (cells: string[], bold: boolean) => {
    const laid = cells.map((text, i) => layoutCell(text, i, bold));
    return {
      lines: laid.map((c) => c.lines),
      sizes: laid.map((c) => c.size),
      height: Math.max(...laid.map((c) => c.lines.length)) * TABLE_LINE + 2 * CELL_PAD.y,
      bold,
    };
  };
  const drawRow = async (row: ReturnType<typeof layoutRow>, top: number, ruleAbove: boolean) => {
    const bottom = top - row.height;
    const line = { thickness: 0.6, color: PDF_BLACK };
    if (ruleAbove) page.drawLine({ start: { x: LEFT, y: top }, end: { x: RIGHT, y: top }, ...line });
    page.drawLine({ start: { x: LEFT, y: bottom }, end: { x: RIGHT, y: bottom }, ...line });
    for (const x of edges) page.drawLine({ start: { x, y: top }, end: { x, y: bottom }, ...line });
    for (let c = 0; c < row.lines.length; c++) {
      const cellLines = row.lines[c]!;
      const left = !row.bold && COLUMNS[c]!.left && cellLines.length > 1;
      let lineTop = top - (row.height - cellLines.length * TABLE_LINE) / 2;
      for (const text of cellLines) {
        await cjk.drawText(page, text, {
          x: left ? edges[c]! + CELL_PAD.x : edges[c]! + widths[c]! / 2,
          y: baselineIn(lineTop, row.sizes[c]!, TABLE_LINE),
          size: row.sizes[c]!,
          weight: row.bold ? 'bold' : 'regular',
          align: left ? 'left' : 'center',
        });
        lineTop -= TABLE_LINE;
      }
    }
  };
  const header = layoutRow(
    COLUMNS.map((c) => c.header),
    true,
  );
  await drawRow(header, y, true);
  y -= header.height;
  for (const [n, r] of d.rows.entries()) {
    const row = layoutRow(rowCells(r, n), false);
    if (y - row.height < BOTTOM) {
      page = newPage();
      y = TOP;
      await drawRow(header, y, true);
      y -= header.height;
    }
    await drawRow(row, y, false);
    y -= row.height;
  }

  // 版记 on the bottom of the last page (a page of its own if the list leaves no room)
  const small = SMALL_SIZE;
  const copyLines = d.copyTo
    ? // one character in on both sides; the lines after the first align after 抄送：
      cjk.wrap(copyToText(d.copyTo), CONTENT_WIDTH - 5 * small, small, {
        firstLineIndent: -3 * small,
      })
    : [];
  const recordHeight = (copyLines.length + 1) * LINE;
  if (y - LINE / 2 - recordHeight < BOTTOM) page = newPage();
  const thick = { thickness: 1, color: PDF_BLACK };
  let top = BOTTOM + recordHeight;
  page.drawLine({ start: { x: LEFT, y: top }, end: { x: RIGHT, y: top }, ...thick });
  for (const [i, text] of copyLines.entries()) {
    await cjk.drawText(page, text, {
      x: LEFT + (i === 0 ? 1 : 4) * small,
      y: baselineIn(top, small),
      size: small,
    });
    top -= LINE;
  }
  if (copyLines.length > 0) {
    page.drawLine({
      start: { x: LEFT, y: top },
      end: { x: RIGHT, y: top },
      thickness: 0.75,
      color: PDF_BLACK,
    });
  }
  await cjk.drawText(page, d.printedBy, { x: LEFT + small, y: baselineIn(top, small), size: small });
  await cjk.drawText(page, `${chineseDate(d.printedOn)}印发`, {
    x: RIGHT - small,
    y: baselineIn(top, small),
    size: small,
    align: 'right',
  });
  page.drawLine({ start: { x: LEFT, y: BOTTOM }, end: { x: RIGHT, y: BOTTOM }, ...thick });

  // 页码: "— n —", 4号, 7 mm under the 版心, odd pages right and even pages left, one character in
  const numberY = BOTTOM - 7 * MM - 0.45 * small;
  for (const [i, p] of pages.entries()) {
    const odd = i % 2 === 0;
    await cjk.drawText(p, `— ${i + 1} —`, {
      x: odd ? RIGHT - small : LEFT + small,
      y: numberY,
      size: small,
      align: odd ? 'right' : 'left',
    });
  }
  return doc.save({ useObjectStreams: false });
}
