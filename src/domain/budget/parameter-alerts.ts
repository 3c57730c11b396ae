/**
 * Alerts about the legal parameters themselves: a result that used a figure of confidence
 * 'U' (a built-in estimate such as the April 2026 RSA, or a supplement entered as
 * unconfirmed) says so, so that nobody takes an estimate for the law.
 */
import { monthAndYear } from '../month-names';
import { type CatalogueEntry, unconfirmedParameters } from '../parameters/parameter-catalogue';
import type { ParameterSupplements } from '../parameters/parameter-supplements';
import { type Alert, alert } from './alert';

// Where the official value is entered, and who may, is said by the screen that shows the alert
// (only an admin can enter it): these sentences say only what the figure is.
function sentences(entry: CatalogueEntry): { fr: string; en: string } {
  const fr = monthAndYear(entry.record.validFrom, 'fr');
  const en = monthAndYear(entry.record.validFrom, 'en');
  switch (entry.kind) {
    case 'rsa.amounts':
      return {
        fr: `Le montant du RSA utilisé (${fr}) est une estimation, pas encore le montant officiel.`,
        en: `The RSA amount used (${en}) is an estimate, not yet the official amount.`,
      };
    case 'legalInterestRate':
      return {
        fr: `Le taux de l’intérêt légal utilisé (${fr}) est une estimation, pas encore le taux officiel.`,
        en: `The legal interest rate used (${en}) is an estimate, not yet the official rate.`,
      };
    case 'seizureScale':
      return {
        fr: `Le barème des saisies utilisé (${fr}) est une estimation, pas encore le barème officiel.`,
        en: `The seizure scale used (${en}) is an estimate, not yet the official scale.`,
      };
    default:
      return {
        fr: `Une valeur légale utilisée (${fr}) est une estimation, pas encore la valeur officielle.`,
        en: `A legal value used (${en}) is an estimate, not yet the official value.`,
      };
  }
}

/** The alerts about a value an admin enters in Administration › Paramètres légaux. */
export const ALERTS_ABOUT_LEGAL_PARAMETERS: readonly string[] = [
  'unconfirmed-parameter',
  'legal-rate-missing',
  'forfait-national-default',
];

/**
 * The 'unconfirmed-parameter' alert when a result used a record of confidence 'U' (none otherwise).
 * @param parameterIds - ids of the records the result used (its parameterSet.parameterIds)
 * @param supplements - the supplements the result was computed with (optional)
 * @example parameterAlerts(['rsa-2026-04-estimate']).map((a) => a.params.parameterIds) // ['rsa-2026-04-estimate']
 */
export function parameterAlerts(
  parameterIds: readonly string[],
  supplements?: ParameterSupplements,
): Alert[] {
  const unconfirmed = unconfirmedParameters(parameterIds, supplements);
  if (unconfirmed.length === 0) return [];
  const texts = unconfirmed.map(sentences);
  return [
    alert(
      'unconfirmed-parameter',
      'warning',
      'domain-rules 0 [U]',
      [],
      {
        parameterIds: unconfirmed.map((e) => e.record.id).join(','),
        count: unconfirmed.length,
      },
      texts.map((t) => t.fr).join(' '),
      texts.map((t) => t.en).join(' '),
    ),
  ];
}
