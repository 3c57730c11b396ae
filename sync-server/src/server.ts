import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import { type Config, ConfigError, loadConfig } from './config';
import { ensureWritableDataDir, errorReason } from './startup-checks';
import { openStore } from './stores/create-store';

// Entry point (`npm run serve`). Everything that can be wrong with the configuration is checked
// before listening: a server that starts half-configured would accept a volunteer's changes and
// then fail to store them.

const SHUTDOWN_TIMEOUT_MS = 10_000;

async function main(): Promise<void> {
  const config = loadConfig();
  ensureWritableDataDir(config.dataDir);
  const store = await openStore(config);
  const app = await buildApp(config, { store });
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await app.close().catch(() => {});
    throw new ConfigError(
      'PORT',
      `${config.port} cannot be used on HOST ${config.host} (${errorReason(error)})`,
    );
  }
  handleSignals(app);
  console.log(`Relais listening on ${urlOf(config)} (store: ${describeStore(config, store.location)})`);
}

function handleSignals(app: FastifyInstance): void {
  let isClosing = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (isClosing) {
      app.log.warn({ signal }, 'second signal: exiting without waiting for requests');
      process.exit(1);
    }
    isClosing = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    // unref: if close() finishes first, this timer must not keep the process alive.
    setTimeout(() => {
      app.log.error('shutdown took more than 10 s: exiting anyway');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    // Node only closes the keep-alive connections that are idle when close() starts; a browser
    // connection that finishes its request afterwards would hold the process until the timeout.
    setInterval(() => app.server.closeIdleConnections(), 100).unref();
    // close() stops accepting, waits for in-flight requests, then runs onClose (store.close()).
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, 'error during shutdown');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

function urlOf(config: Config): string {
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return `http://${host}:${config.port}`;
}

function describeStore(config: Config, location: string): string {
  return config.database.kind === 'sqlite' ? `sqlite at ${location}` : location;
}

main().catch((error: unknown) => {
  // One line on stderr, no stack: the message already names the variable to fix.
  const line = error instanceof ConfigError ? error.message : `Startup error: ${errorReason(error)}`;
  console.error(line);
  process.exit(1);
});
