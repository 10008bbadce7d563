/**
 * Uploaded files in an S3-compatible object store (AWS S3, MinIO, Ceph RGW, the S3 interfaces of the
 * domestic clouds), for several app instances without a shared volume. Same contract as the local
 * disk: content-addressed by SHA-256 under the key ab/cd/<sha256>, and `put` resolves only once the
 * store has acknowledged the PUT (S3 answers 200 only for an object it has stored durably; an object
 * appears whole or not at all, so nothing half-written is ever visible).
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { type FileStorage, type StoredFile, StorageUnavailableError, sha256Of } from './file-storage.js';

export interface S3StorageOptions {
  bucket: string;
  region: string;
  /** For a store other than AWS: its address, e.g. http://minio.internal:9000. */
  endpoint?: string;
  /** Bucket in the path (http://host/bucket/key), as MinIO and s3rver want, instead of in the host name. */
  forcePathStyle?: boolean;
  accessKeyId: string;
  secretAccessKey: string;
  /** Give up connecting after this long (a store out of reach must not hold an upload for minutes). */
  connectionTimeoutMs?: number;
}

interface S3Failure {
  name?: string;
  Code?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
}

const statusOf = (e: unknown) => (e as S3Failure | null)?.$metadata?.httpStatusCode;
const isNotFound = (e: unknown) => {
  const x = e as S3Failure | null;
  return statusOf(e) === 404 || x?.name === 'NotFound' || x?.name === 'NoSuchKey';
};
/** A store out of space or over its quota (MinIO answers 507; Ceph RGW and others QuotaExceeded). */
const isFull = (e: unknown) => {
  const x = e as S3Failure | null;
  const name = x?.name ?? x?.Code ?? '';
  return (
    statusOf(e) === 507 ||
    ['QuotaExceeded', 'XMinioStorageFull', 'XMinioAdminBucketQuotaExceeded', 'StorageFull'].includes(name)
  );
};

function failure(operation: 'write' | 'read', e: unknown): StorageUnavailableError {
  const x = e as S3Failure | null;
  const what = `${x?.name ?? x?.code ?? 'error'}${statusOf(e) ? ` (HTTP ${statusOf(e)})` : ''}`;
  const full = operation === 'write' && isFull(e);
  return new StorageUnavailableError(
    full ? 'full' : 'unavailable',
    operation,
    `object storage ${full ? 'is full' : 'failed'}: ${what}`,
    { cause: e },
  );
}

function missing(sha256: string, cause: unknown): Error {
  return Object.assign(new Error(`file ${sha256} is not in the object store`, { cause }), { code: 'ENOENT' });
}

export class S3Storage implements FileStorage {
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(options: S3StorageOptions) {
    this.bucket = options.bucket;
    this.client = new S3Client({
      region: options.region,
      endpoint: options.endpoint,
      forcePathStyle: options.forcePathStyle ?? false,
      credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
      // Checksums only where the API requires them: many S3-compatible stores reject the SDK's
      // default streaming CRC trailers. Integrity is kept by Content-MD5 on every PUT and by checking
      // the SHA-256 of what `read` gets back.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      requestHandler: { connectionTimeout: options.connectionTimeoutMs ?? 5000, socketTimeout: 60_000 },
    });
  }

  /** ab/cd/<sha256>, as on the local disk. */
  keyOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('invalid content address');
    return `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
  }

  async put(content: Buffer): Promise<StoredFile> {
    const sha256 = sha256Of(content);
    const key = this.keyOf(sha256);
    const stored = { sha256, size: content.length };
    try {
      // Stored once: the same bytes already there are not sent again.
      if (await this.exists(key)) return stored;
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: content,
          ContentLength: content.length,
          // The store checks the bytes it received against this and refuses a damaged body.
          ContentMD5: createHash('md5').update(content).digest('base64'),
          ContentType: 'application/octet-stream',
        }),
      );
    } catch (e) {
      throw failure('write', e);
    }
    return stored;
  }

  /** HeadObject: 404 means absent; any other failure rejects (an unreachable store is not "absent"). */
  async has(sha256: string): Promise<boolean> {
    const key = this.keyOf(sha256);
    try {
      return await this.exists(key);
    } catch (e) {
      throw failure('read', e);
    }
  }

  private async exists(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return true;
    } catch (e) {
      if (isNotFound(e)) return false;
      throw e;
    }
  }

  async read(sha256: string): Promise<Buffer> {
    const key = this.keyOf(sha256);
    let bytes: Buffer;
    try {
      const res = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      if (!res.Body) throw new Error('empty response body');
      bytes = Buffer.from(await res.Body.transformToByteArray());
    } catch (e) {
      if (isNotFound(e)) throw missing(sha256, e);
      throw failure('read', e);
    }
    // The key is the content's own hash: what comes back must be exactly what was stored.
    if (sha256Of(bytes) !== sha256)
      throw new Error(`file ${sha256} in the object store does not match its hash`);
    return bytes;
  }

  /** GetObject, started when the stream is first read; failures are errors on the stream. */
  stream(sha256: string): Readable {
    const key = this.keyOf(sha256);
    const { client, bucket } = this;
    return Readable.from(
      (async function* () {
        let body: AsyncIterable<Uint8Array>;
        try {
          const res = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
          if (!res.Body) throw new Error('empty response body');
          body = res.Body as AsyncIterable<Uint8Array>;
        } catch (e) {
          if (isNotFound(e)) throw missing(sha256, e);
          throw failure('read', e);
        }
        yield* body;
      })(),
      { objectMode: false },
    );
  }

  /** Every stored file's SHA-256 (the bucket's ab/cd/<sha256> keys, a page of 1000 at a time). */
  async *list(): AsyncIterable<string> {
    let token: string | undefined;
    do {
      let page;
      try {
        page = await this.client.send(
          new ListObjectsV2Command({ Bucket: this.bucket, ContinuationToken: token }),
        );
      } catch (e) {
        throw failure('read', e);
      }
      for (const o of page.Contents ?? []) {
        const m = /^[0-9a-f]{2}\/[0-9a-f]{2}\/([0-9a-f]{64})$/.exec(o.Key ?? '');
        if (m && o.Key === this.keyOf(m[1]!)) yield m[1]!;
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  /**
   * At start: is the bucket there and may we use it? Rejects with the store's answer (NoSuchBucket,
   * 403 for wrong keys, a connection error) so that the start-up can say so.
   */
  async probe(): Promise<void> {
    await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
  }

  close(): void {
    this.client.destroy();
  }
}
