import { defineConfig } from 'vitest/config';

// The browser suite: real Chromium (Debian's /usr/bin/chromium) driven by playwright-core,
// against real builds of the app served by the real sync server on 127.0.0.1.
export default defineConfig({
  test: {
    name: 'e2e',
    environment: 'node',
    include: ['tests/e2e/**/*.e2e.test.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // expect.poll waits 1 s by default: a loaded machine can stall Chromium longer than that
    // between an action and its effect (an IndexedDB read, a render after paint). The poll still
    // returns as soon as the condition holds, and fails if it never does.
    expect: { poll: { timeout: 15_000 } },
  },
});
