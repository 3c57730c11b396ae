/**
 * Data-quality checks of the edge-case list (domain-rules 8.3-22 and neighbours): they do
 * not change a figure, they tell the counsellor which input to check.
 */
import { addMonths, ageOn, type IsoDate } from '../dates';
import type { Household } from '../household/household';
import { AGE_OF_MAJORITY_YEARS } from '../household/member';
import { type Alert, alert } from './alert';
import type { HouseholdComposition } from './household-composition';

/** Above this, a monthly instalment is implausible (Data For Good cleaning rule). */
export const MAX_PLAUSIBLE_INSTALMENT_CENTS = 800_000;
export const MAX_PLAUSIBLE_DEPENDENTS = 10;
export const ADULT_AGE_RANGE = { min: AGE_OF_MAJORITY_YEARS, max: 90 } as const;

const AMORTISING = new Set(['mortgage', 'amortising_loan', 'lease', 'micro_credit']);

/**
 * Data-quality alerts of a household.
 * @param household - the dossier
 * @param composition - its head-counts
 * @param on - reference date (ages, resource dates)
 * @example dataQualityAlerts(household, composition, '2026-02-01').map((a) => a.code) // ['missing-rent']
 */
export function dataQualityAlerts(
  household: Household,
  composition: HouseholdComposition,
  on: IsoDate,
): Alert[] {
  const alerts: Alert[] = [];
  if (
    household.housingStatus === 'tenant' &&
    !household.charges.some((c) => c.type === 'rent' && c.amountCents > 0)
  ) {
    alerts.push(
      alert(
        'missing-rent',
        'warning',
        'domain-rules 8.3-22',
        [],
        {},
        'Locataire sans loyer déclaré : saisir le loyer (pris au réel par la commission).',
        'Tenant with no rent declared: enter the rent (the commission takes it at its real amount).',
      ),
    );
  }
  const implausible = household.debts.filter(
    (d) =>
      d.instalmentMonthlyCents > MAX_PLAUSIBLE_INSTALMENT_CENTS ||
      (AMORTISING.has(d.product) && d.capitalRemainingCents > 0 && d.instalmentMonthlyCents === 0),
  );
  if (implausible.length > 0) {
    alerts.push(
      alert(
        'implausible-instalment',
        'warning',
        'domain-rules 8.3-22',
        implausible.map((d) => d.id),
        { maxCents: MAX_PLAUSIBLE_INSTALMENT_CENTS },
        'Mensualité invraisemblable (nulle sur un prêt en cours ou supérieure à 8 000 €) : vérifier.',
        'Implausible instalment (zero on a running loan or above €8,000): check it.',
      ),
    );
  }
  if (composition.dependents > MAX_PLAUSIBLE_DEPENDENTS) {
    alerts.push(
      alert(
        'too-many-dependents',
        'warning',
        'domain-rules 8.3-22',
        composition.dependentIds,
        { dependents: composition.dependents },
        `${composition.dependents} personnes à charge : plus de 10, à vérifier.`,
        `${composition.dependents} dependents: more than 10, check.`,
      ),
    );
  }
  for (const m of household.members) {
    const age = ageOn(m.birthDate, on);
    const adult = m.role === 'applicant' || m.role === 'co_applicant' || m.role === 'non_filing_spouse';
    if (age < 0 || (adult && (age < ADULT_AGE_RANGE.min || age > ADULT_AGE_RANGE.max))) {
      alerts.push(
        alert(
          'implausible-age',
          'warning',
          'domain-rules 8.3-22',
          [m.id],
          { age },
          `Âge invraisemblable (${age} ans) : vérifier la date de naissance.`,
          `Implausible age (${age}): check the birth date.`,
        ),
      );
    }
  }
  const irregular = household.resources.filter((r) => !r.regular);
  if (irregular.length > 0) {
    alerts.push(
      alert(
        'irregular-income',
        'info',
        'domain-rules 8.2-1',
        irregular.map((r) => r.id),
        {},
        'Revenus irréguliers : moyenne sur 12 mois, à justifier (primes non systématiques).',
        'Irregular income: averaged over 12 months, to be justified (non-systematic bonuses).',
      ),
    );
  }
  const horizon = addMonths(on, 12);
  const changing = household.resources.filter(
    (r) =>
      (r.endDate !== undefined && r.endDate >= on && r.endDate <= horizon) ||
      (r.startDate !== undefined && r.startDate > on && r.startDate <= horizon),
  );
  if (changing.length > 0) {
    alerts.push(
      alert(
        'income-change-ahead',
        'info',
        'domain-rules 8.3-17',
        changing.map((r) => r.id),
        {},
        'Une ressource commence ou se termine dans les 12 mois : la capacité changera (paliers, moratoire).',
        'A resource starts or ends within 12 months: the capacity will change (steps, moratorium).',
      ),
    );
  }
  if (household.territory === 'alsace_moselle') {
    alerts.push(
      alert(
        'alsace-moselle-local-law',
        'info',
        'domain-rules 1.1',
        [],
        {},
        'Alsace-Moselle : la faillite civile de droit local existe à côté de la procédure ordinaire.',
        'Alsace-Moselle: the local "faillite civile" exists alongside the ordinary procedure.',
      ),
    );
  }
  return alerts;
}
