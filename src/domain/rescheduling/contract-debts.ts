/**
 * The two ways a scenario carries a debt unchanged into the schedule, shared by the scenarios
 * that use them: the contract as it runs today (its instalment and remaining term; as-today,
 * and the main-residence mortgage a Banque de France plan leaves alone, L733-3), and a debt kept
 * outside the plan (L711-4: its instalment is paid first, off the capacity; amicable and
 * Banque de France). Neither is ever written off.
 */
import type { SimulationDebt } from './scenario-input';
import type { ScheduleDebt } from './schedule-types';

/**
 * The debt on its current contract: the contract instalment until its remaining term ends.
 * @example contractDebt(debt).writeOffAllowed // false
 */
export function contractDebt(d: SimulationDebt): ScheduleDebt {
  return {
    id: d.id,
    creditorCategory: d.creditorCategory,
    balanceCents: d.balanceCents,
    annualRateBps: d.annualRateBps,
    fixed: {
      instalmentCents: d.contractInstalmentCents ?? 0,
      ...(d.remainingTermMonths ? { termMonths: d.remainingTermMonths } : {}),
    },
    writeOffAllowed: false,
  };
}

/**
 * A debt no plan may include (L711-4): its contract instalment, outside the plan's sharing.
 * @example outsidePlanDebt(fine).inPlan // false
 */
export function outsidePlanDebt(d: SimulationDebt): ScheduleDebt {
  return {
    id: d.id,
    creditorCategory: d.creditorCategory,
    balanceCents: d.balanceCents,
    annualRateBps: d.annualRateBps,
    fixed: { instalmentCents: d.contractInstalmentCents ?? 0 },
    inPlan: false,
    writeOffAllowed: false,
  };
}
