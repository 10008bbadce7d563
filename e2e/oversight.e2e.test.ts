/**
 * Discipline in the browser (四、（四））: the agency cancels an application for fraud from its review
 * page — the person goes on the blacklist — and the city office sees the entry on 黑名单.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, type Harness, loginAs, openPage, shot, startHarness } from './helpers/harness.js';
import { openWindowToday, submitTeacherApplication } from './helpers/api.js';
import { clickInDialog, dialogsSettled } from './helpers/antd.js';

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
    await office.page.goto(`${h.baseUrl}/app/self-recognition`);
    await expect.poll(() => office.page.getByText('自主评审批次与报备').count()).toBeGreaterThan(0);
    await shot(office.page, 'oversight-3-self-recognition', false);
    await office.page.goto(`${h.baseUrl}/app/archive-hosted`);
    await expect
      .poll(() => office.page.getByRole('button', { name: /汇总报省职称办/ }).count())
      .toBeGreaterThan(0);
    expect(office.errors).toEqual([]);
    await office.context.close();
  });
});
