/**
 * The S3-compatible storage driver (issue 12 item 3) against a real local S3 server (s3rver) that
 * this test starts: the FileStorage contract, run on both drivers, and the uploads contract through
 * the app with its files in the bucket.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { type S3Server, S3_BUCKET, startS3Server } from './helpers/s3-server.js';
import { APPLICANT_SCAN, JPEG, PDF, PNG, uploadsContract } from './helpers/uploads-contract.js';
import { type FileStorage, LocalDiskStorage, sha256Of } from '../src/server/storage/file-storage.js';
import { S3Storage } from '../src/server/storage/s3-storage.js';
import { createFileStorage } from '../src/server/storage/storage-factory.js';
import { ConfigError, loadConfig } from '../src/server/config.js';

let s3: S3Server;
const localDir = mkdtempSync(join(tmpdir(), 'zc-storage-contract-'));

beforeAll(async () => {
  s3 = await startS3Server();
});
afterAll(async () => {
  await s3?.dispose();
  rmSync(localDir, { recursive: true, force: true });
});

const keyOf = (sha256: string) => `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;

async function bucketKeys(): Promise<string[]> {
  const res = await s3.client().send(new ListObjectsV2Command({ Bucket: S3_BUCKET }));
  return (res.Contents ?? []).map((o) => o.Key!);
}

function streamed(r: Readable): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    r.on('data', (c: Buffer) => chunks.push(Buffer.from(c)));
    r.on('end', () => resolve(Buffer.concat(chunks)));
    r.on('error', reject);
  });
}

/** Where each driver keeps a file, to count its copies. */
const drivers: {
  name: string;
  storage: () => FileStorage;
  copies: (sha256: string) => Promise<number>;
}[] = [
  {
    name: 'local disk',
    storage: () => new LocalDiskStorage(localDir),
    copies: async (sha256) => {
      const dir = join(localDir, sha256.slice(0, 2), sha256.slice(2, 4));
      return existsSync(dir) ? readdirSync(dir).filter((f) => f.startsWith(sha256)).length : 0;
    },
  },
  {
    name: 'S3-compatible object store',
    storage: () => s3.storage(),
    copies: async (sha256) => (await bucketKeys()).filter((k) => k.includes(sha256)).length,
  },
];

describe.each(drivers)('FileStorage contract: $name', ({ storage: make, copies }) => {
  let storage: FileStorage;
  beforeAll(() => {
    storage = make();
  });

  it('put stores the bytes under their SHA-256; has, read and stream give them back', async () => {
    const content = Buffer.from(`申报材料 ${Math.random()}`);
    const stored = await storage.put(content);
    expect(stored).toEqual({ sha256: sha256Of(content), size: content.length });
    expect(await storage.has(stored.sha256)).toBe(true);
    expect((await storage.read(stored.sha256)).equals(content)).toBe(true);
    expect((await streamed(storage.stream(stored.sha256))).equals(content)).toBe(true);
  });

  it('the same bytes are stored once', async () => {
    const content = Buffer.from(`同一文件 ${Math.random()}`);
    const first = await storage.put(content);
    const second = await storage.put(Buffer.from(content));
    expect(second).toEqual(first);
    expect(await copies(first.sha256)).toBe(1);
  });

  it('a file that is not there: has is false, read rejects, the stream errors', async () => {
    const absent = sha256Of(Buffer.from(`从未上传 ${Math.random()}`));
    expect(await storage.has(absent)).toBe(false);
    await expect(storage.read(absent)).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(text(storage.stream(absent))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses an address that is not a SHA-256', async () => {
    await expect(storage.read('../../etc/passwd')).rejects.toThrow('invalid content address');
    expect(() => storage.stream('ABC')).toThrow('invalid content address');
  });
});

describe('S3 driver specifics', () => {
  it('keys are ab/cd/<sha256>, and the bytes are in the bucket as sent', async () => {
    const content = Buffer.from(`键的格式 ${Math.random()}`);
    const { sha256 } = await s3.storage().put(content);
    expect(await bucketKeys()).toContain(keyOf(sha256));
    const raw = await s3.client().send(new GetObjectCommand({ Bucket: S3_BUCKET, Key: keyOf(sha256) }));
    expect(Buffer.from(await raw.Body!.transformToByteArray()).equals(content)).toBe(true);
    expect(readFileSync(s3.objectPath(keyOf(sha256))).equals(content)).toBe(true);
  });

  it('sends the same bytes only once (HeadObject finds them; no second PUT)', async () => {
    const storage = s3.storage();
    const content = Buffer.from(`只传一次 ${Math.random()}`);
    const send = vi.spyOn(S3Client.prototype, 'send');
    try {
      await storage.put(content);
      await storage.put(content);
      const puts = send.mock.calls.filter(([command]) => command instanceof PutObjectCommand);
      expect(puts).toHaveLength(1);
    } finally {
      send.mockRestore();
    }
  });

  it('lists every stored file by its SHA-256 (what a backup copies)', async () => {
    const storage = s3.storage();
    const stored = await Promise.all(
      [1, 2, 3].map((i) => storage.put(Buffer.from(`清单 ${i} ${Math.random()}`))),
    );
    const listed: string[] = [];
    for await (const sha256 of storage.list()) listed.push(sha256);
    expect(listed).toEqual(expect.arrayContaining(stored.map((f) => f.sha256)));
    expect(listed.every((x) => /^[0-9a-f]{64}$/.test(x))).toBe(true);
    expect(new Set(listed).size).toBe((await bucketKeys()).length);
  });

  it('read refuses bytes that no longer match their address', async () => {
    const storage = s3.storage();
    const content = Buffer.from(`将被改动 ${Math.random()}`);
    const { sha256 } = await storage.put(content);
    const altered = Buffer.from(content);
    altered[0] = altered[0]! ^ 0xff;
    writeFileSync(s3.objectPath(keyOf(sha256)), altered);
    await expect(storage.read(sha256)).rejects.toThrow('does not match its hash');
  });
});

describe('choosing the driver by configuration', () => {
  it('local by default; s3 with its settings; a missing S3 setting is named in Chinese', () => {
    expect(createFileStorage(loadConfig({ DATA_DIR: localDir }))).toBeInstanceOf(LocalDiskStorage);
    const env = {
      STORAGE_DRIVER: 's3',
      S3_ENDPOINT: s3.endpoint,
      S3_REGION: 'us-east-1',
      S3_BUCKET,
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
      S3_FORCE_PATH_STYLE: 'true',
    };
    const storage = createFileStorage(loadConfig(env));
    expect(storage).toBeInstanceOf(S3Storage);
    (storage as S3Storage).close();
    expect(() => loadConfig({ ...env, S3_BUCKET: '' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...env, S3_BUCKET: '', S3_SECRET_ACCESS_KEY: '' })).toThrow(
      /S3_BUCKET: STORAGE_DRIVER=s3 时须设置 S3_BUCKET[\s\S]*S3_SECRET_ACCESS_KEY: STORAGE_DRIVER=s3 时须设置/,
    );
    expect(() => loadConfig({ ...env, STORAGE_DRIVER: 'nfs' })).toThrow('STORAGE_DRIVER 只能是 local 或 s3');
    expect(() => loadConfig({ ...env, S3_ENDPOINT: 'minio:9000' })).toThrow('S3_ENDPOINT 应为 http(s)://');
    // A configuration put together in code (not through loadConfig) is checked by the factory too.
    expect(() => createFileStorage({ ...loadConfig({}), STORAGE_DRIVER: 's3' })).toThrow(
      /S3_BUCKET: STORAGE_DRIVER=s3 时须设置/,
    );
  });
});

describe('uploads through the app, files in the object store', () => {
  const app = uploadsContract({ storage: () => s3.storage(), storedKeys: bucketKeys });

  it('every accepted upload is an object in the bucket under ab/cd/<sha256>, byte for byte', async () => {
    const keys = await bucketKeys();
    for (const content of [PDF, PNG, JPEG, APPLICANT_SCAN]) {
      const key = keyOf(sha256Of(content));
      expect(keys).toContain(key);
      expect(readFileSync(s3.objectPath(key)).equals(content)).toBe(true);
    }
    expect(app().ctx.storage).toBeInstanceOf(S3Storage);
  });
});
