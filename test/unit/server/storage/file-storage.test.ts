import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalDiskStorage, sha256Of } from '../../../../src/server/storage/file-storage.js';

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
