/**
 * Fails a browser test whose pages had serious or critical accessibility violations (found by
 * e2e/helpers/a11y.ts while the journey went on), listing them all; prints each file's count and time.
 */
import { afterAll, afterEach } from 'vitest';
import { a11yTotals, pendingViolations } from './a11y.js';

afterEach(() => {
  const found = pendingViolations.splice(0);
  if (found.length) {
    throw new Error(`无障碍检查：${found.length} 项严重（serious/critical）问题\n\n${found.join('\n\n')}`);
  }
});

afterAll(() => {
  console.log(`无障碍检查：${a11yTotals.pages} 个页面，用时 ${(a11yTotals.ms / 1000).toFixed(1)} 秒`);
  // Per file (the worker's modules are shared by the files it runs).
  a11yTotals.pages = 0;
  a11yTotals.ms = 0;
});
