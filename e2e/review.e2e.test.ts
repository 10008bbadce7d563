/**
 * Reviewers at work (issue 5): one demo application through every seat to 认定通过 — the unit handler
 * checks the materials against the originals, the unit records its publicity, the leader sends it on,
 * the supervising department and the agency approve — and another through 退回修改 → correction on
 * the applicant's phone → resubmission → 不予通过. Screenshots of each workbench.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DESKTOP, type Harness, PHONE, loginAs, openPage, shot, startHarness } from './helpers/harness.js';
import { choose, clickInDialog, dialogsSettled } from './helpers/antd.js';
import { openWindowToday, submitTeacherApplication } from './helpers/api.js';

let h: Harness;
let recognised: { id: number; number: string };
let returned: { id: number; number: string };

beforeAll(async () => {
  h = await startHarness();
  await openWindowToday(h.baseUrl);
  recognised = await submitTeacherApplication(h.baseUrl, 'applicant2');
  returned = await submitTeacherApplication(h.baseUrl, 'applicant3');
});
afterAll(async () => {
  await h?.stop();
});

async function reviewer(username: string) {
  const { context, page, errors } = await openPage(h.browser, DESKTOP);
  await loginAs(page, h.baseUrl, username);
  return { context, page, errors };
}

async function openFromQueue(page: Page, number: string) {
  await page.goto(h.baseUrl + '/app/review');
  const table = page.getByRole('table', { name: '待审申报' });
  await expect.poll(() => table.getByText(number).count()).toBeGreaterThan(0);
  await table.getByRole('link', { name: number }).click();
  await page.waitForURL(/\/app\/review\/\d+$/);
  await expect.poll(() => page.getByText('申报信息（提交版本，只读）').count()).toBeGreaterThan(0);
}

/** antd's button-style radio: its input is hidden, the visible label takes the click. */
async function pick(page: Page, decision: string) {
  await page
    .locator('.ant-radio-button-wrapper')
    .filter({ hasText: new RegExp(`^${decision}$`) })
    .click();
}

async function decide(
  page: Page,
  errors: string[],
  decision: '通过' | '退回修改' | '不予通过',
  confirmWork = false,
  finalSeat = false,
) {
  await pick(page, decision);
  if (confirmWork) await page.getByRole('checkbox', { name: /已审查工作经历和业绩成果/ }).check();
  await page.getByRole('button', { name: '提交审查意见' }).click();
  const here = new URL(page.url()).pathname;
  if (finalSeat) {
    // The agency leader's approval is the recognition decision itself, and the dialog says so.
    await page.getByRole('button', { name: '确认认定通过', exact: true }).waitFor();
    await dialogsSettled(page);
    expect(await page.getByText(/通过即作出认定决定/).count()).toBe(1);
    await shot(page, 'review-9b-agency-leader-final-confirm', false);
  }
  await clickInDialog(page, finalSeat ? '确认认定通过' : `确认${decision}`);
  await leftPage(page, here, errors);
}

/**
 * On to the next application waiting at the seat, or back to the queue when none is left. If the
 * reviewer stays, the failure shows the page's dialogs, its errors and the server's log (and the
 * failure hook keeps a screenshot).
 */
async function leftPage(page: Page, here: string, errors: string[]) {
  const movedOn = () => {
    const path = new URL(page.url()).pathname;
    return path.startsWith('/app/review') && path !== here;
  };
  try {
    await expect.poll(() => (movedOn() ? 'moved on' : 'still here'), { timeout: 30_000 }).toBe('moved on');
  } catch (e) {
    const shown = await page.locator('.ant-modal, [role=alert], .ant-message').allInnerTexts();
    throw new Error(
      [
        `审查意见提交后没有离开 ${here}（现在：${page.url()}）`,
        `页面上的对话框与提示：${shown.join(' | ') || '无'}`,
        `页面错误：${errors.join('\n') || '无'}`,
        `服务端日志：${h.serverLog() || '无'}`,
      ].join('\n'),
      { cause: e },
    );
  }
}

async function approveAs(
  username: string,
  number: string,
  screenshot: string,
  opts: { confirmWork?: boolean; keyboard?: boolean; finalSeat?: boolean } = {},
) {
  const { context, page, errors } = await reviewer(username);
  await openFromQueue(page, number);
  if (opts.confirmWork) await page.getByRole('checkbox', { name: /已审查工作经历和业绩成果/ }).check();
  await shot(page, screenshot, false);
  if (opts.keyboard) {
    // A reviewer working through a long queue: Alt+1 (通过), Ctrl+Enter, Enter to confirm.
    const here = new URL(page.url()).pathname;
    await page.keyboard.press('Alt+1');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.getByRole('button', { name: '确认通过' }).count()).toBe(1);
    await dialogsSettled(page);
    // antd focuses the dialog's OK button a tick after it renders; a person sees the focus ring first.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toBe('确认通过');
    await page.keyboard.press('Enter');
    await leftPage(page, here, errors);
  } else await decide(page, errors, '通过', opts.confirmWork, opts.finalSeat);
  expect(errors).toEqual([]);
  await context.close();
}

describe('return → correction → resubmission → rejection', () => {
  it('the unit handler returns it with a reason per field and per material', async () => {
    const { context, page, errors } = await reviewer('school_handler');
    await openFromQueue(page, returned.number);
    await pick(page, '退回修改');
    await choose(page, '原因所指字段或材料', '学历第 1 条');
    await page.getByLabel('原因', { exact: true }).fill('学信网验证码无法查询，请核对后重新填写');
    await page.getByRole('button', { name: '添加一条原因' }).click();
    await page.getByLabel('原因所指字段或材料').nth(1).click();
    await page
      .locator(
        '.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="材料：本科毕业证书"]',
      )
      .last()
      .click();
    await page.getByLabel('原因', { exact: true }).nth(1).fill('毕业证书扫描件不清晰，请重新扫描上传');
    await shot(page, 'review-12-return-reasons', false);
    const here = new URL(page.url()).pathname;
    await page.getByRole('button', { name: '提交审查意见' }).click();
    await clickInDialog(page, '确认退回修改');
    await leftPage(page, here, errors);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the applicant sees the reasons on the phone, corrects and resubmits', async () => {
    const { context, page, errors } = await openPage(h.browser, PHONE);
    await loginAs(page, h.baseUrl, 'applicant3');
    await page.goto(`${h.baseUrl}/app/my-applications/${returned.id}`);
    const reasons = page.getByRole('list', { name: '退回原因' });
    await expect.poll(() => reasons.getByText(/学历第 1 条/).count()).toBeGreaterThan(0);
    expect(await reasons.getByText(/材料：本科毕业证书/).count()).toBe(1);
    await shot(page, 'review-13-applicant-returned', false);
    // Marked where it is corrected too (issue 11 item 13): the entry carries the reason in red.
    const mark = page
      .getByRole('alert')
      .filter({ hasText: '退回意见：学信网验证码无法查询，请核对后重新填写' });
    await expect.poll(() => mark.count()).toBe(1);
    await mark.scrollIntoViewIfNeeded();
    await shot(page, 'review-13b-applicant-returned-entry-marked', false);
    await page.getByLabel('学信网验证码', { exact: true }).fill('WXYZ5678ABCD1234');
    await expect.poll(() => page.getByText('已保存', { exact: true }).count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: '预检' }).click();
    await expect.poll(() => page.getByText('预检通过，可以提交').count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: '提交' }).click();
    await clickInDialog(page, '确认提交');
    await expect.poll(() => page.getByText('第2版').count()).toBeGreaterThan(0);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'review-14-applicant-resubmitted', false);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the unit handler rejects version 2 with reasons; the applicant is told', async () => {
    const { context, page, errors } = await reviewer('school_handler');
    await openFromQueue(page, returned.number);
    await expect.poll(() => page.getByText(/第 2 版/).count()).toBeGreaterThan(0);
    await pick(page, '不予通过');
    await page.getByLabel('原因', { exact: true }).fill('经向发证学校核实，学历信息与档案记载不一致');
    await shot(page, 'review-15-reject', false);
    await decide(page, errors, '不予通过');
    await context.close();
    const phone = await openPage(h.browser, PHONE);
    await loginAs(phone.page, h.baseUrl, 'applicant3');
    await phone.page.goto(`${h.baseUrl}/app/my-applications/${returned.id}`);
    await expect.poll(() => phone.page.getByText('未通过', { exact: true }).count()).toBeGreaterThan(0);
    await shot(phone.page, 'review-16-applicant-rejected', false);
    expect([...errors, ...phone.errors]).toEqual([]);
    await phone.context.close();
  });
});

describe('one application through every seat', () => {
  it('the unit handler checks every material against the original, vouches and approves', async () => {
    const { context, page, errors } = await reviewer('school_handler');
    await page.goto(h.baseUrl + '/app/review');
    const table = page.getByRole('table', { name: '待审申报' });
    await expect.poll(() => table.getByText(recognised.number).count()).toBeGreaterThan(0);
    // The other journey's application was decided before this one (return, correction, rejection).
    expect(await table.getByText(returned.number).count()).toBe(0);
    await shot(page, 'review-1-unit-handler-queue');
    await openFromQueue(page, recognised.number);
    // Sending it on with a material unchecked is refused.
    await page.getByRole('checkbox', { name: /已审查工作经历和业绩成果/ }).check();
    await page.getByRole('button', { name: '提交审查意见' }).click();
    await clickInDialog(page, '确认通过');
    await expect.poll(() => page.getByText(/项材料未核验/).count()).toBeGreaterThan(0);
    const checkButtons = page.getByRole('button', { name: '核验与原件相符' });
    while ((await checkButtons.count()) > 0) {
      const before = await checkButtons.count();
      await checkButtons.first().click();
      await expect.poll(() => checkButtons.count()).toBeLessThan(before);
    }
    await expect.poll(() => page.getByText(/已核验：与原件相符（王老师/).count()).toBe(3);
    // The reviewer opens the combined PDF of a material (same-origin, with the session).
    const href = await page.getByRole('link', { name: /本科毕业证书/ }).getAttribute('href');
    const pdf = await page.request.get(h.baseUrl + href!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    await shot(page, 'review-2-unit-handler-checked', false);
    await decide(page, errors, '通过', true);
    expect(errors.filter((e) => !e.includes('status of 422'))).toEqual([]);
    await context.close();
  });

  it('the unit leader records the publicity, and approves once it has run 5 working days', async () => {
    let { context, page, errors } = await reviewer('school_leader');
    await page.goto(h.baseUrl + '/app/review');
    await page.getByRole('button', { name: '登记公示' }).click();
    await dialogsSettled(page);
    // A publicity of candidates: it starts no earlier than the submission (today).
    await page.getByLabel('公示开始日期').fill(h.today());
    await page.getByRole('checkbox', { name: new RegExp(recognised.number) }).check();
    await shot(page, 'review-3-publicity', false);
    await clickInDialog(page, '确认登记');
    await expect.poll(() => page.getByText('公示中').count()).toBeGreaterThan(0);
    await page.getByLabel('异议内容').fill('反映其任教起始时间有误');
    await page.getByLabel('核实处理情况').fill('经核实聘用合同，任教时间无误');
    await page.getByRole('button', { name: '登记异议' }).click();
    await expect.poll(() => page.getByText(/反映其任教起始时间有误/).count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await context.close();
    // Three weeks later (5 working days, with any public holiday between): the publicity has ended.
    await h.advance(21);
    ({ context, page, errors } = await reviewer('school_leader'));
    await page.goto(h.baseUrl + '/app/review');
    await expect.poll(() => page.getByText('已期满').count()).toBeGreaterThan(0);
    await shot(page, 'review-4-unit-leader-queue');
    await openFromQueue(page, recognised.number);
    await expect.poll(() => page.getByText(/单位公示.*已期满/).count()).toBeGreaterThan(0);
    await shot(page, 'review-5-unit-leader', false);
    await decide(page, errors, '通过');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the supervising department and the agency approve; the applicant sees 认定通过', async () => {
    await approveAs('edu_handler', recognised.number, 'review-6-supervisor-handler', { confirmWork: true });
    await approveAs('edu_leader', recognised.number, 'review-7-supervisor-leader', { keyboard: true });
    await approveAs('zg_handler', recognised.number, 'review-8-agency-handler');
    await approveAs('zg_leader', recognised.number, 'review-9-agency-leader', { finalSeat: true });
    const { context, page, errors } = await openPage(h.browser, PHONE);
    await loginAs(page, h.baseUrl, 'applicant2');
    await page.goto(`${h.baseUrl}/app/my-applications/${recognised.id}`);
    await expect.poll(() => page.getByText('认定通过', { exact: true }).count()).toBeGreaterThan(0);
    await page.getByText(/审查记录（6）/).click();
    await expect.poll(() => page.getByText(/认定机构领导审批/).count()).toBeGreaterThan(0);
    await shot(page, 'review-10-applicant-recognised');
    await page.getByRole('button', { name: /站内消息/ }).click();
    await expect.poll(() => page.getByText('考核认定通过').count()).toBeGreaterThan(0);
    await shot(page, 'review-11-applicant-notifications', false);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('the audit log', () => {
  it('reads in Chinese: actions, roles, and the before/after fields with codes named', async () => {
    const { context, page, errors } = await reviewer('city_office');
    await page.goto(h.baseUrl + '/app/audit');
    const table = page.getByRole('table', { name: '审计日志' });
    await expect.poll(() => table.getByText('审查通过').count()).toBeGreaterThan(0);
    expect(await table.getByText('review.approve').count()).toBe(0);
    await table.getByRole('row').filter({ hasText: '审查通过' }).first().getByRole('button').first().click();
    await expect.poll(() => page.getByText('审查环节：').count()).toBeGreaterThan(0);
    await page.getByText('审查环节：').first().scrollIntoViewIfNeeded();
    await shot(page, 'review-17-audit-log', false);
    expect(errors).toEqual([]);
    await context.close();
  });
});
