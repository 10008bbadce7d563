/**
 * Whole journeys in Chromium against the built app with the demo data: the public home and policy
 * pages, the forced first-login password change, each demo role's home with its own menu, and an
 * HR clerk creating an applicant account on a phone-size screen.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, type Harness, loginAs, openPage, shot, startHarness } from './helpers/harness.js';

/** The notice the 政策文件 page publishes (reference data): the one ruling out 非国有企业 engineering. */
const NON_STATE_RULE = '非国有企业工程专业技术资格不组织考核认定';
const notice = (
  JSON.parse(readFileSync('reference/policy-documents.json', 'utf8')) as {
    documents: { title: string; bodyFile: string }[];
  }
).documents.find((d) => readFileSync(join('reference', d.bodyFile), 'utf8').includes(NON_STATE_RULE))!;

/** The annex's 21 agencies (reference data), each with its phone. */
const ANNEX = (
  JSON.parse(readFileSync('reference/agencies.json', 'utf8')) as {
    agencies: { code: string; name: string; phone: string }[];
  }
).agencies;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

describe('public pages', () => {
  it('home shows the 21 agencies with phones and windows, on desktop and phone', async () => {
    const { context, page, errors } = await openPage(h.browser);
    await page.goto(h.baseUrl + '/');
    // Desktop: one table row per agency of the annex, each with its name, phone and windows.
    const rows = page.locator('tr[data-row-key]');
    await expect.poll(() => rows.count()).toBe(ANNEX.length);
    const desktop = await rows.evaluateAll((trs) =>
      trs.map((tr) => ({ code: tr.getAttribute('data-row-key'), text: tr.textContent ?? '' })),
    );
    expect(desktop.map((r) => r.code).sort()).toEqual(ANNEX.map((a) => a.code).sort());
    for (const a of ANNEX) {
      const row = desktop.find((r) => r.code === a.code)!;
      expect(row.text, a.code).toContain(a.name);
      expect(row.text, a.code).toContain(a.phone);
      expect(row.text, a.code).toMatch(/第一批/);
    }
    await shot(page, 'public-home-desktop');
    // Phone: one card per agency, with the same name and phone.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    const cards = page.getByRole('list', { name: '认定机构列表' }).getByRole('listitem');
    await expect.poll(() => cards.count()).toBe(ANNEX.length);
    const phone = await cards.evaluateAll((items) => items.map((i) => i.textContent ?? ''));
    for (const a of ANNEX) {
      expect(
        phone.filter((text) => text.includes(a.name) && text.includes(a.phone)),
        a.code,
      ).toHaveLength(1);
    }
    await shot(page, 'public-home-phone', false);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('publishes the notice on the 政策文件 page', async () => {
    const { context, page, errors } = await openPage(h.browser);
    await page.goto(h.baseUrl + '/policy');
    await page.getByText(notice.title).first().click();
    await expect.poll(() => page.getByText(NON_STATE_RULE, { exact: false }).count()).toBeGreaterThan(0);
    await shot(page, 'policy-notice');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('sign-in', () => {
  it('the administrator must change the initial password at first login', async () => {
    const { context, page, errors } = await openPage(h.browser);
    await loginAs(page, h.baseUrl, 'admin', ADMIN_PASSWORD);
    await page.waitForURL(/\/account\/password/);
    await shot(page, 'admin-forced-password-change');
    await page.getByLabel('当前密码').fill(ADMIN_PASSWORD);
    await page.getByLabel('新密码', { exact: true }).fill('Admin-New-Pass2');
    await page.getByLabel('确认密码').fill('Admin-New-Pass2');
    await page.getByRole('button', { name: /确认修改|修改密码|保存/ }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/account/password'), { timeout: 20_000 });
    await expect.poll(() => page.getByText('审计日志').count()).toBeGreaterThan(0);
    await shot(page, 'role-system-admin');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a wrong password shows the server message', async () => {
    const { context, page } = await openPage(h.browser);
    await page.goto(h.baseUrl + '/login');
    await page.getByLabel('用户名').fill('school_handler');
    await page.getByLabel('密码', { exact: true }).fill('wrong-password-1');
    await page.getByRole('button', { name: '登录' }).click();
    await expect.poll(() => page.getByText('用户名或密码错误', { exact: false }).count()).toBeGreaterThan(0);
    await shot(page, 'login-wrong-password');
    await context.close();
  });
});

// Each demo role sees its own menu: what it must see, and what it must not.
const ROLES: [string, string, string[], string[]][] = [
  ['city_office', 'role-city-office', ['机构管理', '账号管理', '系列专业目录', '审计日志'], ['申报人员']],
  ['province_office', 'role-province-office', ['机构管理', '审计日志'], ['申报人员']],
  ['zg_handler', 'role-county-agency-handler', ['机构管理', '社保参保信息'], ['审计日志', '系列专业目录']],
  ['edu_leader', 'role-supervisor-leader', ['机构管理'], ['社保参保信息', '审计日志']],
  ['school_handler', 'role-employer-handler', ['申报人员'], ['社保参保信息', '审计日志', '系列专业目录']],
  ['applicant1', 'role-applicant', ['工作台'], ['申报人员', '机构管理', '审计日志']],
];

describe('each demo role', () => {
  for (const [username, file, visible, hidden] of ROLES) {
    it(`${username} lands on a home with its own menu`, async () => {
      const { context, page, errors } = await openPage(h.browser);
      await loginAs(page, h.baseUrl, username);
      await page.waitForURL(/\/app/);
      const nav = page.locator('.ant-layout-sider .ant-menu').first();
      for (const item of visible)
        await expect.poll(() => nav.getByText(item, { exact: true }).count()).toBeGreaterThan(0);
      for (const item of hidden) expect(await nav.getByText(item, { exact: true }).count(), item).toBe(0);
      await shot(page, file);
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
