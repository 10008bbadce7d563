/**
 * Each 认定机构's SM2 signing key for electronic certificates (issue 10).
 *
 * One implementation, `ConfiguredSigningKeyProvider`, with two sources (exclusive):
 *  1. `keysJson` (env SIGNING_KEYS_JSON) — a JSON object agencyCode → private key hex (64 hex characters);
 *     public keys are derived. Nothing is written to disk; an agency not listed has no key (signing fails
 *     with a clear message), so a deployment that manages keys itself never gets a stray generated key.
 *  2. otherwise `keysDir` (env SIGNING_KEYS_DIR, default <DATA_DIR>/keys) — one file per agency,
 *     `<agencyCode>.json` = { agencyCode, algorithm: 'SM2', publicKey, privateKey, createdAt }, created at
 *     the agency's first use with mode 0600 in a directory with mode 0700. The files hold private keys:
 *     they must never be committed (data/ is in .gitignore) and must be backed up with the database —
 *     losing one means certificates already issued can only be checked against the published public key.
 *
 * Concurrent first use (two processes, or two instances in one process) ends with a single key: the new key
 * is written completely to a private temporary file, which is then hard-linked to `<agencyCode>.json`;
 * link(2) fails with EEXIST if the name already exists (O_EXCL semantics, atomic, also on NFSv3+), and the
 * loser discards its key and reads the winner's. A reader never sees a half-written key file.
 */
import { randomBytes } from 'node:crypto';
import { chmod, link, mkdir, open, readdir, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { generateSm2KeyPair, isValidSm2PrivateKey, sm2PublicKeyOf } from './sm2.js';

export interface AgencyKeyPair {
  agencyCode: string;
  algorithm: 'SM2';
  /** 04 || x || y, 130 lower-case hex characters */
  publicKey: string;
  /** 64 lower-case hex characters */
  privateKey: string;
  /** ISO 8601; undefined for keys given in SIGNING_KEYS_JSON */
  createdAt?: string;
}

export type AgencyPublicKey = Omit<AgencyKeyPair, 'privateKey'>;

export interface SigningKeyProvider {
  /** The agency's key pair, created at first use where the source allows it. */
  keyPair(agencyCode: string): Promise<AgencyKeyPair>;
  /** Public keys of all agencies that have a key, sorted by agency code (for publication and verification). */
  publicKeys(): Promise<AgencyPublicKey[]>;
}

export class SigningKeyError extends Error {
  override readonly name = 'SigningKeyError';
}

export interface SigningKeyProviderOptions {
  /** Directory of key files (SIGNING_KEYS_DIR, default <DATA_DIR>/keys). Used only without keysJson. */
  keysDir: string;
  /** SIGNING_KEYS_JSON, if set: agencyCode → private key hex. */
  keysJson?: string | undefined;
  /** Clock for createdAt (tests). */
  now?: () => Date;
}

const AGENCY_CODE = /^[A-Za-z0-9_-]{1,64}$/;
const KEY_FILE = /^([A-Za-z0-9_-]{1,64})\.json$/;

function checkAgencyCode(agencyCode: string): void {
  if (typeof agencyCode !== 'string' || !AGENCY_CODE.test(agencyCode)) {
    throw new SigningKeyError(
      `认定机构代码“${String(agencyCode)}”不合法：只能包含字母、数字、下划线和连字符`,
    );
  }
}

/**
 * Parses SIGNING_KEYS_JSON; throws SigningKeyError with a Chinese message (for startup validation in config).
 * Hex may be upper or lower case; it is returned lower-case.
 */
export function parseSigningKeysJson(text: string): Map<string, AgencyKeyPair> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new SigningKeyError('SIGNING_KEYS_JSON 不是有效的 JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new SigningKeyError('SIGNING_KEYS_JSON 应为对象：{"认定机构代码": "64 位十六进制 SM2 私钥", …}');
  }
  const keys = new Map<string, AgencyKeyPair>();
  for (const [agencyCode, value] of Object.entries(parsed)) {
    if (!AGENCY_CODE.test(agencyCode)) {
      throw new SigningKeyError(`SIGNING_KEYS_JSON 中的认定机构代码“${agencyCode}”不合法`);
    }
    const privateKey = typeof value === 'string' ? value.toLowerCase() : '';
    if (!isValidSm2PrivateKey(privateKey)) {
      throw new SigningKeyError(
        `SIGNING_KEYS_JSON 中认定机构 ${agencyCode} 的私钥应为 64 位十六进制 SM2 私钥`,
      );
    }
    keys.set(agencyCode, { agencyCode, algorithm: 'SM2', privateKey, publicKey: sm2PublicKeyOf(privateKey) });
  }
  return keys;
}

function isErrno(error: unknown, code: string): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === code;
}

const checkModes = process.platform !== 'win32';

/** Reads and checks one key file; undefined if it does not exist. */
export async function readKeyFile(file: string, agencyCode: string): Promise<AgencyKeyPair | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return undefined;
    throw error;
  }
  if (checkModes) {
    const mode = (await stat(file)).mode & 0o777;
    if (mode & 0o077) {
      throw new SigningKeyError(
        `签名密钥文件 ${file} 的权限为 ${mode.toString(8).padStart(4, '0')}，只允许所有者读写：请执行 chmod 600 ${file}`,
      );
    }
  }
  let record: Partial<AgencyKeyPair>;
  try {
    record = JSON.parse(text) as Partial<AgencyKeyPair>;
  } catch {
    throw new SigningKeyError(`签名密钥文件 ${file} 不是有效的 JSON`);
  }
  if (
    record?.agencyCode !== agencyCode ||
    record.algorithm !== 'SM2' ||
    typeof record.privateKey !== 'string' ||
    !isValidSm2PrivateKey(record.privateKey) ||
    record.publicKey !== sm2PublicKeyOf(record.privateKey)
  ) {
    throw new SigningKeyError(`签名密钥文件 ${file} 内容不正确（机构代码、算法或公私钥不匹配）`);
  }
  return {
    agencyCode,
    algorithm: 'SM2',
    publicKey: record.publicKey,
    privateKey: record.privateKey,
    ...(typeof record.createdAt === 'string' ? { createdAt: record.createdAt } : {}),
  };
}

/** Writes `record` as JSON to a new file only its owner can read (0600), synced to disk. */
export async function writeNewSecretFile(path: string, record: unknown): Promise<void> {
  const handle = await open(path, 'wx', 0o600);
  try {
    await handle.writeFile(JSON.stringify(record, null, 2) + '\n', 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Creates `<dir>/<agencyCode>.json` with `record` unless it already exists; returns the key that is in the
 * file afterwards (ours, or the one another process or instance wrote first).
 */
export async function createKeyFileExclusive(dir: string, record: AgencyKeyPair): Promise<AgencyKeyPair> {
  const file = join(dir, `${record.agencyCode}.json`);
  const temp = join(dir, `.${record.agencyCode}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  await writeNewSecretFile(temp, record);
  try {
    await link(temp, file);
  } catch (error) {
    if (!isErrno(error, 'EEXIST')) throw error;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  await syncDir(dir);
  const stored = await readKeyFile(file, record.agencyCode);
  if (!stored) throw new SigningKeyError(`签名密钥文件 ${file} 创建后无法读取`);
  return stored;
}

async function syncDir(dir: string): Promise<void> {
  if (!checkModes) return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export class ConfiguredSigningKeyProvider implements SigningKeyProvider {
  private readonly keysDir: string;
  private readonly fromJson: Map<string, AgencyKeyPair> | undefined;
  private readonly now: () => Date;
  private readonly cache = new Map<string, Promise<AgencyKeyPair>>();
  private dirReady: Promise<void> | undefined;

  constructor(options: SigningKeyProviderOptions) {
    this.keysDir = options.keysDir;
    this.fromJson = options.keysJson !== undefined ? parseSigningKeysJson(options.keysJson) : undefined;
    this.now = options.now ?? (() => new Date());
  }

  /** Where keys come from, for a startup log line (never the keys themselves). */
  describe(): string {
    return this.fromJson
      ? `SIGNING_KEYS_JSON（${this.fromJson.size} 个认定机构）`
      : `目录 ${this.keysDir}（首次使用时为认定机构生成密钥）`;
  }

  async keyPair(agencyCode: string): Promise<AgencyKeyPair> {
    checkAgencyCode(agencyCode);
    if (this.fromJson) {
      const pair = this.fromJson.get(agencyCode);
      if (!pair) throw new SigningKeyError(`SIGNING_KEYS_JSON 中没有认定机构 ${agencyCode} 的签名私钥`);
      return { ...pair };
    }
    let pending = this.cache.get(agencyCode);
    if (!pending) {
      pending = this.loadOrCreate(agencyCode);
      this.cache.set(agencyCode, pending);
      pending.catch(() => this.cache.delete(agencyCode)); // a failure (e.g. disk full) is retried next time
    }
    return { ...(await pending) };
  }

  async publicKeys(): Promise<AgencyPublicKey[]> {
    let pairs: AgencyKeyPair[];
    if (this.fromJson) {
      pairs = [...this.fromJson.values()];
    } else {
      let names: string[];
      try {
        names = await readdir(this.keysDir);
      } catch (error) {
        if (isErrno(error, 'ENOENT')) return [];
        throw error;
      }
      pairs = [];
      for (const name of names) {
        const code = KEY_FILE.exec(name)?.[1];
        if (!code) continue;
        const pair = await readKeyFile(join(this.keysDir, name), code);
        if (pair) pairs.push(pair);
      }
    }
    return pairs
      .map(({ privateKey: _privateKey, ...publicPart }) => publicPart)
      .sort((a, b) => (a.agencyCode < b.agencyCode ? -1 : a.agencyCode > b.agencyCode ? 1 : 0));
  }

  private ensureDir(): Promise<void> {
    if (!this.dirReady) {
      this.dirReady = (async () => {
        await mkdir(this.keysDir, { recursive: true, mode: 0o700 });
        if (checkModes && ((await stat(this.keysDir)).mode & 0o077) !== 0) await chmod(this.keysDir, 0o700);
      })();
      this.dirReady.catch(() => {
        this.dirReady = undefined;
      });
    }
    return this.dirReady;
  }

  private async loadOrCreate(agencyCode: string): Promise<AgencyKeyPair> {
    const file = join(this.keysDir, `${agencyCode}.json`);
    const existing = await readKeyFile(file, agencyCode);
    if (existing) return existing;
    await this.ensureDir();
    const { publicKey, privateKey } = generateSm2KeyPair();
    return createKeyFileExclusive(this.keysDir, {
      agencyCode,
      algorithm: 'SM2',
      publicKey,
      privateKey,
      createdAt: this.now().toISOString(),
    });
  }
}
