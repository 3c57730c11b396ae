/**
 * A synthetic portfolio of 65,300 households (the plans a network like CRESUS follows), 3 to 12
 * debts each, under the Banque de France scenario (defaults: 0 %, landlord first then pro rata,
 * capital first, 84 months, totals without month rows), single thread in Node. Target ≤ 0.5 s (issue 17).
 * Baseline: a plain loop doing one multiply-add per debt-month (84 months) over the same
 * portfolio, i.e. the cost floor of touching every debt every month.
 */
import { CreditorCategorySchema } from '../src/domain/household/creditor';
import { simulateBanqueDeFrance } from '../src/domain/rescheduling/scenario-banque-de-france';
import type { ScenarioContext } from '../src/domain/rescheduling/scenario-input';
import { mulberry32 as seeded } from '../src/domain/seeded-random';
import { type BenchResult, median, withTarget } from './bench-types';

const HOUSEHOLDS = 65_300;
const CATEGORIES = CreditorCategorySchema.options;

export function syntheticPortfolio(count: number, seed = 4): ScenarioContext[] {
  const random = seeded(seed);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  return Array.from({ length: count }, () => {
    const debtCount = int(3, 12);
    return {
      startDate: '2026-03-01',
      capacity: { monthlyCents: random() < 0.1 ? 0 : int(5_000, 90_000) },
      debts: Array.from({ length: debtCount }, (_, i) => ({
        id: `d${i}`,
        creditorCategory: CATEGORIES[int(0, CATEGORIES.length - 1)] ?? 'other',
        balanceCents: int(10_000, 2_500_000),
        annualRateBps: int(0, 2_000),
        contractInstalmentCents: int(0, 40_000),
      })),
    };
  });
}

function baselineLoop(portfolio: readonly ScenarioContext[]): number {
  let acc = 0;
  for (const household of portfolio) {
    const debts = household.debts;
    for (let m = 0; m < 84; m += 1) {
      for (let i = 0; i < debts.length; i += 1) acc = acc * 0.5 + (debts[i]?.balanceCents ?? 0);
    }
  }
  return acc;
}

export async function run(): Promise<BenchResult[]> {
  const portfolio = syntheticPortfolio(HOUSEHOLDS);
  const debtCount = portfolio.reduce((s, h) => s + h.debts.length, 0);
  const engineTimes: number[] = [];
  const baselineTimes: number[] = [];
  let feasible = 0;
  let writeOff = 0;
  let debtMonths = 0;
  for (let round = 0; round < 3; round += 1) {
    let t0 = performance.now();
    feasible = 0;
    writeOff = 0;
    debtMonths = 0;
    for (const household of portfolio) {
      const outcome = simulateBanqueDeFrance(household, { kind: 'banque-de-france' }, false);
      if (outcome.summary.feasible) feasible += 1;
      writeOff += outcome.summary.writeOffCents;
      debtMonths += outcome.result.months * household.debts.length;
    }
    engineTimes.push(performance.now() - t0);
    t0 = performance.now();
    if (baselineLoop(portfolio) === -1) console.log('unreachable');
    baselineTimes.push(performance.now() - t0);
  }
  const engineMs = median(engineTimes);
  const baselineMs = median(baselineTimes);
  return [
    withTarget({
      id: 'rescheduling.portfolio-bdf',
      description: `Banque de France scenario for ${HOUSEHOLDS} synthetic households (3–12 debts), single thread, Node (median of 3)`,
      value: engineMs / 1000,
      unit: 's',
      baseline: {
        description: 'plain loop, one multiply-add per debt-month over 84 months, same portfolio',
        value: baselineMs / 1000,
        unit: 's',
      },
      ratio: engineMs / baselineMs,
      target: { value: 0.5, lowerIsBetter: true },
      details: {
        households: HOUSEHOLDS,
        debts: debtCount,
        simulatedDebtMonths: debtMonths,
        feasiblePlans: feasible,
        totalWriteOffCents: writeOff,
        runsMs: engineTimes.map((t) => Math.round(t)),
      },
    }),
  ];
}
