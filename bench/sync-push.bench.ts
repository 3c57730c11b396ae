/**
 * Sync push throughput (issue 6): 10,000 mutations, each changing 3 fields of a charge, pushed
 * in batches of 500 through HTTP to a real server listening on 127.0.0.1 (validation,
 * authorisation per household, conflict detection, one transaction per request), on SQLite and
 * on PostgreSQL. Baseline, same run, same store: the resulting rows written straight into the
 * store (StoreTx.upsertRow, 500 per transaction), with no HTTP, validation or conflict checks.
 * 500 such mutations are about 280 kB of JSON, over the 256 kB push limit, so bodies are sent
 * gzipped (as the device client should); compressing is inside the measured time.
 *
 * PostgreSQL: BENCH_DATABASE_URL or DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test;
 * skipped (noted in the results) when it does not answer. Everything talks to 127.0.0.1 only.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { buildApp } from '../sync-server/src/app';
import type { Config } from '../sync-server/src/config';
import { PostgresStore } from '../sync-server/src/stores/postgres-store';
import { SqliteStore } from '../sync-server/src/stores/sqlite-store';
import type { RelaisStore } from '../sync-server/src/stores/store';
import type { FieldMeta, StoredRow } from '../sync-server/src/stores/store-tx';
import { ACTUAL_VERSION, measureActualPeer, type PeerOutcome } from './actual-peer';
import { type BenchResult, median, withTarget } from './bench-types';
import { throttled } from './post-json';
import { BATCH, signInDevices } from './push-device';

const MUTATIONS = 10_000;
const FIELDS_PER_MUTATION = 3;
const HOUSEHOLDS = 200;
const RUNS = 3;
/** Issue 17: at least 1.5× Actual's sync server (same run) and 0.3 of the raw upsert rate. */
const VS_ACTUAL = 1.5;
const VS_RAW = 0.3;

interface Target {
  name: 'sqlite' | 'postgres';
  store: RelaisStore;
  cleanup: () => Promise<void>;
}

function config(dir: string): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    dataDir: dir,
    database: { kind: 'sqlite', path: join(dir, 'relais.sqlite') },
    staticDir: join(dir, 'dist'),
    logLevel: 'silent',
  };
}

async function measure(
  target: Target,
): Promise<{ push: number[]; raw: number[]; bytes: number; throttled: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'relais-bench-'));
  const app = await buildApp(config(dir), { store: target.store });
  try {
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    const base = address.replace('localhost', '127.0.0.1');
    const [device] = await signInDevices(base, 1);
    if (device === undefined) throw new Error('no device signed in');
    // Seed (not measured): 200 households and 10,000 charges, through the same push path.
    for (const batch of device.seedBatches(HOUSEHOLDS, MUTATIONS / HOUSEHOLDS))
      await device.push(base, batch);
    const { charges } = device;

    const pushTimes: number[] = [];
    let bytes = 0;
    // SEC3 allows 120 pushes a minute per device: the 21 seeding and 60 measured pushes stay under
    // it, and a 429 inside the measured loop (postJson waits it out) is reported, not hidden.
    let waits = 0;
    for (let run = 0; run < RUNS; run += 1) {
      const batches = device.patchBatches(run);
      bytes = Math.max(bytes, ...batches.map((b) => JSON.stringify(b).length));
      const waitsBefore = throttled.count;
      const start = performance.now();
      for (const batch of batches) await device.push(base, batch);
      pushTimes.push(performance.now() - start);
      waits += throttled.count - waitsBefore;
    }

    // Baseline: the same rows, written directly into the same store, 500 per transaction.
    const rawTimes: number[] = [];
    const stored = await target.store.transaction((tx) => tx.getRows(charges.map((c) => c.id)));
    for (let run = 0; run < RUNS; run += 1) {
      const rows: StoredRow[] = stored.map((row, j) => {
        const meta: FieldMeta = {
          v: row.version + 1,
          d: device.id,
          u: device.userId,
          h: row.updatedHlc,
          t: device.clock,
        };
        return {
          ...row,
          version: row.version + 1 + run,
          data: { ...row.data, amountCents: 50_000 + j, label: `Brut ${run}-${j}`, hasProof: run % 2 === 1 },
          fieldMeta: { ...row.fieldMeta, amountCents: meta, label: meta, hasProof: meta },
        };
      });
      let seqBase = await target.store.transaction((tx) => tx.getCounter('change_seq'));
      const start = performance.now();
      for (let i = 0; i < rows.length; i += BATCH) {
        const slice = rows.slice(i, i + BATCH);
        await target.store.transaction(
          async (tx) => {
            for (const row of slice) {
              seqBase += 1;
              await tx.upsertRow({ ...row, seq: seqBase });
            }
            await tx.setCounter('change_seq', seqBase);
          },
          { sequenced: true },
        );
      }
      rawTimes.push(performance.now() - start);
    }
    return { push: pushTimes, raw: rawTimes, bytes, throttled: waits };
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function postgresTarget(): Promise<Target | string> {
  const url =
    process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const host = new URL(url).hostname;
  if (host !== '127.0.0.1' && host !== 'localhost') return `PostgreSQL skipped: ${host} is not loopback`;
  const schema = `relais_bench_${randomBytes(4).toString('hex')}`;
  const probe = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await probe.connect();
  } catch (error) {
    return `PostgreSQL skipped: ${error instanceof Error ? error.message : String(error)}`;
  }
  const store = new PostgresStore({ connectionString: url, schema });
  await store.migrate();
  return {
    name: 'postgres',
    store,
    cleanup: async () => {
      await probe.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await probe.end();
    },
  };
}

/** Field changes per request to the peer: what one Relais push of BATCH mutations carries. */
const PEER_PER_REQUEST = BATCH * FIELDS_PER_MUTATION;

/** Actual's sync server with the same plan; BENCH_SKIP_PEER=1 skips it (said in the results). */
async function actualPeer(): Promise<PeerOutcome> {
  if (process.env.BENCH_SKIP_PEER === '1')
    return { unavailable: `skipped (BENCH_SKIP_PEER=1), ${ACTUAL_VERSION} not run` };
  return measureActualPeer({
    rows: MUTATIONS,
    perRequest: PEER_PER_REQUEST,
    requests: (MUTATIONS * FIELDS_PER_MUTATION) / PEER_PER_REQUEST,
    runs: RUNS,
  });
}

export async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'relais-bench-sqlite-'));
  const sqlite = new SqliteStore({ path: join(dir, 'relais.sqlite') });
  await sqlite.migrate();
  const targets: (Target | string)[] = [
    { name: 'sqlite', store: sqlite, cleanup: async () => rmSync(dir, { recursive: true, force: true }) },
    await postgresTarget(),
  ];
  for (const target of targets) {
    if (typeof target === 'string') {
      console.log(`  ${target}`);
      continue;
    }
    try {
      const m = await measure(target);
      const fieldChanges = MUTATIONS * FIELDS_PER_MUTATION;
      const pushRate = fieldChanges / (median(m.push) / 1000);
      const rawRate = fieldChanges / (median(m.raw) / 1000);
      // Side by side: the peer runs right after our SQLite figure, with the same field changes.
      const peer = target.name === 'sqlite' ? await actualPeer() : undefined;
      const peerRate =
        peer !== undefined && 'pushMs' in peer ? peer.fieldChanges / (median(peer.pushMs) / 1000) : undefined;
      results.push(
        withTarget({
          id: `sync.push-field-changes-per-second.${target.name}`,
          description: `Push of ${MUTATIONS} mutations × ${FIELDS_PER_MUTATION} fields in batches of ${BATCH} over HTTP (127.0.0.1) on ${target.name}, median of ${RUNS}`,
          value: pushRate,
          unit: 'field changes/s',
          baseline: {
            description: `The same rows upserted straight into the same ${target.name} store, ${BATCH} per transaction`,
            value: rawRate,
            unit: 'field changes/s',
          },
          ratio: pushRate / rawRate,
          ...(target.name === 'sqlite'
            ? {
                target: {
                  value: Math.max(VS_RAW * rawRate, VS_ACTUAL * (peerRate ?? 0)),
                  lowerIsBetter: false,
                },
              }
            : {}),
          details: {
            pushMs: m.push.map(Math.round),
            rawMs: m.raw.map(Math.round),
            largestBatchJsonBytes: m.bytes,
            bodies: 'gzip (level 1), compressed in the measured loop',
            pushLimitWaits: m.throttled,
            ...(peer === undefined
              ? {}
              : {
                  target: `≥ ${VS_RAW} × raw and ≥ ${VS_ACTUAL} × Actual's sync server (same run)`,
                  peer:
                    'unavailable' in peer
                      ? `unavailable: ${peer.unavailable}`
                      : `@actual-app/sync-server ${peer.version}`,
                  ...(peerRate === undefined ? {} : { vsActual: pushRate / peerRate }),
                }),
          },
        }),
      );
      if (peer !== undefined && 'pushMs' in peer && peerRate !== undefined) {
        results.push({
          id: 'sync.push-field-changes-per-second.actual',
          description: `Actual Budget's sync server ${peer.version} (its own process, 127.0.0.1): ${peer.fieldChanges / PEER_PER_REQUEST} requests × ${PEER_PER_REQUEST} field changes to /sync/sync (protobuf), median of ${RUNS}, right after the SQLite figure`,
          value: peerRate,
          unit: 'field changes/s',
          baseline: {
            description: 'Relais on SQLite in the same run (sync.push-field-changes-per-second.sqlite)',
            value: pushRate,
            unit: 'field changes/s',
          },
          ratio: peerRate / pushRate,
          details: {
            pushMs: peer.pushMs.map(Math.round),
            largestRequestBytes: peer.requestBytes,
            relaisOverActual: pushRate / peerRate,
          },
        });
      }
      if (peer !== undefined && 'unavailable' in peer)
        console.log(`  Actual's sync server unavailable: ${peer.unavailable}`);
    } finally {
      await target.cleanup();
    }
  }
  return results;
}
