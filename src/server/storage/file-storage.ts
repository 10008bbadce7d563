/**
 * Where uploaded files live, behind a small interface: the local disk (a shared volume for several
 * app instances) or an S3-compatible object store (s3-storage.ts), chosen by configuration
 * (storage-factory.ts). Content-addressed by SHA-256: the same bytes are stored once, and a file's
 * name is its own integrity check.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';

export interface StoredFile {
  sha256: string;
  size: number;
}

export interface FileStorage {
  /**
   * Stores the bytes durably; when this resolves, the file survives a crash of the process. When it
   * rejects, nothing of the file is left behind; a store that is full or cannot be reached rejects
   * with a StorageUnavailableError.
   */
  put(content: Buffer): Promise<StoredFile>;
  has(sha256: string): Promise<boolean>;
  /** Rejects for a file that is not there (code ENOENT) or a store that cannot be reached. */
  read(sha256: string): Promise<Buffer>;
  /** The file's bytes; a missing file or an unreachable store is an error on the stream. */
  stream(sha256: string): Readable;
}

export const sha256Of = (content: Buffer) => createHash('sha256').update(content).digest('hex');

/**
 * The store cannot take (or give back) bytes right now: it is full (a full disk, an exhausted quota)
 * or it is failing or out of reach (an I/O error, an object store that does not answer). The error
 * handler answers it as 507 or 503 with a Chinese message (errors.ts storageFailure), never a 500.
 */
export class StorageUnavailableError extends Error {
  constructor(
    readonly reason: 'full' | 'unavailable',
    readonly operation: 'write' | 'read',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StorageUnavailableError';
  }
}

/** Error codes of a local file system that is full. */
const FULL_CODES = new Set(['ENOSPC', 'EDQUOT', 'EFBIG']);

function localWriteFailure(error: unknown): StorageUnavailableError {
  const code = (error as { code?: unknown } | null)?.code;
  const full = typeof code === 'string' && FULL_CODES.has(code);
  return new StorageUnavailableError(
    full ? 'full' : 'unavailable',
    'write',
    `local file storage ${full ? 'is full' : 'failed'} (${String(code ?? error)})`,
    { cause: error },
  );
}

/**
 * A temporary file names its writer, `<sha256>.<pid>@<host>.<random>.tmp`, so that what a process killed
 * between writing and renaming (SIGKILL, a crash, a power cut) left behind can be told from what a live
 * process is writing now (issue 12 item 5: an instance killed during a burst of uploads left some).
 */
const HOST = hostname();
const tempPathOf = (target: string) =>
  `${target}.${process.pid}@${HOST}.${randomBytes(6).toString('hex')}.tmp`;
const TEMP_NAME = /^[0-9a-f]{64}\.(?:(\d+)@(.+)\.)?[0-9a-f]{12}\.tmp$/;
/** No write takes this long: an older temporary file is abandoned, whoever wrote it. */
const ABANDONED_AFTER_MS = 60 * 60 * 1000;

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // there, someone else's
  }
}

/**
 * Removes the temporary files of writers that are gone: at once those of a process of this host that no
 * longer runs, and any older than an hour (another host's on a shared volume, or from before writers
 * were named). Never a file under its content address, never a live writer's. Walks the store one
 * directory at a time. Returns how many it removed.
 */
export async function removeAbandonedTempFiles(root: string, now = Date.now()): Promise<number> {
  const list = (dir: string) => readdir(dir).catch(() => [] as string[]);
  let removed = 0;
  for (const a of (await list(root)).filter((n) => /^[0-9a-f]{2}$/.test(n)))
    for (const b of (await list(join(root, a))).filter((n) => /^[0-9a-f]{2}$/.test(n)))
      for (const name of await list(join(root, a, b))) {
        const m = TEMP_NAME.exec(name);
        if (!m) continue;
        const path = join(root, a, b, name);
        if (!(m[2] === HOST && !running(Number(m[1])))) {
          const info = await stat(path).catch(() => null);
          if (!info || now - info.mtimeMs < ABANDONED_AFTER_MS) continue;
        }
        await rm(path, { force: true });
        removed++;
      }
  return removed;
}

/**
 * Local disk: <root>/ab/cd/abcd…, written to a temporary file, fsynced, then renamed into place. A
 * write that fails (a full disk, an I/O error) removes its temporary file and rejects with a
 * StorageUnavailableError.
 */
export class LocalDiskStorage implements FileStorage {
  /**
   * `openFile` is node:fs/promises `open`; a test hands in one whose writes fail as a full or failing
   * disk does (storage-failure.test.ts), so the real write path is what is tested.
   */
  constructor(
    private readonly root: string,
    private readonly openFile: typeof open = open,
  ) {
    // What a killed writer left half-written goes when the store is opened (every instance's start).
    void removeAbandonedTempFiles(root).catch(() => undefined);
  }

  private pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('invalid content address');
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(content: Buffer): Promise<StoredFile> {
    const sha256 = sha256Of(content);
    const target = this.pathOf(sha256);
    if (await this.has(sha256)) return { sha256, size: content.length };
    const temp = tempPathOf(target);
    try {
      await mkdir(dirname(target), { recursive: true });
      const fh = await this.openFile(temp, 'wx');
      try {
        await fh.writeFile(content);
        await fh.sync();
      } finally {
        await fh.close();
      }
      await rename(temp, target);
      // The rename itself must reach the disk too.
      const dir = await open(dirname(target), 'r');
      try {
        await dir.sync();
      } finally {
        await dir.close();
      }
    } catch (e) {
      // Nothing half-written stays behind (after a rename the temporary name no longer exists, and
      // the file in place is complete: renamed only after its bytes were synced).
      await rm(temp, { force: true }).catch(() => undefined);
      throw localWriteFailure(e);
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
