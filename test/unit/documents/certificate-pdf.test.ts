import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { encodeQrPayload } from '../../../src/domain/certificate-payload.js';
import {
  chineseDate,
  renderCertificatePdf,
  type CertificatePdfData,
} from '../../../src/server/documents/certificate-pdf.js';
import {
  embedCjkFonts,
  measureCjkText,
  missingCjkCharacters,
} from '../../../src/server/documents/cjk-font.js';
import { typicalClaims } from '../crypto/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'zc-cert-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const signature = new Uint8Array(64).map((_, i) => (i * 37 + 11) & 0xff);
const data: CertificatePdfData = {
  claims: typicalClaims,
  qrText: encodeQrPayload(typicalClaims, signature),
  verifyUrl: 'https://zc.rsj.ganzhou.gov.cn/verify',
};

const hasPoppler = spawnSync('pdftotext', ['-v']).error === undefined;
if (!hasPoppler)
  console.warn('poppler-utils (pdftotext, pdffonts, pdftoppm) not installed: PDF text checks skipped');

function save(name: string, bytes: Uint8Array) {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

/** pdftotext's text with all white space removed (lines of a wrapped value join up). */
function textOf(file: string) {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
}

describe('renderCertificatePdf', () => {
  it('is one A4 page, the same bytes for the same data, and small', async () => {
    const a = await renderCertificatePdf(data);
    const b = await renderCertificatePdf(data);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const doc = await PDFDocument.load(a);
    expect(doc.getPageCount()).toBe(1);
    const { width, height } = doc.getPage(0).getSize();
    expect([Math.round(width), Math.round(height)]).toEqual([595, 842]);
    expect(doc.getTitle()).toBe('专业技术资格证书 GZ01-2026-ZL-000123');
    expect(a.length).toBeLessThan(150_000);
  });

  it.skipIf(!hasPoppler)('carries every field, the name with 𠈌 (CJK Extension B) as text', async () => {
    const file = save('valid.pdf', await renderCertificatePdf(data));
    const text = textOf(file);
    const c = typicalClaims;
    for (const label of [
      '专业技术资格证书',
      '姓名',
      '性别',
      '出生年月',
      '工作单位',
      '系列/专业',
      '资格名称',
      '级别',
      '取得资格时间',
      '认定机构',
      '批准文号',
      '证书编号',
      '发证日期',
    ]) {
      expect(text).toContain(label);
    }
    expect(text).toContain('欧阳𠈌明');
    for (const value of [
      c.gender,
      '1992年7月',
      c.employer,
      `${c.series}/${c.specialty}`,
      c.qualification,
      c.level,
      '2026年6月30日',
      c.agency,
      c.documentNumber,
      c.number,
      '2026年7月15日',
    ]) {
      expect(text).toContain(value.replace(/\s+/g, ''));
    }
    expect(text).toContain('扫描二维码或登录https://zc.rsj.ganzhou.gov.cn/verify输入证书编号和姓名查验');
    expect(text).not.toContain('已撤销');
  });

  it.skipIf(!hasPoppler)(
    'embeds its fonts (Noto Serif SC, Noto Serif HK for 𠈌) and renders cleanly',
    async () => {
      const file = save('fonts.pdf', await renderCertificatePdf(data));
      const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' })
        .split('\n')
        .slice(2)
        .filter(Boolean);
      expect(fonts.some((l) => l.startsWith('NotoSerifSC-Regular'))).toBe(true);
      expect(fonts.some((l) => l.startsWith('NotoSerifSC-Bold'))).toBe(true);
      expect(fonts.some((l) => l.startsWith('NotoSerifHK'))).toBe(true);
      for (const line of fonts) expect(line).toMatch(/CID TrueType\s+Identity-H\s+yes\s+\S+\s+yes/); // embedded, ToUnicode
      const png = spawnSync('pdftoppm', ['-png', '-r', '30', file, join(dir, 'page')], { encoding: 'utf8' });
      expect(png.status).toBe(0);
      expect(png.stderr).toBe('');
      expect(readdirSync(dir).some((f) => f.startsWith('page') && f.endsWith('.png'))).toBe(true);
    },
  );

  it.skipIf(!hasPoppler)('fits long values: shrinks them, or wraps them onto more lines', async () => {
    const claims = {
      ...typicalClaims,
      employer:
        '江西省赣州市章贡区城市建设投资集团有限公司第三工程项目部暨赣州市中心城区市政基础设施维护管理中心',
      documentNumber: '赣市人社职字〔2026〕1234号',
      agency: '赣州市人力资源和社会保障局职称工作办公室',
    };
    const file = save('long.pdf', await renderCertificatePdf({ ...data, claims }));
    const text = textOf(file);
    for (const v of [claims.employer, claims.documentNumber, claims.agency]) expect(text).toContain(v);
  });

  it.skipIf(!hasPoppler)('says 已撤销 across a revoked certificate', async () => {
    const file = save('revoked.pdf', await renderCertificatePdf({ ...data, status: 'revoked' }));
    const text = textOf(file);
    expect(text).toContain('已撤销');
    expect(text).toContain('本证书已撤销');
    expect(text).toContain('欧阳𠈌明');
  });

  it('writes dates the Chinese way', () => {
    expect(chineseDate('1992-07')).toBe('1992年7月');
    expect(chineseDate('2026-06-30')).toBe('2026年6月30日');
    expect(chineseDate('二〇二六年')).toBe('二〇二六年');
  });
});

describe('cjk-font', () => {
  it('has glyphs for common text and 𠈌; reports what no bundled font has', () => {
    expect(missingCjkCharacters('专业技术资格证书：欧阳𠈌明〔2026〕12号 ABC')).toEqual([]);
    expect(missingCjkCharacters('\u{E000}𠈌\u{E000}')).toEqual(['\u{E000}']);
  });

  it('measures CJK characters one em wide and 𠈌 too', () => {
    expect(measureCjkText('证书', 10)).toBeCloseTo(20, 5);
    expect(measureCjkText('𠈌', 10)).toBeCloseTo(10, 5);
    expect(measureCjkText('证书', 10, 'regular', 3)).toBeCloseTo(23, 5);
  });

  it('wraps without a line starting with closing punctuation, keeping Latin runs whole', async () => {
    const cjk = await embedCjkFonts(await PDFDocument.create());
    const text = '一二三四五，六七八九十。甲ABC2026乙丙丁戊己庚辛';
    const lines = cjk.wrap(text, 50, 10);
    expect(lines.join('')).toBe(text);
    for (const line of lines) {
      expect(cjk.widthOf(line, 10)).toBeLessThanOrEqual(50);
      expect(line).not.toMatch(/^[，。]/);
    }
    expect(lines.some((l) => l.includes('ABC2026'))).toBe(true);
    // A Latin run wider than a line is split by characters.
    const url = cjk.wrap('登录 https://example.org/verify 查验', 50, 10);
    expect(url.join('')).toBe('登录 https://example.org/verify 查验');
    for (const line of url) expect(cjk.widthOf(line, 10)).toBeLessThanOrEqual(50);
    const indented = cjk.wrap('一二三四五六七八九十', 50, 10, { firstLineIndent: 20 });
    expect(indented).toEqual(['一二三', '四五六七八', '九十']);
    expect(cjk.wrap('甲乙\n丙', 100, 10)).toEqual(['甲乙', '丙']);
  });
});
