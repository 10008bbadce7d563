import { describe, expect, it } from 'vitest';
import { formatBytes, materialTypeOf, uploadProblem } from '../../../src/web/utils/upload-size.js';

const MB = 1024 * 1024;

describe('material files checked in the browser before upload', () => {
  it('knows the type by MIME type or extension', () => {
    expect(materialTypeOf({ name: 'a.JPG', type: '' })).toBe('image/jpeg');
    expect(materialTypeOf({ name: 'scan', type: 'application/pdf' })).toBe('application/pdf');
    expect(materialTypeOf({ name: 'a.heic', type: 'image/heic' })).toBeNull();
  });

  it('passes a file within the limit', () => {
    expect(uploadProblem({ name: '毕业证.pdf', size: 2 * MB, type: 'application/pdf' }, 2 * MB)).toBeNull();
  });

  it('says plainly why a file is not sent', () => {
    expect(uploadProblem({ name: 'a.docx', size: 10, type: 'application/msword' }, 2 * MB)).toBe(
      '“a.docx”不是 PDF、JPG 或 PNG 文件，不能上传',
    );
    const pdf = uploadProblem({ name: '学历.pdf', size: 5.5 * MB, type: 'application/pdf' }, 2 * MB)!;
    expect(pdf).toContain('“学历.pdf”有 5.5 MB，超过单个文件 2 MB 的上限，未上传');
    expect(pdf).toContain('分成几个文件');
    const photo = uploadProblem({ name: 'IMG_1.jpg', size: 2.2 * MB, type: 'image/jpeg' }, 2 * MB, true)!;
    expect(photo).toContain('压缩后仍有 2.2 MB');
  });

  it('formats sizes for people', () => {
    expect(formatBytes(800 * 1024)).toBe('800 KB');
    expect(formatBytes(3.46 * MB)).toBe('3.5 MB');
  });
});
