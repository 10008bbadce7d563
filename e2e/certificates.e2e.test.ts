/**
 * Issue 10's journey: a demo teacher's application is recognised along the review chain (through the
 * API, as each seat would), the 章贡区 agency leader drafts and issues the 批复 in the browser and
 * downloads it as DOCX and PDF; the applicant downloads the e-certificate; the verification page
 * opened from the QR code's URL says valid; after revocation it says revoked. The PDFs are rendered to
 * PNG (pdftoppm) beside the screenshots for a person to look at.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_PASSWORD,
  type Harness,
  SCREENSHOT_DIR,
  loginAs,
  openPage,
  shot,
  startHarness,
} from './helpers/harness.js';
import { clickInDialog, dialogsSettled } from './helpers/antd.js';
import { apiSession, openWindowToday, submitTeacherApplication } from './helpers/api.js';

let h: Harness;
let applicationId = 0;

/** Each seat of the demo chain approves in turn, after the unit's publicity has run (the clock moved on). */
async function recognise(id: number) {
  const view = async (who: Awaited<ReturnType<typeof apiSession>>) =>
    who.get<{ revision: number; materials: { index: number }[] }>(`/review/applications/${id}`);
  const act = async (username: string, extra: Record<string, unknown> = {}) => {
    const who = await apiSession(h.baseUrl, username);
    const { revision } = await view(who);
    await who.send('POST', `/review/applications/${id}/decision`, {
      expectedRevision: revision,
      decision: 'approve',
      ...extra,
    });
  };
  const handler = await apiSession(h.baseUrl, 'school_handler');
  const v = await view(handler);
  for (const m of v.materials) {
    await handler.send('POST', `/review/applications/${id}/materials/${m.index}/check`, {
      expectedRevision: v.revision,
    });
  }
  await act('school_handler', { workExperienceConfirmed: true });
  const leader = await apiSession(h.baseUrl, 'school_leader');
  const me = await leader.get<{ roles: { role: string; organisation: { id: number } | null }[] }>('/auth/me');
  await leader.send('POST', '/review/publicities', {
    organisationId: me.roles.find((r) => r.role === 'leader')!.organisation!.id,
    title: '职称考核认定申报人员公示',
    startsOn: h.today(),
    applicationIds: [id],
  });
  // A publicity of candidates starts no earlier than the submission: three weeks later it has ended.
  await h.advance(21);
  await act('school_leader');
  await act('edu_handler', { workExperienceConfirmed: true });
  await act('edu_leader');
  await act('zg_handler');
  await act('zg_leader', { comment: '同意认定' });
}

/** A file as the signed-in person's browser would download it. */
async function download(baseUrl: string, username: string, path: string) {
  const login = await fetch(baseUrl + '/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const res = await fetch(baseUrl + '/api/v1' + path, { headers: { cookie } });
  expect(res.status, path).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

function pdfToPng(bytes: Buffer, name: string) {
  const file = join(SCREENSHOT_DIR, `${name}.pdf`);
  writeFileSync(file, bytes);
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '2', file, join(SCREENSHOT_DIR, name)]);
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
}

beforeAll(async () => {
  h = await startHarness();
  await openWindowToday(h.baseUrl, 'GZ02');
  const submitted = await submitTeacherApplication(h.baseUrl, 'applicant1');
  applicationId = submitted.id;
  await recognise(applicationId);
});
afterAll(async () => {
  await h?.stop();
});

describe('批复, certificate and query', () => {
  let documentNumber = '';
  let certificateNumber = '';
  let qrPayload = '';
  let certificateId = 0;

  it('the agency leader drafts and issues the 批复, then downloads it as DOCX and PDF', async () => {
    const { context, page, errors } = await openPage(h.browser);
    await loginAs(page, h.baseUrl, 'zg_leader');
    await page.goto(h.baseUrl + '/app/approvals');
    await page.getByRole('checkbox', { name: '选择 李晓华' }).check();
    await page.getByRole('button', { name: '起草批复' }).click();
    await clickInDialog(page, '创建草稿');
    await expect
      .poll(() => page.getByText('关于李晓华同志具备中小学教师专业技术资格的批复').count())
      .toBeGreaterThan(0);
    await shot(page, 'certificates-1-draft', false);
    // The agency has no 机关代字 yet: 签发 asks for it first.
    await page.getByRole('button', { name: /签\s*发/ }).click();
    await dialogsSettled(page);
    const settings = page.locator('.ant-modal').filter({ hasText: '机关代字' });
    await settings.getByLabel('机关代字').fill('章人社字');
    await settings.getByLabel('发文机关名称').fill('赣州市章贡区人力资源和社会保障局');
    await settings.locator('.ant-modal-footer .ant-btn-primary').click();
    await settings.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: /签\s*发/ }).click();
    await clickInDialog(page, '确认签发');
    const year = h.today().slice(0, 4);
    documentNumber = `章人社字〔${year}〕1号`;
    await expect.poll(() => page.getByText(documentNumber).count()).toBeGreaterThan(0);
    await dialogsSettled(page);
    await shot(page, 'certificates-2-issued', false);
    expect(errors).toEqual([]);
    await context.close();

    const leader = await apiSession(h.baseUrl, 'zg_leader');
    const docs = await leader.get<{ id: number; documentNumber: string }[]>('/approvals');
    const id = docs.find((d) => d.documentNumber === documentNumber)!.id;
    const cookieFetch = (path: string) => download(h.baseUrl, 'zg_leader', path);
    const docx = await cookieFetch(`/approvals/${id}/document.docx`);
    expect(docx.subarray(0, 2).toString()).toBe('PK');
    const text = pdfToPng(await cookieFetch(`/approvals/${id}/document.pdf`), 'certificates-3-approval');
    expect(text).toContain(documentNumber);
    expect(text).toContain('李晓华');
  });

  it('the applicant downloads the signed e-certificate', async () => {
    const me = await apiSession(h.baseUrl, 'applicant1');
    const [cert] = await me.get<{ id: number; number: string; qrPayload: string }[]>('/certificates/mine');
    certificateId = cert!.id;
    certificateNumber = cert!.number;
    qrPayload = cert!.qrPayload;
    const { context, page, errors } = await openPage(h.browser);
    await loginAs(page, h.baseUrl, 'applicant1');
    await page.goto(h.baseUrl + '/app/certificates/mine');
    await expect.poll(() => page.getByText(certificateNumber).count()).toBeGreaterThan(0);
    await shot(page, 'certificates-4-mine', false);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page
        .getByRole('link', { name: /下载电子证书/ })
        .first()
        .click(),
    ]);
    const path = join(SCREENSHOT_DIR, 'certificates-5-certificate.pdf');
    await download.saveAs(path);
    execFileSync('pdftoppm', ['-png', '-r', '60', path, join(SCREENSHOT_DIR, 'certificates-5-certificate')]);
    const sig = execFileSync('pdfsig', [path], { encoding: 'utf8' });
    expect(sig).toContain('Signature is Valid');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the page opened from the QR code says valid; after revocation it says revoked', async () => {
    const { context, page, errors } = await openPage(h.browser);
    await page.goto(`${h.baseUrl}/verify?c=${qrPayload}`);
    await expect.poll(() => page.getByText('签名有效 · 证书有效').count()).toBe(1);
    await shot(page, 'certificates-6-verify-valid');
    const leader = await apiSession(h.baseUrl, 'zg_leader');
    await leader.send('POST', `/certificates/${certificateId}/revoke`, { reason: '浏览器测试：撤销证书' });
    await page.reload();
    await expect.poll(() => page.getByText('签名有效 · 证书已撤销').count()).toBe(1);
    await shot(page, 'certificates-7-verify-revoked');
    // The query by number and name says the same.
    await page.goto(`${h.baseUrl}/verify`);
    await page.getByLabel('证书编号').fill(certificateNumber);
    await page.getByLabel('姓名').fill('李晓华');
    await page.getByLabel('姓名').press('Enter');
    await expect.poll(() => page.getByText('已撤销').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the agency finds the person among its decided applications, and may issue a corrected certificate', async () => {
    const { context, page, errors } = await openPage(h.browser);
    await loginAs(page, h.baseUrl, 'zg_leader');
    await page.goto(h.baseUrl + '/app/approvals');
    await page.getByRole('tab', { name: '已办结' }).click();
    await page.getByLabel('搜索已办结申报').fill(certificateNumber);
    await page.getByLabel('搜索已办结申报').press('Enter');
    const row = page.locator('.ant-table-row').filter({ hasText: certificateNumber });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.innerText()).toContain('李晓华');
    expect(await row.innerText()).toContain('已撤销');
    expect(await row.innerText()).toContain(documentNumber);
    await shot(page, 'certificates-8-decided', false);
    // Revoked as a mistake: the person waits for a certificate again.
    await page.getByRole('tab', { name: '待发证人员' }).click();
    await expect.poll(() => page.getByRole('checkbox', { name: '选择 李晓华' }).count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });
});
