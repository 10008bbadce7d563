/**
 * Issue 12 item 5: storage full or failing on upload — a clear error, nothing half-written.
 *  - the local disk fills up while the file is being written (ENOSPC part-way through the write,
 *    injected under the real LocalDiskStorage at the file-system call) or fails with an I/O error;
 *  - the object store goes away (s3rver stopped mid-test; a store nobody listens at) or is full.
 * Each time the upload answers 507/503 with a Chinese message (never 500), no upload row is written,
 * no temporary file stays in the store, and the next upload after the store recovers succeeds.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from './helpers/test-app.js';
import { type Session, adminSession } from './helpers/session.js';
import { buildChain } from './helpers/fixtures.js';
import { type S3Server, S3_BUCKET, startS3Server } from './helpers/s3-server.js';
import { PDF, PNG } from './helpers/uploads-contract.js';
import { LocalDiskStorage, StorageUnavailableError, sha256Of } from '../src/server/storage/file-storage.js';
import { S3Storage } from '../src/server/storage/s3-storage.js';
import { uploads } from '../src/server/db/schema.js';

/**
 * A disk that fills up: while `fault.code` is set, a temporary upload file (`*.tmp`) takes half of
 * the bytes and then the write fails with that code, as a full file system does. Everything else
 * is the real node:fs/promises `open`, handed to the real LocalDiskStorage.
 */
const fault = { code: null as string | null };
const failingOpen = (async (...args: Parameters<typeof open>) => {
  const handle = await open(...args);
  const code = fault.code;
  if (!code || !String(args[0]).endsWith('.tmp')) return handle;
  return new Proxy(handle, {
    get(target, prop) {
      if (prop === 'writeFile')
        return async (data: Buffer) => {
          await target.write(data.subarray(0, data.length >> 1));
          const message = code === 'ENOSPC' ? 'no space left on device' : code === 'EIO' ? 'i/o error' : code;
          throw Object.assign(new Error(`${code}: ${message}, write`), { code, syscall: 'write' });
        };
      const value: unknown = Reflect.get(target, prop);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}) as typeof open;

let t: TestApp;
let clerk: Session;
let s3: S3Server;
const filesDir = mkdtempSync(join(tmpdir(), 'zc-failing-files-'));

beforeAll(async () => {
  t = await createTestApp();
  const admin = await adminSession(t);
  clerk = (await buildChain(admin)).schoolHandler;
  s3 = await startS3Server();
});
afterAll(async () => {
  fault.code = null;
  await t?.close();
  await s3?.dispose();
  rmSync(filesDir, { recursive: true, force: true });
});

let seq = 0;
/** A PNG of its own each time (content-addressed: not already in the store). */
const freshPng = () => Buffer.concat([PNG, Buffer.from(`#${++seq}#${Math.random()}`)]);
const uploadCount = async () => (await t.ctx.db.select().from(uploads)).length;

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

describe('the local disk is full or failing', () => {
  beforeAll(() => {
    t.ctx.storage = new LocalDiskStorage(filesDir, failingOpen);
  });

  it('the driver removes its half-written temporary file and says the disk is full', async () => {
    const storage = new LocalDiskStorage(filesDir, failingOpen);
    const content = freshPng();
    fault.code = 'ENOSPC';
    try {
      const failed = await storage.put(content).catch((e: unknown) => e);
      expect(failed).toBeInstanceOf(StorageUnavailableError);
      expect(failed).toMatchObject({ reason: 'full', operation: 'write', cause: { code: 'ENOSPC' } });
    } finally {
      fault.code = null;
    }
    expect(filesUnder(filesDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(await storage.has(sha256Of(content))).toBe(false);
  });

  it('ENOSPC on upload: 507 STORAGE_FULL in Chinese, no row, no temporary file; the next upload succeeds', async () => {
    const before = await uploadCount();
    const content = freshPng();
    fault.code = 'ENOSPC';
    try {
      const res = await clerk.upload('/api/v1/uploads', content, '身份证.png');
      expect(res.statusCode).toBe(507);
      expect(res.json()).toEqual({
        code: 'STORAGE_FULL',
        message: '文件存储空间已满，本次文件未保存；请联系系统管理员扩充存储空间后重试',
      });
    } finally {
      fault.code = null;
    }
    expect(await uploadCount()).toBe(before);
    expect(filesUnder(filesDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(filesUnder(filesDir).some((f) => f.endsWith(sha256Of(content)))).toBe(false);

    // Space freed: the same file goes through, whole.
    const again = await clerk.upload('/api/v1/uploads', content, '身份证.png');
    expect(again.statusCode, again.body).toBe(201);
    expect(await uploadCount()).toBe(before + 1);
    expect((await t.ctx.storage.read(sha256Of(content))).equals(content)).toBe(true);
  });

  it('an I/O error on upload: 503 STORAGE_UNAVAILABLE, nothing written', async () => {
    const before = await uploadCount();
    fault.code = 'EIO';
    try {
      const res = await clerk.upload('/api/v1/uploads', freshPng(), '照片.png');
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('30');
      expect(res.json()).toEqual({
        code: 'STORAGE_UNAVAILABLE',
        message: '文件存储暂时无法访问，本次文件未保存，请稍后重试',
      });
    } finally {
      fault.code = null;
    }
    expect(await uploadCount()).toBe(before);
    expect(filesUnder(filesDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('the object store goes away or is full', () => {
  beforeAll(() => {
    t.ctx.storage = s3.storage();
  });

  async function bucketHas(sha256: string) {
    return existsSync(s3.objectPath(`${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`));
  }

  it('S3 stopped mid-test: 503 on upload and download, no row; after it is back, uploads succeed', async () => {
    const kept = await clerk.upload('/api/v1/uploads', PDF, '学历证书.pdf');
    expect(kept.statusCode, kept.body).toBe(201);
    const before = await uploadCount();

    await s3.stop();
    const content = freshPng();
    const res = await clerk.upload('/api/v1/uploads', content, '身份证.png');
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({
      code: 'STORAGE_UNAVAILABLE',
      message: '文件存储暂时无法访问，本次文件未保存，请稍后重试',
    });
    expect(await uploadCount()).toBe(before);
    // A file already uploaded cannot be read meanwhile: said plainly, not a 500 or a broken download.
    const download = await clerk.get(`/api/v1/uploads/${kept.json().id}/content`);
    expect(download.statusCode).toBe(503);
    expect(download.headers['content-type']).toMatch(/^application\/json/);
    expect(download.json()).toEqual({
      code: 'STORAGE_UNAVAILABLE',
      message: '文件存储暂时无法访问，暂时无法读取文件，请稍后重试',
    });

    await s3.start();
    expect(await bucketHas(sha256Of(content))).toBe(false);
    const again = await clerk.upload('/api/v1/uploads', content, '身份证.png');
    expect(again.statusCode, again.body).toBe(201);
    expect(await uploadCount()).toBe(before + 1);
    expect(await bucketHas(sha256Of(content))).toBe(true);
    const back = await clerk.get(`/api/v1/uploads/${kept.json().id}/content`);
    expect(back.statusCode).toBe(200);
    expect(back.rawPayload.equals(PDF)).toBe(true);
  });

  it('a store nobody listens at: 503, no row', async () => {
    // A port that was just free: nothing answers there.
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((r) => probe.close(r));
    const storage = new S3Storage({
      bucket: S3_BUCKET,
      region: 'us-east-1',
      endpoint: `http://127.0.0.1:${port}`,
      forcePathStyle: true,
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
      connectionTimeoutMs: 1000,
    });
    t.ctx.storage = storage;
    try {
      const before = await uploadCount();
      const res = await clerk.upload('/api/v1/uploads', freshPng(), '照片.png');
      expect(res.statusCode).toBe(503);
      expect(res.json().code).toBe('STORAGE_UNAVAILABLE');
      expect(await uploadCount()).toBe(before);
    } finally {
      storage.close();
      t.ctx.storage = s3.storage();
    }
  });

  it('a full object store (MinIO answers 507 XMinioStorageFull): 507 STORAGE_FULL, no row', async () => {
    // An S3 endpoint that has run out of space: objects are absent, and every PUT is refused as full.
    const full = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        if (req.method === 'HEAD') {
          res.writeHead(404).end();
          return;
        }
        res
          .writeHead(507, { 'content-type': 'application/xml' })
          .end(
            '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>XMinioStorageFull</Code>' +
              '<Message>Storage backend has reached its minimum free drive threshold.</Message></Error>',
          );
      });
    });
    await new Promise<void>((r) => full.listen(0, '127.0.0.1', r));
    const storage = new S3Storage({
      bucket: S3_BUCKET,
      region: 'us-east-1',
      endpoint: `http://127.0.0.1:${(full.address() as AddressInfo).port}`,
      forcePathStyle: true,
      accessKeyId: 'k',
      secretAccessKey: 's',
    });
    t.ctx.storage = storage;
    try {
      const before = await uploadCount();
      const res = await clerk.upload('/api/v1/uploads', freshPng(), '照片.png');
      expect(res.statusCode).toBe(507);
      expect(res.json().code).toBe('STORAGE_FULL');
      expect(await uploadCount()).toBe(before);
    } finally {
      storage.close();
      full.closeAllConnections();
      await new Promise((r) => full.close(r));
      t.ctx.storage = s3.storage();
    }
    const again = await clerk.upload('/api/v1/uploads', freshPng(), '照片.png');
    expect(again.statusCode, again.body).toBe(201);
  });
});
