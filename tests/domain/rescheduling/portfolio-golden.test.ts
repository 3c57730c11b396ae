/**
 * Golden equivalence check for the rescheduling engine: runs every scenario (and the schedule
 * engine under every policy) over a few hundred households of the benchmark's synthetic
 * portfolio, some of them given mortgages, L711-4 debts, guarantors and capacity steps, and
 * compares a digest of the full outputs (per-debt totals, months, write-offs, feasibility,
 * details and, where asked, every month row) with the digests recorded from the engine before
 * its performance work. A speed-up must leave every digest unchanged.
 *
 * Regenerate (only for an intended change of results): UPDATE_GOLDEN=1 npx vitest run <this file>
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { syntheticPortfolio } from '../../../bench/rescheduling-portfolio.bench';
import { runScenario } from '../../../src/domain/rescheduling/compare-scenarios';
import type {
  ScenarioContext,
  ScenarioSpec,
  SimulationDebt,
} from '../../../src/domain/rescheduling/scenario-input';
import type { ScheduleRequest } from '../../../src/domain/rescheduling/schedule-types';
import { simulateSchedule } from '../../../src/domain/rescheduling/simulate-schedule';

const EXPECTED_FILE = new URL('./portfolio-golden.expected.json', import.meta.url);
const HOUSEHOLDS = 300;
/** The first households also keep their month rows. */
const WITH_ROWS = 40;

/** Every fifth household gets the debt flags and capacity steps the bench portfolio lacks. */
function enrich(household: ScenarioContext, index: number): ScenarioContext {
  if (index % 5 !== 0) return household;
  const debts = household.debts.map((d, i): SimulationDebt => {
    if (i === 0) return { ...d, isMainResidenceMortgage: true, remainingTermMonths: 60 + (index % 90) };
    if (i === 1) return { ...d, excludedFromPlan: true };
    if (i === 2) return { ...d, paidByNaturalPersonGuarantor: true };
    return d;
  });
  const base = household.capacity.monthlyCents;
  return {
    ...household,
    debts,
    capacity: {
      monthlyCents: base,
      steps: [
        { fromMonth: 30, monthlyCents: Math.floor(base / 2) },
        { fromMonth: 12, monthlyCents: base + 5_000 },
      ],
    },
  };
}

const PORTFOLIO: readonly ScenarioContext[] = syntheticPortfolio(HOUSEHOLDS).map(enrich);

const SCENARIOS: Record<string, ScenarioSpec> = {
  'bdf-default': { kind: 'banque-de-france' },
  'bdf-rate-moratorium': {
    kind: 'banque-de-france',
    decisionDate: '2026-03-01',
    rateBps: 400,
    moratoriumMonths: 6,
    monthsUsedByEarlierPlans: 12,
  },
  'bdf-interest-first-priority': {
    kind: 'banque-de-france',
    rateBps: 800,
    imputation: 'interest-first',
    policy: { name: 'priority-classes', minimumInstalmentCents: 2_000 },
  },
  'bdf-snowball-contract-first': {
    kind: 'banque-de-france',
    policy: { name: 'snowball', contractualInstalmentsFirst: true },
  },
  'as-today': { kind: 'as-today' },
  amicable: { kind: 'amicable', maxTermMonths: 60 },
  'payoff-avalanche': { kind: 'payoff', strategy: 'avalanche' },
  'payoff-snowball': { kind: 'payoff', strategy: 'snowball' },
  'payoff-pro-rata': { kind: 'payoff', strategy: 'pro-rata', minimumInstalmentCents: 1_500 },
};

const POLICIES: Record<string, ScheduleRequest['policy']> = {
  'landlord-first-pro-rata': { name: 'landlord-first-pro-rata' },
  'priority-classes': { name: 'priority-classes', classes: [['tax', 'landlord'], ['utility']] },
  'pro-rata': { name: 'pro-rata', minimumInstalmentCents: 5_000 },
  avalanche: { name: 'avalanche', contractualInstalmentsFirst: true },
  snowball: { name: 'snowball' },
};

/** JSON with sorted keys, so the digest depends on values only, not on property order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function digest(outputs: readonly unknown[]): string {
  const hash = createHash('sha256');
  for (const output of outputs) hash.update(`${canonical(output)}\n`);
  return hash.digest('hex');
}

/** Readable totals next to each digest, so a mismatch says roughly where. */
interface Entry {
  readonly digest: string;
  readonly feasible: number;
  readonly writeOffCents: number;
  readonly totalPaidCents: number;
  readonly monthRows: number;
}

function entry(
  results: readonly {
    feasible: boolean;
    writeOffCents: number;
    totalPaidCents: number;
    schedule: readonly unknown[];
  }[],
  outputs: readonly unknown[],
): Entry {
  return {
    digest: digest(outputs),
    feasible: results.filter((r) => r.feasible).length,
    writeOffCents: results.reduce((s, r) => s + r.writeOffCents, 0),
    totalPaidCents: results.reduce((s, r) => s + r.totalPaidCents, 0),
    monthRows: results.reduce((s, r) => s + r.schedule.length, 0),
  };
}

function computeAll(): Record<string, Entry> {
  const all: Record<string, Entry> = {};
  for (const [name, spec] of Object.entries(SCENARIOS)) {
    const outcomes = PORTFOLIO.map((household, i) => runScenario(household, spec, i < WITH_ROWS));
    all[`scenario:${name}`] = entry(
      outcomes.map((o) => o.result),
      outcomes,
    );
  }
  for (const [name, policy] of Object.entries(POLICIES)) {
    const results = PORTFOLIO.map((household, i) =>
      simulateSchedule({
        debts: household.debts.map((d, k) => ({
          id: d.id,
          creditorCategory: d.creditorCategory,
          balanceCents: d.balanceCents,
          annualRateBps: d.annualRateBps,
          contractInstalmentCents: d.contractInstalmentCents,
          ...(k === 0 && i % 3 === 0 ? { fixed: { instalmentCents: 7_500, termMonths: 40 } } : {}),
        })),
        startDate: '2026-01-31',
        capacity: household.capacity,
        maxMonths: 84,
        horizonMonths: 96,
        moratoriumMonths: i % 4,
        policy,
        imputation: i % 2 === 0 ? 'capital-first' : 'interest-first',
        withSchedule: i < WITH_ROWS,
      }),
    );
    all[`schedule:${name}`] = entry(results, results);
  }
  return all;
}

describe('rescheduling portfolio golden outputs', { timeout: 60_000 }, () => {
  it('gives the same outputs as the recorded engine, scenario by scenario', () => {
    const actual = computeAll();
    if (process.env.UPDATE_GOLDEN === '1') {
      writeFileSync(EXPECTED_FILE, `${JSON.stringify(actual, null, 2)}\n`);
    }
    const expected = JSON.parse(readFileSync(EXPECTED_FILE, 'utf8')) as Record<string, Entry>;
    expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
    for (const [name, value] of Object.entries(expected)) {
      expect({ name, ...actual[name] }).toEqual({ name, ...value });
    }
    // The portfolio must exercise the interesting paths, or the digests prove little.
    const bdf = expected['scenario:bdf-default'];
    expect(bdf?.feasible).toBeGreaterThan(0);
    expect(bdf?.feasible).toBeLessThan(HOUSEHOLDS);
    expect(bdf?.monthRows).toBeGreaterThan(0);
  });
});
