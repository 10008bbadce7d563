/** Driving Ant Design inputs the way a person does, shared by the browser journeys. */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * antd Select: open it (typing to filter where it allows search) and click the option by its title once
 * the dropdown has finished sliding in (like a dialog, it is laid out before it moves: a click then can
 * miss), then make sure the choice took.
 */
export async function choose(page: Page, label: string, text: string) {
  const box = page.getByLabel(label, { exact: true });
  await box.click();
  if (await box.isEditable()) await box.fill(text);
  const option = page.locator(
    `.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="${text}"]`,
  );
  await option.waitFor();
  await expect
    .poll(() =>
      page.locator('.ant-select-dropdown[class*="-appear"], .ant-select-dropdown[class*="-enter"]').count(),
    )
    .toBe(0);
  await option.click();
  await expect
    .poll(() => page.locator('.ant-select', { has: box }).getByText(text).count())
    .toBeGreaterThan(0);
}

/** antd DatePicker: type the date and confirm. */
export async function date(page: Page, label: string, value: string) {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

/**
 * Waits until no antd dialog is zooming in or out. While one opens, its box is first laid out at full
 * size (invisible), then shrunk and grown: a click in that moment can press on the button and release
 * on the mask, and nothing happens.
 */
export async function dialogsSettled(page: Page) {
  await expect.poll(() => page.locator('.ant-zoom-appear, .ant-zoom-enter, .ant-zoom-leave').count()).toBe(0);
}

/** Clicks a button of an antd dialog once the dialog has finished opening. */
export async function clickInDialog(page: Page, name: string) {
  const button = page.getByRole('button', { name, exact: true });
  await button.waitFor();
  await dialogsSettled(page);
  await button.click();
}
