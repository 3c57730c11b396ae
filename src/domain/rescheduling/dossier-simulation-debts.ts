/**
 * The dossier's live debts as the rescheduling engine sees them: one mapping, used by the
 * Scenarios screen (src/state/scenarios/compare-input.ts) and by the saved plan the documents
 * print (src/domain/documents/saved-plan.ts), so a plan on paper is the plan on screen.
 * It holds the rules both must share: the balance (capital + arrears + interest and fees), the
 * rate cap, the debts excluded from a plan (L711-4), the main-residence mortgage and the
 * guarantee paid by a private person.
 */
import { EXCLUDED_FROM_PLAN, outstandingCents } from '../budget/debt-summary';
import type { Dossier } from '../dossier/dossier';
import type { CreditorCategory } from '../household/creditor';
import type { SimulationDebt } from './scenario-input';

/**
 * Above this rate the engine refuses a debt (100 %): a typing slip, capped for the plan. Also
 * the "legal rate" of a Banque de France scenario, which the engine caps per creditor type.
 */
export const MAX_SIMULATION_RATE_BPS = 10_000;

/**
 * The dossier's live debts (deleted rows left out) as simulation debts.
 * @param dossier - debts reference creditors by id; an unknown creditor counts as 'other'
 * @example dossierSimulationDebts(dossier).every((d) => d.annualRateBps <= MAX_SIMULATION_RATE_BPS) // true
 */
export function dossierSimulationDebts(dossier: Dossier): SimulationDebt[] {
  const categories = new Map<string, CreditorCategory>(
    dossier.creditors.filter((c) => !c.deleted).map((c) => [c.id, c.category]),
  );
  const ownsHome = dossier.household.housingStatus === 'owner_with_mortgage';
  return dossier.debts
    .filter((d) => !d.deleted)
    .map((d): SimulationDebt => {
      const creditorCategory = categories.get(d.creditorId) ?? 'other';
      return {
        id: d.id,
        ...(d.label ? { label: d.label.slice(0, 200) } : {}),
        creditorId: d.creditorId,
        creditorCategory,
        balanceCents: outstandingCents(d),
        annualRateBps: Math.min(d.nominalRateBps, MAX_SIMULATION_RATE_BPS),
        contractInstalmentCents: d.instalmentMonthlyCents,
        ...(d.remainingTermMonths !== undefined ? { remainingTermMonths: d.remainingTermMonths } : {}),
        ...(ownsHome && d.product === 'mortgage' ? { isMainResidenceMortgage: true } : {}),
        ...(EXCLUDED_FROM_PLAN.has(d.product) ? { excludedFromPlan: true } : {}),
        ...(d.product === 'guarantee_called' && creditorCategory === 'private_individual'
          ? { paidByNaturalPersonGuarantor: true }
          : {}),
      };
    });
}
