/**
 * `npm run bench:certificates` — issuing certificates (issue 10): a 批复 of 500 persons issued end to end
 * through the real service code (createDraft, issue: 文号, certificate numbers, SM2-signed QR payloads,
 * notifications; then the 批复 rendered as DOCX and PDF), and single e-certificate PDFs (render + PDF
 * signature, certificatesService.certificatePdf) one after another.
 *
 * Runs on the embedded database (PGlite in a temp data dir) by default, or on PostgreSQL when DATABASE_URL is
 * set (a scratch database zc_bench_cert_<random> that it creates and drops). Every figure is printed beside a
 * reference measured in the same run on the same machine, so they can be read as ratios on a busy machine:
 * SM2 signing and verifying alone (signClaims also verifies each signature it makes), pdf-lib saving an empty
 * page, signPdf of that empty page, an RSA-2048 signature by node:crypto (the floor under signPdf, which
 * uses node-forge), docx packing an empty document. References are measured before and after the
 * service figures; the ratios use their mean. Never fails on timing; exits non-zero only if what was issued
 * is wrong (numbers, notifications, PDF signature).
 *
 * BENCH_PERSONS (default 500) and BENCH_PDFS (default 50, after 5 warm-up PDFs) override the sizes.
 */
import { generateKeyPairSync, randomBytes, sign as cryptoSign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { PGlite } from '@electric-sql/pglite';
import { Document, Packer, Paragraph } from 'docx';
import { and, asc, eq, inArray } from 'drizzle-orm';
import pg from 'pg';
import { PDFDocument } from 'pdf-lib';
import { prepareDatabase } from '../src/server/bootstrap.js';
import { auditKeyOf, useAuditKey } from '../src/server/modules/audit/audit-key.js';
import { loadConfig } from '../src/server/config.js';
import { type AppContext, SettableClock } from '../src/server/context.js';
import { ConfiguredSigningKeyProvider } from '../src/server/crypto/agency-keys.js';
import { canonicalBytes, type CertificateClaims } from '../src/domain/certificate-payload.js';
import { checkCharacterOf } from '../src/domain/id-number.js';
import { PdfIdentityStore } from '../src/server/crypto/pdf-identities.js';
import { generateSm2KeyPair, sm2Sign, sm2Verify } from '../src/server/crypto/sm2.js';
import { type Database, openPglite, openPostgres } from '../src/server/db/client.js';
import {
  accounts,
  agencies,
  applications,
  batches,
  certificates,
  notifications,
  organisations,
  persons,
  roleAssignments,
} from '../src/server/db/schema.js';
import { renderApprovalDocx, renderApprovalPdf } from '../src/server/documents/approval-document.js';
import { renderCertificatePdf } from '../src/server/documents/certificate-pdf.js';
import { signPdf, verifyPdfSignature } from '../src/server/documents/pdf-signature.js';
import * as approvals from '../src/server/modules/approvals/approvals-service.js';
import { loadActor } from '../src/server/modules/auth/auth-service.js';
import { signCertificatePdf } from '../src/server/modules/certificates/certificate-pdf-signing.js';
import * as certificatesService from '../src/server/modules/certificates/certificates-service.js';
import { insertOrganisation } from '../src/server/modules/organisations/organisations-repository.js';
import { levelNames } from '../src/contract/common.js';
import { LocalDiskStorage } from '../src/server/storage/file-storage.js';
import { personColumns } from '../src/server/crypto/personal-data-cipher.js';

const PERSONS = Number(process.env.BENCH_PERSONS ?? 500);
const PDFS = Number(process.env.BENCH_PDFS ?? 50);
const WARMUP = 5;
const ORIGIN = 'https://zc.example.gov.cn';

// ---------------------------------------------------------------------------------------------------
// Timing helpers

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]!;
}

interface Series {
  n: number;
  totalMs: number;
  p50: number;
  p95: number;
  perSecond: number;
}

/** Runs fn(i) for i < n one after another (after `warm` untimed calls); per-call milliseconds. */
async function series(n: number, fn: (i: number) => unknown, warm = 0): Promise<Series> {
  for (let i = 0; i < warm; i++) await fn(i);
  const ms: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    ms.push(performance.now() - t);
  }
  const totalMs = performance.now() - t0;
  ms.sort((a, b) => a - b);
  return { n, totalMs, p50: quantile(ms, 0.5), p95: quantile(ms, 0.95), perSecond: (n * 1000) / totalMs };
}

/** Display width in a terminal: CJK and full-width characters take two columns. */
const width = (text: string) => [...text].reduce((w, ch) => w + (ch.codePointAt(0)! >= 0x2e80 ? 2 : 1), 0);
const padEnd = (text: string, w: number) => text + ' '.repeat(Math.max(1, w - width(text)));
const padStart = (text: string, w: number) => ' '.repeat(Math.max(1, w - width(text))) + text;
const f1 = (x: number) => x.toFixed(1);
const f2 = (x: number) => x.toFixed(2);

// ---------------------------------------------------------------------------------------------------
// References: the same building blocks without our code around them.

interface References {
  /** sm2Sign alone, per signature */
  sm2SignMs: number;
  /** sm2Verify alone, per verification */
  sm2VerifyMs: number;
  /** sm2Sign + sm2Verify (what signClaims does for each certificate), per certificate */
  sm2SignVerifyMs: number;
  /** pdf-lib: create, add an empty A4 page, save */
  emptyPdfMs: number;
  /** signPdf (placeholder + RSA PKCS#7 signature) of that empty page */
  signEmptyPdfMs: number;
  /** node:crypto RSA-2048 SHA-256 signature of 60 KB (OpenSSL: the floor under signPdf's node-forge) */
  rsaSignMs: number;
  /** docx: Packer.toBuffer of a document with one paragraph */
  emptyDocxMs: number;
}

async function measureReferences(ctx: AppContext, sampleClaims: CertificateClaims): Promise<References> {
  const keys = generateSm2KeyPair();
  const message = canonicalBytes(sampleClaims);
  const sign = await series(200, () => sm2Sign(message, keys.privateKey, keys.publicKey), 20);
  const signature = sm2Sign(message, keys.privateKey, keys.publicKey);
  const verify = await series(
    100,
    () => {
      if (!sm2Verify(message, signature, keys.publicKey)) throw new Error('SM2 verification failed');
    },
    10,
  );
  const signVerify = await series(
    100,
    () => {
      const s = sm2Sign(message, keys.privateKey, keys.publicKey);
      if (!sm2Verify(message, s, keys.publicKey)) throw new Error('SM2 self-check failed');
    },
    10,
  );
  const emptyPdf = async () => {
    const doc = await PDFDocument.create();
    doc.addPage([595.28, 841.89]);
    return doc.save();
  };
  const pdf = await series(50, emptyPdf, 10);
  const emptyBytes = await emptyPdf();
  const identity = await ctx.pdfIdentities.identity('GZ02', sampleClaims.agency);
  const signed = await series(
    30,
    () =>
      signPdf(emptyBytes, identity, {
        // As signCertificatePdf passes them (without a name signPdf decodes the PKCS#12 for the CN).
        name: sampleClaims.agency,
        reason: '专业技术资格电子证书',
        location: sampleClaims.agency,
        signingTime: ctx.clock.now(),
      }),
    5,
  );
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const sixtyKB = randomBytes(60 * 1024);
  const rsaSign = await series(50, () => cryptoSign('sha256', sixtyKB, rsa.privateKey), 5);
  const docx = await series(
    30,
    () => Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('批复')] }] })),
    5,
  );
  return {
    sm2SignMs: sign.totalMs / sign.n,
    sm2VerifyMs: verify.totalMs / verify.n,
    sm2SignVerifyMs: signVerify.totalMs / signVerify.n,
    emptyPdfMs: pdf.totalMs / pdf.n,
    signEmptyPdfMs: signed.totalMs / signed.n,
    rsaSignMs: rsaSign.totalMs / rsaSign.n,
    emptyDocxMs: docx.totalMs / docx.n,
  };
}

// ---------------------------------------------------------------------------------------------------
// The database: PGlite in a temp dir, or a scratch PostgreSQL database.

interface Opened {
  database: Database;
  label: string;
  drop(): Promise<void>;
}

async function openBenchDatabase(tempDir: string): Promise<Opened> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `zc_bench_cert_${randomBytes(5).toString('hex')}`;
    const adminUrl = new URL(url);
    adminUrl.pathname = '/postgres';
    const admin = new pg.Client({ connectionString: adminUrl.toString() });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const dbUrl = new URL(url);
    dbUrl.pathname = `/${name}`;
    return {
      database: openPostgres(dbUrl.toString()),
      label: `PostgreSQL（临时库 ${name}）`,
      drop: async () => {
        const a = new pg.Client({ connectionString: adminUrl.toString() });
        await a.connect();
        await a.query(`drop database if exists ${name} with (force)`);
        await a.end();
      },
    };
  }
  const client = new PGlite(join(tempDir, 'pgdata'));
  await client.waitReady;
  return { database: openPglite(client), label: 'PGlite（临时数据目录）', drop: async () => undefined };
}

// ---------------------------------------------------------------------------------------------------
// Data: an agency leader and PERSONS recognised applications, inserted directly (the review chain that
// leads there is not what is measured; test/approvals.test.ts sets them up the same way).

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙朱胡郭何高林罗钟曾谢邱廖赖温肖彭谭宋袁邓'];
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉晓春燕鹏飞宇浩然婷雪琳'];

function idNumber(birth: string, seq: number): string {
  const first17 = `360702${birth}${String(seq).padStart(3, '0')}`;
  return first17 + checkCharacterOf(first17);
}

async function setUp(ctx: AppContext) {
  const db = ctx.db;
  const [gz02] = await db.select().from(agencies).where(eq(agencies.code, 'GZ02'));
  if (!gz02) throw new Error('reference data has no agency GZ02');
  const [bureau] = await db.select().from(organisations).where(eq(organisations.id, gz02.organisationId));
  const agencyBatches = await db
    .select()
    .from(batches)
    .where(and(eq(batches.agencyId, gz02.id), eq(batches.year, 2026)))
    .orderBy(asc(batches.number));
  const batch = agencyBatches.find((b) => b.number === 4) ?? agencyBatches[0];
  if (!bureau || !batch) throw new Error('reference data has no 章贡区 organisation or 2026 batch');
  const employer = await insertOrganisation(
    db,
    {
      kind: 'employer',
      name: '赣州市章贡区第一中学',
      parentId: bureau.id,
      regionId: bureau.regionId,
      ownership: 'state',
      employerKind: 'school',
    },
    bureau.path,
  );

  // The agency's leader seat.
  const [leaderPerson] = await db
    .insert(persons)
    .values({ name: '钟主任', ...personColumns({ idNumber: idNumber('19700303', 799) }) })
    .returning();
  const [leaderAccount] = await db
    .insert(accounts)
    .values({
      username: 'bench_leader',
      personId: leaderPerson!.id,
      passwordHash: 'not-a-login',
      mustChangePassword: false,
    })
    .returning();
  await db
    .insert(roleAssignments)
    .values({ accountId: leaderAccount!.id, role: 'leader', organisationId: bureau.id });
  const actor = await loadActor(ctx, leaderAccount!.id, '127.0.0.1');
  if (!actor) throw new Error('leader not loaded');
  await approvals.updateDocumentSettings(ctx, actor, 'GZ02', {
    documentPrefix: '章人社字',
    issuerName: '赣州市章贡区人力资源和社会保障局',
  });

  // PERSONS applicants, each with an account and a recognised 助理级 中小学教师 application.
  const people = Array.from({ length: PERSONS }, (_, i) => {
    // A few names with a CJK Extension B character (a surrogate pair), as real rolls have.
    const given = GIVEN[(i * 7) % GIVEN.length]! + (i % 3 ? GIVEN[(i * 13) % GIVEN.length]! : '');
    const name = SURNAMES[i % SURNAMES.length]! + (i % 100 === 7 ? '𠈌' : given);
    const birth = `19${70 + (i % 30)}${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}`;
    return { name, idNumber: idNumber(birth, i % 1000) };
  });
  const insertedPersons = await db.insert(persons).values(people).returning({ id: persons.id });
  const insertedAccounts = await db
    .insert(accounts)
    .values(
      insertedPersons.map((p, i) => ({
        username: `bench_cert_${i}`,
        personId: p.id,
        passwordHash: 'not-a-login',
        mustChangePassword: false,
      })),
    )
    .returning({ id: accounts.id, personId: accounts.personId });
  const apps = await db
    .insert(applications)
    .values(
      insertedAccounts.map((a, i) => ({
        number: `GZ02-20264-${String(i + 1).padStart(6, '0')}`,
        applicantAccountId: a.id,
        personId: a.personId,
        employerId: employer.id,
        agencyId: gz02.id,
        batchId: batch.id,
        targetLevel: 'assistant' as const,
        status: 'recognised' as const,
        form: { seriesCode: 'schoolTeacher', specialtyCode: 'juniorMiddle' },
        version: 1,
        createdByAccountId: a.id,
      })),
    )
    .returning({ id: applications.id });
  return { actor, applicationIds: apps.map((a) => a.id), accountIds: insertedAccounts.map((a) => a.id) };
}

// ---------------------------------------------------------------------------------------------------

async function main() {
  const tempDir = mkdtempSync(join(tmpdir(), 'zc-bench-cert-'));
  let opened: Opened | null = null;
  const problems: string[] = [];
  try {
    opened = await openBenchDatabase(tempDir);
    const { database } = opened;
    // A throwaway audit key: the bench's rows are never verified against a kept one.
    useAuditKey(auditKeyOf(generateSm2KeyPair().privateKey));
    const prepared = await timed(() => prepareDatabase(database, new Date('2026-01-01T00:00:00+08:00')));
    const filesDir = join(tempDir, 'files');
    const ctx: AppContext = {
      db: database.db,
      dbKind: database.kind,
      config: loadConfig({}),
      clock: new SettableClock(new Date('2026-12-10T10:00:00+08:00')),
      storage: new LocalDiskStorage(filesDir),
      signingKeys: new ConfiguredSigningKeyProvider({ keysDir: join(filesDir, 'keys') }),
      pdfIdentities: new PdfIdentityStore(join(filesDir, 'keys')),
    };
    const setup = await timed(() => setUp(ctx));
    const { actor, applicationIds, accountIds } = setup.value;
    console.log(
      `证书签发基准：${opened.label}，${PERSONS} 人的批复；迁移与参考数据 ${f1(prepared.ms / 1000)} s，` +
        `造数 ${f1(setup.ms / 1000)} s（不计入下列数字）`,
    );

    // The agency's SM2 key and PDF identity are made at first use, once per agency: made here, untimed.
    await ctx.signingKeys.keyPair('GZ02');
    await ctx.pdfIdentities.identity('GZ02', '章贡区职称改革领导小组办公室');
    // References, first pass (before the service figures; the second pass comes after them).
    const sampleClaims: CertificateClaims = {
      number: '2026GZ02200001',
      name: '张晓华',
      gender: '男',
      birthMonth: '1990-01',
      series: '中小学教师',
      specialty: '初中',
      qualification: '二级教师',
      level: '助理级',
      agencyCode: 'GZ02',
      agency: '章贡区职称改革领导小组办公室',
      documentNumber: '章人社字〔2026〕1号',
      obtainedOn: '2026-12-10',
      issuedOn: '2026-12-10',
      employer: '赣州市章贡区第一中学',
    };
    const refA = await measureReferences(ctx, sampleClaims);

    // --- 1. the 批复 end to end ------------------------------------------------------------------
    const candidates = await timed(() => approvals.listCandidates(ctx, actor, {}));
    if (candidates.value.length !== PERSONS) problems.push(`${candidates.value.length} candidates`);
    const draft = await timed(() =>
      approvals.createDraft(ctx, actor, { applicationIds, effectiveOn: '2026-12-10' }),
    );
    const issued = await timed(() => approvals.issue(ctx, actor, draft.value.id));
    const doc = issued.value;
    const numbers = doc.items.map((i) => i.certificateNumber);
    if (doc.status !== 'issued' || !doc.documentNumber) problems.push(`批复 status ${doc.status}`);
    if (new Set(numbers).size !== PERSONS || numbers.some((n) => !n))
      problems.push(`${new Set(numbers).size} distinct certificate numbers for ${PERSONS} persons`);
    const notes = await ctx.db
      .select({ id: notifications.id })
      .from(notifications)
      .where(and(inArray(notifications.accountId, accountIds), eq(notifications.kind, 'certificate.issued')));
    if (notes.length !== PERSONS) problems.push(`${notes.length} notifications for ${PERSONS} persons`);

    const docxCold = await timed(async () =>
      renderApprovalDocx(await approvals.documentData(ctx, actor, doc.id)),
    );
    const docxWarm = await timed(async () =>
      renderApprovalDocx(await approvals.documentData(ctx, actor, doc.id)),
    );
    const pdfCold = await timed(async () =>
      renderApprovalPdf(await approvals.documentData(ctx, actor, doc.id)),
    );
    const pdfWarm = await timed(async () =>
      renderApprovalPdf(await approvals.documentData(ctx, actor, doc.id)),
    );
    const docData = await timed(() => approvals.documentData(ctx, actor, doc.id));

    // --- 2. single e-certificate PDFs ------------------------------------------------------------
    const certIds = doc.items.map((i) => i.certificateId!);
    const certRows = await ctx.db
      .select()
      .from(certificates)
      .where(inArray(certificates.id, certIds.slice(0, WARMUP + PDFS)));
    const byId = new Map(certRows.map((c) => [c.id, c]));
    let lastPdf: Uint8Array = new Uint8Array();
    for (let i = 0; i < WARMUP; i++)
      lastPdf = (await certificatesService.certificatePdf(ctx, actor, certIds[i]!, ORIGIN)).bytes;
    const pdfIds = certIds.slice(WARMUP, WARMUP + PDFS);
    const certPdfs = await series(pdfIds.length, async (i) => {
      lastPdf = (await certificatesService.certificatePdf(ctx, actor, pdfIds[i]!, ORIGIN)).bytes;
    });
    const check = verifyPdfSignature(lastPdf);
    if (!check.signed || !check.intact) problems.push(`certificate PDF signature: ${check.problem ?? '?'}`);
    // Breakdown of the same work: rendering alone, then the signing step alone (on rendered bytes).
    const rendered: Uint8Array[] = [];
    const dataOf = (id: number) => {
      const c = byId.get(id)!;
      return {
        claims: { ...c, level: levelNames[c.level] as CertificateClaims['level'], agency: c.agencyName },
        qrText: `${ORIGIN}/verify?c=${c.qrPayload}`,
        verifyUrl: `${ORIGIN}/verify`,
        status: c.status,
      };
    };
    const renderOnly = await series(pdfIds.length, async (i) => {
      rendered[i] = await renderCertificatePdf(dataOf(pdfIds[i]!));
    });
    const signOnly = await series(pdfIds.length, (i) => {
      const c = byId.get(pdfIds[i]!)!;
      return signCertificatePdf(ctx, 'GZ02', c.agencyName, rendered[i]!, c.qrPayload);
    });

    // --- 3. references: the second pass, after the service figures ----------------------------
    const refB = await measureReferences(ctx, sampleClaims);
    const mean = (k: keyof References) => (refA[k] + refB[k]) / 2;
    const ref = {
      sm2SignMs: mean('sm2SignMs'),
      sm2VerifyMs: mean('sm2VerifyMs'),
      sm2SignVerifyMs: mean('sm2SignVerifyMs'),
      emptyPdfMs: mean('emptyPdfMs'),
      signEmptyPdfMs: mean('signEmptyPdfMs'),
      rsaSignMs: mean('rsaSignMs'),
      emptyDocxMs: mean('emptyDocxMs'),
    };

    // --- report ---------------------------------------------------------------------------------
    const row = (label: string, value: string, ratio = '') =>
      console.log(`  ${padEnd(label, 50)}${padStart(value, 12)}  ${ratio}`);
    console.log('');
    console.log('参照（同一次运行中测得，两轮取均值）');
    const refRow = (label: string, k: keyof References) =>
      row(
        label,
        `${f2(mean(k))} ms`,
        `${f1(1000 / mean(k))} 次/s（两轮 ${f2(refA[k])} / ${f2(refB[k])} ms）`,
      );
    refRow('SM2 签名（sm2Sign）', 'sm2SignMs');
    refRow('SM2 验签（sm2Verify）', 'sm2VerifyMs');
    refRow('SM2 签名 + 自检验签（signClaims 的密码学部分）', 'sm2SignVerifyMs');
    refRow('pdf-lib 空白页 create + save', 'emptyPdfMs');
    refRow('signPdf 空白页（RSA PKCS#7）', 'signEmptyPdfMs');
    refRow('RSA-2048 签名 60 KB（node:crypto）', 'rsaSignMs');
    refRow('docx 空文档 Packer.toBuffer', 'emptyDocxMs');

    const perPerson = issued.ms / PERSONS;
    console.log('');
    console.log(`1. 批复 ${PERSONS} 人（${doc.documentNumber}）`);
    row('列出待发证申报（listCandidates）', `${f1(candidates.ms)} ms`);
    row('起草（createDraft）', `${f1(draft.ms)} ms`, `${f2(draft.ms / PERSONS)} ms/人`);
    row(
      '签发（issue：文号、证书编号、SM2、通知）',
      `${f1(issued.ms)} ms`,
      `${f2(perPerson)} ms/人 = ${f2(perPerson / ref.sm2SignVerifyMs)}× SM2 签名+验签；` +
        `其中 SM2 约占 ${f1((100 * PERSONS * ref.sm2SignVerifyMs) / issued.ms)}%`,
    );
    row('批复内容（documentData，渲染前的查询）', `${f1(docData.ms)} ms`);
    row(
      '批复 DOCX（documentData + renderApprovalDocx）',
      `${f1(docxCold.ms)} ms`,
      `再次 ${f1(docxWarm.ms)} ms = ${f1(docxWarm.ms / ref.emptyDocxMs)}× docx 空文档`,
    );
    row(
      '批复 PDF（documentData + renderApprovalPdf）',
      `${f1(pdfCold.ms)} ms`,
      `再次 ${f1(pdfWarm.ms)} ms = ${f1(pdfWarm.ms / ref.emptyPdfMs)}× pdf-lib 空白页`,
    );
    const total = draft.ms + issued.ms + docxWarm.ms + pdfWarm.ms;
    row('合计（起草 + 签发 + DOCX + PDF，后两者取再次）', `${f1(total / 1000)} s`);

    console.log('');
    console.log(`2. 单张电子证书 PDF（certificatePdf：渲染 + 电子签名），预热 ${WARMUP} 张后顺序 ${PDFS} 张`);
    const line = (label: string, s: Series, refMs: number, refName: string) =>
      row(
        label,
        `${f1(s.perSecond)} 张/s`,
        `p50 ${f1(s.p50)} ms，p95 ${f1(s.p95)} ms；p50 = ${f1(s.p50 / refMs)}× ${refName}`,
      );
    line('渲染 + 签名（服务）', certPdfs, ref.emptyPdfMs + ref.signEmptyPdfMs, '空白页 save + signPdf');
    line('  其中渲染（renderCertificatePdf）', renderOnly, ref.emptyPdfMs, 'pdf-lib 空白页');
    line('  其中签名（signCertificatePdf）', signOnly, ref.signEmptyPdfMs, 'signPdf 空白页');
    console.log(`  证书 PDF ${f1(lastPdf.length / 1024)} KB；电子签名 ${check.intact ? '有效' : '无效'}`);

    console.log('');
    if (problems.length) {
      console.log(`问题 ${problems.length} 项：`);
      for (const p of problems) console.log(`  ${p}`);
      process.exitCode = 1;
    } else {
      console.log(
        `核对：${PERSONS} 个证书编号互不相同，${PERSONS} 条发证通知，证书 PDF 签名有效（计时数字不作为失败条件）`,
      );
    }
  } finally {
    if (opened) {
      await opened.database.close();
      await opened.drop();
    }
    rmSync(tempDir, { recursive: true, force: true });
  }
}

await main();
