/**
 * Global setup of the browser tests: runs `npm run demo` once into a template data directory, which
 * every journey on the suite's own clock copies (harness.ts) instead of building the same demo again
 * (~10 s a file). A journey with its own `clock` still builds its demo at that time.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ADMIN_PASSWORD } from './harness.js';

export default function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'zc-e2e-demo-'));
  const demo = spawnSync('npx', ['tsx', 'src/server/cli/demo-cli.ts'], {
    env: { ...process.env, DATA_DIR: dir, ADMIN_PASSWORD, LOG_LEVEL: 'warn', DATABASE_URL: '' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (demo.status !== 0) throw new Error('npm run demo failed:\n' + demo.stdout + demo.stderr);
  project.provide('demoTemplateDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    demoTemplateDir: string;
  }
}
