/** A household with many debts and the six scenarios the Scenarios screen compares. */
import { CreditorCategorySchema } from '../../src/domain/household/creditor';
import type { CompareInput, ScenarioSpec } from '../../src/domain/rescheduling/scenario-input';

export const SIX_SCENARIOS: ScenarioSpec[] = [
  { kind: 'as-today' },
  { kind: 'amicable' },
  { kind: 'banque-de-france' },
  { kind: 'banque-de-france', label: 'moratorium 12 months then plan', moratoriumMonths: 12, rateBps: 262 },
  { kind: 'payoff', strategy: 'avalanche' },
  { kind: 'payoff', strategy: 'snowball' },
];

/** Every category but the landlord's: the first debt is the rent arrears. */
const CATEGORIES = CreditorCategorySchema.exclude(['landlord']).options;

/**
 * @param debtCount - number of debts (the first one is rent arrears)
 */
export function householdWithDebts(debtCount: number): CompareInput {
  return {
    startDate: '2026-03-01',
    capacity: { monthlyCents: 45_000, steps: [{ fromMonth: 25, monthlyCents: 60_000 }] },
    debts: Array.from({ length: debtCount }, (_, i) => ({
      id: `debt-${i + 1}`,
      creditorCategory: i === 0 ? ('landlord' as const) : (CATEGORIES[i % CATEGORIES.length] ?? 'other'),
      balanceCents: 50_000 + ((i * 7_919) % 40) * 25_000,
      annualRateBps: (i * 137) % 2_100,
      contractInstalmentCents: i % 3 === 0 ? 0 : 3_000 + (i % 7) * 1_500,
      ...(i % 4 === 1 ? { remainingTermMonths: 24 + i } : {}),
    })),
    scenarios: SIX_SCENARIOS,
  };
}
