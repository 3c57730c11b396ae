import { connect } from 'node:net';
import preact from '@preact/preset-vite';
import { defineConfig, type ViteUserConfig } from 'vitest/config';

// One config, several projects: `npm test` runs every suite that needs only Node.
// The browser suite (tests/e2e) has its own config: vitest.e2e.config.ts.

/** The local PostgreSQL the suites use when DATABASE_URL is not set (what .ci/run sets too). */
const LOCAL_POSTGRES = { host: '127.0.0.1', port: 5432, url: 'postgres://postgres@127.0.0.1:5432/test' };

/** Whether something accepts a TCP connection on host:port within `ms`. */
function answers(host: string, port: number, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(ms, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * The PostgreSQL suites run whenever they can: DATABASE_URL unset and a local PostgreSQL answering
 * means DATABASE_URL is that one. Set here, in the main process, before any test worker starts, so
 * every worker inherits it. DATABASE_URL set (even empty, to turn PostgreSQL off) is left alone.
 */
async function usePostgresWhenLocal(): Promise<void> {
  if (process.env.DATABASE_URL !== undefined) return;
  if (await answers(LOCAL_POSTGRES.host, LOCAL_POSTGRES.port, 500)) {
    process.env.DATABASE_URL = LOCAL_POSTGRES.url;
  } else {
    console.log(
      `PostgreSQL suites skipped: nothing answers on ${LOCAL_POSTGRES.host}:${LOCAL_POSTGRES.port}; start it or set DATABASE_URL=postgres://user@host:port/db to run them.`,
    );
  }
}

const config: ViteUserConfig = {
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
            'tests/scripts/**/*.test.ts',
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
};

export default defineConfig(async () => {
  await usePostgresWhenLocal();
  return config;
});
