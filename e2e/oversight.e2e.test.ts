/**
 * Discipline in the browser (四、（四））: the agency cancels an application for fraud from its review
 * page — the person goes on the blacklist — and the city office sees the entry on 黑名单.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, type Harness, loginAs, openPage, shot, startHarness } from './helpers/harness.js';
import { apiSession, openWindowToday, submitTeacherApplication } from './helpers/api.js';
import { choose, clickInDialog, dialogsSettled } from './helpers/antd.js';

let h: Harness;
let app: { id: number; number: string };

beforeAll(async () => {
  h = await startHarness();
  await openWindowToday(h.baseUrl);
  app = await submitTeacherApplication(h.baseUrl, 'applicant1');
});
afterAll(async () => {
  await h?.stop();
});

describe('cancellation for fraud and the blacklist', () => {
  it('the agency cancels from the review page; the city office sees the blacklist entry', async () => {
    // The decision's 文号 names the year it is taken in.
    const decision = `章人社字〔${h.today().slice(0, 4)}〕21号`;
    const { context, page, errors } = await openPage(h.browser, DESKTOP);
    await loginAs(page, h.baseUrl, 'zg_handler');
    await page.goto(`${h.baseUrl}/app/review/${app.id}`);
    await page.getByRole('button', { name: '取消申报资格（弄虚作假）' }).click();
    await dialogsSettled(page);
    await page.getByLabel('违纪违规情形').fill('提供虚假的学历证书');
    await page.getByLabel('处理决定文号').fill(decision);
    await shot(page, 'oversight-1-cancel', false);
    await clickInDialog(page, '确认取消申报资格');
    await expect.poll(() => page.getByText(/已取消申报资格，列入黑名单至/).count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await context.close();

    const office = await openPage(h.browser, DESKTOP);
    await loginAs(office.page, h.baseUrl, 'city_office');
    await office.page.goto(`${h.baseUrl}/app/blacklist`);
    const table = office.page.getByRole('table', { name: '黑名单' });
    await expect.poll(() => table.getByText('李晓华').count()).toBeGreaterThan(0);
    expect(await table.getByText(decision).count()).toBe(1);
    await shot(office.page, 'oversight-2-blacklist', false);
    // A non-state enterprise asks to recognise its own staff. 三、（六）: a scope of 工程 alone could only
    // produce refused applications, so the office cannot approve it; with 实验技术 it can.
    const firm = await apiSession(h.baseUrl, 'company_handler');
    const me = await firm.get<{ roles: { organisation: { id: number } | null }[] }>('/auth/me');
    await firm.send('POST', `/self-recognition/units/${me.roles[0]!.organisation!.id}/applications`, {
      category: 'chainLeader',
      statement: '本公司为我市稀土新材料产业链链主企业',
      requestedLevels: ['assistant'],
      contactPhone: '0797-8666669',
    });
    await office.page.goto(`${h.baseUrl}/app/self-recognition`);
    await expect.poll(() => office.page.getByText('自主评审批次与报备').count()).toBeGreaterThan(0);
    const row = office.page.getByRole('row', { name: /赣州章贡稀土新材料有限公司/ });
    await row.getByRole('button', { name: '批准', exact: true }).click();
    await dialogsSettled(office.page);
    // A multiple choice keeps its list open over the buttons: close it as a person does, on the title.
    const closeList = () => office.page.locator('.ant-modal-confirm-title').click();
    // The dialog's own 确认 (after a refusal it comes back from its loading state, whose spinner is
    // part of its accessible name meanwhile): wait for it to be idle, then press it.
    const ok = office.page.locator('.ant-modal-confirm-btns button.ant-btn-primary');
    const confirmInDialog = async () => {
      await expect
        .poll(async () => (await ok.getAttribute('class')) ?? 'missing')
        .not.toMatch(/loading|missing/);
      await dialogsSettled(office.page);
      await ok.click();
    };
    await choose(office.page, '认定范围内的系列', '工程技术');
    await closeList();
    await confirmInDialog();
    await expect.poll(() => office.page.getByText(/没有该单位可以考核认定的系列/).count()).toBeGreaterThan(0);
    await shot(office.page, 'oversight-3-self-recognition-scope', false);
    await choose(office.page, '认定范围内的系列', '实验技术');
    await closeList();
    await confirmInDialog();
    await expect.poll(() => row.getByText(/批准：助理级/).count()).toBeGreaterThan(0);
    await shot(office.page, 'oversight-4-self-recognition', false);
    await office.page.goto(`${h.baseUrl}/app/archive-hosted`);
    await expect
      .poll(() => office.page.getByRole('button', { name: /汇总报省职称办/ }).count())
      .toBeGreaterThan(0);
    // The refused approval's 422 is the browser's console line for an answered request, not a fault.
    expect(office.errors.filter((e) => !e.includes('status of 422'))).toEqual([]);
    await office.context.close();
  });
});
