/**
 * Issue 9's journey across the year boundary, on a server clock set to early January of next year
 * (the harness's `clock` option; the browser gets the same time): the city title office creates the
 * new year's schedule from the last one in one action, moves one county's 第二批 (and opens its 第一批
 * today), publishes; the public home then shows the new year's windows with that change; an applicant
 * of that county applies in the open window and the cutoff used is the new year's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, loginAs, openPage, shot, startHarness, ymd } from './helpers/harness.js';
import { clickInDialog, date, dialogsSettled } from './helpers/antd.js';
import { apiSession, submitTeacherApplication } from './helpers/api.js';

const year = Number(ymd(new Date()).slice(0, 4)) + 1;
const AGENCY = '章贡区职称改革领导小组办公室';
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ clock: `${year}-01-06T09:00:00+08:00` });
});
afterAll(async () => {
  await h?.stop();
});

describe(`the ${year} schedule`, () => {
  it('is created from the last year in one action, adjusted and published by the city office', async () => {
    expect(h.today()).toBe(`${year}-01-06`);
    const { context, page, errors } = await openPage(h.browser);
    await loginAs(page, h.baseUrl, 'city_office');
    await page.goto(h.baseUrl + '/app/agencies');
    await page.getByRole('button', { name: '创建年度受理时间安排' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('年度', { exact: true }).fill(String(year));
    await clickInDialog(page, '创建');
    await expect.poll(() => page.getByText(`${year}年受理时间安排尚未发布`).count()).toBeGreaterThan(0);
    // Every agency got its batches, each date moved into the new year.
    await expect.poll(() => page.getByText('第四批：10月20日-11月20日').count()).toBe(21);

    const adjust = async (batch: string, opens: string, closes: string) => {
      await page.getByRole('button', { name: `调整 ${AGENCY} ${batch}`, exact: true }).click();
      const dialog = page.getByRole('dialog').filter({ hasText: `${year}年${batch}` });
      await dialog.waitFor();
      await dialogsSettled(page);
      await date(page, '受理开始日期', opens);
      await date(page, '受理截止日期', closes);
      // Close the date picker's panel before pressing the dialog's button.
      await dialog.getByText('调整理由').click();
      const save = dialog.locator('.ant-modal-footer .ant-btn-primary');
      expect((await save.innerText()).replace(/\s/g, '')).toBe('保存');
      await save.click();
      await dialog.waitFor({ state: 'hidden' });
    };
    await adjust('第二批', `${year}-04-10`, `${year}-05-25`);
    await adjust('第一批', `${year}-01-06`, `${year}-02-20`);
    await expect.poll(() => page.getByText('第二批：04月10日-05月25日').count()).toBe(1);
    await shot(page, 'schedule-1-draft', false);

    await page.getByRole('button', { name: '发布', exact: true }).click();
    await clickInDialog(page, '确认发布');
    await expect.poll(() => page.getByText(`${year}年受理时间安排已发布`).count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText('已发布', { exact: false }).count()).toBeGreaterThan(0);
    await dialogsSettled(page);
    await shot(page, 'schedule-2-published', false);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows on the public home with the change, the county’s first window open today', async () => {
    const { context, page, errors } = await openPage(h.browser);
    await page.goto(h.baseUrl + '/');
    await expect.poll(() => page.getByText(`${year}年度，请在所属认定机构`).count()).toBe(1);
    const row = page.getByRole('row').filter({ hasText: AGENCY });
    await expect.poll(() => row.getByText('第二批：04月10日-05月25日').count()).toBe(1);
    await expect.poll(() => row.getByText('第一批：01月06日-02月20日').count()).toBe(1);
    await expect.poll(() => row.getByText('受理中', { exact: true }).count()).toBe(1);
    // No "not yet published" notice: the year shown is the year in force.
    expect(await page.getByText('受理时间尚未公布').count()).toBe(0);
    await shot(page, 'schedule-3-public-home');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('takes an application of that county in the open window, with the new year’s cutoff', async () => {
    const submitted = await submitTeacherApplication(h.baseUrl, 'applicant1');
    const s = await apiSession(h.baseUrl, 'applicant1');
    const detail = await s.get<{ batchName: string; year: number; window: { cutoffDate: string } }>(
      `/applications/${submitted.id}`,
    );
    expect(detail).toMatchObject({ batchName: '第一批', year, window: { cutoffDate: `${year}-03-31` } });

    const { context, page, errors } = await openPage(h.browser);
    await loginAs(page, h.baseUrl, 'applicant1');
    await page.goto(h.baseUrl + '/app/my-applications');
    await expect.poll(() => page.getByText(submitted.number).count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText(`${year}年第一批`, { exact: false }).count()).toBeGreaterThan(0);
    await shot(page, 'schedule-4-applicant');
    expect(errors).toEqual([]);
    await context.close();
  });
});
