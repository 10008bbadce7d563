/** Upload names as labels, and download headers (issue 13 item 3). */
import { describe, expect, it } from 'vitest';
import { contentDisposition, displayFileName } from '../../../src/server/documents/file-names.js';

describe('displayFileName', () => {
  it('keeps the last path component only, without controls, bidi overrides or reserved characters', () => {
    expect(displayFileName('../../etc/passwd.pdf')).toBe('passwd.pdf');
    expect(displayFileName('..\\..\\x.pdf')).toBe('x.pdf');
    expect(displayFileName('C:\\Users\\张三\\扫描件.pdf')).toBe('扫描件.pdf');
    expect(displayFileName('/abs/path.pdf')).toBe('path.pdf');
    expect(displayFileName('a\u0000b\u0007c\u009f.pdf')).toBe('abc.pdf');
    expect(displayFileName('报告\u202Efdp.exe')).toBe('报告fdp.exe');
    expect(displayFileName('\u200B\uFEFF证书\u2066\u2069.png')).toBe('证书.png');
    expect(displayFileName('<b>x</b>?.html')).toBe('b.html');
    expect(displayFileName('a\uD800b.pdf')).toBe('ab.pdf');
  });

  it('falls back to 未命名文件 when nothing is left, and trims dots and spaces at the ends', () => {
    for (const n of ['', '..', '.', '../', ' . ', '\u202E', null, undefined])
      expect(displayFileName(n)).toBe('未命名文件');
    expect(displayFileName('.htaccess')).toBe('htaccess');
    expect(displayFileName('  扫描件.pdf. ')).toBe('扫描件.pdf');
  });

  it('bounds the length in characters, keeping the extension and never splitting a surrogate pair', () => {
    expect(displayFileName(`${'a'.repeat(296)}.pdf`)).toBe(`${'a'.repeat(96)}.pdf`);
    expect(displayFileName(`${'毕'.repeat(296)}.pdf`)).toBe(`${'毕'.repeat(96)}.pdf`);
    const wide = displayFileName(`${'𠈌'.repeat(150)}.jpeg`);
    expect([...wide]).toHaveLength(100);
    expect(wide.endsWith('𠈌.jpeg')).toBe(true);
    expect(displayFileName(displayFileName(`${'𠈌'.repeat(150)}.jpeg`))).toBe(wide);
  });
});

describe('contentDisposition', () => {
  it('names the file in filename* with only RFC 5987 characters, and an ASCII fallback', () => {
    const h = contentDisposition('attachment', '证书信息.xlsx');
    expect(h).toBe(
      `attachment; filename="download.xlsx"; filename*=UTF-8''${encodeURIComponent('证书信息.xlsx')}`,
    );
    const hostile = contentDisposition('inline', 'a"; b=1\r\nSet-Cookie: x=y;(\')*.pdf');
    expect(hostile).toMatch(/^inline; filename="file\.pdf"; filename\*=UTF-8''[A-Za-z0-9%!#$&+\-.^_`|~]+$/);
    expect(decodeURIComponent(hostile.split("''")[1]!)).toBe("a; b=1Set-Cookie x=y;(').pdf");
  });
});
