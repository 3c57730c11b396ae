import { defineConfig } from 'vitest/config';

// The browser suite: real Chromium (Debian's /usr/bin/chromium) driven by playwright-core,
// against real builds of the app served by the real sync server on 127.0.0.1.
export default defineConfig({
  test: {
    name: 'e2e',
    environment: 'node',
    include: ['tests/e2e/**/*.e2e.test.ts'],
    // KNOWN BUG (issue 6, open): after a rent conflict is resolved and both devices synced, a
    // later background sync can bring the losing value back on one device (I8 violated,
    // intermittently). This test shows it about one run in two; it stays out of CI until the
    // sync client is fixed. Run it: RELAIS_E2E_KNOWN_BUGS=1 npx vitest run --config vitest.e2e.config.ts
    // tests/e2e/sync-conflict.e2e.test.ts
    exclude: process.env.RELAIS_E2E_KNOWN_BUGS ? [] : ['tests/e2e/sync-conflict.e2e.test.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
