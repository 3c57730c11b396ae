/**
 * Blocking keys of a household (DUP1b): only households sharing at least one key are scored
 * against each other. Keys are composite, so a block holds about the same few households
 * whatever the size of the network (pairs grow linearly with it, issue 14's 100,000), and each
 * is chosen so that a duplicate with one or two corrupted fields still shares another one:
 * - `p:` the Phonex codes of an adult's first name and one surname (usage or birth), sorted,
 *   with the birth year; `q:` the same with the birth day and month (sorted): a typo that keeps
 *   the sound, names typed the other way round or the birth name keep both; a day/month swap
 *   keeps `p:`, a year off by one keeps `q:`;
 * - `f:` the Phonex code of a surname, the first name's initial and the birth year; `g:` the
 *   same with day and month: a first name typed differently (Jean/Jean-Pierre) keeps them;
 * - `b:` the birth date with day and month sorted, and the initials of the first name and the
 *   surname (sorted): a surname typo that changes its sound keeps it;
 * - an adult without a birth date gets `n:` (the `p:` names alone), matched against others
 *   without one;
 * - `t:` a phone, `e:` an e-mail, `a:` postcode, house number and the street name's initial,
 *   `c:` a creditor reference.
 * A key shared by more than MATCH_PARAMETERS.maxBlockSize households is skipped by the
 * server (a frequent name and birth year, a large building). At most about 40 keys per household.
 */
import { prepareName } from './compare-fields';
import { type MatchProfile, streetNumber } from './profile';

/** Adults beyond the first few are rarely what a duplicate is recorded under. */
const MAX_KEYED_ADULTS = 3;
const MAX_KEYED_REFS = 3;

/** Year, and month and day sorted (a day/month swap keeps them), of a 'YYYY-MM-DD' date. */
function dateParts(date: string | undefined): { year: string; dayMonth: string } | undefined {
  const [y, m, d] = (date ?? '').split('-');
  if (y === undefined || m === undefined || d === undefined || y === '') return undefined;
  return { year: y, dayMonth: [m, d].sort().join('-') };
}

/** The street name's initial: the first letter of the line's last word (« 12 rue gare » → g). */
function streetInitial(street: string): string {
  return street.split(' ').at(-1)?.charAt(0) ?? '';
}

/**
 * The blocking keys of a household, sorted and distinct.
 * @example blockingKeys(profile) // ['a:75011|12|g', 'b:1980-02-05|d z', 'f:TUT1|z|1980', 'p:GYN TUT1|1980', …]
 */
export function blockingKeys(profile: MatchProfile): string[] {
  const keys = new Set<string>();
  for (const adult of profile.adults.slice(0, MAX_KEYED_ADULTS)) {
    const firstName = adult.firstName === undefined ? undefined : prepareName(adult.firstName);
    const first = firstName?.phonetic ?? '';
    const initial = firstName?.compact.charAt(0) ?? '';
    const date = dateParts(adult.birthDate);
    for (const surname of [adult.lastName, adult.birthName]) {
      if (surname === undefined) continue;
      const prepared = prepareName(surname);
      const last = prepared.phonetic;
      if (last === '') continue;
      const names = first === '' ? undefined : [first, last].sort().join(' ');
      if (date === undefined) {
        if (names !== undefined) keys.add(`n:${names}`);
        continue;
      }
      if (names !== undefined) {
        keys.add(`p:${names}|${date.year}`);
        keys.add(`q:${names}|${date.dayMonth}`);
      }
      if (initial !== '') {
        keys.add(`f:${last}|${initial}|${date.year}`);
        keys.add(`g:${last}|${initial}|${date.dayMonth}`);
        const initials = [initial, prepared.compact.charAt(0)].sort().join(' ');
        keys.add(`b:${date.year}-${date.dayMonth}|${initials}`);
      }
    }
  }
  for (const phone of profile.phones.slice(0, 2)) keys.add(`t:${phone}`);
  for (const email of profile.emails.slice(0, 2)) keys.add(`e:${email}`);
  const number = profile.street === undefined ? undefined : streetNumber(profile.street);
  if (profile.postcode !== undefined && profile.street !== undefined && number !== undefined)
    keys.add(`a:${profile.postcode}|${number}|${streetInitial(profile.street)}`);
  for (const ref of profile.creditorRefs.slice(0, MAX_KEYED_REFS)) keys.add(`c:${ref}`);
  return [...keys].sort();
}
