/**
 * Keys for personal data at rest (issue 13 item 5, GB/T 39786-2021 level 3): ID numbers and mobile
 * numbers are SM4-encrypted and HMAC-SM3-indexed under a 256-bit master key; each key has an id that
 * every ciphertext names, so old keys stay readable while `npm run keys:rotate` moves rows to the current.
 *
 * `PersonalDataKeys` is the provider interface: a KMS or a 密码机 plugs in behind it (return the master
 * key of an id — or wrap `PersonalDataCipher`'s derived keys — without changing any caller). Here:
 *  1. PERSONAL_DATA_KEYS = "<id>:<64 hex>[,<id>:<64 hex>…]", the first the current (nothing written);
 *  2. otherwise `<SIGNING_KEYS_DIR>/personal-data/keys.json` ({ current, keys: { id: hex } }, mode 0600),
 *     created at first start like the audit key; `keys:rotate --new-key` adds a key there.
 */
import { randomBytes } from 'node:crypto';
import { chmod, link, mkdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../config.js';
import { writeNewSecretFile } from './agency-keys.js';

export interface PersonalDataKeys {
  /** The key new values are written with. */
  readonly currentKeyId: string;
  /** Every key that can still be read, the current one first. */
  keyIds(): string[];
  /** The 32-byte master key of an id; undefined when the id is unknown (retired or wrong deployment). */
  key(id: string): Buffer | undefined;
}

export class PersonalDataKeyError extends Error {}

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const KEY_HEX = /^[0-9a-fA-F]{64}$/;

/** Keys held in memory (from the environment, a file, or a test). */
export class StaticPersonalDataKeys implements PersonalDataKeys {
  private readonly keys: Map<string, Buffer>;
  constructor(
    readonly currentKeyId: string,
    keys: Record<string, string>,
  ) {
    this.keys = new Map();
    for (const [id, hex] of Object.entries(keys)) {
      if (!KEY_ID.test(id))
        throw new PersonalDataKeyError(`个人信息密钥编号“${id}”只能由字母、数字、-、_ 组成（至多32位）`);
      if (!KEY_HEX.test(hex))
        throw new PersonalDataKeyError(`个人信息密钥“${id}”应为 64 位十六进制（256 位）`);
      this.keys.set(id, Buffer.from(hex, 'hex'));
    }
    if (!this.keys.has(currentKeyId))
      throw new PersonalDataKeyError(`当前个人信息密钥“${currentKeyId}”不在密钥列表中`);
  }
  keyIds(): string[] {
    return [this.currentKeyId, ...[...this.keys.keys()].filter((id) => id !== this.currentKeyId)];
  }
  key(id: string): Buffer | undefined {
    return this.keys.get(id);
  }
}

/** PERSONAL_DATA_KEYS: "<id>:<hex>,<id>:<hex>", the first is current. */
export function parsePersonalDataKeys(text: string): StaticPersonalDataKeys {
  const entries = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const at = entry.indexOf(':');
      if (at <= 0)
        throw new PersonalDataKeyError(
          'PERSONAL_DATA_KEYS 的格式应为 “编号:64位十六进制,编号:…”，第一个为当前密钥',
        );
      return [entry.slice(0, at), entry.slice(at + 1)] as const;
    });
  if (entries.length === 0) throw new PersonalDataKeyError('PERSONAL_DATA_KEYS 中没有密钥');
  const keys: Record<string, string> = {};
  for (const [id, hex] of entries) {
    if (id in keys) throw new PersonalDataKeyError(`PERSONAL_DATA_KEYS 中密钥编号“${id}”重复`);
    keys[id] = hex;
  }
  return new StaticPersonalDataKeys(entries[0]![0], keys);
}

interface KeyFile {
  current: string;
  keys: Record<string, string>;
}

export function personalDataKeyFileOf(config: Pick<Config, 'SIGNING_KEYS_DIR' | 'DATA_DIR'>): string {
  return join(config.SIGNING_KEYS_DIR ?? join(config.DATA_DIR, 'keys'), 'personal-data', 'keys.json');
}

const checkModes = process.platform !== 'win32';

async function readKeyFile(file: string): Promise<StaticPersonalDataKeys | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  if (checkModes && ((await stat(file)).mode & 0o077) !== 0)
    throw new PersonalDataKeyError(`个人信息密钥文件 ${file} 只允许所有者读写：请执行 chmod 600 ${file}`);
  let record: KeyFile;
  try {
    record = JSON.parse(text) as KeyFile;
  } catch {
    throw new PersonalDataKeyError(`个人信息密钥文件 ${file} 不是有效的 JSON`);
  }
  if (typeof record?.current !== 'string' || typeof record.keys !== 'object' || !record.keys)
    throw new PersonalDataKeyError(
      `个人信息密钥文件 ${file} 应为 { "current": 编号, "keys": { 编号: 十六进制 } }`,
    );
  return new StaticPersonalDataKeys(record.current, record.keys);
}

/** Writes the file through a temporary one; `exclusive`: only if none exists (another instance may win). */
async function writeKeyFile(file: string, record: KeyFile, exclusive: boolean): Promise<void> {
  const dir = join(file, '..');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  if (checkModes) await chmod(dir, 0o700);
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  await writeNewSecretFile(temp, record);
  if (!exclusive) return rename(temp, file);
  try {
    await link(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

function newKeyId(existing: string[]): string {
  for (let n = existing.length + 1; ; n++) if (!existing.includes(`k${n}`)) return `k${n}`;
}

/** The configured keys: PERSONAL_DATA_KEYS, else the keys file (created with one key if absent). */
export async function loadPersonalDataKeys(
  config: Pick<Config, 'PERSONAL_DATA_KEYS' | 'SIGNING_KEYS_DIR' | 'DATA_DIR'>,
): Promise<PersonalDataKeys> {
  if (config.PERSONAL_DATA_KEYS) return parsePersonalDataKeys(config.PERSONAL_DATA_KEYS);
  const file = personalDataKeyFileOf(config);
  const found = await readKeyFile(file);
  if (found) return found;
  await writeKeyFile(file, { current: 'k1', keys: { k1: randomBytes(32).toString('hex') } }, true);
  const created = await readKeyFile(file);
  if (!created) throw new PersonalDataKeyError(`个人信息密钥文件 ${file} 创建后无法读取`);
  return created;
}

/**
 * Adds a fresh key to the keys file and makes it current (the old ones stay, to read what is not yet
 * re-encrypted). With PERSONAL_DATA_KEYS the operator edits the variable instead.
 */
export async function addPersonalDataKeyToFile(
  config: Pick<Config, 'SIGNING_KEYS_DIR' | 'DATA_DIR'>,
): Promise<PersonalDataKeys> {
  const file = personalDataKeyFileOf(config);
  const found = await readKeyFile(file);
  if (!found) throw new PersonalDataKeyError(`个人信息密钥文件 ${file} 不存在`);
  const keys: Record<string, string> = {};
  for (const id of found.keyIds()) keys[id] = found.key(id)!.toString('hex');
  const id = newKeyId(Object.keys(keys));
  keys[id] = randomBytes(32).toString('hex');
  await writeKeyFile(file, { current: id, keys }, false);
  return new StaticPersonalDataKeys(id, keys);
}
