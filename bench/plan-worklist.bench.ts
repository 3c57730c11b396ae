/**
 * The coordinators' plan worklist at scale (issue 15, docs/reports-and-plans.md PLAN7): 65,300
 * plan states across 100 welcome points, written straight into plan_states (the table the
 * worklist reads; seeded, statuses spread as a network's plans are), on SQLite and PostgreSQL.
 * Measured, as GET /api/plans/worklist runs it (one transaction: a page of 100 + 1 of the default
 * lists, and the counts by status over the same welcome points), for a coordinator:
 *
 * (a) filtered by one welcome point (a different one each time), and
 * (b) over every welcome point,
 *
 * each 200 times: median and p95, target ≤ 200 ms. Baseline, in the same run on the same table:
 * the same page's rows read raw by their primary key (one indexed SELECT, no ordering, no counts).
 * Each engine's plan of the page statement, after ANALYZE (PostgreSQL: VACUUM ANALYZE, as
 * autovacuum leaves a loaded table), is reported and must be an index range.
 *
 * PostgreSQL: BENCH_DATABASE_URL or DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test;
 * skipped (noted) when it does not answer. BENCH_PLAN_STATES sets another size (trials).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays } from '../src/domain/dates';
import type { PLAN_STATUSES } from '../src/domain/plans/plan-monitoring';
import { explain, scansWholeTable, worklistStatements } from '../sync-server/src/plans/explain';
import type { PlanStateRecord, PlanWorklistFilter } from '../sync-server/src/stores/plans-tx';
import { chunks, placeholders, type SqlValue } from '../sync-server/src/stores/sql';
import { SqliteStore } from '../sync-server/src/stores/sqlite-store';
import type { RelaisStore } from '../sync-server/src/stores/store';
import { type BenchResult, median, withTarget } from './bench-types';
import { openPostgresBenchStore } from './postgres-bench-store';

const PLANS = Number(process.env.BENCH_PLAN_STATES ?? 65_300);
const WELCOME_POINTS = Array.from({ length: 100 }, (_, i) => `wp-${String(i).padStart(3, '0')}`);
const RUNS = 200;
const PAGE = 100;
const TARGET_MS = 200;
const TODAY = '2026-11-27';
const SEED = 15;
/** The default lists of GET /api/plans/worklist. */
const DEFAULT_LISTS = ['late', 'formal_notice', 'lapsed', 'ending_soon'];

/** How a network's plans spread over the statuses (per thousand). */
const SPREAD: Record<(typeof PLAN_STATUSES)[number], number> = {
  ended: 90,
  lapsed: 10,
  formal_notice: 20,
  late: 120,
  review_due: 80,
  ending_soon: 80,
  on_track: 600,
};

interface Target {
  name: 'sqlite' | 'postgres';
  store: RelaisStore;
  /** Statistics after the bulk load, as the engine keeps them in service (PostgreSQL: autovacuum). */
  analyze: () => Promise<void>;
  cleanup: () => Promise<void>;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/** mulberry32. */
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

function hexId(next: () => number): string {
  const hex = () =>
    Math.floor(next() * 0x1_0000_0000)
      .toString(16)
      .padStart(8, '0');
  const h = `${hex()}${hex()}${hex()}${hex()}`;
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The seeded plan states. */
export function generate(): PlanStateRecord[] {
  const next = random(SEED);
  const statuses = Object.entries(SPREAD).flatMap(([status, n]) => Array<string>(n).fill(status));
  return Array.from({ length: PLANS }, (_, i) => {
    const status = statuses[Math.floor(next() * statuses.length)] as string;
    const missed = status === 'late' ? 1 + Math.floor(next() * 5) : status === 'lapsed' ? 3 : 0;
    const over = status === 'ended' || (status === 'lapsed' && next() < 0.5);
    return {
      planId: hexId(next),
      householdId: hexId(next),
      welcomePointId: WELCOME_POINTS[i % WELCOME_POINTS.length] as string,
      counsellorId: `counsellor-${i % 400}`,
      householdReference: `RL-2026-${String(i).padStart(5, '0')}`,
      kind: next() < 0.2 ? 'amicable' : 'bdf_conventional',
      status,
      failing: missed >= 3 || status === 'formal_notice' || status === 'lapsed' ? 1 : 0,
      missedCount: missed,
      arrearsCents: missed * 12_000,
      nextDueOn: over ? null : addDays(TODAY, Math.floor(next() * 31)),
      endsOn: addDays(TODAY, Math.floor(next() * 2_500) - 200),
      lapsesOn: status === 'formal_notice' || status === 'lapsed' ? addDays(TODAY, 5) : null,
      recheckOn: status === 'ended' ? null : addDays(TODAY, 1 + Math.floor(next() * 30)),
      updatedAt: 0,
    };
  });
}

export async function seed(store: RelaisStore, records: readonly PlanStateRecord[]): Promise<void> {
  for (const batch of chunks(records, 5_000)) {
    await store.transaction(async (tx) => {
      for (const part of chunks(batch, 400)) await tx.upsertPlanStates(part);
    });
  }
}

interface Variant {
  id: 'one-welcome-point' | 'all-welcome-points';
  label: string;
  filter: (run: number) => PlanWorklistFilter;
}

const VARIANTS: Variant[] = [
  {
    id: 'one-welcome-point',
    label: 'filtered by one welcome point (a different one each run)',
    filter: (run) => ({
      statuses: DEFAULT_LISTS,
      failing: false,
      welcomePointIds: [WELCOME_POINTS[(run * 37) % WELCOME_POINTS.length] as string],
      scope: { all: true },
      limit: PAGE + 1,
    }),
  },
  {
    id: 'all-welcome-points',
    label: 'over every welcome point',
    filter: () => ({ statuses: DEFAULT_LISTS, failing: false, scope: { all: true }, limit: PAGE + 1 }),
  },
];

interface Measured {
  ms: number[];
  baselineMs: number[];
  pageSizes: number[];
  plan: string[];
  indexRange: boolean;
}

async function measure(store: RelaisStore, variant: Variant): Promise<Measured> {
  const ms: number[] = [];
  const baselineMs: number[] = [];
  const pageSizes: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const filter = variant.filter(run);
    let started = performance.now();
    const page = await store.transaction(async (tx) => {
      const items = await tx.planWorklist(filter);
      await tx.planWorklistCounts(filter);
      return items;
    });
    ms.push(performance.now() - started);
    pageSizes.push(page.length);
    const ids: SqlValue[] = page.map((p) => p.planId);
    started = performance.now();
    await store.transaction((tx) =>
      tx.sql.all(`SELECT * FROM plan_states WHERE plan_id IN (${placeholders(1, ids.length)})`, ids),
    );
    baselineMs.push(performance.now() - started);
  }
  const [statement] = await worklistStatements(variant.filter(0));
  if (statement === undefined) throw new Error('no worklist statement');
  const plan = await store.transaction((tx) => explain(tx.sql, statement));
  return { ms, baselineMs, pageSizes, plan, indexRange: !scansWholeTable(plan) };
}

async function postgresTarget(): Promise<Target | string> {
  const opened = await openPostgresBenchStore();
  if (typeof opened === 'string') return opened;
  const { store, schema, probe, cleanup } = opened;
  return {
    name: 'postgres',
    store,
    // VACUUM runs outside a transaction: on the probe's connection. It sets the visibility map
    // autovacuum would set after the load, so the counts are index-only scans as in service.
    analyze: async () => {
      await probe.query(`VACUUM ANALYZE ${schema}.plan_states`);
    },
    cleanup,
  };
}

function round(value: number, places = 2): number {
  const f = 10 ** places;
  return Math.round(value * f) / f;
}

export async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const records = generate();
  const dir = mkdtempSync(join(tmpdir(), 'relais-bench-plans-'));
  const sqlite = new SqliteStore({ path: join(dir, 'relais.sqlite') });
  await sqlite.migrate();
  const targets: (Target | string)[] = [
    {
      name: 'sqlite',
      store: sqlite,
      analyze: async () => {
        await sqlite.transaction((tx) => tx.sql.run('ANALYZE'));
      },
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
      await seed(target.store, records);
      await target.analyze();
      for (const variant of VARIANTS) {
        const m = await measure(target.store, variant);
        const value = median(m.ms);
        const baseline = median(m.baselineMs);
        console.log(
          `  ${target.name} ${variant.id}: median ${value.toFixed(2)} ms, p95 ${percentile(m.ms, 95).toFixed(2)} ms; plan ${JSON.stringify(m.plan)}`,
        );
        results.push(
          withTarget({
            id: `plans.worklist-ms.${variant.id}.${target.name}`,
            description: `Plan worklist for a coordinator ${variant.label}: a page of ${PAGE} of the default lists and the counts by status, one transaction, over ${PLANS} plan states on ${target.name}, median of ${RUNS}`,
            value,
            unit: 'ms',
            baseline: {
              description: `The same page's rows read raw by primary key (one indexed SELECT) on ${target.name}`,
              value: baseline,
              unit: 'ms',
            },
            ratio: value / baseline,
            target: { value: TARGET_MS, lowerIsBetter: true },
            details: {
              p95Ms: round(percentile(m.ms, 95)),
              p95MeetsTarget: percentile(m.ms, 95) <= TARGET_MS,
              baselineP95Ms: round(percentile(m.baselineMs, 95)),
              pageSizeMedian: median(m.pageSizes),
              indexRange: m.indexRange,
              plan: m.plan,
            },
          }),
        );
        if (!m.indexRange) throw new Error(`${target.name} ${variant.id}: the page reads the whole table`);
      }
    } finally {
      await target.cleanup();
    }
  }
  return results;
}
