/**
 * Alerts about the debts: priority arrears, enforcement, eviction risk, debts outside any
 * plan, professional debts, rates above the legal rate, overdrafts and guarantors. When no
 * legal rate covers the date (S2 2026 was not found [U]), the rate comparison is not made
 * and the 'legal-rate-missing' alert says so: no other figure depends on that rate.
 */
import type { IsoDate } from '../dates';
import type { Household } from '../household/household';
import { formatBps, formatEurosEn, formatEurosFr } from '../money-format';
import type { LegalInterestRate } from '../parameters/legal-interest-rates';
import { MissingParameterError } from '../parameters/lookup';
import type { ParameterSupplements } from '../parameters/parameter-supplements';
import { legalInterestRateOn } from '../parameters/parameters-on';
import { plural } from '../plural';
import { type Alert, alert } from './alert';
import type { DebtSummary } from './debt-summary';

/**
 * Alerts raised by the debts of a household.
 * @param household - the dossier
 * @param debts - the debt summary
 * @param on - reference date (legal rate of the semester)
 * @param supplements - the coordinator's validated parameter supplements (optional)
 * @returns alerts, most severe first within each rule
 * @example debtAlerts(household, summariseDebts(household), '2026-02-01').map((a) => a.code)
 */
export function debtAlerts(
  household: Household,
  debts: DebtSummary,
  on: IsoDate,
  supplements?: ParameterSupplements,
): { alerts: Alert[]; parameterIds: string[] } {
  const alerts: Alert[] = [];
  const byId = new Map(household.debts.map((d) => [d.id, d]));
  const rentArrears = debts.lines.filter((l) => l.product === 'rent_arrears' && l.outstandingCents > 0);
  const priority = debts.lines.filter(
    (l) =>
      l.outstandingCents > 0 &&
      (l.product === 'rent_arrears' || l.product === 'energy_arrears' || l.product === 'tax_debt'),
  );
  if (priority.length > 0) {
    const total = priority.reduce((s, l) => s + l.outstandingCents, 0);
    alerts.push(
      alert(
        'priority-arrears',
        'warning',
        'L711-6',
        priority.map((l) => l.id),
        { totalCents: total },
        `Arriérés prioritaires (loyer, énergie, impôts) : ${formatEurosFr(total)}. À traiter en premier.`,
        `Priority arrears (rent, energy, tax): ${formatEurosEn(total)}. Deal with them first.`,
      ),
    );
  }
  const enforced = household.debts.filter((d) => d.enforcementInProgress);
  if (enforced.length > 0) {
    alerts.push(
      alert(
        'enforcement-in-progress',
        'critical',
        'R721-3, L721-4',
        enforced.map((d) => d.id),
        { count: enforced.length },
        plural(
          {
            one: '{count} procédure d’exécution en cours : une suspension peut être demandée au juge (L721-4).',
            other:
              '{count} procédures d’exécution en cours : une suspension peut être demandée au juge (L721-4).',
          },
          'fr',
          enforced.length,
        ),
        plural(
          {
            one: '{count} enforcement procedure under way: a suspension can be asked of the judge (L721-4).',
            other:
              '{count} enforcement procedures under way: a suspension can be asked of the judge (L721-4).',
          },
          'en',
          enforced.length,
        ),
      ),
    );
  }
  if (
    household.evictionProcedure === true ||
    (household.housingStatus === 'tenant' && rentArrears.length > 0)
  ) {
    alerts.push(
      alert(
        'eviction-risk',
        'critical',
        'L722-6, L714-1',
        rentArrears.map((l) => l.id),
        { procedureUnderWay: household.evictionProcedure === true },
        'Risque d’expulsion : dette locative ou procédure en cours. Saisir la commission et le FSL sans attendre.',
        'Eviction risk: rent arrears or a procedure under way. Contact the commission and the FSL without delay.',
      ),
    );
  }
  for (const line of debts.lines.filter((l) => l.excludedFromPlan)) {
    alerts.push(
      alert(
        'excluded-from-plan',
        'warning',
        'L711-4',
        [line.id],
        { product: line.product, outstandingCents: line.outstandingCents },
        `Dette exclue de tout plan (${line.product}, ${formatEurosFr(line.outstandingCents)}) : ni remise, ni rééchelonnement, ni effacement.`,
        `Debt excluded from any plan (${line.product}, ${formatEurosEn(line.outstandingCents)}): no remission, rescheduling or write-off.`,
      ),
    );
  }
  const professional = household.debts.filter((d) => d.isProfessional === true);
  if (professional.length > 0) {
    alerts.push(
      alert(
        'professional-debt',
        'warning',
        'L711-1, L711-3',
        professional.map((d) => d.id),
        { count: professional.length },
        'Dettes professionnelles : un entrepreneur individuel doit d’abord saisir le tribunal de commerce ou judiciaire.',
        'Professional debts: a sole trader must first go to the commercial or judicial court.',
      ),
    );
  }
  const legal = legalRateOrNull(on, supplements);
  if (legal === null && debts.lines.length > 0) {
    alerts.push(
      alert(
        'legal-rate-missing',
        'warning',
        'L733-1 3°; domain-rules 3.2 [U]',
        [],
        { parameter: 'legalInterestRate', date: on },
        'Taux de l’intérêt légal de la période non renseigné : les taux des dettes n’ont pas été comparés au taux légal.',
        'Legal interest rate for the period not entered: the debt rates were not compared with the legal rate.',
      ),
    );
  }
  for (const line of debts.lines) {
    const debt = byId.get(line.id);
    const cap =
      legal === null
        ? null
        : line.creditorCategory === 'private_individual'
          ? legal.individualCreditorBps
          : legal.otherCreditorBps;
    if (debt && cap !== null && debt.nominalRateBps > cap) {
      alerts.push(
        alert(
          'rate-above-legal-rate',
          'info',
          'L733-1 3°',
          [line.id],
          { nominalRateBps: debt.nominalRateBps, legalRateBps: cap },
          `Taux ${formatBps(debt.nominalRateBps, 'fr')} supérieur au taux légal (${formatBps(cap, 'fr')}) : plafonné en cas de mesures imposées.`,
          `Rate ${formatBps(debt.nominalRateBps, 'en')} above the legal rate (${formatBps(cap, 'en')}): capped in imposed measures.`,
        ),
      );
    }
    if (line.product === 'overdraft' && line.outstandingCents > 0) {
      alerts.push(
        alert(
          'overdraft-no-payment-after-admissibility',
          'info',
          'L722-5',
          [line.id],
          {},
          'Découvert : ne plus le rembourser après la recevabilité (interdit par L722-5).',
          'Overdraft: it must not be repaid after admissibility (L722-5).',
        ),
      );
    }
    if (debt?.guarantor === 'natural_person') {
      alerts.push(
        alert(
          'natural-person-guarantor',
          'info',
          'L733-4',
          [line.id],
          {},
          'Caution personne physique : ce qu’elle paie à la place du débiteur ne peut pas être effacé.',
          "Natural-person guarantor: what they pay in the debtor's place cannot be written off.",
        ),
      );
    }
  }
  return { alerts, parameterIds: legal === null ? [] : [legal.id] };
}

/** The legal rate of the date, or null when no record covers it (reported by an alert). */
function legalRateOrNull(
  on: IsoDate,
  supplements: ParameterSupplements | undefined,
): LegalInterestRate | null {
  try {
    return legalInterestRateOn(on, supplements);
  } catch (error) {
    if (error instanceof MissingParameterError && error.parameter === 'legalInterestRate') return null;
    throw error;
  }
}
