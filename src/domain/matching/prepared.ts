/**
 * A match profile prepared for scoring (DUP1): each name normalised and Phonex-coded once per
 * household, not once per compared pair. The server prepares every profile once in a rescan and
 * a changed household's candidates once per detection; the device prepares its probe once per
 * intake check. scorePair prepares what it is given, so every caller scores with the same rule.
 */
import { type PreparedName, prepareName } from './compare-fields';
import type { MatchPerson, MatchProfile } from './profile';
import { streetNumber } from './profile';

export interface PreparedSurname {
  /** As typed (reasons show it). */
  typed: string;
  name: PreparedName;
}

export interface PreparedPerson {
  person: MatchPerson;
  firstName: PreparedName | undefined;
  /** Usage name, then birth name. */
  surnames: PreparedSurname[];
}

export interface PreparedProfile {
  profile: MatchProfile;
  adults: PreparedPerson[];
  /** The street line's house number and its words after it. */
  streetNumber: string | undefined;
  streetWords: string | undefined;
}

function preparePerson(person: MatchPerson): PreparedPerson {
  const surnames: PreparedSurname[] = [];
  for (const typed of [person.lastName, person.birthName]) {
    if (typed !== undefined) surnames.push({ typed, name: prepareName(typed) });
  }
  return {
    person,
    firstName: person.firstName === undefined ? undefined : prepareName(person.firstName),
    surnames,
  };
}

/**
 * The profile with what scoring compares computed once.
 * @example scorePrepared(prepareProfile(a), prepareProfile(b)) // same as scorePair(a, b)
 */
export function prepareProfile(profile: MatchProfile): PreparedProfile {
  const number = profile.street === undefined ? undefined : streetNumber(profile.street);
  return {
    profile,
    adults: profile.adults.map(preparePerson),
    streetNumber: number,
    streetWords: profile.street?.split(' ').slice(1).join(''),
  };
}
