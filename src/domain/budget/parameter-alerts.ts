/**
 * Alerts about the legal parameters themselves: a result that used a figure of confidence
 * 'U' (a built-in estimate such as the April 2026 RSA, or a supplement entered as
 * unconfirmed) says so, so that nobody takes an estimate for the law.
 */
import type { IsoDate } from '../dates';
import { type CatalogueEntry, unconfirmedParameters } from '../parameters/parameter-catalogue';
import type { ParameterSupplements } from '../parameters/parameter-supplements';
import { type Alert, alert } from './alert';

const MONTHS_FR = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];
const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const monthOf = (date: IsoDate, months: readonly string[]) =>
  `${months[Number(date.slice(5, 7)) - 1] ?? date.slice(5, 7)} ${date.slice(0, 4)}`;

function sentences(entry: CatalogueEntry): { fr: string; en: string } {
  const fr = monthOf(entry.record.validFrom, MONTHS_FR);
  const en = monthOf(entry.record.validFrom, MONTHS_EN);
  switch (entry.kind) {
    case 'rsa.amounts':
      return {
        fr: `Le montant du RSA utilisé (${fr}) n’est pas confirmé : vérifiez-le ou saisissez le montant officiel dans les réglages.`,
        en: `The RSA amount used (${en}) is not confirmed: check it or enter the official amount in the settings.`,
      };
    case 'legalInterestRate':
      return {
        fr: `Le taux de l’intérêt légal utilisé (${fr}) n’est pas confirmé : vérifiez-le ou saisissez le taux officiel dans les réglages.`,
        en: `The legal interest rate used (${en}) is not confirmed: check it or enter the official rate in the settings.`,
      };
    case 'seizureScale':
      return {
        fr: `Le barème des saisies utilisé (${fr}) n’est pas confirmé : vérifiez-le ou saisissez le barème officiel dans les réglages.`,
        en: `The seizure scale used (${en}) is not confirmed: check it or enter the official scale in the settings.`,
      };
    default:
      return {
        fr: `Le paramètre « ${entry.record.id} » utilisé (${fr}) n’est pas confirmé : vérifiez-le ou saisissez la valeur officielle dans les réglages.`,
        en: `The parameter "${entry.record.id}" used (${en}) is not confirmed: check it or enter the official value in the settings.`,
      };
  }
}

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
