/**
 * What encrypting personal data costs (issue 13 item 5): per login (blind index of the ID number,
 * decryption of the ID and mobile numbers) and per social-insurance import of 10 000 rows (blind index
 * and encryption of every ID number, batched upserts), each beside the same work without encryption,
 * measured in the same run on the same database. "Without" is a pass-through cipher defined only here:
 * it stores the value itself and indexes by it, so the SQL and the code path are the same and only the
 * cryptography differs. Timing never fails the run.
 *
 *   npx tsx bench/personal-data-crypto-bench.ts [rows=10000] [logins=30]
 *
 * Embedded PGlite in memory, or PostgreSQL when DATABASE_URL is set (a scratch database
 * zc_bench_personal on that server). Writes bench/results/personal-data-latest.md.
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { eq } from 'drizzle-orm';
import { prepareDatabase } from '../src/server/bootstrap.js';
import { loadConfig } from '../src/server/config.js';
import { type AppContext, systemClock } from '../src/server/context.js';
import { type Database, openPglite, openPostgres } from '../src/server/db/client.js';
import { accounts, socialInsuranceRecords } from '../src/server/db/schema.js';
import { generateSm2KeyPair } from '../src/server/crypto/sm2.js';
import { auditKeyOf, useAuditKey } from '../src/server/modules/audit/audit-key.js';
import {
  PersonalDataCipher,
  type PersonalField,
  normalisePersonal,
  usePersonalDataCipher,
  usePersonalDataKeys,
} from '../src/server/crypto/personal-data-cipher.js';
import { StaticPersonalDataKeys } from '../src/server/crypto/personal-data-keys.js';
import { ensureSystemAdmin } from '../src/server/modules/accounts/bootstrap-service.js';
import { ensurePersonAccount } from '../src/server/modules/accounts/person-account.js';
import { login } from '../src/server/modules/auth/auth-service.js';
import { hashPassword } from '../src/server/modules/auth/password.js';
import * as siRepo from '../src/server/modules/social-insurance/social-insurance-repository.js';
import { checkCharacterOf } from '../src/domain/id-number.js';
import { markdownTable, writeMarkdown } from './bench-report.js';

const ROWS = Number(process.argv[2] ?? 10_000);
const LOGINS = Number(process.argv[3] ?? 30);

/** No cryptography: the value is its own "ciphertext" and index. Only for this comparison. */
class PassThroughCipher extends PersonalDataCipher {
  override encrypt(_f: PersonalField, value: string) {
    return value;
  }
  override decrypt(_f: PersonalField, stored: string) {
    return stored;
  }
  override blindIndex(f: PersonalField, value: string) {
    return normalisePersonal(f, value);
  }
  override blindIndexes(f: PersonalField, value: string) {
    return [normalisePersonal(f, value)];
  }
}

const keys = new StaticPersonalDataKeys('bench', { bench: 'cd'.repeat(32) });
const modes = {
  encrypted: () => usePersonalDataCipher(new PersonalDataCipher(keys)),
  clear: () => usePersonalDataCipher(new PassThroughCipher(keys)),
};

/** yyyymmdd of 1970-01-01 plus `days`. */
const birthOf = (days: number) =>
  new Date(Date.UTC(1970, 0, 1 + days)).toISOString().slice(0, 10).replaceAll('-', '');

function idNumber(birth: string, seq: number): string {
  const first17 = `360702${birth}${String(seq).padStart(3, '0')}`;
  return first17 + checkCharacterOf(first17);
}

async function openBenchDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) return { database: openPglite(new PGlite()), drop: async () => {} };
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query('drop database if exists zc_bench_personal with (force)');
  await admin.query('create database zc_bench_personal');
  const u = new URL(url);
  u.pathname = '/zc_bench_personal';
  return {
    database: openPostgres(u.toString()),
    drop: async () => {
      await admin.query('drop database if exists zc_bench_personal with (force)');
      await admin.end();
    },
  };
}

const ms = (t0: number) => performance.now() - t0;

async function main() {
  useAuditKey(auditKeyOf(generateSm2KeyPair().privateKey));
  usePersonalDataKeys(keys);
  const { database, drop } = await openBenchDatabase();
  await prepareDatabase(database, new Date());
  await ensureSystemAdmin(database.db, new Date(), 'Bench-Admin-1');
  const [adminAccount] = await database.db.select().from(accounts).where(eq(accounts.username, 'admin'));
  const ctx = { db: database.db, config: loadConfig({}), clock: systemClock } as unknown as AppContext;
  const password = 'Bench-Passw0rd';
  const passwordHash = await hashPassword(password);
  const results: Record<
    string,
    { login: number; loginCrypto: number; importNew: number; importAgain: number }
  > = {};

  for (const [mode, use] of Object.entries(modes) as [keyof typeof modes, () => PersonalDataCipher][]) {
    const cipher = use();
    // --- login by ID number --------------------------------------------------------------------------
    const id = idNumber(mode === 'encrypted' ? '19800101' : '19810101', 1);
    await database.db.transaction(async (tx) => {
      const pa = await ensurePersonAccount(tx, new Date(), {
        name: '压测登录',
        idNumber: id,
        mobile: '13907970001',
      });
      await tx
        .update(accounts)
        .set({ passwordHash, mustChangePassword: false })
        .where(eq(accounts.id, pa.account.id));
    });
    await login(ctx, { username: id, password, clientAddress: null, userAgent: null });
    let t0 = performance.now();
    for (let i = 0; i < LOGINS; i++)
      await login(ctx, { username: id, password, clientAddress: null, userAgent: null });
    const loginMs = ms(t0) / LOGINS;
    // The personal-data work of one login alone: the index of what was typed, two decryptions.
    const storedId = cipher.encrypt('id_number', id);
    const storedMobile = cipher.encrypt('mobile', '13907970001');
    t0 = performance.now();
    for (let i = 0; i < 10_000; i++) {
      cipher.blindIndexes('id_number', id);
      cipher.decrypt('id_number', storedId);
      cipher.decrypt('mobile', storedMobile);
    }
    const loginCryptoMs = ms(t0) / 10_000;

    // --- social-insurance import of ROWS rows (new, then the same file again: all updates) ---------------
    await database.db.delete(socialInsuranceRecords);
    // Distinct valid ID numbers: 1 000 sequence numbers per birth date.
    const records = Array.from({ length: ROWS }, (_, i) => ({
      idNumber: idNumber(birthOf(Math.floor(i / 1000) + (mode === 'encrypted' ? 0 : 500)), i % 1000),
      name: `参保${i}`,
      insuredUnitName: '赣州市某单位',
      months: 12 + (i % 100),
    }));
    const unique = [...new Map(records.map((r) => [r.idNumber, r])).values()];
    const importOnce = async () => {
      const t = performance.now();
      const existing = await siRepo.existingIdNumbers(
        database.db,
        unique.map((r) => r.idNumber),
      );
      await database.db.transaction(async (tx) => {
        const imp = await siRepo.insertImport(tx, {
          organisationId: 1,
          accountId: adminAccount!.id,
          fileName: 'bench.xlsx',
          fileSha256: 'x',
          rows: unique.length,
          inserted: unique.length - existing.size,
          updated: existing.size,
        });
        await siRepo.upsertRecords(tx, unique, imp.id, new Date());
      });
      return ms(t);
    };
    const importNew = await importOnce();
    const importAgain = await importOnce();
    results[mode] = { login: loginMs, loginCrypto: loginCryptoMs, importNew, importAgain };
    console.log(`${mode}: ${JSON.stringify(results[mode])} (${unique.length} rows)`);
  }
  await database.close();
  await drop();

  const e = results.encrypted!;
  const c = results.clear!;
  const f = (x: number, d = 1) => x.toFixed(d);
  const diff = (a: number, b: number) =>
    `${a - b >= 0 ? '+' : ''}${f(a - b)} ms（${f((100 * (a - b)) / b, 0)} %）`;
  const table = markdownTable(
    ['测量', '加密（SM4 + HMAC-SM3）', '不加密（同一代码路径）', '差'],
    [
      [
        '登录（按身份证号，含 Argon2 口令核验），每次',
        `${f(e.login)} ms`,
        `${f(c.login)} ms`,
        diff(e.login, c.login),
      ],
      [
        '其中个人信息运算（索引 + 两次解密），每次',
        `${f(e.loginCrypto * 1000, 1)} µs`,
        `${f(c.loginCrypto * 1000, 2)} µs`,
        `+${f((e.loginCrypto - c.loginCrypto) * 1000, 1)} µs`,
      ],
      [
        `社保导入 ${ROWS} 行（新增）`,
        `${f(e.importNew, 0)} ms`,
        `${f(c.importNew, 0)} ms`,
        diff(e.importNew, c.importNew),
      ],
      [
        `社保导入 ${ROWS} 行（再次导入，全部更新）`,
        `${f(e.importAgain, 0)} ms`,
        `${f(c.importAgain, 0)} ms`,
        diff(e.importAgain, c.importAgain),
      ],
    ],
  );
  const text =
    `# 个人信息加密的开销\n\n` +
    `${new Date().toISOString()}，${process.env.DATABASE_URL ? 'PostgreSQL' : '内置数据库（PGlite，内存）'}，` +
    `登录 ${LOGINS} 次取平均；导入只计查重（按索引）与分批写入，不含读取表格文件（两种方式相同）。\n\n${table}`;
  console.log('\n' + text);
  await writeMarkdown('bench/results/personal-data-latest.md', text);
}

await main();
