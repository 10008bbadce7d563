/**
 * A real S3-compatible server for tests: s3rver on 127.0.0.1, keeping its objects in a temporary
 * directory, with the bucket created. It can be stopped and started again on the same port and
 * directory (an object store that goes away and comes back).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { S3Client } from '@aws-sdk/client-s3';
import { S3Storage } from '../../src/server/storage/s3-storage.js';

export const S3_BUCKET = 'zc-files';
// s3rver's fixed credentials.
const KEY = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export interface S3Server {
  endpoint: string;
  port: number;
  /** s3rver's own directory: objects are <directory>/<bucket>/<key>._S3rver_object. */
  directory: string;
  /** The S3 driver on this server, as the app would configure it. */
  storage(): S3Storage;
  /** A plain S3 client, independent of the driver, to look at the bucket. */
  client(): S3Client;
  /** Where s3rver keeps an object's bytes. */
  objectPath(key: string): string;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it and removes its directory. */
  dispose(): Promise<void>;
}

export async function startS3Server(): Promise<S3Server> {
  const directory = mkdtempSync(join(tmpdir(), 'zc-s3rver-'));
  const options = { address: '127.0.0.1', silent: true, directory, configureBuckets: [{ name: S3_BUCKET }] };
  let server: S3rver | null = new S3rver({ ...options, port: 0 });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const closers: (() => void)[] = [];
  return {
    endpoint,
    port,
    directory,
    storage() {
      const s = new S3Storage({
        bucket: S3_BUCKET,
        region: 'us-east-1',
        endpoint,
        forcePathStyle: true,
        ...KEY,
        connectionTimeoutMs: 2000,
      });
      closers.push(() => s.close());
      return s;
    },
    client() {
      const c = new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, credentials: KEY });
      closers.push(() => c.destroy());
      return c;
    },
    objectPath: (key) => join(directory, S3_BUCKET, `${key}._S3rver_object`),
    async stop() {
      await server?.close();
      server = null;
    },
    async start() {
      if (server) return;
      server = new S3rver({ ...options, port });
      await server.run();
    },
    async dispose() {
      await server?.close();
      server = null;
      for (const close of closers) close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
