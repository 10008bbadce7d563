import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  LocalDiskStorage,
  removeAbandonedTempFiles,
  sha256Of,
} from '../../../../src/server/storage/file-storage.js';

const root = mkdtempSync(join(tmpdir(), 'zc-files-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('LocalDiskStorage', () => {
  const storage = new LocalDiskStorage(root);
  it('stores by content hash, once, and reads back the same bytes', async () => {
    const content = Buffer.from('%PDF-1.7 test content');
    const a = await storage.put(content);
    const b = await storage.put(Buffer.from(content));
    expect(a).toEqual({ sha256: sha256Of(content), size: content.length });
    expect(b).toEqual(a);
    expect(await storage.has(a.sha256)).toBe(true);
    expect((await storage.read(a.sha256)).equals(content)).toBe(true);
    expect(readdirSync(join(root, a.sha256.slice(0, 2), a.sha256.slice(2, 4)))).toEqual([a.sha256]);
  });
  it('refuses anything but a content address as a key', async () => {
    expect(await storage.has('../etc/passwd')).toBe(false);
    await expect(storage.read('../../x')).rejects.toThrow();
  });
});

describe('temporary files left by a writer that is gone', () => {
  it('are removed: at once for a process of this host that no longer runs, after an hour for others', async () => {
    const store = mkdtempSync(join(tmpdir(), 'zc-files-sweep-'));
    try {
      // A stored file (written here: a LocalDiskStorage would start a sweep of its own).
      const kept = { sha256: sha256Of(Buffer.from('kept')) };
      const dir = join(store, kept.sha256.slice(0, 2), kept.sha256.slice(2, 4));
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, kept.sha256), 'kept');
      // A process of this host that has exited (its number is not reused while we look).
      const dead = spawnSync(process.execPath, ['-e', 'process.pid'], { stdio: 'ignore' }).pid!;
      const name = (owner: string) => `${kept.sha256}.${owner}${randomBytes(6).toString('hex')}.tmp`;
      const files = {
        deadWriter: name(`${dead}@${hostname()}.`),
        liveWriter: name(`${process.pid}@${hostname()}.`),
        otherHost: name('4242@another-host.'),
        otherHostOld: name('4242@another-host.'),
        unnamed: name(''),
        unnamedOld: name(''),
      };
      for (const f of Object.values(files)) writeFileSync(join(dir, f), 'half written');
      // "Now" is the file system's own clock (a file just written), not the process's: CI moves the
      // process clock with faketime, while the kernel stamps files with the real time.
      const now = statSync(join(dir, files.liveWriter)).mtimeMs;
      const twoHoursAgo = new Date(now - 2 * 3_600_000);
      for (const f of [files.otherHostOld, files.unnamedOld])
        utimesSync(join(dir, f), twoHoursAgo, twoHoursAgo);

      expect(await removeAbandonedTempFiles(store, now)).toBe(3);
      expect(readdirSync(dir).sort()).toEqual(
        [kept.sha256, files.liveWriter, files.otherHost, files.unnamed].sort(),
      );
    } finally {
      rmSync(store, { recursive: true, force: true });
    }
  });
});
