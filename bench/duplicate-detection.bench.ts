/**
 * Duplicate detection at scale (issue 14, DUP1b, DUP1c): 100,000 generated households
 * (bench/matching/population.ts, seeded: originals, duplicates with typos and swapped names,
 * relatives), about 900,000 rows, written straight into the store (households + sync_rows, not
 * through pushes), on SQLite and on PostgreSQL. Measured, each with its baseline in the same run
 * on the same store:
 *
 * (a) the candidates of one changed household: detection of one household as the drain runs it
 *     (profile, fingerprint, keys replaced, households sharing a key read, every one scored,
 *     pairs written), one transaction each, over 200 seeded households: median and p95, target
 *     ≤ 50 ms. Baseline: the plainest read of that household's rows (one SELECT by household_id
 *     in one transaction).
 * (b) the full rescan (rescan.ts): every profile, key and pair rebuilt from sync_rows, target
 *     ≤ 60 s. Baseline: reading the same rows raw (no JSON parse) and inserting the same number
 *     of key rows raw, multi-row, into the same table.
 *
 * PostgreSQL: BENCH_DATABASE_URL or DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test;
 * skipped (noted) when it does not answer. BENCH_DUPLICATE_HOUSEHOLDS sets another size (trials).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectHousehold } from '../sync-server/src/duplicates/detect';
import { rescanDuplicates } from '../sync-server/src/duplicates/rescan';
import { chunks, placeholders, type SqlValue } from '../sync-server/src/stores/sql';
import { SqliteStore } from '../sync-server/src/stores/sqlite-store';
import type { RelaisStore } from '../sync-server/src/stores/store';
import { type BenchResult, median, withTarget } from './bench-types';
import { type GeneratedHousehold, generatePopulation, POPULATION_ON } from './matching/population';
import { openPostgresBenchStore } from './postgres-bench-store';

const HOUSEHOLDS = Number(process.env.BENCH_DUPLICATE_HOUSEHOLDS ?? 100_000);
const SEED = 14;
const CHANGED = 200;
const TARGET_ONE_MS = 50;
const TARGET_RESCAN_MS = 60_000;
/** The population's day, noon UTC: ages are counted as the generator meant them. */
const NOW = Date.parse(`${POPULATION_ON}T12:00:00Z`);
const WELCOME_POINTS = ['wp-1', 'wp-2', 'wp-3', 'wp-4'];

interface Target {
  name: 'sqlite' | 'postgres';
  store: RelaisStore;
  cleanup: () => Promise<void>;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/** mulberry32, for the seeded choice of the changed households. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Multi-row INSERTs of `rows` into `table`, 400 rows a statement, 5,000 rows a transaction. */
async function insertRaw(
  store: RelaisStore,
  table: string,
  columns: readonly string[],
  rows: readonly SqlValue[][],
): Promise<void> {
  for (const batch of chunks(rows, 5_000)) {
    await store.transaction(async (tx) => {
      for (const part of chunks(batch, 400)) {
        const params: SqlValue[] = [];
        const tuples = part.map((values) => {
          const start = params.length + 1;
          params.push(...values);
          return `(${placeholders(start, values.length)})`;
        });
        await tx.sql.run(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, params);
      }
    });
  }
}

/** The generated households as the server stores them: scope rows and sync rows. */
async function seed(store: RelaisStore, households: readonly GeneratedHousehold[]): Promise<number> {
  await store.transaction(async (tx) => {
    for (const id of WELCOME_POINTS) {
      await tx.sql.run('INSERT INTO welcome_points (id, name, archived, created_at) VALUES ($1, $2, 0, $3)', [
        id,
        id,
        NOW,
      ]);
    }
  });
  await insertRaw(
    store,
    'households',
    ['id', 'welcome_point_id', 'created_by'],
    households.map((h, i) => [h.id, WELCOME_POINTS[i % WELCOME_POINTS.length] as string, 'bench-user']),
  );
  const rows: SqlValue[][] = [];
  let seq = 0;
  const add = (entity: string, data: Record<string, unknown>, householdId: string) => {
    seq += 1;
    rows.push([entity, String(data.id), householdId, 1, seq, 0, JSON.stringify(data), '{}', 'bench']);
  };
  for (const h of households) {
    add('household', h.household, h.id);
    for (const m of h.members) add('member', m, h.id);
    for (const c of h.creditors) add('creditor', c, h.id);
    for (const d of h.debts) add('debt', d, h.id);
  }
  await insertRaw(
    store,
    'sync_rows',
    ['entity', 'id', 'household_id', 'version', 'seq', 'deleted', 'data', 'field_meta', 'updated_hlc'],
    rows,
  );
  return rows.length;
}

interface Measured {
  rows: number;
  rescanMs: number;
  rescanBaselineMs: number;
  report: Awaited<ReturnType<typeof rescanDuplicates>>;
  phases: Record<string, number>;
  oneMs: number[];
  oneBaselineMs: number[];
  scored: number[];
}

async function measure(target: Target, households: readonly GeneratedHousehold[]): Promise<Measured> {
  const { store } = target;
  const rows = await seed(store, households);

  // (b) the full rescan, then its baseline: the same rows read raw, the same keys inserted raw.
  let started = performance.now();
  const phases: Record<string, number> = {};
  const report = await rescanDuplicates(store, {
    now: () => NOW,
    onPhase: (name, ms) => {
      phases[name] = ms;
    },
  });
  const rescanMs = performance.now() - started;
  // Progress on the console: a long run that is stopped still tells what it measured.
  console.log(`  ${target.name}: rescan ${Math.round(rescanMs)} ms ${JSON.stringify({ ...report, phases })}`);
  const keys = await store.transaction((tx) =>
    tx.sql.all<{ key: string; household_id: string }>('SELECT key, household_id FROM match_keys'),
  );
  await store.transaction((tx) => tx.sql.run('DELETE FROM match_keys'));
  started = performance.now();
  await store.transaction((tx) =>
    tx.sql.all(
      "SELECT entity, household_id, data FROM sync_rows WHERE deleted = 0 AND entity IN ('household', 'member', 'debt', 'creditor')",
    ),
  );
  await insertRaw(
    store,
    'match_keys',
    ['key', 'household_id'],
    keys.map((k) => [k.key, k.household_id]),
  );
  const rescanBaselineMs = performance.now() - started;

  // (a) one changed household at a time, as the drain detects it, and its baseline.
  const next = random(SEED);
  const chosen = Array.from(
    { length: CHANGED },
    () => households[Math.floor(next() * households.length)] as GeneratedHousehold,
  );
  const oneMs: number[] = [];
  const oneBaselineMs: number[] = [];
  const scored: number[] = [];
  for (const h of chosen) {
    started = performance.now();
    const result = await store.transaction((tx) => detectHousehold(tx, h.id, NOW));
    oneMs.push(performance.now() - started);
    scored.push(result.scored);
    started = performance.now();
    await store.transaction((tx) => tx.sql.all('SELECT * FROM sync_rows WHERE household_id = $1', [h.id]));
    oneBaselineMs.push(performance.now() - started);
  }
  console.log(
    `  ${target.name}: one household median ${median(oneMs).toFixed(1)} ms, p95 ${percentile(oneMs, 95).toFixed(1)} ms`,
  );
  return { rows, rescanMs, rescanBaselineMs, report, phases, oneMs, oneBaselineMs, scored };
}

async function postgresTarget(): Promise<Target | string> {
  const opened = await openPostgresBenchStore();
  if (typeof opened === 'string') return opened;
  const { store, cleanup } = opened;
  return {
    name: 'postgres',
    store,
    cleanup,
  };
}

function round(value: number, places = 2): number {
  const f = 10 ** places;
  return Math.round(value * f) / f;
}

export async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const { households } = generatePopulation(SEED, HOUSEHOLDS);
  const dir = mkdtempSync(join(tmpdir(), 'relais-bench-dup-'));
  const sqlite = new SqliteStore({ path: join(dir, 'relais.sqlite') });
  await sqlite.migrate();
  const targets: (Target | string)[] = [
    {
      name: 'sqlite',
      store: sqlite,
      cleanup: async () => {
        await sqlite.close();
        rmSync(dir, { recursive: true, force: true });
      },
    },
    await postgresTarget(),
  ];
  for (const target of targets) {
    if (typeof target === 'string') {
      console.log(`  ${target}`);
      continue;
    }
    try {
      const m = await measure(target, households);
      const oneMedian = median(m.oneMs);
      const oneBaseline = median(m.oneBaselineMs);
      results.push(
        withTarget({
          id: `duplicates.one-household-ms.${target.name}`,
          description: `Detection of one changed household among ${HOUSEHOLDS} (profile, keys, candidates scored, pairs written; one transaction) on ${target.name}, median of ${CHANGED}`,
          value: oneMedian,
          unit: 'ms',
          baseline: {
            description: `One SELECT of that household's rows by household_id, in one transaction, on ${target.name}`,
            value: oneBaseline,
            unit: 'ms',
          },
          ratio: oneMedian / oneBaseline,
          target: { value: TARGET_ONE_MS, lowerIsBetter: true },
          details: {
            p95Ms: round(percentile(m.oneMs, 95)),
            maxMs: round(Math.max(...m.oneMs)),
            baselineP95Ms: round(percentile(m.oneBaselineMs, 95)),
            p95MeetsTarget: percentile(m.oneMs, 95) <= TARGET_ONE_MS,
            householdsScoredMedian: median(m.scored),
            householdsScoredMax: Math.max(...m.scored),
          },
        }),
      );
      results.push(
        withTarget({
          id: `duplicates.full-rescan-ms.${target.name}`,
          description: `Full rescan of ${HOUSEHOLDS} households (${m.rows} rows): every profile, key and pair rebuilt from sync_rows on ${target.name}`,
          value: m.rescanMs,
          unit: 'ms',
          baseline: {
            description: `The same rows read raw (no parsing) and the same ${m.report.keys} key rows inserted raw, multi-row, on ${target.name}`,
            value: m.rescanBaselineMs,
            unit: 'ms',
          },
          ratio: m.rescanMs / m.rescanBaselineMs,
          target: { value: TARGET_RESCAN_MS, lowerIsBetter: true },
          details: { ...m.report, phasesMs: m.phases },
        }),
      );
    } finally {
      await target.cleanup();
    }
  }
  return results;
}
