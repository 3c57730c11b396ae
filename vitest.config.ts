import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';

// One config, several projects: `npm test` runs every suite that needs only Node.
// The browser suite (tests/e2e) has its own config: vitest.e2e.config.ts.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: [
            // Checks over the test tree itself (e.g. no fixed sleeps).
            'tests/*.test.ts',
            'tests/domain/**/*.test.ts',
            'tests/cli/**/*.test.ts',
            'tests/worker/**/*.test.ts',
            'tests/documents/**/*.test.ts',
          ],
        },
      },
      {
        test: {
          name: 'server',
          environment: 'node',
          include: ['tests/server/**/*.test.ts'],
          // The PostgreSQL suites share one database: run server files one at a time.
          fileParallelism: false,
        },
      },
      {
        plugins: [preact()],
        test: {
          name: 'dom',
          environment: 'happy-dom',
          include: [
            'tests/ui/**/*.test.{ts,tsx}',
            'tests/db/**/*.test.ts',
            'tests/state/**/*.test.ts',
            'tests/sync/**/*.test.ts',
            'tests/i18n/**/*.test.ts',
          ],
          setupFiles: ['./tests/setup-dom.ts'],
          // Above the 5 s asyncUtilTimeout of tests/setup-dom.ts, so a slow screen fails on its
          // own message rather than on the test's timeout.
          testTimeout: 20_000,
        },
      },
    ],
  },
});
