/**
 * Push throughput on PostgreSQL with TWO server processes (issue 17): two real Relais processes
 * (bench/pg-push-server.ts, each its own Node process and pool) on 127.0.0.1, one database, and
 * 10 devices pushing at once, half to each process, as a network behind a load balancer does.
 * Each device owns 2,000 charges; a run patches all 20,000 (3 fields each, 500 mutations = 1,500
 * field changes a request, gzip bodies), every device pushing its own batches in order.
 *
 * In the same run: the same devices all on ONE process (the figure before issue 17), and the raw
 * floor, the same 20,000 rows upserted straight into sync_rows by multi-row INSERT … ON CONFLICT,
 * 500 per statement and transaction, one connection. Rounds alternate one/two processes so load
 * from elsewhere on the machine hits both alike. 10 devices keep every device far below the push
 * limit (120 a minute per device per process, SEC3): nothing here is throttled.
 *
 * BENCH_CPU_PROF=dir writes a --cpu-prof of each server process there.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SYNC_ROWS } from '../sync-server/src/stores/row-mappers';
import { placeholders, type SqlValue } from '../sync-server/src/stores/sql';
import type { StoredRow } from '../sync-server/src/stores/store-tx';
import { type BenchResult, median, withTarget } from './bench-types';
import { openPostgresBenchStore, type PostgresBenchStore } from './postgres-bench-store';
import { BATCH, type BenchDevice, signInDevices, slices } from './push-device';

const DEVICES = 10;
const HOUSEHOLDS_PER_DEVICE = 20;
const CHARGES_PER_HOUSEHOLD = 100;
const FIELDS_PER_MUTATION = 3;
const ROUNDS = 3;
const TARGET = 20_000;

interface Server {
  base: string;
  child: ChildProcess;
}

async function startServer(bench: PostgresBenchStore, url: string): Promise<Server> {
  const profDir = process.env.BENCH_CPU_PROF;
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      ...(profDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${profDir}`]),
      fileURLToPath(new URL('./pg-push-server.ts', import.meta.url)),
    ],
    {
      env: { ...process.env, BENCH_PG_URL: url, BENCH_PG_SCHEMA: bench.schema },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const base = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line !== undefined) resolve(line.trim());
    });
    // The server's log (errors only, unless BENCH_LOG_LEVEL says otherwise) after its address.
    child.stdout?.once('end', () => process.stderr.write(out.split('\n').slice(1).join('\n')));
    child.once('exit', (code) => reject(new Error(`bench server exited (${code})`)));
  });
  return { base, child };
}

async function stopServer(server: Server): Promise<void> {
  if (server.child.exitCode !== null) return;
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  await exited;
}

/** Every device pushes its batches in order; devices run at once. Returns the wall time in ms. */
async function pushAll(devices: BenchDevice[], bases: string[], batches: unknown[][][]): Promise<number> {
  const start = performance.now();
  await Promise.all(
    devices.map(async (device, i) => {
      const base = bases[i % bases.length] ?? '';
      for (const batch of batches[i] ?? []) await device.push(base, batch);
    }),
  );
  return performance.now() - start;
}

/** The raw floor: the devices' charges upserted 500 per multi-row statement, one connection. */
async function rawUpserts(bench: PostgresBenchStore, devices: BenchDevice[], round: number): Promise<number> {
  const ids = devices.flatMap((d) => d.charges.map((c) => c.id));
  const stored = await bench.store.transaction((tx) => tx.getRows(ids));
  const key = ['entity', 'id'];
  const update = SYNC_ROWS.columns
    .filter((c) => !key.includes(c))
    .map((c) => `${c} = excluded.${c}`)
    .join(', ');
  let seq = await bench.store.transaction((tx) => tx.getCounter('change_seq'));
  const start = performance.now();
  for (const part of slices(stored)) {
    const width = SYNC_ROWS.columns.length;
    const tuples = part.map((_, i) => `(${placeholders(1 + i * width, width)})`).join(', ');
    const sql = `INSERT INTO sync_rows (${SYNC_ROWS.columns.join(', ')}) VALUES ${tuples}
      ON CONFLICT (entity, id) DO UPDATE SET ${update}`;
    const params: SqlValue[] = part.flatMap((row, j) => {
      seq += 1;
      const data = {
        ...row.data,
        amountCents: 50_000 + j,
        label: `Brut ${round}-${j}`,
        hasProof: round % 2 === 1,
      };
      const next: StoredRow = { ...row, version: row.version + 1, seq, data };
      return SYNC_ROWS.values(next);
    });
    await bench.store.transaction(
      async (tx) => {
        await tx.sql.run(sql, params);
        await tx.setCounter('change_seq', seq);
      },
      { sequenced: true },
    );
  }
  return performance.now() - start;
}

export async function run(): Promise<BenchResult[]> {
  const bench = await openPostgresBenchStore();
  if (typeof bench === 'string') {
    console.log(`  ${bench}`);
    return [];
  }
  const url =
    process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const servers: Server[] = [];
  try {
    servers.push(await startServer(bench, url), await startServer(bench, url));
    const [a, b] = servers.map((s) => s.base) as [string, string];
    const devices = await signInDevices(a, DEVICES);
    const seeds = devices.map((d) => d.seedBatches(HOUSEHOLDS_PER_DEVICE, CHARGES_PER_HOUSEHOLD));
    await pushAll(devices, [a, b], seeds);
    await bench.probe.query(`VACUUM ANALYZE ${bench.schema}.sync_rows`);
    const one: number[] = [];
    const two: number[] = [];
    const raw: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      one.push(
        await pushAll(
          devices,
          [a],
          devices.map((d) => d.patchBatches(2 * round)),
        ),
      );
      two.push(
        await pushAll(
          devices,
          [a, b],
          devices.map((d) => d.patchBatches(2 * round + 1)),
        ),
      );
      raw.push(await rawUpserts(bench, devices, round));
    }
    const fieldChanges = DEVICES * HOUSEHOLDS_PER_DEVICE * CHARGES_PER_HOUSEHOLD * FIELDS_PER_MUTATION;
    const rate = (ms: number[]) => fieldChanges / (median(ms) / 1000);
    const twoRate = rate(two);
    const oneRate = rate(one);
    const rawRate = rate(raw);
    return [
      withTarget({
        id: 'sync.push-field-changes-per-second.postgres-two-processes',
        description: `Push of ${fieldChanges / FIELDS_PER_MUTATION} mutations × ${FIELDS_PER_MUTATION} fields, ${BATCH} a request, from ${DEVICES} devices at once to two server processes on one PostgreSQL, median of ${ROUNDS}`,
        value: twoRate,
        unit: 'field changes/s',
        baseline: {
          description: `The same rows upserted straight into sync_rows, ${BATCH} per multi-row INSERT … ON CONFLICT and transaction, one connection`,
          value: rawRate,
          unit: 'field changes/s',
        },
        ratio: twoRate / rawRate,
        target: { value: TARGET, lowerIsBetter: false },
        details: {
          oneProcessRate: Math.round(oneRate),
          oneProcessRatioToRaw: oneRate / rawRate,
          twoOverOne: twoRate / oneRate,
          twoMs: two.map(Math.round),
          oneMs: one.map(Math.round),
          rawMs: raw.map(Math.round),
          bodies: 'gzip (level 1), compressed in the measured loop',
        },
      }),
    ];
  } finally {
    for (const server of servers) await stopServer(server);
    await bench.cleanup();
  }
}
