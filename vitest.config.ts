import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Unit tests live in test/unit/ (mirroring src/), so src/ holds product code only.
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // The pure rules' coverage is printed by every run; the eligibility engine must keep ≥ 95 % branches.
    coverage: {
      enabled: true,
      provider: 'v8',
      include: ['src/domain/**/*.ts'],
      reporter: ['text'],
      thresholds: {
        'src/domain/eligibility/**/*.ts': { branches: 95, statements: 95 },
        'src/domain/full-years.ts': { branches: 95, statements: 95 },
      },
    },
  },
});
