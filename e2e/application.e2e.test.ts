/**
 * An applicant on a phone: a title office first makes one of 章贡区's batches open today (whatever
 * today is); then the applicant creates an application, fills the form, uploads materials, prechecks
 * (教师资格 missing → ✗), adds 教师资格, prechecks again and submits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Harness,
  PHONE,
  addDays,
  addYears,
  loginAs,
  openPage,
  shot,
  startHarness,
} from './helpers/harness.js';
import { choose, clickInDialog, date, dialogsSettled } from './helpers/antd.js';
import { MINIMAL_PDF, type OpenWindow, PNG_1X1, openWindowToday } from './helpers/api.js';

let h: Harness;
/** The batch open today that both journeys apply in. */
let batch: OpenWindow;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

describe('an applicant applies on a phone', () => {
  it('creates, fills, uploads, prechecks, fixes and submits', async () => {
    batch = await openWindowToday(h.baseUrl);
    // 本科 two years ago, teaching since the next day: a full year of experience by any cutoff.
    const graduated = addYears(h.today(), -2);
    const started = addDays(graduated, 1);
    const { context, page, errors } = await openPage(h.browser, PHONE);
    await loginAs(page, h.baseUrl, 'applicant1');
    await page.goto(h.baseUrl + '/app/my-applications');
    await expect.poll(() => page.getByText('您还没有申报').count()).toBeGreaterThan(0);
    await shot(page, 'application-1-list', false);

    // 新建申报: level → routed agency → batch.
    await page.getByRole('button', { name: '新建申报' }).click();
    await dialogsSettled(page);
    await page.getByText('助理级', { exact: true }).click();
    await expect.poll(() => page.getByText(/认定机构：.*章贡区/).count()).toBeGreaterThan(0);
    // The one batch accepting today is already chosen.
    await expect
      .poll(() => page.getByRole('radio', { name: new RegExp(batch.label) }).isChecked())
      .toBe(true);
    await shot(page, 'application-2-create', false);
    await clickInDialog(page, '创建并填写');
    await page.waitForURL(/\/app\/my-applications\/\d+$/);

    // The form.
    await choose(page, '申报系列', '中小学教师');
    await page.getByRole('button', { name: '添加学历' }).click();
    await choose(page, '学历层次', '本科');
    await page.getByLabel('毕业院校', { exact: true }).fill('赣南师范大学');
    await page.getByLabel('所学专业', { exact: true }).fill('数学与应用数学');
    await date(page, '毕业时间', graduated);
    await page.getByLabel('学信网验证码', { exact: true }).fill('A1B2C3D4E5F6G7H8');
    await page.getByRole('button', { name: '添加工作经历' }).click();
    await page.getByLabel('工作单位', { exact: true }).fill('赣州市章贡区第一中学');
    await date(page, '起始时间', started);
    await date(page, '从事专业技术工作起始时间', started);
    await page.locator('#application_majorRelated').getByText('是', { exact: true }).click();
    await page.getByRole('checkbox', { name: '个人社保参保缴费证明' }).check();
    await page.getByRole('checkbox', { name: '我已阅读并签署个人承诺书' }).check();
    await page
      .getByLabel('上传身份证材料', { exact: true })
      .setInputFiles({ name: '身份证.png', mimeType: 'image/png', buffer: PNG_1X1 });
    await expect.poll(() => page.getByAltText(/第1页/).count()).toBeGreaterThan(0);
    await page
      .getByLabel('上传学历材料', { exact: true })
      .setInputFiles({ name: '学历证书.pdf', mimeType: 'application/pdf', buffer: MINIMAL_PDF });
    await expect.poll(() => page.getByText('学历证书.pdf').count()).toBeGreaterThan(0);
    // 三、（五）: the licence the series requires is uploaded as a scan, not only named.
    await page
      .getByLabel('上传从业资格材料', { exact: true })
      .setInputFiles({ name: '教师资格证.png', mimeType: 'image/png', buffer: PNG_1X1 });
    await expect.poll(() => page.getByAltText(/教师资格证\.png/).count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText('已保存', { exact: true }).count()).toBeGreaterThan(0);
    await page.getByRole('group', { name: '身份证材料' }).scrollIntoViewIfNeeded();
    await shot(page, 'application-3-form', false);

    // 预检 without 教师资格: the practice-licence rule fails.
    await page.getByRole('button', { name: '预检' }).click();
    const licence = page.locator('[data-rule="practice-licence"]');
    await expect.poll(() => licence.textContent()).toContain('✗');
    await licence.scrollIntoViewIfNeeded();
    await shot(page, 'application-4-precheck-failing', false);
    expect(await page.getByRole('button', { name: '提交' }).isDisabled()).toBe(true);
    // And says why, next to it.
    expect(await page.getByText('预检未通过：请按下方预检结果修改后重新预检').count()).toBe(1);

    // Add 教师资格 and precheck again.
    await choose(page, '从业资格', '教师资格');
    await page.keyboard.press('Escape');
    // The earlier answer no longer holds, and the page says so.
    await expect.poll(() => page.getByText('填写内容已修改，请重新预检').count()).toBe(1);
    await expect.poll(() => page.getByText('已保存', { exact: true }).count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: '预检' }).click();
    await expect.poll(() => page.getByText('预检通过，可以提交').count()).toBeGreaterThan(0);
    expect(await licence.textContent()).toContain('✓');
    await page.getByText('预检通过，可以提交').scrollIntoViewIfNeeded();
    await shot(page, 'application-5-precheck-passing', false);

    // 提交 after the confirmation.
    await page.getByRole('button', { name: '提交' }).click();
    await expect.poll(() => page.getByText('提交后不能修改；审查开始前可撤回。').count()).toBeGreaterThan(0);
    await clickInDialog(page, '确认提交');
    await expect.poll(() => page.getByRole('button', { name: '撤回' }).count()).toBeGreaterThan(0);
    const number = (await page.locator('h3').first().textContent())!.replace('申报 ', '').trim();
    expect(number).toMatch(/\S{4,}/);
    await expect.poll(() => page.getByText('第1版').count()).toBeGreaterThan(0);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'application-6-submitted', false);

    // The list shows it with its number and status.
    await page.goto(h.baseUrl + '/app/my-applications');
    await expect.poll(() => page.getByText(number).count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText(/^审查中 · 申报单位经办人审查$/).count()).toBeGreaterThan(0);
    await shot(page, 'application-7-list-submitted', false);
    expect(errors.filter((e) => !e.includes('status of 4'))).toEqual([]);
    await context.close();
  });

  it('lets the unit clerk see it and apply on behalf of another applicant', async () => {
    const { context, page, errors } = await openPage(h.browser, { width: 1280, height: 900 });
    await loginAs(page, h.baseUrl, 'school_handler');

    // 申报管理 lists 李晓华's submission; the clerk may view it but not withdraw it.
    await page.goto(h.baseUrl + '/app/unit-applications');
    const list = page.getByRole('table', { name: '本单位申报列表' });
    await expect.poll(() => list.getByText('李晓华').count()).toBeGreaterThan(0);
    // Filtered on the server: no drafts yet, nobody called 黄志强 has applied; 晓华 finds her submission.
    await page.getByLabel('按状态筛选').getByText('草稿', { exact: true }).click();
    await expect.poll(() => page.getByText('没有符合条件的申报').count()).toBeGreaterThan(0);
    await page.getByLabel('按状态筛选').getByText('全部', { exact: true }).click();
    const search = page.getByLabel('筛选申报');
    await search.fill('黄志强');
    await search.press('Enter');
    await expect.poll(() => page.getByText('没有符合条件的申报').count()).toBeGreaterThan(0);
    await search.fill('晓华');
    await search.press('Enter');
    await expect.poll(() => list.getByText('李晓华').count()).toBe(1);
    await expect.poll(() => page.getByText('共 1 件').count()).toBe(1);
    await shot(page, 'application-7b-unit-list', false);
    await list.getByRole('row').filter({ hasText: '李晓华' }).getByRole('link').click();
    await page.waitForURL(/\/app\/unit-applications\/\d+$/);
    await expect.poll(() => page.getByText('申报人员：李晓华').count()).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: '撤回' }).count()).toBe(0);

    // 申报人员 → 代为申报 for 黄志强: level → routed agency → batch, then the form with the banner.
    await page.goto(h.baseUrl + '/app/applicants');
    await page
      .getByRole('row')
      .filter({ hasText: '黄志强' })
      .getByRole('button', { name: '代为申报' })
      .click();
    await expect.poll(() => page.getByText('代为申报：黄志强').count()).toBeGreaterThan(0);
    // As for the applicant's own dialog: a click while it still zooms in is lost.
    await dialogsSettled(page);
    await page.getByText('助理级', { exact: true }).click();
    await expect.poll(() => page.getByText(/认定机构：.*章贡区/).count()).toBeGreaterThan(0);
    await page.getByText(new RegExp(batch.label)).click();
    await clickInDialog(page, '创建并填写');
    await page.waitForURL(/\/app\/unit-applications\/\d+$/);
    await expect.poll(() => page.getByText('您正在代 黄志强 填写申报').count()).toBeGreaterThan(0);
    await shot(page, 'application-8-on-behalf', false);

    // Back in 申报管理: the draft is tagged 代为申报 and the status filter narrows the list.
    await page.getByRole('button', { name: '申报管理' }).click();
    const row = list.getByRole('row').filter({ hasText: '黄志强' });
    await expect.poll(() => row.getByText('代为申报').count()).toBeGreaterThan(0);
    await page.getByText('审查中', { exact: true }).first().click();
    await expect.poll(() => list.getByText('黄志强').count()).toBe(0);
    expect(await list.getByText('李晓华').count()).toBeGreaterThan(0);
    expect(errors.filter((e) => !e.includes('status of 4'))).toEqual([]);
    await context.close();
  });
});
