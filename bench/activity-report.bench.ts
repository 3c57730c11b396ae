/**
 * The activity report at network scale (issue 15, docs/reports-and-plans.md RPT3, RPT4): 100,000
 * households and 65,300 plans worth of report facts, written straight into report_facts (not
 * derived through pushes: the drain's cost is per root and is not what this measures), on SQLite
 * and PostgreSQL. A seeded, realistic spread over three years (2024–2026) and 100 welcome points:
 * each household is new once and followed over a span (40 % still open), has about 4
 * consultations, a diagnosis, a few outcomes and sometimes a micro-credit (~12 facts each);
 * 65,300 plans are spans of 12 to 84 months; 3,000 workshops; 1 % of the households are merged
 * away (their facts must not count, RPT4).
 *
 * Measured, with its baseline in the same run on the same store: the yearly report (2026) for
 * all welcome points and for one, as the route builds it (buildActivityReport: the aggregation,
 * the welcome points, the last export), median and p95 of 11 runs after a warm-up, target ≤ 2 s.
 * Baseline: `SELECT code, COUNT(*) FROM report_facts GROUP BY code`, the plainest full pass over
 * the same table.
 *
 * PostgreSQL: BENCH_DATABASE_URL or DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test;
 * skipped (noted) when it does not answer. BENCH_REPORT_HOUSEHOLDS sets another size (trials).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addMonths } from '../src/domain/dates';
import { buildActivityReport } from '../sync-server/src/reports/activity';
import { chunks, placeholders, type SqlValue } from '../sync-server/src/stores/sql';
import { SqliteStore } from '../sync-server/src/stores/sqlite-store';
import type { RelaisStore } from '../sync-server/src/stores/store';
import { type BenchResult, median, withTarget } from './bench-types';
import { openPostgresBenchStore } from './postgres-bench-store';

const HOUSEHOLDS = Number(process.env.BENCH_REPORT_HOUSEHOLDS ?? 100_000);
const PLANS = Math.round((HOUSEHOLDS * 65_300) / 100_000);
const WORKSHOPS = Math.round((HOUSEHOLDS * 3_000) / 100_000);
const WELCOME_POINTS = Array.from({ length: 100 }, (_, i) => `wp-${String(i).padStart(3, '0')}`);
const RUNS = 11;
const TARGET_MS = 2_000;
const YEAR = { from: '2026-01-01', to: '2026-12-31' };
const DAYS = 3 * 365;

interface Target {
  name: 'sqlite' | 'postgres';
  store: RelaisStore;
  /** After the bulk load: the statistics (and PostgreSQL's visibility map) a running server has. */
  settle: () => Promise<void>;
  cleanup: () => Promise<void>;
}

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

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

const dayOf = (offset: number): string =>
  new Date(Date.UTC(2024, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);

/** The households (and workshops) as scope rows, and their facts. */
function generate(): { roots: SqlValue[][]; facts: SqlValue[][] } {
  const rand = random(15);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const roots: SqlValue[][] = [];
  const facts: SqlValue[][] = [];
  const ids: string[] = [];
  /** Each household's welcome point, which the drain writes on its facts (migration 011). */
  const wpOf = new Map<string, string>();
  for (let i = 0; i < HOUSEHOLDS; i += 1) {
    const id = `h-${String(i).padStart(6, '0')}`;
    ids.push(id);
    const merged = i > 0 && rand() < 0.01 ? ids[i - 1] : null;
    const wp = pick(WELCOME_POINTS);
    wpOf.set(id, wp);
    roots.push([id, wp, 'bench', merged ?? null]);
    const opened = Math.floor(rand() * DAYS);
    const openedOn = dayOf(opened);
    const closed = rand() < 0.6 ? Math.min(DAYS + 200, opened + 30 + Math.floor(rand() * 700)) : undefined;
    const event = (factId: string, code: string, day: number) => {
      const on = dayOf(Math.min(day, DAYS - 1));
      facts.push([id, factId, code, on, on, 1, wp]);
    };
    facts.push([id, `${id}#new`, 'households_new', openedOn, openedOn, 1, wp]);
    facts.push([
      id,
      `${id}#followed`,
      'households_followed',
      openedOn,
      closed === undefined ? null : dayOf(closed),
      1,
      wp,
    ]);
    const span = (closed ?? DAYS) - opened;
    const later = () => opened + Math.floor(rand() * Math.max(1, span));
    for (let c = 0; c < 4; c += 1) event(`c${c}`, 'consultations', later());
    event('d', 'diagnoses', later());
    for (let o = 0; o < 3; o += 1) {
      const code = pick([
        'bdf_dossiers',
        'bank_mediations',
        'grace_periods',
        'tax_relief',
        'prp',
        'liquidations',
      ]);
      event(`o${o}`, code, later());
    }
    if (rand() < 0.3) {
      event('m1', 'microcredit_requests', later());
      if (rand() < 0.5) event('m2', 'microcredit_instructed', later());
      if (rand() < 0.3) event('m3', 'microcredit_granted', later());
    }
  }
  for (let p = 0; p < PLANS; p += 1) {
    const id = ids[Math.floor(rand() * ids.length)] as string;
    const first = dayOf(Math.floor(rand() * DAYS));
    const ends = addMonths(first, 12 + Math.floor(rand() * 72));
    facts.push([id, `plan-${p}`, 'plans_followed', first, ends, 1, wpOf.get(id) ?? null]);
  }
  for (let w = 0; w < WORKSHOPS; w += 1) {
    const id = `w-${String(w).padStart(5, '0')}`;
    const wp = pick(WELCOME_POINTS);
    roots.push([id, wp, 'bench', null]);
    const on = dayOf(Math.floor(rand() * DAYS));
    facts.push([id, id, 'training_hours', on, on, 120 * (3 + Math.floor(rand() * 10)), wp]);
  }
  return { roots, facts };
}

async function insertRaw(
  store: RelaisStore,
  table: string,
  columns: readonly string[],
  rows: readonly SqlValue[][],
) {
  for (const batch of chunks(rows, 10_000)) {
    await store.transaction(async (tx) => {
      for (const part of chunks(batch, 500)) {
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

async function seed(target: Target, data: ReturnType<typeof generate>): Promise<void> {
  const { store } = target;
  await store.transaction(async (tx) => {
    for (const id of WELCOME_POINTS) {
      await tx.sql.run('INSERT INTO welcome_points (id, name, archived, created_at) VALUES ($1, $2, 0, 0)', [
        id,
        `Point ${id}`,
      ]);
    }
  });
  await insertRaw(store, 'households', ['id', 'welcome_point_id', 'created_by', 'merged_into'], data.roots);
  await insertRaw(
    store,
    'report_facts',
    ['root_id', 'fact_id', 'code', 'starts_on', 'ends_on', 'quantity', 'welcome_point_id'],
    data.facts,
  );
  await target.settle();
}

async function timed(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  await fn(); // warm-up
  const out: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await fn();
    out.push(performance.now() - start);
  }
  return out;
}

async function postgresTarget(): Promise<Target | string> {
  const opened = await openPostgresBenchStore();
  if (typeof opened === 'string') return opened;
  const { store, schema, probe, cleanup } = opened;
  return {
    name: 'postgres',
    store,
    // Autovacuum would do it on a running server; VACUUM cannot run inside a transaction.
    settle: async () => {
      await probe.query(`VACUUM ANALYZE ${schema}.report_facts`);
      await probe.query(`VACUUM ANALYZE ${schema}.households`);
    },
    cleanup,
  };
}

const round = (value: number): number => Math.round(value * 100) / 100;

async function measure(target: Target, facts: number): Promise<BenchResult[]> {
  const { store, name } = target;
  const baseline = await timed(RUNS, () =>
    store.transaction((tx) => tx.sql.all('SELECT code, COUNT(*) AS n FROM report_facts GROUP BY code')),
  );
  const one = WELCOME_POINTS[7] as string;
  const cases = [
    { id: 'all', label: 'all 100 welcome points', welcomePointIds: undefined },
    { id: 'one', label: 'one welcome point', welcomePointIds: [one] },
  ];
  const results: BenchResult[] = [];
  for (const c of cases) {
    let households = 0;
    const ms = await timed(RUNS, async () => {
      const report = await store.transaction((tx) =>
        buildActivityReport(
          tx,
          { ...YEAR, ...(c.welcomePointIds === undefined ? {} : { welcomePointIds: c.welcomePointIds }) },
          0,
        ),
      );
      households = report.indicators.find((i) => i.code === 'households_followed')?.total ?? 0;
    });
    const value = median(ms);
    const base = median(baseline);
    console.log(
      `  ${name} ${c.id}: median ${value.toFixed(1)} ms, p95 ${percentile(ms, 95).toFixed(1)} ms; baseline ${base.toFixed(1)} ms`,
    );
    results.push(
      withTarget({
        id: `reports.activity-year-ms.${c.id}.${name}`,
        description: `The 2026 activity report (15 indicators by month and welcome point) for ${c.label}, over ${facts} facts of ${HOUSEHOLDS} households, ${PLANS} plans and ${WORKSHOPS} workshops on ${name}, median of ${RUNS}`,
        value,
        unit: 'ms',
        baseline: {
          description: `SELECT code, COUNT(*) FROM report_facts GROUP BY code over the same table on ${name}`,
          value: base,
          unit: 'ms',
        },
        ratio: value / base,
        target: { value: TARGET_MS, lowerIsBetter: true },
        details: {
          p95Ms: round(percentile(ms, 95)),
          p95MeetsTarget: percentile(ms, 95) <= TARGET_MS,
          baselineP95Ms: round(percentile(baseline, 95)),
          householdsFollowed: households,
        },
      }),
    );
  }
  return results;
}

export async function run(): Promise<BenchResult[]> {
  const data = generate();
  console.log(`  ${data.facts.length} facts, ${data.roots.length} roots`);
  const dir = mkdtempSync(join(tmpdir(), 'relais-bench-report-'));
  const sqlite = new SqliteStore({ path: join(dir, 'relais.sqlite') });
  await sqlite.migrate();
  const targets: (Target | string)[] = [
    {
      name: 'sqlite',
      store: sqlite,
      settle: () => sqlite.transaction((tx) => tx.sql.run('ANALYZE')).then(() => undefined),
      cleanup: async () => {
        await sqlite.close();
        rmSync(dir, { recursive: true, force: true });
      },
    },
    await postgresTarget(),
  ];
  const results: BenchResult[] = [];
  for (const target of targets) {
    if (typeof target === 'string') {
      console.log(`  ${target}`);
      continue;
    }
    try {
      await seed(target, data);
      results.push(...(await measure(target, data.facts.length)));
    } finally {
      await target.cleanup();
    }
  }
  return results;
}
