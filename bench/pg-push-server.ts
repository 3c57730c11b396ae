/**
 * One Relais server process for bench/sync-push-postgres.bench.ts: buildApp over a PostgresStore
 * on the schema the parent created, listening on 127.0.0.1 on a free port. Prints its address on
 * the first stdout line and stops on SIGTERM. Run as a child (`node --import tsx`), so two of them
 * are two real processes sharing one database, as two servers behind a load balancer would be.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../sync-server/src/app';
import { PostgresStore } from '../sync-server/src/stores/postgres-store';

const url = process.env.BENCH_PG_URL ?? '';
const schema = process.env.BENCH_PG_SCHEMA ?? '';
const dir = mkdtempSync(join(tmpdir(), 'relais-bench-pg-'));
const store = new PostgresStore({ connectionString: url, schema });
await store.migrate();
const app = await buildApp(
  {
    port: 0,
    host: '127.0.0.1',
    dataDir: dir,
    database: { kind: 'postgres', url },
    staticDir: join(dir, 'dist'),
    logLevel: (process.env.BENCH_LOG_LEVEL ?? 'error') as 'error',
  },
  { store },
);
const address = await app.listen({ host: '127.0.0.1', port: 0 });
console.log(address.replace('localhost', '127.0.0.1'));
process.on('SIGTERM', () => {
  // process.exit on close: --cpu-prof writes its profile on a normal exit.
  void app.close().finally(() => {
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  });
});
