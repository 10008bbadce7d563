/**
 * Where uploaded files live, behind a small interface so that another store (an object store, a
 * shared volume for several app instances) can replace the local disk. Content-addressed by SHA-256:
 * the same bytes are stored once, and a file's name is its own integrity check.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';

export interface StoredFile {
  sha256: string;
  size: number;
}

export interface FileStorage {
  /** Stores the bytes durably; when this resolves, the file survives a crash of the process. */
  put(content: Buffer): Promise<StoredFile>;
  has(sha256: string): Promise<boolean>;
  read(sha256: string): Promise<Buffer>;
  stream(sha256: string): Readable;
}

export const sha256Of = (content: Buffer) => createHash('sha256').update(content).digest('hex');

/** Local disk: <root>/ab/cd/abcd…, written to a temporary file, fsynced, then renamed into place. */
export class LocalDiskStorage implements FileStorage {
  constructor(private readonly root: string) {}

  private pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('invalid content address');
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(content: Buffer): Promise<StoredFile> {
    const sha256 = sha256Of(content);
    const target = this.pathOf(sha256);
    if (await this.has(sha256)) return { sha256, size: content.length };
    await mkdir(dirname(target), { recursive: true });
    const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    const fh = await open(temp, 'wx');
    try {
      await fh.writeFile(content);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(temp, target).catch(async (e: unknown) => {
      await rm(temp, { force: true });
      throw e;
    });
    // The rename itself must reach the disk too.
    const dir = await open(dirname(target), 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
    return { sha256, size: content.length };
  }

  async has(sha256: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(sha256))).isFile();
    } catch {
      return false;
    }
  }

  async read(sha256: string): Promise<Buffer> {
    return readFile(this.pathOf(sha256));
  }

  stream(sha256: string): Readable {
    return createReadStream(this.pathOf(sha256));
  }
}
