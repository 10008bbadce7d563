/**
 * Issue 12 item 5: `npm run backup` / `npm run restore` round-trip every row and every file hash.
 * Data made through the API (an applicant's submitted application with uploaded scans, the audit log
 * partly sealed with a signed checkpoint and partly pending), backed up by the real command, restored
 * by the real command into a fresh empty database of the run's kind (PGlite, or PostgreSQL with
 * DATABASE_URL; on PostgreSQL also into PGlite: one format for both). The comparison below does not
 * use the backup's code: every table read whole from both databases, every file hashed in both stores.
 * Then `npm run audit:verify` on the restored database, and an app on it: the old session still
 * works, the applicant signs in, the scan downloads, and new rows continue the sequences. A damaged
 * backup (a row edited, the archive corrupted, a file missing) is refused in Chinese with the target
 * left empty; a non-empty target is refused without --force and replaced with it.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes, createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type TestApp, createTestApp } from './helpers/test-app.js';
import { type Session, TEST_PASSWORD, adminSession, firstLogin, login } from './helpers/session.js';
import { buildChain, idNumber, importSocialInsurance, mobile } from './helpers/fixtures.js';
import { adminUrl, withDatabase } from './helpers/postgres-urls.js';
import { TEST_AUDIT_KEY, testAuditKey } from './helpers/test-audit-key.js';
import type { ApplicationDetail, Routing } from '../src/contract/applications.js';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { type AppContext, SettableClock } from '../src/server/context.js';
import { ConfiguredSigningKeyProvider } from '../src/server/crypto/agency-keys.js';
import { PdfIdentityStore } from '../src/server/crypto/pdf-identities.js';
import { type Db, openDatabase, rowsOf } from '../src/server/db/client.js';
import { sealAuditLog } from '../src/server/modules/audit/audit-repository.js';
import { LocalDiskStorage, sha256Of } from '../src/server/storage/file-storage.js';

const NOW = '2026-11-10T10:00:00+08:00'; // 第四批 is open (10-20 → 11-20)
const work = mkdtempSync(join(tmpdir(), 'zc-backup-test-'));
const sourceFiles = join(work, 'source-files');
const backupDir = join(work, 'backup');
const template = inject('dbTemplate');

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n' +
    '2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n' +
    '3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 200 200]>> endobj\n' +
    'trailer <</Root 1 0 R>>\n%%EOF\n',
);
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

type Env = Record<string, string>;
let t: TestApp;
let dropSource: () => Promise<void>;
let sourceEnv: Env;
let teacher: Session;
let teacherUsername: string;
let applicationId: number;
let idCardUploadId: number;
const targets: { drop: () => Promise<void> }[] = [];

/** Runs one of the project's command-line tools on the given database and file store. */
function cli(script: string, args: string[], env: Env) {
  const out = spawnSync(process.execPath, ['--import', 'tsx', `src/server/cli/${script}`, ...args], {
    env: {
      ...process.env,
      DATABASE_URL: '',
      DATA_DIR: '',
      FILES_DIR: '',
      STORAGE_DRIVER: '',
      LOG_LEVEL: 'silent',
      AUDIT_KEY: TEST_AUDIT_KEY,
      ...env,
    },
    encoding: 'utf8',
    timeout: 180_000,
  });
  return { status: out.status, stdout: out.stdout, stderr: out.stderr };
}

/** A fresh, empty database (nothing migrated) and file store of the given kind. */
async function emptyTarget(kind: 'pglite' | 'postgres' = template.kind): Promise<Env> {
  const files = join(work, `files-${randomBytes(4).toString('hex')}`);
  if (kind === 'pglite') {
    const dir = join(work, `data-${randomBytes(4).toString('hex')}`);
    targets.push({ drop: async () => rmSync(dir, { recursive: true, force: true }) });
    return { DATA_DIR: dir, FILES_DIR: files };
  }
  if (template.kind !== 'postgres') throw new Error('no PostgreSQL in this run');
  const name = `zc_restore_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl(template.url) });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  targets.push({
    drop: async () => {
      const a = new pg.Client({ connectionString: adminUrl(template.url) });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  });
  return { DATABASE_URL: withDatabase(template.url, name), FILES_DIR: files };
}

async function withDb<T>(env: Env, use: (db: Db) => Promise<T>): Promise<T> {
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR ?? '' });
  try {
    return await use(database.db);
  } finally {
    await database.close();
  }
}

interface Contents {
  tables: Record<string, string[]>;
  migrations: string[];
  sequences: Record<string, string>;
}

/**
 * Everything in a database, read without the backup's code: each table's rows as PostgreSQL's text
 * of the whole row (in UTC), sorted; drizzle's migration record; each sequence's next value.
 */
async function contentsOf(env: Env): Promise<Contents> {
  return withDb(env, (db) =>
    db.transaction(async (tx) => {
      await tx.execute(sql`set local timezone = 'UTC'`);
      const names = rowsOf<{ name: string }>(
        await tx.execute(sql`select tablename as name from pg_tables where schemaname = 'public'`),
      ).map((r) => r.name);
      const tables: Record<string, string[]> = {};
      for (const name of names.sort())
        tables[name] = rowsOf<{ r: string }>(
          await tx.execute(sql.raw(`select x::text as r from public."${name}" x`)),
        )
          .map((r) => r.r)
          .sort();
      const migrations = rowsOf<{ r: string }>(
        await tx.execute(sql`select x::text as r from drizzle.__drizzle_migrations x order by id`),
      ).map((r) => r.r);
      const sequences: Record<string, string> = {};
      const seqs = rowsOf<{ name: string }>(
        await tx.execute(sql`select sequencename as name from pg_sequences where schemaname = 'public'`),
      );
      for (const s of seqs) {
        const [v] = rowsOf<{ last: string; called: boolean }>(
          await tx.execute(
            sql.raw(`select last_value::text as last, is_called as called from public."${s.name}"`),
          ),
        );
        sequences[s.name] = String(BigInt(v!.last) + (v!.called ? 1n : 0n));
      }
      return { tables, migrations, sequences };
    }),
  );
}

/** Every file of a local store, by name, with the SHA-256 of its bytes. */
function filesOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  let entries;
  try {
    entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries)
    if (e.isFile())
      out[e.name] = createHash('sha256')
        .update(readFileSync(join(e.parentPath, e.name)))
        .digest('hex');
  return out;
}

async function relationsIn(env: Env): Promise<number> {
  return withDb(env, async (db) => {
    const [r] = rowsOf<{ n: number }>(
      await db.execute(sql`
        select (select count(*)::int from pg_class c join pg_namespace n on n.oid = c.relnamespace
                 where n.nspname in ('public', 'drizzle') and c.relkind in ('r', 'S')) as n`),
    );
    return r!.n;
  });
}

beforeAll(async () => {
  t = await createTestApp({ AUDIT_SEAL_INTERVAL_MS: 0 }, NOW, { onDisk: true });
  // The app's uploads go to a store this test hands to the command-line tools.
  t.ctx.storage = new LocalDiskStorage(sourceFiles);
  const admin = await adminSession(t);
  const chain = await buildChain(admin);
  const teacherId = idNumber('19980315', 401);
  await importSocialInsurance(chain.bureauHandler, [['李晓华', teacherId, '赣州市章贡区第一中学', 30]]);
  const a = (
    await chain.schoolHandler.post(`/api/v1/employers/${chain.school.id}/applicants`, {
      name: '李晓华',
      idNumber: teacherId,
      mobile: mobile(),
    })
  ).json();
  teacherUsername = a.applicant.username;
  teacher = await firstLogin(t.app, teacherUsername, a.initialPassword);
  const routing = (await teacher.get('/api/v1/applications/routing?targetLevel=assistant')).json<Routing>();
  const draft = await teacher.post('/api/v1/applications', {
    batchId: routing.batches.find((b) => b.status === 'open')!.id,
    targetLevel: 'assistant',
  });
  expect(draft.statusCode, draft.body).toBe(201);
  applicationId = draft.json<ApplicationDetail>().id;
  const idCard = (await teacher.upload('/api/v1/uploads', PNG, '身份证.png')).json();
  const diploma = (await teacher.upload('/api/v1/uploads', PDF, '毕业证书.pdf')).json();
  idCardUploadId = idCard.id;
  const saved = await teacher.put(`/api/v1/applications/${applicationId}/form`, {
    seriesCode: 'schoolTeacher',
    specialtyCode: null,
    education: [
      {
        level: 'bachelor',
        fullTime: true,
        school: '赣南师范大学',
        major: '汉语言文学',
        graduationDate: '2025-06-30',
        degree: '文学学士',
        chsiCode: 'ABCD1234',
      },
    ],
    qualifications: [],
    workHistory: [
      { unit: '赣州市章贡区第一中学', from: '2025-07-01', to: null, professional: true, duties: '语文教学' },
    ],
    professionalWorkStart: '2025-07-01',
    majorRelated: true,
    practiceLicences: ['教师资格'],
    socialInsuranceConfirmed: true,
    commitmentSigned: true,
    materials: [
      { category: 'idCard', purpose: 'general', title: '身份证正反面', uploadIds: [idCard.id] },
      { category: 'education', purpose: 'general', title: '本科毕业证书', uploadIds: [diploma.id] },
      { category: 'practiceLicence', purpose: 'general', title: '教师资格证', uploadIds: [idCard.id] },
    ],
  });
  expect(saved.statusCode, saved.body).toBe(200);
  const submitted = await teacher.post(`/api/v1/applications/${applicationId}/submit`);
  expect(submitted.statusCode, submitted.body).toBe(200);
  // A file in the store that no row refers to is backed up too.
  await t.ctx.storage.put(Buffer.from('不被任何记录引用的文件'));
  // Part of the audit log sealed into the chain with a signed checkpoint, the rest still pending.
  const sealed = await sealAuditLog(t.ctx.db, testAuditKey, new Date(NOW), { limit: 20 });
  expect(sealed).toMatchObject({ sealed: 20, checkpoint: true });
  dropSource = await t.closeKeepingData();
  sourceEnv = { ...t.cliEnv, FILES_DIR: sourceFiles };
}, 240_000);

afterAll(async () => {
  for (const x of targets) await x.drop().catch(() => undefined);
  await dropSource?.();
  rmSync(work, { recursive: true, force: true });
});

describe('npm run backup / npm run restore', () => {
  let source: Contents;
  let target: Env;

  it('backs up the database and every file, with a manifest of counts and hashes', async () => {
    const out = cli('backup-cli.ts', ['--out', backupDir], sourceEnv);
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    expect(out.stdout).toContain('备份完成');
    const manifest = JSON.parse(readFileSync(join(backupDir, 'manifest.json'), 'utf8')) as {
      tables: { name: string; rows: number; sha256: string }[];
      files: { sha256: string; referenced: boolean }[];
    };
    source = await contentsOf(sourceEnv);
    // Every table, with its row count; the files the rows refer to, and the one no row refers to.
    expect(Object.fromEntries(manifest.tables.map((x) => [x.name, x.rows]))).toEqual(
      Object.fromEntries(Object.entries(source.tables).map(([k, v]) => [k, v.length])),
    );
    expect(source.tables.audit_pending!.length).toBeGreaterThan(0);
    expect(source.tables.audit_checkpoints!.length).toBe(1);
    const storeFiles = filesOf(sourceFiles);
    expect(manifest.files.map((f) => f.sha256).sort()).toEqual(Object.keys(storeFiles).sort());
    expect(manifest.files.filter((f) => !f.referenced)).toHaveLength(1);
    expect(manifest.files.map((f) => f.sha256)).toEqual(
      expect.arrayContaining([sha256Of(PNG), sha256Of(PDF)]),
    );
  }, 180_000);

  it('restores into an empty database: every row, every file hash, the audit log verifies', async () => {
    target = await emptyTarget();
    const out = cli('restore-cli.ts', ['--from', backupDir], target);
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    expect(out.stdout).toContain('恢复完成');
    expect(out.stdout).toContain('均与清单一致');

    const restored = await contentsOf(target);
    expect(Object.keys(restored.tables)).toEqual(Object.keys(source.tables));
    for (const name of Object.keys(source.tables))
      expect(restored.tables[name], name).toEqual(source.tables[name]);
    expect(restored.migrations).toEqual(source.migrations);
    expect(restored.sequences).toEqual(source.sequences);

    const before = filesOf(sourceFiles);
    const after = filesOf(target.FILES_DIR!);
    expect(after).toEqual(before);
    for (const [name, hash] of Object.entries(after)) expect(hash).toBe(name);

    const verify = cli('audit-verify-cli.ts', [], target);
    expect(verify.status, verify.stdout + verify.stderr).toBe(0);
    expect(verify.stdout).toMatch(
      /审计日志完整：共 \d+ 条记录，20 条已入哈希链，\d+ 条待封存，核对签名检查点 1 个/,
    );
  }, 240_000);

  it('an app on the restored database: sessions, sign-in, files and new rows carry on', async () => {
    const database = await openDatabase({ databaseUrl: target.DATABASE_URL, dataDir: target.DATA_DIR ?? '' });
    const keys = join(work, 'keys');
    const ctx: AppContext = {
      db: database.db,
      dbKind: database.kind,
      config: { ...loadConfig({}), AUDIT_KEY: TEST_AUDIT_KEY, AUDIT_SEAL_INTERVAL_MS: 0 },
      clock: new SettableClock(new Date(NOW)),
      storage: new LocalDiskStorage(target.FILES_DIR!),
      signingKeys: new ConfiguredSigningKeyProvider({ keysDir: keys }),
      pdfIdentities: new PdfIdentityStore(keys),
    };
    const app = await buildApp({ ctx, serveWeb: false });
    await app.ready();
    try {
      // The session begun before the backup is still valid.
      const me = await app.inject({
        method: 'GET',
        url: '/api/v1/auth/me',
        headers: { cookie: teacher.cookie },
      });
      expect(me.statusCode, me.body).toBe(200);
      expect(me.json().username).toBe(teacherUsername);
      // A fresh sign-in with the password set before the backup.
      const s = await login(app, teacherUsername, TEST_PASSWORD);
      const detail = (await s.get(`/api/v1/applications/${applicationId}`)).json<ApplicationDetail>();
      expect(detail).toMatchObject({ id: applicationId, status: 'submitted', version: 1 });
      const content = await s.get(`/api/v1/uploads/${idCardUploadId}/content`);
      expect(content.statusCode).toBe(200);
      expect(content.rawPayload.equals(PNG)).toBe(true);
      // New rows take the next numbers (sequences restored past the loaded rows).
      const maxUpload = Math.max(...source.tables.uploads!.map((r) => Number(/^\((\d+),/.exec(r)![1])));
      const next = await s.upload('/api/v1/uploads', Buffer.concat([PNG, Buffer.from('new')]), '新.png');
      expect(next.statusCode, next.body).toBe(201);
      expect(next.json().id).toBe(maxUpload + 1);
    } finally {
      await app.close();
      await database.close();
    }
  }, 120_000);

  it('refuses a non-empty database without --force, and replaces it with --force', async () => {
    const refused = cli('restore-cli.ts', ['--from', backupDir], target);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('目标数据库不是空的');
    expect(refused.stderr).toContain('--force');
    const forced = cli('restore-cli.ts', ['--from', backupDir, '--force'], target);
    expect(forced.stderr).toBe('');
    expect(forced.status).toBe(0);
    const restored = await contentsOf(target);
    for (const name of Object.keys(source.tables))
      expect(restored.tables[name], name).toEqual(source.tables[name]);
    expect(restored.sequences).toEqual(source.sequences);
  }, 240_000);

  it('refuses a damaged backup in Chinese and leaves the target empty', async () => {
    const empty = await emptyTarget();
    const damagedCopy = (name: string, harm: (dir: string) => void) => {
      const dir = join(work, name);
      cpSync(backupDir, dir, { recursive: true });
      harm(dir);
      return dir;
    };
    const cases: [string, string, RegExp][] = [
      [
        // One byte of one row changed (and the archive rebuilt, so only the hash can tell).
        damagedCopy('edited-row', (dir) => {
          const file = join(dir, 'tables', 'accounts.jsonl.gz');
          const text = gunzipSync(readFileSync(file)).toString('utf8');
          writeFileSync(
            file,
            // (The administrator's username: an applicant's is their ID number, not stored in clear.)
            gzipSync(Buffer.from(text.replace('"admin"', '"admiN"'))),
          );
        }),
        'edited row',
        /备份已损坏：表 accounts 的数据与清单不符.*SHA-256 不一致/,
      ],
      [
        // One byte of the compressed file flipped.
        damagedCopy('flipped-byte', (dir) => {
          const file = join(dir, 'tables', 'applications.jsonl.gz');
          const bytes = readFileSync(file);
          bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
          writeFileSync(file, bytes);
        }),
        'flipped byte',
        /备份已损坏：表 applications/,
      ],
      [
        damagedCopy('missing-file', (dir) => {
          const sha = sha256Of(PDF);
          unlinkSync(join(dir, 'files', sha.slice(0, 2), sha.slice(2, 4), sha));
        }),
        'missing file',
        /备份已损坏：缺少文件/,
      ],
    ];
    for (const [dir, what, message] of cases) {
      const out = cli('restore-cli.ts', ['--from', dir], empty);
      expect(out.status, what).toBe(1);
      expect(out.stderr, what).toMatch(message);
      expect(out.stderr, what).toContain('未做任何恢复');
      expect(await relationsIn(empty), what).toBe(0);
      expect(filesOf(empty.FILES_DIR!), what).toEqual({});
    }
  }, 240_000);

  it.runIf(template.kind === 'postgres')(
    'one format for both: the PostgreSQL backup restores into PGlite, row for row',
    async () => {
      const embedded = await emptyTarget('pglite');
      const out = cli('restore-cli.ts', ['--from', backupDir], embedded);
      expect(out.stderr).toBe('');
      expect(out.status).toBe(0);
      const restored = await contentsOf(embedded);
      for (const name of Object.keys(source.tables))
        expect(restored.tables[name], name).toEqual(source.tables[name]);
      expect(cli('audit-verify-cli.ts', [], embedded).status).toBe(0);
    },
    240_000,
  );
});
