import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    exclude: ['tests/e2e/**', 'node_modules/**', 'dist/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores, which on our 2-core CI machines is a
    // single worker; most suites wait on Dovecot, PostgreSQL or child processes rather than the
    // CPU, so two workers cut the phase from ~450 s to ~280 s there.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'core',
          // Playwright specs live in tests/e2e and run under `playwright test`, never here.
          include: ['src-*/**/*.test.{ts,tsx}', 'tests/integration/**/*.test.ts', 'bench/**/*.test.ts', 'scripts/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          // The hub and sync suites: one throwaway PostgreSQL cluster per run, started only when
          // one of these files is queued (tests/support/postgres.ts: createTestDatabase()).
          name: 'hub',
          include: ['tests/hub/**/*.test.ts', 'tests/sync/**/*.test.ts'],
          globalSetup: ['tests/support/postgres-global-setup.ts'],
        },
      },
    ],
  },
});
