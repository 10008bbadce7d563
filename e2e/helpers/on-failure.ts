/**
 * When a browser test fails, keep a screenshot of every page it still has open (named after the test)
 * and print where each one was: a flaky step in CI then shows what the person would have seen.
 */
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { SCREENSHOT_DIR, apiTraffic, openPages } from './harness.js';

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  const name = ctx.task.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 60);
  let i = 0;
  for (const page of openPages) {
    i++;
    const path = join(SCREENSHOT_DIR, `failed-${name}-${i}.png`);
    try {
      await page.screenshot({ path, timeout: 5_000 });
      console.error(`失败时的页面 ${i}：${page.url()} → ${path}`);
      console.error(`最近的接口请求：\n${(apiTraffic.get(page) ?? []).join('\n')}`);
    } catch (e) {
      console.error(`失败时的页面 ${i}：${page.url()}（截图失败：${String(e)}）`);
    }
  }
});
