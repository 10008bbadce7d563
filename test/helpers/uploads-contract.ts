/**
 * The uploads contract (四、（三））through the real app, run once per storage driver: the local disk
 * (uploads.test.ts) and an S3-compatible object store (storage-s3.test.ts).
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { blankPng, pngHeader } from './png.js';
import { hostilePdf } from './hostile-pdf.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from './test-app.js';
import { type Session, adminSession, firstLogin } from './session.js';
import { type Chain, buildChain, idNumber, importSocialInsurance, mobile } from './fixtures.js';
import { type FileStorage, sha256Of } from '../../src/server/storage/file-storage.js';
import { uploads } from '../../src/server/db/schema.js';

// The smallest real files of each accepted kind.
export const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n' +
    '2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n' +
    '3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 200 200]>> endobj\n' +
    'trailer <</Root 1 0 R>>\n%%EOF\n',
);
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
/** A real 1 × 1 JPEG: images are checked from their header at upload, and decoded when combined. */
export const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
);

/** {@link JPEG} with its frame header (SOF0–SOF2) claiming width × height pixels. */
function jpegClaiming(width: number, height: number): Buffer {
  const jpeg = Buffer.from(JPEG);
  const sof = jpeg.findIndex((b, i) => b === 0xff && [0xc0, 0xc1, 0xc2].includes(jpeg[i + 1]!));
  if (sof < 0) throw new Error('JPEG without a frame header');
  jpeg.writeUInt16BE(height, sof + 5);
  jpeg.writeUInt16BE(width, sof + 7);
  return jpeg;
}

/** The applicant's scan in the contract: its own bytes, stored by that upload and no other. */
export const APPLICANT_SCAN = Buffer.concat([PDF, Buffer.from('% 毕业证书扫描件\n')]);

/** Every file under `dir` (its path relative to `dir`), but the signing keys the test app keeps there. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .filter((p) => !p.startsWith('keys/'));
}

/**
 * Hostile upload names (issue 13 item 3), as a client may put them in the multipart header: the
 * `filename` parameter raw, or `filename*` (RFC 5987) for what raw bytes could not carry (NUL, CR/LF).
 * `shown` is the name the system keeps (null: refused).
 */
const A296 = 'a'.repeat(296);
const CJK296 = '毕'.repeat(296);
const HOSTILE_NAMES: { param: string; shown: string | null }[] = [
  { param: 'filename="../../etc/passwd.pdf"', shown: 'passwd.pdf' },
  { param: 'filename="..\\..\\x.pdf"', shown: 'x.pdf' },
  { param: 'filename="/abs/path.pdf"', shown: 'path.pdf' },
  { param: `filename="${A296}.pdf"`, shown: `${'a'.repeat(96)}.pdf` },
  { param: `filename*=UTF-8''${encodeURIComponent(CJK296)}.pdf`, shown: `${'毕'.repeat(96)}.pdf` },
  { param: "filename*=UTF-8''%E6%89%AB%00%01%1B%7F%C2%85%E6%8F%8F.pdf", shown: '扫描.pdf' },
  // An RTL override: 报告‮fdp.exe would read as 报告exe.pdf.
  { param: "filename*=UTF-8''%E6%8A%A5%E5%91%8A%E2%80%AEfdp.exe.pdf", shown: '报告fdp.exe.pdf' },
  // Quotes and a semicolon must not end the download's header or add a parameter to it.
  {
    param: `filename*=UTF-8''${encodeURIComponent('证明"; x=1;.pdf')}`,
    shown: '证明; x=1;.pdf',
  },
  // CR LF in a name: the multipart parser drops the part, and the upload is refused (nothing stored).
  {
    param: `filename*=UTF-8''${encodeURIComponent('证明\r\nSet-Cookie: a=b.pdf')}`,
    shown: null,
  },
  { param: 'filename=".."', shown: '未命名文件' },
];

/** A multipart upload whose part header is written by hand, byte for byte. */
async function rawUpload(session: Session, param: string, content: Buffer) {
  const boundary = '----hostile-name-boundary';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\ncontent-disposition: form-data; name="file"; ${param}\r\n` +
        'content-type: application/pdf\r\n\r\n',
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return session.app.inject({
    method: 'POST',
    url: '/api/v1/uploads',
    headers: {
      cookie: session.cookie,
      'x-csrf-token': session.me.csrfToken,
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload: body,
  });
}

/**
 * Registers the contract's hooks and tests. `storage` replaces the test app's local disk (the app
 * reads `ctx.storage` on every request), and `storedKeys` then lists what it holds (the keys of a
 * bucket); by default the files of the local disk. Returns the running app for checks of the caller's own.
 */
export function uploadsContract(
  opts: { storage?: () => FileStorage; storedKeys?: () => Promise<string[]> } = {},
): () => TestApp {
  let t: TestApp;
  let chain: Chain;
  let clerk: Session;

  beforeAll(async () => {
    t = await createTestApp({ MATERIAL_MAX_BYTES: 4096 });
    if (opts.storage) t.ctx.storage = opts.storage();
    const admin = await adminSession(t);
    chain = await buildChain(admin);
    clerk = chain.schoolHandler;
  });
  afterAll(() => t?.close());

  describe('material uploads (四、（三））', () => {
    it('accepts PDF, JPEG and PNG by content, stored under their SHA-256', async () => {
      for (const [content, name, mime] of [
        [PDF, '学历证书.pdf', 'application/pdf'],
        [PNG, '身份证正面.png', 'image/png'],
        [JPEG, 'photo.JPG', 'image/jpeg'],
      ] as const) {
        const res = await clerk.upload('/api/v1/uploads', content, name, 'application/octet-stream');
        expect(res.statusCode, res.body).toBe(201);
        expect(res.json()).toMatchObject({
          sha256: sha256Of(content),
          size: content.length,
          mimeType: mime,
          fileName: name,
        });
        expect(await t.ctx.storage.has(sha256Of(content))).toBe(true);
      }
    });

    it('refuses a renamed .exe and an HTML page posing as a PDF, storing nothing', async () => {
      const before = (await t.ctx.db.select().from(uploads)).length;
      const exe = await clerk.upload(
        '/api/v1/uploads',
        Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00'), Buffer.alloc(200)]),
        '学位证书.pdf',
        'application/pdf',
      );
      expect(exe.statusCode).toBe(415);
      expect(exe.json()).toMatchObject({
        code: 'UNSUPPORTED_FILE_TYPE',
        message: expect.stringContaining('PDF、JPG 或 PNG'),
      });
      const html = await clerk.upload(
        '/api/v1/uploads',
        '<!doctype html><script>alert(1)</script>',
        '证明.pdf',
        'application/pdf',
      );
      expect(html.statusCode).toBe(415);
      expect((await t.ctx.db.select().from(uploads)).length).toBe(before);
    });

    it.each([
      {
        kind: 'PNG',
        // A decompression bomb: a small file whose header declares 12 000 × 12 000 pixels (576 MB decoded).
        bomb: () => Buffer.concat([pngHeader(12_000, 12_000), blankPng(1, 1).subarray(33)]),
        fileName: '身份证.png',
        mime: 'image/png',
        declared: '12000 × 12000',
      },
      {
        kind: 'JPEG',
        bomb: () => jpegClaiming(12_000, 9_000),
        fileName: '学历证书.jpg',
        mime: 'image/jpeg',
        declared: '12000 × 9000',
      },
    ])(
      'refuses a $kind declaring too many pixels from its header, before decoding, storing nothing',
      async ({ bomb: make, fileName, mime, declared }) => {
        const before = (await t.ctx.db.select().from(uploads)).length;
        const bomb = make();
        const res = await clerk.upload('/api/v1/uploads', bomb, fileName, mime);
        expect(res.statusCode, res.body).toBe(422);
        expect(res.json()).toMatchObject({
          code: 'IMAGE_TOO_LARGE',
          message: expect.stringContaining(declared),
        });
        expect((await t.ctx.db.select().from(uploads)).length).toBe(before);
        expect(await t.ctx.storage.has(sha256Of(bomb))).toBe(false);
      },
    );

    it('refuses a PDF that runs a script when opened, storing nothing', async () => {
      const before = (await t.ctx.db.select().from(uploads)).length;
      const pdf = await hostilePdf('openAction');
      const res = await clerk.upload('/api/v1/uploads', pdf, '毕业证书.pdf', 'application/pdf');
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json()).toMatchObject({
        code: 'PDF_ACTIVE_CONTENT',
        message: expect.stringContaining('脚本'),
      });
      expect((await t.ctx.db.select().from(uploads)).length).toBe(before);
      expect(await t.ctx.storage.has(sha256Of(pdf))).toBe(false);
    });

    it('keeps a hostile file name only as a safe label; the file goes under its SHA-256 (issue 13 item 3)', async () => {
      const stored: { sha256: string; id: number }[] = [];
      for (const [i, { param, shown }] of HOSTILE_NAMES.entries()) {
        // Each its own bytes, so each is stored (and found) under its own key.
        const pdf = Buffer.concat([PDF, Buffer.from(`% hostile name ${i}\n`)]);
        const res = await rawUpload(clerk, param, pdf);
        if (shown === null) {
          expect(res.statusCode, param).toBe(400);
          expect(res.json()).toMatchObject({ code: 'BAD_REQUEST', message: '没有收到文件' });
          expect(await t.ctx.storage.has(sha256Of(pdf))).toBe(false);
          continue;
        }
        expect(res.statusCode, `${param}: ${res.body}`).toBe(201);
        const up = res.json<{ id: number; sha256: string; fileName: string }>();
        expect(up.fileName, param).toBe(shown);
        expect(up.sha256).toBe(sha256Of(pdf));
        expect([...up.fileName].length).toBeLessThanOrEqual(100);
        expect(up.fileName).not.toMatch(/[\\/\p{Cc}\p{Cf}]/u);
        stored.push({ sha256: up.sha256, id: up.id });

        // The download names it in filename* only (RFC 5987: nothing that could end the header).
        const back = await clerk.get(`/api/v1/uploads/${up.id}/content`);
        expect(back.statusCode).toBe(200);
        const disposition = String(back.headers['content-disposition']);
        expect(disposition).toMatch(
          /^inline; filename="file(?:\.pdf)?"; filename\*=UTF-8''[A-Za-z0-9%!#$&+\-.^_`|~]+$/,
        );
        expect(decodeURIComponent(disposition.split("''")[1]!)).toBe(shown);
        expect(Object.keys(back.headers)).not.toContain('set-cookie');
      }
      // The store holds content-addressed keys only: none made of a given name, none outside its root.
      const keys = opts.storedKeys ? await opts.storedKeys() : filesUnder(t.filesDir);
      for (const key of keys) expect(key).toMatch(/^[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}$/);
      for (const { sha256 } of stored)
        expect(keys).toContain(`${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`);
    });

    it('tells the browser the limit it checks before sending (and compresses photos to)', async () => {
      const res = await clerk.get('/api/v1/uploads/limits');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        maxBytes: t.ctx.config.MATERIAL_MAX_BYTES,
        types: ['application/pdf', 'image/jpeg', 'image/png'],
      });
    });

    it('refuses an oversized file with the limit in the message', async () => {
      const big = Buffer.concat([PDF, Buffer.alloc(5000, 0x20)]);
      const res = await clerk.upload('/api/v1/uploads', big, '扫描件.pdf');
      expect(res.statusCode).toBe(413);
      expect(res.json()).toMatchObject({
        code: 'FILE_TOO_LARGE',
        message: expect.stringContaining('4 KB'),
      });
    });

    it('serves a file back only as its sniffed type, never as HTML, and only to its uploader', async () => {
      const up = (await clerk.upload('/api/v1/uploads', PNG, '<b>x</b>.html', 'text/html')).json();
      expect(up.fileName).not.toMatch(/[<>/\\]/);
      const res = await clerk.get(`/api/v1/uploads/${up.id}/content`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('image/png');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toContain('sandbox');
      expect(res.rawPayload.equals(PNG)).toBe(true);
      expect((await chain.companyHandler.get(`/api/v1/uploads/${up.id}/content`)).statusCode).toBe(404);
      expect((await t.app.inject(`/api/v1/uploads/${up.id}/content`)).statusCode).toBe(401);
    });

    it('an applicant uploads a scanned PDF and gets exactly those bytes back', async () => {
      const id = idNumber('19900606', 41);
      await importSocialInsurance(chain.bureauHandler, [['赵文件', id, '赣州市章贡区第一中学', 36]]);
      const created = await clerk.post(`/api/v1/employers/${chain.school.id}/applicants`, {
        name: '赵文件',
        idNumber: id,
        mobile: mobile(),
      });
      expect(created.statusCode, created.body).toBe(201);
      const { applicant, initialPassword } = created.json();
      const me = await firstLogin(t.app, applicant.username, initialPassword);
      const scan = APPLICANT_SCAN;
      const up = await me.upload('/api/v1/uploads', scan, '毕业证书.pdf', 'application/pdf');
      expect(up.statusCode, up.body).toBe(201);
      expect(up.json()).toMatchObject({ sha256: sha256Of(scan), mimeType: 'application/pdf' });
      const back = await me.get(`/api/v1/uploads/${up.json().id}/content`);
      expect(back.statusCode).toBe(200);
      expect(back.headers['content-type']).toBe('application/pdf');
      expect(back.rawPayload.equals(scan)).toBe(true);
      expect((await t.ctx.storage.read(sha256Of(scan))).equals(scan)).toBe(true);
    });
  });

  describe('damaged PDFs', () => {
    it('refuses a PDF that does not open, with a clear message', async () => {
      const res = await clerk.upload(
        '/api/v1/uploads',
        Buffer.from('%PDF-1.4\ngarbage without objects\n%%EOF\n'),
        '坏文件.pdf',
      );
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({
        code: 'UNREADABLE_PDF',
        message: expect.stringContaining('无法打开'),
      });
    });
  });

  return () => t;
}
