import { spawn, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { type TestApp, createTestApp } from './helpers/test-app.js';
import { type Session, adminSession } from './helpers/session.js';
import { buildChain } from './helpers/fixtures.js';
import { appendAudit, sealAuditLog, verifyAuditChain } from '../src/server/modules/audit/audit-repository.js';
import { auditChain, auditLog, auditPending } from '../src/server/db/schema.js';
import { type Db, openDatabase } from '../src/server/db/client.js';
import { testAuditKey } from './helpers/test-audit-key.js';

let t: TestApp;
/** Seals everything pending, as the instances' sealer loops do (switched off here to decide when). */
async function sealAll(db: Db) {
  for (;;) if ((await sealAuditLog(db, testAuditKey, new Date(), { limit: 100 })).sealed < 100) return;
}

beforeAll(async () => {
  t = await createTestApp({ AUDIT_SEAL_INTERVAL_MS: 0 }, undefined, { onDisk: true });
  const admin = await adminSession(t);
  await buildChain(admin);
});
afterAll(async () => {
  await t?.close().catch(() => {});
});

/** Bypasses the append-only trigger, as someone with direct database access could. */
async function tamper(statement: ReturnType<typeof sql>) {
  await t.ctx.db.transaction(async (tx) => {
    await tx.execute(sql`alter table audit_log disable trigger audit_log_no_update`);
    await tx.execute(statement);
    await tx.execute(sql`alter table audit_log enable trigger audit_log_no_update`);
  });
}

describe('audit log', () => {
  it('records every write with actor, role, organisation, address and before/after', async () => {
    const rows = await t.ctx.db.select().from(auditLog).orderBy(auditLog.seq);
    const created = rows.find(
      (r) => r.action === 'organisation.created' && (r.after as { name: string }).name === '章贡区教育局',
    )!;
    expect(created).toMatchObject({
      actorName: '刘经办',
      actorRole: 'handler',
      actorOrganisationName: '章贡区职称改革领导小组办公室',
      clientAddress: '127.0.0.1',
      targetType: 'organisation',
    });
    expect(rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(['reference.loaded', 'auth.login', 'seat.assigned', 'auth.password_changed']),
    );
  });

  it('is append-only: the database refuses an ordinary update or delete', async () => {
    await expect(t.ctx.db.execute(sql`update audit_log set action = 'x' where seq = 1`)).rejects.toThrow();
    await expect(t.ctx.db.execute(sql`delete from audit_log where seq = 1`)).rejects.toThrow();
  });

  it('verifies an intact log: rows waiting for the sealer, then the sealed chain and its checkpoint', async () => {
    const waiting = await verifyAuditChain(t.ctx.db, testAuditKey);
    expect(waiting.problems).toEqual([]);
    expect(waiting.pending).toBe(waiting.rows);
    await sealAll(t.ctx.db);
    const r = await verifyAuditChain(t.ctx.db, testAuditKey);
    expect(r.problems).toEqual([]);
    expect(r.rows).toBeGreaterThan(10);
    expect(r).toMatchObject({ sealed: r.rows, pending: 0, checkpoints: 1 });
    // Without the key, nothing can be said of the MACs and signatures: said, not passed over.
    expect((await verifyAuditChain(t.ctx.db, null)).problems).toHaveLength(1);
  });

  it('names an edited, a deleted and an inserted row', async () => {
    const [{ seq: target } = { seq: 0 }] = await t.ctx.db
      .select({ seq: auditLog.seq })
      .from(auditLog)
      .where(sql`action = 'seat.assigned'`)
      .limit(1);
    await tamper(sql`update audit_log set after = '{"personName":"冒名顶替"}'::jsonb where seq = ${target}`);
    let r = await verifyAuditChain(t.ctx.db, testAuditKey);
    expect(r.problems.map((p) => p.seq)).toEqual([target]);
    expect(r.problems[0]!.problem).toContain('篡改');

    await tamper(sql`delete from audit_log where seq = ${target + 2}`);
    r = await verifyAuditChain(t.ctx.db, testAuditKey);
    expect(r.problems.map((p) => p.seq)).toEqual([target, target + 2]);
    expect(r.problems[1]!.problem).toContain('已被删除');

    // A row written straight into the table: the trigger queues it and the sealer chains it like any
    // other, but only the system holds the key its MAC needs.
    const [forged] = await t.ctx.db
      .insert(auditLog)
      .values({
        at: new Date(),
        action: 'review.approve',
        targetType: 'application',
        targetId: '1',
        after: {},
      })
      .returning({ seq: auditLog.seq });
    r = await verifyAuditChain(t.ctx.db, testAuditKey);
    expect(r.problems.map((p) => p.seq)).toEqual([target, target + 2, forged!.seq]);
    expect(r.problems[2]!.problem).toContain('不是由本系统写入');
    await sealAll(t.ctx.db);
    r = await verifyAuditChain(t.ctx.db, testAuditKey);
    expect(r.problems.map((p) => p.seq)).toEqual([target, target + 2, forged!.seq]);

    // Taken out of the sealer's queue as well: in neither place, named as inserted.
    const [hidden] = await t.ctx.db.transaction(async (tx) => {
      const row = await tx
        .insert(auditLog)
        .values({ at: new Date(), action: 'auth.login', targetType: 'account', targetId: '1' })
        .returning({ seq: auditLog.seq });
      await tx.delete(auditPending).where(sql`seq = ${row[0]!.seq}`);
      return row;
    });
    r = await verifyAuditChain(t.ctx.db, testAuditKey);
    expect(r.problems.at(-1)).toMatchObject({ seq: hidden!.seq });
  });

  it('npm run audit:verify names the tampered row (exit code 1)', async () => {
    const drop = await t.closeKeepingData();
    try {
      const out = spawnSync('npx', ['tsx', 'src/server/cli/audit-verify-cli.ts'], {
        env: { ...process.env, DATABASE_URL: '', DATA_DIR: '', ...t.cliEnv },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(out.stderr).toBe('');
      expect(out.status).toBe(1);
      expect(out.stdout).toContain('审计日志校验未通过');
      expect(out.stdout).toMatch(/seq \d+：第 \d+ 条（seat\.assigned）的内容与其哈希不符/);
    } finally {
      await drop();
    }
  });
});

describe('the sealer killed mid-batch', () => {
  it('loses nothing: the batch stays pending, the next sealer chains it, verification is exact', async () => {
    const t2 = await createTestApp({ AUDIT_SEAL_INTERVAL_MS: 0 }, undefined, { onDisk: true });
    await buildChain(await adminSession(t2));
    const pendingBefore = (await t2.ctx.db.select().from(auditPending))
      .map((p) => p.seq)
      .sort((a, b) => a - b);
    expect(pendingBefore.length).toBeGreaterThan(10);
    const drop = await t2.closeKeepingData();
    try {
      const sealer = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/seal-and-hang.ts'], {
        env: { ...process.env, DATABASE_URL: '', DATA_DIR: '', ...t2.cliEnv, SEAL_LIMIT: '5' },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      await new Promise<void>((resolve, reject) => {
        sealer.stdout.on('data', (b: Buffer) => b.toString().includes('HOLDING') && resolve());
        sealer.once('exit', (code) =>
          reject(new Error(`the sealer exited (${code}) before holding its batch`)),
        );
      });
      sealer.kill('SIGKILL');
      await new Promise((r) => sealer.once('exit', r));

      const database = await openDatabase({
        databaseUrl: t2.cliEnv.DATABASE_URL,
        dataDir: t2.cliEnv.DATA_DIR ?? '',
      });
      try {
        const pendingAfter = (await database.db.select().from(auditPending)).map((p) => p.seq);
        expect(pendingAfter.sort((a, b) => a - b)).toEqual(pendingBefore);
        expect(await database.db.select().from(auditChain)).toEqual([]);
        await sealAll(database.db);
        const r = await verifyAuditChain(database.db, testAuditKey);
        expect(r.problems).toEqual([]);
        expect(r).toMatchObject({ rows: pendingBefore.length, sealed: pendingBefore.length, pending: 0 });
      } finally {
        await database.close();
      }
    } finally {
      await drop();
    }
  }, 120_000);
});

describe('audit export', () => {
  // An app of their own: the file's app is closed by the tests above.
  let t2: TestApp;
  let admin: Session;
  beforeAll(async () => {
    t2 = await createTestApp();
    admin = await adminSession(t2);
  });
  afterAll(() => t2?.close());

  it('exports the log as an Excel file that auditors can open', async () => {
    const res = await admin.get('/api/v1/audit-logs/export.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('审计日志')!;
    expect(ws.getRow(1).getCell(7).value).toBe('操作');
    // In words, as the page shows them (issue 11 item 13); the code only in the last column.
    const rows = ws.getSheetValues().slice(2) as unknown[][];
    const actions = rows.map((r) => r[7]);
    expect(actions).toEqual(expect.arrayContaining(['载入参考数据', '登录', '修改密码']));
    expect(rows.map((r) => r[13])).toEqual(expect.arrayContaining(['reference.loaded', 'auth.login']));
    const code = /^[a-z_]+(\.[a-z_]+)?$/;
    for (const r of rows) {
      for (const c of [r[4], r[7], r[8]]) if (c) expect(String(c)).not.toMatch(code);
      for (const c of [r[10], r[11]]) if (c) expect(String(c)).not.toMatch(/[{"]/);
    }
    const loaded = rows.find((r) => r[13] === 'reference.loaded')!;
    expect(loaded[4]).toBe('系统');
    expect(String(loaded[11])).toMatch(/：/);
    const total = (await admin.get('/api/v1/audit-logs')).json().total;
    expect(ws.rowCount - 1).toBe(total);
  });

  it('writes what people typed, formula-like, as text behind an apostrophe (issue 13 item 3)', async () => {
    // The newest row is the one appended here.
    // Names and values as they may reach the log: a unit's name, a target id, a changed value.
    const hostile = ['=HYPERLINK("http://evil.example","点我")', "+cmd|' /C calc'!A0", '@SUM(1)', '-2+3'];
    await t2.ctx.db.transaction((tx) =>
      appendAudit(
        tx,
        {
          accountId: null,
          name: hostile[3]!,
          role: 'system_admin',
          organisationId: null,
          organisationName: hostile[0]!,
          clientAddress: hostile[2]!,
        },
        {
          action: 'organisation.updated',
          targetType: 'organisation',
          targetId: hostile[1]!,
          before: '=1+1',
          after: hostile[0],
        },
        t2.ctx.clock.now(),
      ),
    );
    const res = await admin.get('/api/v1/audit-logs/export.xlsx');
    expect(res.statusCode).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('审计日志')!;
    const row = ws.getRow(2); // newest first
    // 操作人, 所在机构, 客户端地址, 对象编号, 变更前, 变更后
    expect([3, 5, 6, 9, 10, 11].map((c) => row.getCell(c).value)).toEqual([
      `'${hostile[3]}`,
      `'${hostile[0]}`,
      `'${hostile[2]}`,
      `'${hostile[1]}`,
      "'=1+1",
      `'${hostile[0]}`,
    ]);
    ws.eachRow((r) =>
      r.eachCell((c) => {
        expect(c.formula).toBeUndefined();
        if (typeof c.value === 'string') expect(c.value).not.toMatch(/^[=+@]|^-\D/);
      }),
    );
    expect(typeof row.getCell(1).value).toBe('number');
  });
});
