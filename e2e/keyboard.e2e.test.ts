/**
 * Every form usable by keyboard (issue 13 item 6): an applicant signs in, creates an application and
 * fills its first section — the series and specialty, and a first education entry — with Tab,
 * Shift+Tab, Enter, Space, arrow keys and typing only, never the mouse. At each control the focus must
 * be visible (the control looks different focused than not), and the entries must be saved.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, DESKTOP, addYears, openPage, shot, startHarness } from './helpers/harness.js';
import { apiSession, openWindowToday } from './helpers/api.js';
import { dialogsSettled } from './helpers/antd.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

/** Whether the focus is on `target` or inside it. */
function hasFocus(target: Locator): Promise<boolean> {
  return target.evaluate((el) => el === document.activeElement || el.contains(document.activeElement));
}

/** Presses Tab (Shift+Tab with `back`) until `target` has the focus, then checks the focus is visible. */
async function tabTo(page: Page, target: Locator, what: string, { back = false, max = 40 } = {}) {
  for (let i = 0; i < max; i++) {
    if (await hasFocus(target)) {
      await expectFocusVisible(page, what);
      return;
    }
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  const at = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200) ?? '无');
  throw new Error(`按 ${max} 次 ${back ? 'Shift+Tab' : 'Tab'} 也没有到达“${what}”；焦点在：${at}`);
}

/**
 * The focus is visible: the focused control (with antd's wrapper that draws its ring) and a margin
 * around it look different while it has the focus than once it is blurred. The focus is put back.
 */
async function expectFocusVisible(page: Page, what: string) {
  const box = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    el.scrollIntoView({ block: 'center' });
    const ring =
      el.closest(
        '.ant-select, .ant-picker, .ant-input-affix-wrapper, .ant-input-number, .ant-radio-button-wrapper, .ant-radio-wrapper, .ant-checkbox-wrapper',
      ) ?? el;
    const r = ring.getBoundingClientRect();
    return { x: Math.max(0, r.x - 6), y: Math.max(0, r.y - 6), width: r.width + 12, height: r.height + 12 };
  });
  expect(box, `${what}：没有任何元素获得焦点`).not.toBeNull();
  const focused = await page.screenshot({ clip: box!, animations: 'disabled' });
  await page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    (window as unknown as { keyboardTestFocus: HTMLElement }).keyboardTestFocus = el;
    el.blur();
  });
  const blurred = await page.screenshot({ clip: box!, animations: 'disabled' });
  await page.evaluate(() =>
    (window as unknown as { keyboardTestFocus: HTMLElement }).keyboardTestFocus.focus(),
  );
  expect(focused.equals(blurred), `${what}：获得焦点时看不出焦点所在`).toBe(false);
}

/** An antd Select with search, by keyboard: type to filter, wait for the option, Enter. */
async function typeAndPick(page: Page, box: Locator, text: string) {
  await page.keyboard.type(text);
  await page
    .locator(
      `.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option-active[title="${text}"]`,
    )
    .waitFor();
  await page.keyboard.press('Enter');
  await expect
    .poll(() => page.locator('.ant-select', { has: box }).getByText(text).count())
    .toBeGreaterThan(0);
}

/** An antd Select without search, by keyboard: ↓ opens it, ↓ again until `text` is active, Enter. */
async function arrowPick(page: Page, box: Locator, text: string) {
  const active = page.locator(
    '.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option-active',
  );
  await page.keyboard.press('ArrowDown');
  await active.waitFor();
  for (let i = 0; i < 20 && (await active.getAttribute('title')) !== text; i++) {
    await page.keyboard.press('ArrowDown');
  }
  expect(await active.getAttribute('title')).toBe(text);
  await page.keyboard.press('Enter');
  await expect
    .poll(() => page.locator('.ant-select', { has: box }).getByText(text).count())
    .toBeGreaterThan(0);
}

describe('an applicant with the keyboard only', () => {
  it('signs in, creates an application and fills its first section; it is saved', async () => {
    await openWindowToday(h.baseUrl);
    const graduated = addYears(h.today(), -2);
    const { context, page, errors } = await openPage(h.browser, DESKTOP);

    // Sign in: the user name has the focus on arrival; Tab to the password; Enter submits.
    await page.goto(h.baseUrl + '/login');
    const username = page.getByLabel('用户名');
    await tabTo(page, username, '用户名');
    await page.keyboard.type('applicant1');
    await page.keyboard.press('Tab');
    await tabTo(page, page.getByLabel('密码', { exact: true }), '密码');
    await page.keyboard.type('Demo@Pass1');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/app$/, { timeout: 20_000 });

    // The home's 我的申报 shortcut, then 新建申报.
    await tabTo(page, page.getByRole('main').getByRole('link', { name: /我的申报/ }), '我的申报', {
      max: 60,
    });
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/app\/my-applications$/);
    await tabTo(page, page.getByRole('button', { name: '新建申报' }), '新建申报', { max: 60 });
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: '新建申报' });
    await dialog.waitFor();
    await dialogsSettled(page);

    // 申报层级: a radio group — Tab into it, the arrow keys choose.
    const assistant = dialog.getByRole('radio', { name: '助理级' });
    await tabTo(page, dialog.getByRole('radio').first(), '申报层级');
    for (let i = 0; i < 3 && !(await assistant.isChecked()); i++) await page.keyboard.press('ArrowRight');
    expect(await assistant.isChecked()).toBe(true);
    await expectFocusVisible(page, '申报层级：助理级');
    // The batch accepting today is chosen for the applicant.
    await expect.poll(() => dialog.getByText(/认定机构：.*章贡区/).count()).toBeGreaterThan(0);
    await expect.poll(() => dialog.getByRole('radio', { checked: true }).count()).toBe(2);
    await shot(page, 'keyboard-1-create');
    await tabTo(page, dialog.getByRole('button', { name: '创建并填写' }), '创建并填写');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/app\/my-applications\/\d+$/);
    const id = Number(new URL(page.url()).pathname.split('/').at(-1));

    // 申报系列 and 申报专业: antd selects, by typing and the arrow keys.
    const series = page.getByLabel('申报系列', { exact: true });
    await tabTo(page, series, '申报系列', { max: 60 });
    await typeAndPick(page, series, '中小学教师');
    const specialty = page.getByLabel('申报专业', { exact: true });
    await tabTo(page, specialty, '申报专业');
    await page.keyboard.press('ArrowDown');
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option-active')
      .waitFor();
    const specialtyName = await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option-active')
      .getAttribute('title');
    await page.keyboard.press('Enter');
    expect(specialtyName).toBeTruthy();

    // A first education entry: the button by Space, then each field in turn.
    await tabTo(page, page.getByRole('button', { name: '添加学历' }), '添加学历');
    await page.keyboard.press('Space');
    // The focus moves into the new entry, to its first field.
    const level = page.getByLabel('学历层次', { exact: true });
    await expect.poll(() => hasFocus(level)).toBe(true);
    await tabTo(page, level, '学历层次');
    await arrowPick(page, level, '本科');
    const fullTime = page.getByRole('radio', { name: '全日制', exact: true }).first();
    await tabTo(
      page,
      page.locator('#application_education_0_fullTime').getByRole('radio').first(),
      '是否全日制',
    );
    if (!(await fullTime.isChecked())) await page.keyboard.press('Space');
    expect(await fullTime.isChecked()).toBe(true);
    await tabTo(page, page.getByLabel('毕业院校', { exact: true }), '毕业院校');
    await page.keyboard.type('赣南师范大学');
    await tabTo(page, page.getByLabel('所学专业', { exact: true }), '所学专业');
    await page.keyboard.type('数学与应用数学');
    await tabTo(page, page.getByLabel('毕业时间', { exact: true }), '毕业时间');
    await page.keyboard.type(graduated);
    await page.keyboard.press('Enter');
    await tabTo(page, page.getByLabel('学信网验证码', { exact: true }), '学信网验证码');
    await page.keyboard.type('A1B2C3D4E5F6G7H8');
    // Back one field with Shift+Tab: 学位.
    await tabTo(page, page.getByLabel('学位', { exact: true }), '学位', { back: true });
    await page.keyboard.type('理学学士');
    await expect.poll(() => page.getByText('已保存', { exact: true }).count()).toBeGreaterThan(0);
    await shot(page, 'keyboard-2-form', false);

    // Saved: what the server has is what was typed.
    const saved = await (
      await apiSession(h.baseUrl, 'applicant1')
    ).get<{
      form: { seriesCode: string; specialtyCode: string | null; education: Record<string, unknown>[] };
    }>(`/applications/${id}`);
    expect(saved.form.seriesCode).toBe('schoolTeacher');
    expect(saved.form.specialtyCode).toBeTruthy();
    expect(saved.form.education[0]).toMatchObject({
      level: 'bachelor',
      fullTime: true,
      school: '赣南师范大学',
      major: '数学与应用数学',
      graduationDate: graduated,
      degree: '理学学士',
      chsiCode: 'A1B2C3D4E5F6G7H8',
    });
    expect(errors.filter((e) => !e.includes('status of 4'))).toEqual([]);
    await context.close();
  });
});
