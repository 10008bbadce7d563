import { defineConfig } from 'vitest/config';

// Browser journeys against the built app (npm run build first), in Debian's Chromium.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.test.ts'],
    globalSetup: ['e2e/helpers/demo-template.ts', 'e2e/helpers/a11y-pages.ts'],
    setupFiles: ['e2e/helpers/on-failure.ts', 'e2e/helpers/a11y-report.ts'],
    pool: 'forks',
    fileParallelism: false,
    // One worker process for all files, importing playwright-core and axe once (each file still
    // starts its own server on its own copy of the demo data, and its own Chromium).
    isolate: false,
    // A journey (four reviewers in a row, a form filled on a phone) takes 20–50 s; on a loaded machine
    // (a CI runner, several test runs at once) well over a minute: its steps time out first anyway.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // A page waits on the network and on the form's 1 s autosave: poll up to 15 s, not the 1 s default.
    expect: { poll: { timeout: 15_000, interval: 100 } },
  },
});
