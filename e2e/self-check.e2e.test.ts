/**
 * The public pre-check (自测) on a phone: fill in, see the failing rule and what to fix, fix it, see
 * the level; then a title office publishes a stricter policy version in the web UI.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DESKTOP,
  type Harness,
  PHONE,
  addDays,
  addYears,
  loginAs,
  openPage,
  shot,
  startHarness,
} from './helpers/harness.js';
import { choose, date } from './helpers/antd.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

describe('public pre-check on a phone', () => {
  it('shows the failing rule, then the level once fixed', async () => {
    // Counted to the end of this year; 本科 two years before today, working since the next day.
    const today = h.today();
    const graduated = addYears(today, -2);
    const { context, page, errors } = await openPage(h.browser, PHONE);
    await page.goto(h.baseUrl + '/self-check');
    await page.getByText('手动填写日期').click();
    await date(page, '终算日期', `${today.slice(0, 4)}-12-31`);
    await choose(page, '申报系列', '工程技术');
    // The first specialty of the series: open, take the highlighted option.
    const specialty = page.getByLabel('申报专业', { exact: true });
    await specialty.click();
    await expect.poll(() => page.locator('.ant-select-item-option-active').count()).toBeGreaterThan(0);
    await specialty.press('Enter');
    await page.getByText('助理级（助理工程师）').click();
    await choose(page, '最高学历', '本科');
    await date(page, '毕业时间', graduated);
    await page.getByLabel('所学专业', { exact: true }).fill('土木工程');
    await date(page, '从事专业技术工作起始时间', addDays(graduated, 1));
    await page.getByLabel('工作单位名称').fill('赣州某科技有限公司');
    await page.getByText('非国有', { exact: true }).click();
    await shot(page, 'self-check-1-form', false);
    await page.getByRole('button', { name: '开始自测' }).click();

    await expect.poll(() => page.getByText('非国有企业', { exact: false }).count()).toBeGreaterThan(1);
    await expect.poll(() => page.getByText('暂不符合所选层级的考核认定条件').count()).toBeGreaterThan(0);
    await shot(page, 'self-check-2-failing');

    await page.getByText('国有', { exact: true }).click();
    await page.getByRole('button', { name: '开始自测' }).click();
    await expect
      .poll(() => page.getByText('按所填信息，符合所选层级的考核认定条件').count())
      .toBeGreaterThan(0);
    await shot(page, 'self-check-3-eligible');
    expect(errors.filter((e) => !e.includes('status of 4'))).toEqual([]);
    await context.close();
  });
});

describe('policy versions in the web UI', () => {
  it('a title office clones the version in force into a draft and saves an edit', async () => {
    // The default version's code comes from reference data (reference/policy-default.json).
    const versions = (await (await fetch(h.baseUrl + '/api/v1/policy-versions')).json()) as {
      code: string;
      isDefault: boolean;
    }[];
    const defaultCode = versions.find((v) => v.isDefault)?.code;
    expect(defaultCode, '没有默认政策版本').toBeTruthy();
    const { context, page, errors } = await openPage(h.browser, DESKTOP);
    await loginAs(page, h.baseUrl, 'city_office');
    await page.goto(h.baseUrl + '/app/policies');
    await expect.poll(() => page.getByText(defaultCode!).count()).toBeGreaterThan(0);
    await shot(page, 'policy-versions-list');
    await page
      .getByRole('button', { name: /新建修订稿/ })
      .first()
      .click();
    await page.waitForURL(/\/app\/policies\/\d+/);
    const extra = page.getByLabel('专业不相近延长年限');
    await extra.fill('2');
    await page.getByRole('button', { name: /保存$/ }).first().click();
    await expect.poll(() => page.getByText('修订稿已保存').count()).toBeGreaterThan(0);
    await shot(page, 'policy-draft-editor');
    expect(errors).toEqual([]);
    await context.close();
  });
});
