/** Driving Ant Design inputs the way a person does, shared by the browser journeys. */
import type { Page } from 'playwright-core';

/** antd Select: open it (typing to filter where it allows search) and click the option by its title. */
export async function choose(page: Page, label: string, text: string) {
  const box = page.getByLabel(label, { exact: true });
  await box.click();
  if (await box.isEditable()) await box.fill(text);
  await page
    .locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="${text}"]`)
    .click();
}

/** antd DatePicker: type the date and confirm. */
export async function date(page: Page, label: string, value: string) {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}
