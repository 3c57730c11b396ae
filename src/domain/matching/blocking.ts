/**
 * Blocking keys of a household (DUP1b): only households sharing at least one key are scored
 * against each other. Each key is chosen so that a duplicate with one or two corrupted fields
 * still shares another one:
 * - `p:` the Phonex codes of an adult's first name and one surname (usage or birth), sorted:
 *   a typo that keeps the sound, or first and last names typed the other way round, keep it;
 * - `f:` the Phonex code of a surname and the first name's initial: a first name typed
 *   differently (Philippe/Filipe keep `p:`, Jean/Jean-Pierre keep this one);
 * - `b:` the birth date with day and month sorted (a day/month swap keeps it);
 * - `t:` a phone, `e:` an e-mail, `a:` postcode and house number, `c:` a creditor reference.
 * A key shared by more than MATCH_PARAMETERS.maxBlockSize households is skipped by the
 * server (a frequent name, a large building). At most about 20 keys per household.
 */
import { prepareName } from './compare-fields';
import { type MatchProfile, streetNumber } from './profile';

/** Adults beyond the first few are rarely what a duplicate is recorded under. */
const MAX_KEYED_ADULTS = 3;
const MAX_KEYED_REFS = 3;

function dateKey(date: string): string | undefined {
  const [y, m, d] = date.split('-');
  if (y === undefined || m === undefined || d === undefined) return undefined;
  return `b:${y}-${[m, d].sort().join('-')}`;
}

/**
 * The blocking keys of a household, sorted and distinct.
 * @example blockingKeys(profile) // ['a:75011|12', 'b:1980-02-05', 'f:TUT1|j', 'p:GYN TUT1', 't:0612345678']
 */
export function blockingKeys(profile: MatchProfile): string[] {
  const keys = new Set<string>();
  for (const adult of profile.adults.slice(0, MAX_KEYED_ADULTS)) {
    const first = adult.firstName === undefined ? '' : prepareName(adult.firstName).phonetic;
    const initial = adult.firstName === undefined ? '' : prepareName(adult.firstName).compact.charAt(0);
    for (const surname of [adult.lastName, adult.birthName]) {
      if (surname === undefined) continue;
      const last = prepareName(surname).phonetic;
      if (last === '') continue;
      if (first !== '') keys.add(`p:${[first, last].sort().join(' ')}`);
      if (initial !== '') keys.add(`f:${last}|${initial}`);
    }
    const date = adult.birthDate === undefined ? undefined : dateKey(adult.birthDate);
    if (date !== undefined) keys.add(date);
  }
  for (const phone of profile.phones.slice(0, 2)) keys.add(`t:${phone}`);
  for (const email of profile.emails.slice(0, 2)) keys.add(`e:${email}`);
  const number = profile.street === undefined ? undefined : streetNumber(profile.street);
  if (profile.postcode !== undefined && number !== undefined) keys.add(`a:${profile.postcode}|${number}`);
  for (const ref of profile.creditorRefs.slice(0, MAX_KEYED_REFS)) keys.add(`c:${ref}`);
  return [...keys].sort();
}
