/**
 * Duplicate warning at intake (issue 5 item 3; sync-design §9.8 "flag at entry time on the
 * device"): a new household looks like one already on the device when one of its people has
 * the same normalised name and birth date as a person of the other, or when the phone numbers
 * are the same once normalised. This only warns: households are never merged here.
 */
import { nameTokens, normalisePhone } from './normalise';

export interface DuplicatePerson {
  firstName?: string | undefined;
  lastName?: string | undefined;
  /** 'YYYY-MM-DD' */
  birthDate?: string | undefined;
}

/** What is known of a household for the check: its people and its phone numbers. */
export interface DuplicateProbe {
  people: readonly DuplicatePerson[];
  phones: readonly (string | undefined)[];
}

export interface DuplicateIndexEntry extends DuplicateProbe {
  householdId: string;
}

export type DuplicateReason =
  | { rule: 'name_and_birth_date'; name: string; birthDate: string }
  | { rule: 'phone'; phone: string };

export interface DuplicateMatch {
  householdId: string;
  reasons: DuplicateReason[];
}

/**
 * The matching key of a person: sorted name tokens and birth date (the order of first and last
 * names does not matter). Undefined without a name or a birth date.
 * @example personKey({ firstName: 'Zoé', lastName: 'Martin', birthDate: '1980-02-01' }) // 'martin zoe|1980-02-01'
 */
export function personKey(person: DuplicatePerson): string | undefined {
  const tokens = nameTokens(person.firstName, person.lastName).sort();
  if (tokens.length === 0 || person.birthDate === undefined || person.birthDate === '') return undefined;
  return `${tokens.join(' ')}|${person.birthDate}`;
}

function phoneKeys(phones: readonly (string | undefined)[]): Set<string> {
  const keys = new Set<string>();
  for (const phone of phones) {
    const key = phone === undefined ? undefined : normalisePhone(phone);
    // Too short to identify anyone (a partly typed number).
    if (key !== undefined && key.replace('+', '').length >= 8) keys.add(key);
  }
  return keys;
}

/**
 * The households of `existing` that look like `candidate`, each with the rules that matched.
 * @param excludeHouseholdId - the candidate's own id when checking an existing dossier
 * @example findDuplicates({ people: [{ lastName: 'Martin', firstName: 'Zoé', birthDate: '1980-02-01' }], phones: [] }, index)
 */
export function findDuplicates(
  candidate: DuplicateProbe,
  existing: readonly DuplicateIndexEntry[],
  excludeHouseholdId?: string,
): DuplicateMatch[] {
  const people = new Map<string, string>();
  for (const person of candidate.people) {
    const key = personKey(person);
    if (key !== undefined) people.set(key, person.birthDate ?? '');
  }
  const phones = phoneKeys(candidate.phones);
  const matches: DuplicateMatch[] = [];
  for (const entry of existing) {
    if (entry.householdId === excludeHouseholdId) continue;
    const reasons: DuplicateReason[] = [];
    for (const person of entry.people) {
      const key = personKey(person);
      if (key !== undefined && people.has(key)) {
        const name = [person.firstName, person.lastName].filter((p) => p !== undefined).join(' ');
        reasons.push({ rule: 'name_and_birth_date', name, birthDate: person.birthDate ?? '' });
      }
    }
    for (const phone of phoneKeys(entry.phones)) {
      if (phones.has(phone)) reasons.push({ rule: 'phone', phone });
    }
    if (reasons.length > 0) matches.push({ householdId: entry.householdId, reasons });
  }
  return matches;
}
