import { spawn } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ConfiguredSigningKeyProvider,
  SigningKeyError,
  createKeyFileExclusive,
  parseSigningKeysJson,
} from '../../../src/server/crypto/agency-keys.js';
import { projectRoot } from '../../../src/server/paths.js';
import { generateSm2KeyPair, sm2PublicKeyOf, sm2Sign, sm2Verify } from '../../../src/server/crypto/sm2.js';

const root = mkdtempSync(join(tmpdir(), 'zc-agency-keys-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = () => join(root, `case-${++n}`, 'keys');
const posix = process.platform !== 'win32';

describe('ConfiguredSigningKeyProvider, key directory', () => {
  it('creates the key at first use: a 0600 file in a 0700 directory, in the documented format', async () => {
    const keysDir = freshDir();
    const now = new Date('2026-07-15T08:00:00Z');
    const provider = new ConfiguredSigningKeyProvider({ keysDir, now: () => now });
    expect(await provider.publicKeys()).toEqual([]); // directory not there yet
    const pair = await provider.keyPair('GZ01');
    expect(pair).toMatchObject({ agencyCode: 'GZ01', algorithm: 'SM2', createdAt: now.toISOString() });
    expect(sm2PublicKeyOf(pair.privateKey)).toBe(pair.publicKey);
    const file = join(keysDir, 'GZ01.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      agencyCode: 'GZ01',
      algorithm: 'SM2',
      publicKey: pair.publicKey,
      privateKey: pair.privateKey,
      createdAt: '2026-07-15T08:00:00.000Z',
    });
    if (posix) {
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(statSync(keysDir).mode & 0o777).toBe(0o700);
    }
    expect(readdirSync(keysDir)).toEqual(['GZ01.json']); // no temporary file left
    expect(await provider.keyPair('GZ01')).toEqual(pair);
  });

  it('a second provider instance (another process, a restart) reads the same key', async () => {
    const keysDir = freshDir();
    const first = await new ConfiguredSigningKeyProvider({ keysDir }).keyPair('GZ03');
    const second = new ConfiguredSigningKeyProvider({ keysDir });
    expect(await second.keyPair('GZ03')).toEqual(first);
    expect(await second.publicKeys()).toEqual([
      { agencyCode: 'GZ03', algorithm: 'SM2', publicKey: first.publicKey, createdAt: first.createdAt },
    ]);
  });

  it('publicKeys lists every agency with a key, sorted, without private keys', async () => {
    const keysDir = freshDir();
    const provider = new ConfiguredSigningKeyProvider({ keysDir });
    for (const code of ['GZ10', 'GZ02', 'SELF-001']) await provider.keyPair(code);
    writeFileSync(join(keysDir, 'README.txt'), 'not a key');
    const list = await provider.publicKeys();
    expect(list.map((k) => k.agencyCode)).toEqual(['GZ02', 'GZ10', 'SELF-001']);
    expect(JSON.stringify(list)).not.toContain('privateKey');
  });

  it('concurrent first use by many instances in one process ends with one key', async () => {
    const keysDir = freshDir();
    const pairs = await Promise.all(
      Array.from({ length: 8 }, () => new ConfiguredSigningKeyProvider({ keysDir }).keyPair('GZ05')),
    );
    expect(new Set(pairs.map((p) => p.privateKey)).size).toBe(1);
    expect(readdirSync(keysDir)).toEqual(['GZ05.json']);
  });

  it('the loser of a creation race discards its key and returns the winner’s', async () => {
    const keysDir = freshDir();
    mkdirSync(keysDir, { recursive: true, mode: 0o700 });
    const record = (createdAt: string) => ({
      agencyCode: 'GZ06',
      algorithm: 'SM2' as const,
      ...generateSm2KeyPair(),
      createdAt,
    });
    const winner = record('2026-01-01T00:00:00.000Z');
    const loser = record('2026-01-01T00:00:00.001Z');
    expect(await createKeyFileExclusive(keysDir, winner)).toEqual(winner);
    expect(await createKeyFileExclusive(keysDir, loser)).toEqual(winner);
    expect(readdirSync(keysDir)).toEqual(['GZ06.json']);
  });

  it('two processes creating the same key at the same moment end with one key', async () => {
    const keysDir = freshDir();
    const script = join(projectRoot, 'test/unit/crypto/create-key-child.ts');
    const children = Array.from({ length: 3 }, () => {
      const child = spawn(process.execPath, ['--import', 'tsx', script, keysDir, 'GZ07'], {
        cwd: projectRoot,
      });
      let out = '';
      const ready = new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (out.startsWith('ready\n')) resolve();
        });
        child.on('error', reject);
      });
      const done = new Promise<string>((resolve, reject) =>
        child.on('close', (code) =>
          code === 0 ? resolve(out.slice('ready\n'.length).trim()) : reject(new Error(`child exit ${code}`)),
        ),
      );
      return { child, ready, done };
    });
    await Promise.all(children.map((c) => c.ready)); // all loaded, then released together
    for (const { child } of children) child.stdin.write('go\n');
    const publicKeys = await Promise.all(children.map((c) => c.done));
    expect(publicKeys[0]).toMatch(/^04[0-9a-f]{128}$/);
    expect(new Set(publicKeys).size).toBe(1);
    expect(readdirSync(keysDir)).toEqual(['GZ07.json']);
    expect((await new ConfiguredSigningKeyProvider({ keysDir }).keyPair('GZ07')).publicKey).toBe(
      publicKeys[0],
    );
  }, 60_000);

  it.runIf(posix)('refuses a key file readable by others, saying how to fix it', async () => {
    const keysDir = freshDir();
    await new ConfiguredSigningKeyProvider({ keysDir }).keyPair('GZ08');
    chmodSync(join(keysDir, 'GZ08.json'), 0o644);
    const provider = new ConfiguredSigningKeyProvider({ keysDir });
    await expect(provider.keyPair('GZ08')).rejects.toThrow('chmod 600');
    chmodSync(join(keysDir, 'GZ08.json'), 0o600);
    await expect(provider.keyPair('GZ08')).resolves.toMatchObject({ agencyCode: 'GZ08' }); // failure not cached
  });

  it('refuses a corrupted key file or one of another agency instead of making a new key', async () => {
    const keysDir = freshDir();
    const provider = new ConfiguredSigningKeyProvider({ keysDir });
    const pair = await provider.keyPair('GZ09');
    const file = join(keysDir, 'GZ09.json');
    const other = generateSm2KeyPair();
    writeFileSync(file, JSON.stringify({ ...pair, publicKey: other.publicKey }), { mode: 0o600 });
    await expect(new ConfiguredSigningKeyProvider({ keysDir }).keyPair('GZ09')).rejects.toThrow(
      '公私钥不匹配',
    );
    writeFileSync(file, JSON.stringify({ ...pair, agencyCode: 'GZ10' }), { mode: 0o600 });
    await expect(new ConfiguredSigningKeyProvider({ keysDir }).keyPair('GZ09')).rejects.toThrow(
      SigningKeyError,
    );
    writeFileSync(file, '{', { mode: 0o600 });
    await expect(new ConfiguredSigningKeyProvider({ keysDir }).keyPair('GZ09')).rejects.toThrow(
      '不是有效的 JSON',
    );
  });

  it('refuses agency codes that are not safe file names', async () => {
    const provider = new ConfiguredSigningKeyProvider({ keysDir: freshDir() });
    for (const code of ['../GZ01', 'GZ 01', '', 'a/b', '.hidden']) {
      await expect(provider.keyPair(code)).rejects.toThrow('认定机构代码');
    }
  });
});

describe('ConfiguredSigningKeyProvider, SIGNING_KEYS_JSON', () => {
  const a = generateSm2KeyPair();
  const b = generateSm2KeyPair();

  it('derives public keys, accepts upper-case hex, never writes a file', async () => {
    const keysDir = freshDir();
    const provider = new ConfiguredSigningKeyProvider({
      keysDir,
      keysJson: JSON.stringify({ GZ01: a.privateKey.toUpperCase(), GZ02: b.privateKey }),
    });
    const pair = await provider.keyPair('GZ01');
    expect(pair).toEqual({
      agencyCode: 'GZ01',
      algorithm: 'SM2',
      publicKey: a.publicKey,
      privateKey: a.privateKey,
    });
    const message = new TextEncoder().encode('x');
    expect(sm2Verify(message, sm2Sign(message, pair.privateKey), a.publicKey)).toBe(true);
    expect(await provider.publicKeys()).toEqual([
      { agencyCode: 'GZ01', algorithm: 'SM2', publicKey: a.publicKey },
      { agencyCode: 'GZ02', algorithm: 'SM2', publicKey: b.publicKey },
    ]);
    await expect(provider.keyPair('GZ03')).rejects.toThrow(
      'SIGNING_KEYS_JSON 中没有认定机构 GZ03 的签名私钥',
    );
    expect(() => readdirSync(keysDir)).toThrow(); // nothing created
    expect(provider.describe()).not.toContain(a.privateKey);
  });

  it.each([
    ['not json', '不是有效的 JSON'],
    ['["x"]', '应为对象'],
    ['{"GZ 01":"00"}', '认定机构代码“GZ 01”不合法'],
    ['{"GZ01":"1234"}', '64 位十六进制'],
    [`{"GZ01":"${'0'.repeat(64)}"}`, '64 位十六进制'],
    ['{"GZ01":42}', '64 位十六进制'],
  ])('rejects %s with a Chinese message (for startup validation)', (text, message) => {
    expect(() => parseSigningKeysJson(text)).toThrow(SigningKeyError);
    expect(() => parseSigningKeysJson(text)).toThrow(message);
    expect(() => new ConfiguredSigningKeyProvider({ keysDir: freshDir(), keysJson: text })).toThrow(message);
  });
});
