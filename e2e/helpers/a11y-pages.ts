/**
 * Global setup of the browser tests: one file listing the pages axe has already checked in this run
 * (a11y.ts), so that a page every journey passes through (the sign-in page, a role's home) is checked
 * once per run, not once per test file. Files run one after another (fileParallelism: false).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

export default function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'zc-e2e-a11y-'));
  const file = join(dir, 'checked-pages.txt');
  writeFileSync(file, '');
  project.provide('a11yCheckedPagesFile', file);
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    a11yCheckedPagesFile: string;
  }
}
