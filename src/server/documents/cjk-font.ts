/**
 * Chinese text in generated PDFs (pdf-lib + @pdf-lib/fontkit), with open-licence fonts from npm packages —
 * never from the operating system, so every machine renders the same bytes. For every document generator
 * (the certificate, the 批复 PDF, …): use this module rather than embedding fonts yourself.
 *
 * Fonts (SIL OFL 1.1):
 *  - Noto Serif SC (= Source Han Serif SC, Google Fonts build), complete TrueType files from
 *    `@expo-google-fonts/noto-serif-sc`: Regular (400) and Bold (700). 30 928 code points: all of the BMP's
 *    CJK ideographs, Extension A, Latin, digits, full-width punctuation (〔〕：《》…), but only 52 of
 *    Extension B. A 宋体-style face: Regular stands in for 仿宋 body text, Bold for 小标宋 titles.
 *  - Noto Serif HK (the same design, Hong Kong glyph set) from `@fontsource/noto-serif-hk`, which ships it
 *    only as web-font subsets (~100 WOFF2 files per weight, split by unicode-range). It is the fallback for
 *    characters Noto Serif SC lacks: 1 705 Extension B ideographs used in names and place names, among them
 *    𠈌 (U+2020C). Per character, the subset whose unicode-range lists it is loaded and its cmap checked.
 * Together they cover 1 741 of Extension B's 42 720 ideographs (not, e.g., 𪚥 U+2A6A5 or 𡒄 U+21484; no npm
 * package ships a complete Extension B font). A character in neither font is drawn as an empty box:
 * `missingCharacters(text)` / `missingCjkCharacters(text)` list such characters so a caller can warn.
 *
 * Usage (one `CjkFonts` per PDFDocument; fonts are embedded on first use, subset to the glyphs drawn):
 *
 *   const doc = await PDFDocument.create();
 *   const cjk = await embedCjkFonts(doc);
 *   const page = doc.addPage([595.28, 841.89]);                                  // A4, points
 *   await cjk.drawText(page, '关于欧阳𠈌明等2位同志具备工程师资格的批复', { x: 297.6, y: 700, size: 22,
 *     weight: 'bold', align: 'center' });
 *   const w = cjk.widthOf('主送机关：', 16);                                       // points, for layout
 *   for (const line of cjk.wrap(paragraph, 440, 16, { firstLineIndent: 32 })) …  // 正文, 2-character indent
 *
 * `drawText` draws one line: x/y are the baseline origin (x is the left edge, the centre or the right edge
 * by `align`); `letterSpacing` adds points after every character (spaced-out titles); `rotate` (degrees,
 * anticlockwise) and `opacity` serve watermarks. Text is split into runs by font, so a name with 𠈌 prints
 * in one line with Noto Serif HK for that character only. Text stays extractable (pdftotext, copy/paste),
 * 𠈌 included. Without a document: `measureCjkText`, `missingCjkCharacters`; `preloadCjkFonts()` at server
 * start spares the first request the font loading (~1–2 s per weight; the files are ~15 MB each, read and
 * parsed once per process and cached, as are the parsed WOFF2 subsets).
 *
 * @pdf-lib/fontkit's subsetter is repaired here for these fonts (see `addGlyphFixed`): without the repair,
 * pdf-lib's `subset: true` drops or garbles about half of the glyphs.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import type { Font } from '@pdf-lib/fontkit';
import { degrees, rgb, type PDFDocument, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';

export type CjkWeight = 'regular' | 'bold';

export interface CjkTextOptions {
  /** Baseline origin, in points from the page's lower-left corner. */
  x: number;
  y: number;
  /** Font size in points (3号 = 16 pt, 2号 = 22 pt, 小初 = 36 pt). */
  size: number;
  weight?: CjkWeight;
  color?: RGB;
  /** What `x` is: the left edge (default), the centre, or the right edge of the text. */
  align?: 'left' | 'center' | 'right';
  /** Extra space after each character, in points (not after the last). */
  letterSpacing?: number;
  /** Degrees anticlockwise about (x, y). */
  rotate?: number;
  /** 0–1, for watermarks. */
  opacity?: number;
}

export interface WrapOptions {
  weight?: CjkWeight;
  letterSpacing?: number;
  /** Points the first line is indented (公文正文: 2 characters = 2 × size); the other lines start at 0. */
  firstLineIndent?: number;
}

/** One document's fonts. */
export interface CjkFonts {
  /** Draws one line of text; returns its width in points. */
  drawText(page: PDFPage, text: string, options: CjkTextOptions): Promise<number>;
  /** Width of `text` in points, as `drawText` would draw it. */
  widthOf(text: string, size: number, weight?: CjkWeight, letterSpacing?: number): number;
  /**
   * Breaks `text` into lines no wider than `maxWidth` (a line's first-line indent included). Breaks between
   * any two CJK characters; keeps runs of Latin letters/digits together (unless one is wider than a line);
   * never starts a line with closing punctuation (，。、；：？！）》」”…) nor ends one with opening
   * punctuation (（《「“〔…). Explicit "\n" starts a new line.
   */
  wrap(text: string, maxWidth: number, size: number, options?: WrapOptions): string[];
  /** Characters (one entry per distinct character) that no bundled font can draw. */
  missingCharacters(text: string): string[];
}

// ---------------------------------------------------------------------------------------------------------
// Font files, from npm packages, cached per process

const require = createRequire(import.meta.url);
const SC_DIR = dirname(require.resolve('@expo-google-fonts/noto-serif-sc/package.json'));
const HK_DIR = dirname(require.resolve('@fontsource/noto-serif-hk/package.json'));

const SC_FILES: Record<CjkWeight, string> = {
  regular: join(SC_DIR, '400Regular', 'NotoSerifSC_400Regular.ttf'),
  bold: join(SC_DIR, '700Bold', 'NotoSerifSC_700Bold.ttf'),
};
const HK_WEIGHT: Record<CjkWeight, number> = { regular: 400, bold: 700 };

interface LoadedFont {
  /** Cache key and embedded-font identity. */
  key: string;
  bytes: Uint8Array;
  font: Font;
}

const loaded = new Map<string, LoadedFont>();
/** Parsed fonts by their bytes, so that pdf-lib's embedFont does not parse a 15 MB font again per document. */
const parsedByBytes = new WeakMap<Uint8Array, Font>();

/**
 * @pdf-lib/fontkit 1.1.1's TrueType subsetter corrupts glyphs here, so pdf-lib's `subset: true` needs a fix:
 *  - it copies each glyph's bytes unpadded but writes the short `loca` format (offsets / 2) whenever the
 *    subset is under 128 KB, so every glyph after an odd-length one (half of Noto Serif SC's) is read from
 *    the wrong offset and comes out empty or garbled. Fix: pad each glyph to a multiple of 4 bytes;
 *  - for a WOFF2 font it reads the original `loca` table, which a WOFF2 file with a transformed `glyf`
 *    does not have. Fix: encode the glyph's outline afresh (a simple glyph; hinting is of no use in a PDF).
 * The fix replaces `_addGlyph` on the subsets of the fonts this module hands to pdf-lib, nothing global.
 */
interface SubsetInternals {
  font: Font & {
    stream: { buffer: Uint8Array };
    loca?: { offsets: number[] };
    _transformGlyfTable?: unknown;
    _getTableStream(tag: string): { pos: number; readBuffer(n: number): Uint8Array };
  };
  glyf: Uint8Array[];
  loca: { offsets: number[] };
  hmtx: { metrics: { advance: number; bearing: number }[] };
  offset: number;
  glyphEncoder: { encodeSimple(path: unknown, instructions: number[]): Uint8Array };
  includeGlyph(gid: number): number;
  _addGlyph(gid: number): number;
}

interface GlyphInternals {
  path: unknown;
  advanceWidth: number;
  _decode(): { numberOfContours: number; components?: { glyphID: number; pos: number }[] } | null;
  _getMetrics(): { leftBearing: number };
}

function addGlyphFixed(this: SubsetInternals, gid: number): number {
  const font = this.font;
  // fontkit's own Buffer class (a polyfill): its encoder accepts nothing else.
  const Buf = font.stream.buffer.constructor as unknown as { alloc(size: number): Uint8Array };
  const glyph = font.getGlyph(gid) as unknown as GlyphInternals;
  const glyf = glyph._decode();
  let data: Uint8Array;
  if (typeof font._transformGlyfTable === 'function') {
    // WOFF2
    data = glyf ? this.glyphEncoder.encodeSimple(glyph.path, []) : Buf.alloc(0);
  } else {
    const offsets = font.loca!.offsets;
    const stream = font._getTableStream('glyf');
    stream.pos += offsets[gid]!;
    data = stream.readBuffer(offsets[gid + 1]! - offsets[gid]!);
  }
  const padded = Buf.alloc(Math.ceil(data.length / 4) * 4);
  padded.set(data);
  if (glyf && glyf.numberOfContours < 0 && typeof font._transformGlyfTable !== 'function') {
    const view = new DataView(padded.buffer, padded.byteOffset, padded.byteLength);
    for (const component of glyf.components ?? [])
      view.setUint16(component.pos, this.includeGlyph(component.glyphID));
  }
  this.glyf.push(padded);
  this.loca.offsets.push(this.offset);
  this.hmtx.metrics.push({ advance: glyph.advanceWidth, bearing: glyph._getMetrics().leftBearing });
  this.offset += padded.length;
  return this.glyf.length - 1;
}

function withFixedSubsets(font: Font): Font {
  const original = font.createSubset.bind(font);
  font.createSubset = () => {
    const subset = original() as unknown as SubsetInternals;
    if (typeof subset._addGlyph === 'function' && subset.glyphEncoder) subset._addGlyph = addGlyphFixed;
    return subset as unknown as ReturnType<Font['createSubset']>;
  };
  return font;
}

/** fontkit, answering pdf-lib's `create(bytes)` from the cache for the bytes this module loaded. */
const cachingFontkit = {
  create: (bytes: Uint8Array, postscriptName?: string) =>
    parsedByBytes.get(bytes) ?? withFixedSubsets(fontkit.create(bytes, postscriptName)),
} as unknown as Parameters<PDFDocument['registerFontkit']>[0];

function loadFont(key: string, file: string): LoadedFont {
  let f = loaded.get(key);
  if (!f) {
    const bytes = new Uint8Array(readFileSync(file));
    f = { key, bytes, font: withFixedSubsets(fontkit.create(bytes)) };
    parsedByBytes.set(bytes, f.font);
    loaded.set(key, f);
  }
  return f;
}

function mainFont(weight: CjkWeight): LoadedFont {
  return loadFont(`sc-${weight}`, SC_FILES[weight]);
}

/** Noto Serif HK's subsets: [first, last] code point ranges → the subset's file name part. */
let hkRanges: { from: number; to: number; subset: string }[] | undefined;

function hkSubsetRanges() {
  if (!hkRanges) {
    const table = JSON.parse(readFileSync(join(HK_DIR, 'unicode.json'), 'utf8')) as Record<string, string>;
    hkRanges = [];
    for (const [name, ranges] of Object.entries(table)) {
      const subset = name.replace(/^\[(\d+)\]$/, '$1');
      for (const r of ranges.split(',')) {
        const [a, b] = r.trim().replace(/^U\+/i, '').split('-');
        const from = parseInt(a ?? '', 16);
        const to = b === undefined ? from : parseInt(b, 16);
        if (Number.isFinite(from) && Number.isFinite(to)) hkRanges.push({ from, to, subset });
      }
    }
  }
  return hkRanges;
}

/** The fallback subset font that has a glyph for `cp`, if any. */
function fallbackFont(cp: number, weight: CjkWeight): LoadedFont | undefined {
  for (const r of hkSubsetRanges()) {
    if (cp < r.from || cp > r.to) continue;
    const w = HK_WEIGHT[weight];
    const f = loadFont(
      `hk-${r.subset}-${w}`,
      join(HK_DIR, 'files', `noto-serif-hk-${r.subset}-${w}-normal.woff2`),
    );
    if (f.font.hasGlyphForCodePoint(cp)) return f;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Runs by font

interface Run {
  font: LoadedFont;
  text: string;
}

/** Variation selectors and zero-width joiners stay with the character before them. */
function isAttached(cp: number) {
  return (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef) || cp === 0x200d;
}

const fontChoice = new Map<string, LoadedFont | null>();

function fontFor(cp: number, weight: CjkWeight): LoadedFont | undefined {
  const main = mainFont(weight);
  if (main.font.hasGlyphForCodePoint(cp)) return main;
  const key = `${weight}:${cp}`;
  let f = fontChoice.get(key);
  if (f === undefined) {
    f = fallbackFont(cp, weight) ?? null;
    fontChoice.set(key, f);
  }
  return f ?? undefined;
}

function runsOf(text: string, weight: CjkWeight): Run[] {
  const runs: Run[] = [];
  const main = mainFont(weight);
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const last = runs[runs.length - 1];
    if (last && isAttached(cp)) {
      last.text += ch;
      continue;
    }
    const font = fontFor(cp, weight) ?? main;
    if (last && last.font === font) last.text += ch;
    else runs.push({ font, text: ch });
  }
  return runs;
}

function advance(f: LoadedFont, text: string, size: number) {
  const { glyphs } = f.font.layout(text);
  let units = 0;
  for (const g of glyphs) units += g.advanceWidth;
  return (units * size) / f.font.unitsPerEm;
}

function characterCount(text: string) {
  let n = 0;
  for (const ch of text) if (!isAttached(ch.codePointAt(0)!)) n++;
  return n;
}

function widthOf(text: string, size: number, weight: CjkWeight = 'regular', letterSpacing = 0): number {
  let w = 0;
  for (const r of runsOf(text, weight)) w += advance(r.font, r.text, size);
  const n = characterCount(text);
  return w + (n > 1 ? (n - 1) * letterSpacing : 0);
}

function missingCharacters(text: string): string[] {
  const missing = new Set<string>();
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (isAttached(cp) || cp < 0x20) continue;
    if (!fontFor(cp, 'regular')) missing.add(ch);
  }
  return [...missing];
}

// ---------------------------------------------------------------------------------------------------------
// Line breaking

const NO_LINE_START = new Set([...'，。、；：？！）》」』】〕〉”’…—·%,.;:?!)]}%']);
const NO_LINE_END = new Set([...'（《「『【〔〈“‘([{']);

/** Characters, each with the variation selectors / joiners that follow it. */
function clusters(text: string): string[] {
  const out: string[] = [];
  for (const ch of text) {
    if (out.length > 0 && isAttached(ch.codePointAt(0)!)) out[out.length - 1] += ch;
    else out.push(ch);
  }
  return out;
}

/** Units that are never split: a run of Latin letters/digits (with . - / _ @ : inside), or one character. */
function units(text: string): string[] {
  const out: string[] = [];
  for (const c of clusters(text)) {
    const last = out[out.length - 1];
    if (
      last !== undefined &&
      /^[A-Za-z0-9][A-Za-z0-9.\-/_@:]*$/.test(last) &&
      /^[A-Za-z0-9.\-/_@:]$/.test(c)
    ) {
      out[out.length - 1] = last + c;
    } else out.push(c);
  }
  return out;
}

function wrap(text: string, maxWidth: number, size: number, options: WrapOptions = {}): string[] {
  const { weight = 'regular', letterSpacing = 0, firstLineIndent = 0 } = options;
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let indent = firstLineIndent;
    let line: string[] = [];
    const width = (parts: string[]) => indent + widthOf(parts.join(''), size, weight, letterSpacing);
    // A Latin run wider than a whole line is split into its characters.
    const list = units(paragraph).flatMap((u) =>
      u.length > 1 && widthOf(u, size, weight, letterSpacing) > maxWidth ? [...u] : [u],
    );
    for (const unit of list) {
      const candidate = [...line, unit];
      if (line.length === 0 || width(candidate) <= maxWidth) {
        line = candidate;
        continue;
      }
      // Overflow: move characters to the next line so that it does not start with closing punctuation
      // and this one does not end with opening punctuation (at most two, then break anyway).
      let next = [unit];
      for (let i = 0; i < 2 && line.length > 1; i++) {
        const head = next[0]!;
        const tail = line[line.length - 1]!;
        if (NO_LINE_START.has(head[0]!) || NO_LINE_END.has(tail[0]!)) {
          next = [line.pop()!, ...next];
        } else break;
      }
      out.push(line.join(''));
      indent = 0;
      line = next;
    }
    out.push(line.join(''));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Drawing

/** Registers fontkit with `doc` and returns its CJK fonts (embedded lazily, subset). */
export async function embedCjkFonts(doc: PDFDocument): Promise<CjkFonts> {
  doc.registerFontkit(cachingFontkit);
  const embedded = new Map<string, Promise<PDFFont>>();
  const pdfFont = (f: LoadedFont) => {
    let p = embedded.get(f.key);
    if (!p) {
      p = doc.embedFont(f.bytes, { subset: true });
      embedded.set(f.key, p);
    }
    return p;
  };

  async function drawText(page: PDFPage, text: string, o: CjkTextOptions): Promise<number> {
    const weight = o.weight ?? 'regular';
    const spacing = o.letterSpacing ?? 0;
    const total = widthOf(text, o.size, weight, spacing);
    const start = o.align === 'center' ? -total / 2 : o.align === 'right' ? -total : 0;
    const angle = ((o.rotate ?? 0) * Math.PI) / 180;
    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    // With letter spacing every character is its own piece; otherwise every run by font.
    const pieces: Run[] = [];
    for (const r of runsOf(text, weight)) {
      if (spacing === 0) pieces.push(r);
      else for (const c of clusters(r.text)) pieces.push({ font: r.font, text: c });
    }
    let offset = start;
    for (const piece of pieces) {
      const font = await pdfFont(piece.font);
      page.drawText(piece.text, {
        x: o.x + offset * cos,
        y: o.y + offset * sin,
        size: o.size,
        font,
        color: o.color ?? rgb(0, 0, 0),
        ...(o.rotate ? { rotate: degrees(o.rotate) } : {}),
        ...(o.opacity !== undefined ? { opacity: o.opacity } : {}),
      });
      offset += advance(piece.font, piece.text, o.size) + spacing;
    }
    return total;
  }

  return { drawText, widthOf, wrap, missingCharacters };
}

/** Characters of `text` no bundled font can draw (without a document). */
export function missingCjkCharacters(text: string): string[] {
  return missingCharacters(text);
}

/** Width of `text` in points (without a document). */
export function measureCjkText(text: string, size: number, weight: CjkWeight = 'regular', letterSpacing = 0) {
  return widthOf(text, size, weight, letterSpacing);
}

/** Loads and parses the main fonts now (both weights), so that the first document is not slow. */
export function preloadCjkFonts(): void {
  for (const weight of ['regular', 'bold'] as const) mainFont(weight).font.hasGlyphForCodePoint(0x4e00);
  hkSubsetRanges();
}
