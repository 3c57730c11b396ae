/**
 * How a household is named in the coordinators' queue and in the intake's online check: its
 * file reference and its adults' names as recorded ("Zoé MARTIN, Paul MARTIN"). The adults are
 * the match profile's (src/domain/matching), so the names shown are the names compared.
 */
import { profileFromRows } from '../../../src/domain/matching';
import type { MatchSource } from '../stores/store-tx';

export interface HouseholdLabel {
  reference: string | null;
  label: string;
  welcomePointId: string | null;
}

export function householdLabel(source: MatchSource, on: string): HouseholdLabel {
  const household = source.household ?? {};
  const { adults } = profileFromRows({ household, members: source.members, debts: [], creditors: [] }, on);
  const names = adults
    .map((adult) => [adult.firstName, adult.lastName?.toLocaleUpperCase('fr-FR')].filter(Boolean).join(' '))
    .filter((name) => name !== '');
  return {
    reference: typeof household.reference === 'string' ? household.reference : null,
    label: names.join(', ').slice(0, 400),
    welcomePointId: source.welcomePointId,
  };
}
