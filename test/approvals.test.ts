/**
 * 批复 and certificates (四、（七）, SPEC §6): an agency drafts a 批复 of recognised applications, its
 * leader issues it (文号, certificate numbers, SM2-signed QR payloads, notifications); the public query
 * answers by number + name; revocation; numbers stay unique under concurrent issuing.
 * The recognised applications are set up in the database (the review chain itself is review.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { type TestApp, createTestApp } from './helpers/test-app.js';
import { type Session, adminSession, login } from './helpers/session.js';
import { type Chain, buildChain, idNumber, seatSession } from './helpers/fixtures.js';
import {
  accounts,
  applications,
  batches,
  notifications,
  certificates,
  persons,
  reviewActions,
} from '../src/server/db/schema.js';
import { agencies } from '../src/server/db/schema.js';
import type {
  ApprovalCandidate,
  ApprovalDetail,
  DecidedPage,
  VerifyResponse,
} from '../src/contract/approvals.js';
import type { MyCertificate, PublicKeyEntry } from '../src/contract/certificates.js';
import { publicKeyLookup, verifyPayload } from '../src/server/crypto/certificate-signature.js';
import { hashPassword } from '../src/server/modules/auth/password.js';
import ExcelJS from 'exceljs';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { verifyPdfSignature } from '../src/server/documents/pdf-signature.js';
import { personColumns, readPerson } from '../src/server/crypto/personal-data-cipher.js';

let t: TestApp;
let admin: Session;
let chain: Chain;
let leader: Session;
let seq = 800;
let unusedHash = '';
const RARE = '张𠈌';

/**
 * A person with an applicant account whose 助理级 中小学教师 application ended as `status`, with the
 * last review step taken by `decidedBy` (the agency unless the unit rejected it).
 */
async function recognised(
  name: string,
  password?: string,
  status: 'recognised' | 'rejected' = 'recognised',
  decidedBy: 'agency' | 'unit' = 'agency',
) {
  const db = t.ctx.db;
  const [gz02] = await db.select().from(agencies).where(eq(agencies.code, 'GZ02'));
  const [batch] = await db
    .select()
    .from(batches)
    .where(and(eq(batches.agencyId, gz02!.id), eq(batches.year, 2026), eq(batches.number, 4)));
  const id = idNumber(seq % 2 ? '19950101' : '19960202', seq++);
  const [person] = await db
    .insert(persons)
    .values({ name, ...personColumns({ idNumber: id }) })
    .returning();
  const [account] = await db
    .insert(accounts)
    .values({
      username: `cert${seq}`,
      personId: person!.id,
      passwordHash: password ? await hashPassword(password) : unusedHash,
      mustChangePassword: false,
    })
    .returning();
  const [app] = await db
    .insert(applications)
    .values({
      number: `GZ02-20264-${String(seq).padStart(6, '0')}`,
      applicantAccountId: account!.id,
      personId: person!.id,
      employerId: chain.school.id,
      agencyId: gz02!.id,
      batchId: batch!.id,
      targetLevel: 'assistant',
      status,
      form: { seriesCode: 'schoolTeacher', specialtyCode: 'juniorMiddle' },
      version: 1,
      createdByAccountId: account!.id,
    })
    .returning();
  await db.insert(reviewActions).values({
    applicationId: app!.id,
    version: 1,
    stage: decidedBy === 'agency' ? 'agency_leader' : 'unit_handler',
    decision: status === 'recognised' ? 'approve' : 'reject',
    organisationId: decidedBy === 'agency' ? chain.bureau.id : chain.school.id,
    accountId: account!.id,
    personId: person!.id,
    personName: '审查人',
    role: decidedBy === 'agency' ? 'leader' : 'handler',
    revisionAfter: 1,
  });
  return { app: app!, account: { ...account!, username: account!.username! }, person: readPerson(person!) };
}

beforeAll(async () => {
  t = await createTestApp({}, '2026-12-10T10:00:00+08:00');
  unusedHash = await hashPassword('Unused-Passw0rd');
  admin = await adminSession(t);
  chain = await buildChain(admin);
  leader = await seatSession(admin, chain.bureau.id, 'leader', {
    name: '钟主任',
    idNumber: idNumber('19700303', 799),
  });
});
afterAll(() => t.close());

/** The agency's 机关代字, without which nothing is issued (the first describe shows it being asked for). */
async function setDocumentPrefix() {
  const res = await leader.put('/api/v1/agencies/GZ02/document-settings', {
    documentPrefix: '章人社字',
    issuerName: '赣州市章贡区人力资源和社会保障局',
  });
  expect(res.statusCode, res.body).toBe(200);
}

describe('a 批复 of recognised applications', () => {
  let doc: ApprovalDetail;
  let holder: Awaited<ReturnType<typeof recognised>>;

  it('lists the recognised applications without a certificate to the agency only', async () => {
    holder = await recognised(RARE, 'Holder-Passw0rd');
    await recognised('李晓华');
    await recognised('黄志强');
    const list = (await leader.get('/api/v1/approvals/candidates')).json<ApprovalCandidate[]>();
    expect(list.map((c) => c.name)).toEqual([RARE, '李晓华', '黄志强']);
    expect(list[0]).toMatchObject({ series: '中小学教师', qualification: '二级教师', level: 'assistant' });
    expect((await chain.schoolHandler.get('/api/v1/approvals/candidates')).statusCode).toBe(403);
    const anon = await t.app.inject({ method: 'GET', url: '/api/v1/approvals/candidates' });
    expect(anon.statusCode).toBe(401);
  });

  it('drafts one with the system’s title; the handler may draft, only the leader issues', async () => {
    const list = (await chain.bureauHandler.get('/api/v1/approvals/candidates')).json<ApprovalCandidate[]>();
    const res = await chain.bureauHandler.post('/api/v1/approvals', {
      applicationIds: list.map((c) => c.applicationId),
      effectiveOn: '2026-12-10',
    });
    expect(res.statusCode, res.body).toBe(201);
    doc = res.json<ApprovalDetail>();
    expect(doc).toMatchObject({
      status: 'draft',
      documentNumber: null,
      title: `关于${RARE}等3位同志具备中小学教师专业技术资格的批复`,
      recipient: '赣州市章贡区第一中学',
      // 𠈌 (Extension B) is in the embedded fonts: nothing to warn about.
      unprintable: [],
    });
    // Each application can be in one 批复 only.
    const again = await leader.post('/api/v1/approvals', { applicationIds: [list[0]!.applicationId] });
    expect(again.statusCode).toBe(422);
    expect((await chain.bureauHandler.post(`/api/v1/approvals/${doc.id}/issue`)).statusCode).toBe(403);
  });

  it('needs the agency’s 机关代字 before issuing', async () => {
    const res = await leader.post(`/api/v1/approvals/${doc.id}/issue`);
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('DOCUMENT_PREFIX_MISSING');
    const bad = await leader.put('/api/v1/agencies/GZ02/document-settings', { documentPrefix: '章人社字2' });
    expect(bad.statusCode).toBe(422);
    const other = await leader.put('/api/v1/agencies/GZ03/document-settings', {
      documentPrefix: '赣县人社字',
    });
    expect(other.statusCode).toBe(403);
    const ok = await leader.put('/api/v1/agencies/GZ02/document-settings', {
      documentPrefix: '章人社字',
      issuerName: '赣州市章贡区人力资源和社会保障局',
    });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('is issued: 文号, one certificate each, notifications; never edited again', async () => {
    const res = await leader.post(`/api/v1/approvals/${doc.id}/issue`);
    expect(res.statusCode, res.body).toBe(200);
    doc = res.json<ApprovalDetail>();
    expect(doc).toMatchObject({
      status: 'issued',
      documentNumber: '章人社字〔2026〕1号',
      issuedOn: '2026-12-10',
    });
    expect(doc.items.map((i) => i.certificateNumber)).toEqual([
      '2026GZ02200001',
      '2026GZ02200002',
      '2026GZ02200003',
    ]);
    expect((await leader.post(`/api/v1/approvals/${doc.id}/issue`)).statusCode).toBe(409);
    expect((await leader.delete(`/api/v1/approvals/${doc.id}`)).statusCode).toBe(409);
    const notes = await t.ctx.db
      .select()
      .from(notifications)
      .where(eq(notifications.accountId, holder.account.id));
    expect(notes.map((n) => n.body).join()).toContain('二级教师资格（章人社字〔2026〕1号）');
    expect((await leader.get('/api/v1/approvals/candidates')).json()).toEqual([]);
  });

  it('answers the public query by number and name alike for a wrong number or a wrong name', async () => {
    const q = (number: string, name: string) =>
      t.app.inject({
        method: 'GET',
        url: `/api/v1/certificates/verify?number=${encodeURIComponent(number)}&name=${encodeURIComponent(name)}`,
      });
    const ok = await q('2026GZ02200001', RARE);
    expect(ok.statusCode).toBe(200);
    expect(ok.json<VerifyResponse>()).toMatchObject({
      valid: true,
      certificate: {
        number: '2026GZ02200001',
        name: RARE,
        qualification: '二级教师',
        documentNumber: '章人社字〔2026〕1号',
      },
    });
    expect(ok.body).not.toContain(holder.person.idNumber!);
    const wrongName = await q('2026GZ02200001', '张三');
    const wrongNumber = await q('2026GZ02299999', RARE);
    expect(wrongName.body).toBe('{"valid":false}');
    expect(wrongNumber.body).toBe(wrongName.body);
    expect((await q('', RARE)).statusCode).toBe(400);
  });

  it('shows the holder who verified the certificate and when', async () => {
    const me = await login(t.app, holder.account.username, 'Holder-Passw0rd');
    const mine = (await me.get('/api/v1/certificates/mine')).json<MyCertificate[]>();
    expect(mine).toHaveLength(1);
    expect(mine[0]!.verifications).toHaveLength(1); // the wrong-name query is not theirs to see
    expect(mine[0]!.verifications[0]).toMatchObject({ channel: 'query' });
  });

  it('carries a QR payload that verifies offline with the published public key, and not once changed', async () => {
    const keys = (await t.app.inject({ method: 'GET', url: '/api/v1/certificates/public-keys' })).json<
      PublicKeyEntry[]
    >();
    expect(keys.map((k) => k.agencyCode)).toEqual(['GZ02']);
    const me = await login(t.app, holder.account.username, 'Holder-Passw0rd');
    const [cert] = (await me.get('/api/v1/certificates/mine')).json<MyCertificate[]>();
    const lookup = publicKeyLookup(keys);
    const good = verifyPayload(cert!.qrPayload, lookup);
    expect(good).toMatchObject({ valid: true, claims: { name: RARE, number: '2026GZ02200001' } });
    const i = Math.floor(cert!.qrPayload.length / 2);
    const flipped =
      cert!.qrPayload.slice(0, i) + (cert!.qrPayload[i] === 'A' ? 'B' : 'A') + cert!.qrPayload.slice(i + 1);
    expect(verifyPayload(flipped, lookup).valid).toBe(false);
  });

  it('checks a scanned QR payload on the server: signature, then the certificate’s state', async () => {
    const me = await login(t.app, holder.account.username, 'Holder-Passw0rd');
    const [cert] = (await me.get('/api/v1/certificates/mine')).json<MyCertificate[]>();
    const check = (payload: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/certificates/verify-payload', payload: { payload } });
    const ok = (await check(cert!.qrPayload)).json();
    expect(ok).toMatchObject({ valid: true, status: 'valid', claims: { name: RARE } });
    const bad = (await check(cert!.qrPayload.slice(0, -3) + 'AAA')).json();
    expect(bad.valid).toBe(false);
    expect(bad.claims).toBeUndefined();
  });

  it('exports the certificates as the 发证表 Excel, ID numbers as text', async () => {
    const res = await leader.get('/api/v1/certificates/export.xlsx');
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    const text = sheet.getSheetValues().flat().map(String).join('|');
    for (const h of [
      '填报单位',
      '身份证号码',
      '证书编号',
      '批复文号',
      RARE,
      '2026GZ02200001',
      holder.person.idNumber!,
    ]) {
      expect(text).toContain(h);
    }
    expect((await chain.schoolHandler.get('/api/v1/certificates/export.xlsx')).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/certificates/export.xlsx' })).statusCode).toBe(
      401,
    );
  });

  it('gives the holder the e-certificate PDF, signed by the agency, with the name printed and the payload inside', async () => {
    const me = await login(t.app, holder.account.username, 'Holder-Passw0rd');
    const [cert] = (await me.get('/api/v1/certificates/mine')).json<MyCertificate[]>();
    const res = await me.get(`/api/v1/certificates/${cert!.id}/certificate.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.rawPayload;
    expect(verifyPdfSignature(pdf)).toMatchObject({ signed: true, intact: true });
    const dir = mkdtempSync(join(tmpdir(), 'zc-cert-'));
    writeFileSync(join(dir, 'c.pdf'), pdf);
    const text = execFileSync('pdftotext', [join(dir, 'c.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain(RARE);
    expect(text).toContain('2026GZ02200001');
    const sig = spawnSync('pdfsig', [join(dir, 'c.pdf')], { encoding: 'utf8' });
    expect(sig.stdout).toContain('Signature is Valid');
    const subject = (await PDFDocument.load(pdf)).getSubject();
    expect(subject).toBe(cert!.qrPayload);
    // The command-line check, offline with the published keys; one changed byte fails it and pdfsig.
    const keys = (await t.app.inject({ method: 'GET', url: '/api/v1/certificates/public-keys' })).body;
    writeFileSync(join(dir, 'keys.json'), keys);
    const cli = (file: string) =>
      spawnSync(
        'npx',
        ['tsx', 'src/server/cli/certificate-verify-cli.ts', file, '--keys', join(dir, 'keys.json')],
        {
          encoding: 'utf8',
        },
      );
    const good = cli(join(dir, 'c.pdf'));
    expect(good.status, good.stdout + good.stderr).toBe(0);
    expect(good.stdout).toContain('二维码签名（SM2）：有效');
    const changed = Buffer.from(pdf);
    const at = changed.indexOf('2026GZ02200001');
    changed[at + 13] = changed[at + 13] === 0x31 ? 0x32 : 0x31;
    writeFileSync(join(dir, 'changed.pdf'), changed);
    expect(cli(join(dir, 'changed.pdf')).status).toBe(1);
    expect(spawnSync('pdfsig', [join(dir, 'changed.pdf')], { encoding: 'utf8' }).stdout).not.toContain(
      'Signature is Valid',
    );
    // Someone else's certificate is not theirs to download.
    const other = doc.items.find((i) => i.name !== RARE)!;
    expect((await me.get(`/api/v1/certificates/${other.certificateId}/certificate.pdf`)).statusCode).toBe(
      404,
    );
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  it('gives the issued 批复 as DOCX and PDF', async () => {
    const docx = await leader.get(`/api/v1/approvals/${doc.id}/document.docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const pdf = await leader.get(`/api/v1/approvals/${doc.id}/document.pdf`);
    expect(pdf.statusCode).toBe(200);
    const dir = mkdtempSync(join(tmpdir(), 'zc-pf-'));
    writeFileSync(join(dir, 'p.pdf'), pdf.rawPayload);
    const text = execFileSync('pdftotext', [join(dir, 'p.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain('章人社字〔2026〕1号');
    expect(text).toContain(RARE);
    rmSync(dir, { recursive: true, force: true });
  });

  it('is revoked at once with a reason; the query then says revoked', async () => {
    const [cert] = doc.items;
    expect(
      (
        await chain.schoolHandler.post(`/api/v1/certificates/${cert!.certificateId}/revoke`, {
          reason: '弄虚作假',
        })
      ).statusCode,
    ).toBe(404);
    const res = await leader.post(`/api/v1/certificates/${cert!.certificateId}/revoke`, {
      reason: '学历证书系伪造，撤销资格',
    });
    expect(res.statusCode, res.body).toBe(200);
    const q = await t.app.inject({
      method: 'GET',
      url: `/api/v1/certificates/verify?number=2026GZ02200001&name=${encodeURIComponent(RARE)}`,
    });
    expect(q.json<VerifyResponse>()).toMatchObject({
      valid: false,
      certificate: { status: 'revoked', revokedOn: '2026-12-10' },
    });
    expect(
      (await leader.post(`/api/v1/certificates/${cert!.certificateId}/revoke`, { reason: '再次撤销' }))
        .statusCode,
    ).toBe(422);
  });
});

describe('fraud found after issue', () => {
  beforeAll(setDocumentPrefix);

  it('cancelling the application revokes its certificate at once and blacklists the person', async () => {
    const p = await recognised('王伪造');
    const draft = (
      await leader.post('/api/v1/approvals', { applicationIds: [p.app.id] })
    ).json<ApprovalDetail>();
    const issued = (await leader.post(`/api/v1/approvals/${draft.id}/issue`)).json<ApprovalDetail>();
    const number = issued.items[0]!.certificateNumber!;
    const [app] = await t.ctx.db.select().from(applications).where(eq(applications.id, p.app.id));
    const res = await leader.post(`/api/v1/review/applications/${p.app.id}/cancel`, {
      expectedRevision: app!.revision,
      reason: '学历证书系伪造',
      decisionDocument: '章人社字〔2026〕99号',
    });
    expect(res.statusCode, res.body).toBe(200);
    const q = await t.app.inject({
      method: 'GET',
      url: `/api/v1/certificates/verify?number=${number}&name=${encodeURIComponent('王伪造')}`,
    });
    expect(q.json<VerifyResponse>()).toMatchObject({ valid: false, certificate: { status: 'revoked' } });
  });
});

describe('已办结 and a corrected certificate', () => {
  beforeAll(setDocumentPrefix);

  it('lists what the agency decided, by outcome, searchable, to its seats only', async () => {
    const ok = await recognised('陈已认定');
    const no = await recognised('刘不予认定', undefined, 'rejected');
    await recognised('周单位退出', undefined, 'rejected', 'unit');
    const all = (await chain.bureauHandler.get('/api/v1/approvals/decided?pageSize=200')).json<DecidedPage>();
    const names = all.items.map((i) => i.name);
    expect(names).toContain('陈已认定');
    expect(names).toContain('刘不予认定');
    // Rejected at the unit: it never reached the agency.
    expect(names).not.toContain('周单位退出');
    expect(all.total).toBe(all.counts.recognised + all.counts.rejected + all.counts.cancelled);
    const rejected = (await leader.get('/api/v1/approvals/decided?outcome=rejected')).json<DecidedPage>();
    expect(rejected.items.map((i) => i.name)).toEqual(['刘不予认定']);
    expect(rejected.total).toBe(1);
    expect(rejected.counts.recognised).toBe(all.counts.recognised);
    const found = (
      await leader.get(`/api/v1/approvals/decided?q=${encodeURIComponent('已认定')}`)
    ).json<DecidedPage>();
    expect(found.items).toHaveLength(1);
    expect(found.items[0]).toMatchObject({
      applicationId: ok.app.id,
      outcome: 'recognised',
      qualification: '二级教师',
      certificateNumber: null,
    });
    // Paging on the server: page 2 of 1 per page is the second newest.
    const p2 = (await leader.get('/api/v1/approvals/decided?pageSize=1&page=2')).json<DecidedPage>();
    expect(p2.items).toHaveLength(1);
    expect(p2.items[0]!.applicationId).toBe(all.items[1]!.applicationId);
    expect(no.app.status).toBe('rejected');
    expect((await chain.schoolHandler.get('/api/v1/approvals/decided')).statusCode).toBe(403);
    const anon = await t.app.inject({ method: 'GET', url: '/api/v1/approvals/decided' });
    expect(anon.statusCode).toBe(401);
    const bad = await leader.get('/api/v1/approvals/decided?outcome=maybe');
    expect(bad.statusCode).toBe(400);
  });

  it('a certificate revoked as a mistake is followed by a corrected one in a new 批复', async () => {
    const p = await recognised('吴更正');
    const first = (
      await leader.post('/api/v1/approvals', { applicationIds: [p.app.id] })
    ).json<ApprovalDetail>();
    const issued = (await leader.post(`/api/v1/approvals/${first.id}/issue`)).json<ApprovalDetail>();
    const old = issued.items[0]!;
    // While the certificate is valid the person cannot be put in another 批复.
    const twice = await leader.post('/api/v1/approvals', { applicationIds: [p.app.id] });
    expect(twice.statusCode).toBe(422);
    const byNumber = (
      await leader.get(`/api/v1/approvals/decided?q=${old.certificateNumber}`)
    ).json<DecidedPage>();
    expect(byNumber.items.map((i) => i.name)).toEqual(['吴更正']);
    expect(byNumber.items[0]).toMatchObject({
      certificateStatus: 'valid',
      documentNumber: issued.documentNumber,
    });

    const revoked = await leader.post(`/api/v1/certificates/${old.certificateId}/revoke`, {
      reason: '工作单位填写有误，撤销后重新发证',
    });
    expect(revoked.statusCode, revoked.body).toBe(200);
    const candidates = (await leader.get('/api/v1/approvals/candidates')).json<ApprovalCandidate[]>();
    expect(candidates.map((c) => c.applicationId)).toContain(p.app.id);
    const second = await leader.post('/api/v1/approvals', { applicationIds: [p.app.id] });
    expect(second.statusCode, second.body).toBe(201);
    const reissued = (
      await leader.post(`/api/v1/approvals/${second.json<ApprovalDetail>().id}/issue`)
    ).json<ApprovalDetail>();
    const fresh = reissued.items[0]!;
    expect(fresh.certificateNumber).not.toBe(old.certificateNumber);
    expect(reissued.documentNumber).not.toBe(issued.documentNumber);
    // The first 批复 still lists the certificate it issued (now revoked), not the new one.
    const firstAgain = (await leader.get(`/api/v1/approvals/${first.id}`)).json<ApprovalDetail>();
    expect(firstAgain.items[0]!.certificateNumber).toBe(old.certificateNumber);
    const verify = async (number: string) =>
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/certificates/verify?number=${number}&name=${encodeURIComponent('吴更正')}`,
        })
      ).json<VerifyResponse>();
    expect(await verify(old.certificateNumber!)).toMatchObject({
      valid: false,
      certificate: { status: 'revoked' },
    });
    expect(await verify(fresh.certificateNumber!)).toMatchObject({ valid: true });
    const listed = (
      await leader.get(`/api/v1/approvals/decided?q=${encodeURIComponent('吴更正')}`)
    ).json<DecidedPage>();
    expect(listed.items[0]).toMatchObject({
      certificateNumber: fresh.certificateNumber,
      certificateStatus: 'valid',
      documentNumber: reissued.documentNumber,
    });
    // The database allows one valid certificate per application, whatever the code does.
    const [c] = await t.ctx.db
      .select()
      .from(certificates)
      .where(eq(certificates.number, fresh.certificateNumber!));
    await expect(
      t.ctx.db.insert(certificates).values({ ...c!, id: undefined, number: `${c!.number}X` }),
    ).rejects.toThrow();
  });
});

describe('a character no embedded font has', () => {
  it('is named before issuing, so that the agency is not surprised by an empty box', async () => {
    // 𪚥 (U+2A6A5, Extension B) is in neither Noto Serif SC nor the Noto Serif HK subsets.
    const p = await recognised('李𪚥');
    const res = await leader.post('/api/v1/approvals', { applicationIds: [p.app.id] });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<ApprovalDetail>().unprintable).toEqual([{ name: '李𪚥', characters: ['𪚥'] }]);
    await leader.delete(`/api/v1/approvals/${res.json<ApprovalDetail>().id}`);
  });
});

describe('numbers under concurrent issuing', () => {
  /** The certificate numbers issued before the twenty: none of them may be given again. */
  let before: string[] = [];
  beforeAll(async () => {
    await setDocumentPrefix();
    const earlier = [await recognised('先发甲'), await recognised('先发乙'), await recognised('先发丙')];
    const draft = await leader.post('/api/v1/approvals', { applicationIds: earlier.map((p) => p.app.id) });
    expect(draft.statusCode, draft.body).toBe(201);
    const issued = await leader.post(`/api/v1/approvals/${draft.json<ApprovalDetail>().id}/issue`);
    expect(issued.statusCode, issued.body).toBe(200);
    before = (await t.ctx.db.select({ number: certificates.number }).from(certificates)).map((c) => c.number);
  });

  it('gives 20 simultaneous 批复 distinct 文号 and certificate numbers, none reused', async () => {
    const people = [];
    for (let i = 0; i < 20; i++) people.push(await recognised(`并发${i}`));
    const drafts = [];
    for (const p of people) {
      const res = await leader.post('/api/v1/approvals', { applicationIds: [p.app.id] });
      expect(res.statusCode, res.body).toBe(201);
      drafts.push(res.json<ApprovalDetail>().id);
    }
    const issued = await Promise.all(drafts.map((id) => leader.post(`/api/v1/approvals/${id}/issue`)));
    for (const r of issued) expect(r.statusCode, r.body).toBe(200);
    const docs = issued.map((r) => r.json<ApprovalDetail>());
    const numbers = docs.map((d) => d.documentNumber);
    expect(new Set(numbers).size).toBe(20);
    // Twenty consecutive sequence numbers: none skipped, none taken twice.
    const seqs = numbers.map((n) => Number(/〕(\d+)号/.exec(n!)![1])).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => seqs[0]! + i));
    const certs = docs.map((d) => d.items[0]!.certificateNumber);
    expect(new Set(certs).size).toBe(20);
    expect(certs.every((c) => c! > '2026GZ02200003')).toBe(true);
    expect(certs.every((c) => before.every((b) => c! > b))).toBe(true);
  });
});
