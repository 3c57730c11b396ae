/**
 * Duplicate scoring of two households (DUP1): any adult of A against any adult of B (a couple
 * recorded under either spouse), the best person pair kept, a bonus when the other spouses
 * match too, then the household's own evidence (phone, e-mail, address, creditor references).
 * The score is the sum of the reasons' weights (match-parameters.ts).
 */
import type { MatchReason } from '../sync/coordination-protocol';
import {
  betterNameLevel,
  compareBirthDates,
  comparePreparedNames,
  type NameLevel,
  type PreparedName,
} from './compare-fields';
import { isCloseName } from './edit-distance';
import { MATCH_PARAMETERS, type MatchParameters } from './match-parameters';
import { type PreparedPerson, type PreparedProfile, type PreparedSurname, prepareProfile } from './prepared';
import type { MatchPerson, MatchProfile } from './profile';

interface Scored {
  score: number;
  reasons: MatchReason[];
}

function reason(
  field: MatchReason['field'],
  level: MatchReason['level'],
  weight: number,
  a: string,
  b: string,
): MatchReason {
  return { field, level, weight, a: a.slice(0, 400), b: b.slice(0, 400) };
}

/** The best agreement between any surname of a and any of b (usage vs birth names crosswise). */
function bestSurname(
  a: readonly PreparedSurname[],
  b: readonly PreparedSurname[],
): { level: NameLevel; a: string; b: string } | undefined {
  let best: { level: NameLevel; a: string; b: string } | undefined;
  for (const x of a) {
    for (const y of b) {
      const level = comparePreparedNames(x.name, y.name);
      if (level !== undefined && betterNameLevel(best?.level, level) === level && best?.level !== level) {
        best = { level, a: x.typed, b: y.typed };
      }
    }
  }
  return best;
}

/** A first name as a one-name list, to compare it with surnames (swapped names). */
function asSurnames(typed: string | undefined, name: PreparedName | undefined): PreparedSurname[] {
  return typed === undefined || typed === '' || name === undefined ? [] : [{ typed, name }];
}

const AGREES = new Set<NameLevel>(['exact', 'phonetic', 'close']);

function fullName(p: MatchPerson): string {
  const last = [p.lastName, p.birthName === undefined ? undefined : `(${p.birthName})`].filter(
    (s) => s !== undefined,
  );
  return [p.firstName, ...last].filter((s) => s !== undefined).join(' ');
}

/** The names of two people: as typed, or first and last names the other way round. */
function scoreNames(pa: PreparedPerson, pb: PreparedPerson, w: MatchParameters): Scored {
  const [a, b] = [pa.person, pb.person];
  const straight: Scored = { score: 0, reasons: [] };
  const last = bestSurname(pa.surnames, pb.surnames);
  if (last !== undefined) {
    straight.score += w.lastName[last.level];
    straight.reasons.push(reason('name', last.level, w.lastName[last.level], last.a, last.b));
  }
  const first =
    pa.firstName === undefined || pb.firstName === undefined
      ? undefined
      : comparePreparedNames(pa.firstName, pb.firstName);
  if (first !== undefined) {
    straight.score += w.firstName[first];
    straight.reasons.push(reason('name', first, w.firstName[first], a.firstName ?? '', b.firstName ?? ''));
  }
  // Swapped: A's first name is one of B's surnames and one of A's surnames is B's first name.
  const firstAsLast = bestSurname(asSurnames(a.firstName, pa.firstName), pb.surnames);
  const lastAsFirst =
    firstAsLast === undefined ? undefined : bestSurname(pa.surnames, asSurnames(b.firstName, pb.firstName));
  if (
    firstAsLast !== undefined &&
    lastAsFirst !== undefined &&
    AGREES.has(firstAsLast.level) &&
    AGREES.has(lastAsFirst.level)
  ) {
    const exactBoth = firstAsLast.level === 'exact' && lastAsFirst.level === 'exact';
    const weight = exactBoth ? w.swappedNames : w.swappedNames - 2;
    if (weight > straight.score)
      return { score: weight, reasons: [reason('name', 'swapped', weight, fullName(a), fullName(b))] };
  }
  return straight;
}

function scorePersons(pa: PreparedPerson, pb: PreparedPerson, w: MatchParameters): Scored {
  const names = scoreNames(pa, pb, w);
  const [a, b] = [pa.person, pb.person];
  const date = compareBirthDates(a.birthDate, b.birthDate);
  if (date === undefined) return names;
  const weight = {
    exact: w.birthDate.exact,
    swapped: w.birthDate.swapped,
    year_off: w.birthDate.yearOff,
    different: w.birthDate.different,
  }[date];
  return {
    score: names.score + weight,
    reasons: [...names.reasons, reason('birth_date', date, weight, a.birthDate ?? '', b.birthDate ?? '')],
  };
}

interface PersonPair extends Scored {
  i: number;
  j: number;
}

/** The best person pair, and the best pair of the remaining people (the other spouses). */
function scorePeople(a: PreparedProfile, b: PreparedProfile, w: MatchParameters): Scored {
  const pairs: PersonPair[] = [];
  a.adults.forEach((pa, i) => {
    b.adults.forEach((pb, j) => {
      pairs.push({ i, j, ...scorePersons(pa, pb, w) });
    });
  });
  if (pairs.length === 0) return { score: 0, reasons: [] };
  pairs.sort((x, y) => y.score - x.score);
  const best = pairs[0] as PersonPair;
  const second = pairs.find((p) => p.i !== best.i && p.j !== best.j);
  if (second === undefined || second.score < w.personThreshold) return best;
  const bonus = Math.min(second.score, w.secondPersonCap);
  const level = second.reasons.every((r) => r.level === 'exact') ? 'exact' : 'close';
  const pa = (a.adults[second.i] as PreparedPerson).person;
  const pb = (b.adults[second.j] as PreparedPerson).person;
  return {
    score: best.score + bonus,
    reasons: [...best.reasons, reason('name', level, bonus, fullName(pa), fullName(pb))],
  };
}

function scoreSets(
  field: 'phone' | 'email',
  a: readonly string[],
  b: readonly string[],
  w: { exact: number; different: number },
): Scored {
  if (a.length === 0 || b.length === 0) return { score: 0, reasons: [] };
  const shared = a.find((x) => b.includes(x));
  if (shared !== undefined)
    return { score: w.exact, reasons: [reason(field, 'exact', w.exact, shared, shared)] };
  return {
    score: w.different,
    reasons: [reason(field, 'different', w.different, a.join(', '), b.join(', '))],
  };
}

function scoreAddress(pa: PreparedProfile, pb: PreparedProfile, w: MatchParameters): Scored {
  const [a, b] = [pa.profile, pb.profile];
  if (a.postcode === undefined || b.postcode === undefined) return { score: 0, reasons: [] };
  const label = (p: MatchProfile): string => [p.street, p.postcode].filter((s) => s !== undefined).join(', ');
  const level = ((): 'exact' | 'close' | 'postcode' | 'different' => {
    if (a.postcode !== b.postcode) return 'different';
    if (a.street === undefined || b.street === undefined) return 'postcode';
    if (a.street === b.street) return 'exact';
    if (pa.streetNumber !== undefined && pa.streetNumber === pb.streetNumber) {
      const [wa, wb] = [pa.streetWords ?? '', pb.streetWords ?? ''];
      if (isCloseName(wa, wb) || wa === wb) return 'close';
    }
    return 'postcode';
  })();
  const weight = {
    exact: w.address.exact,
    close: w.address.close,
    postcode: w.address.postcodeOnly,
    different: w.address.different,
  }[level];
  return {
    score: weight,
    reasons: [reason('address', level === 'postcode' ? 'close' : level, weight, label(a), label(b))],
  };
}

function scoreCreditorRefs(a: MatchProfile, b: MatchProfile, w: MatchParameters): Scored {
  const shared = a.creditorRefs.filter((r) => b.creditorRefs.includes(r)).slice(0, w.creditorRef.maxShared);
  return {
    score: shared.length * w.creditorRef.exact,
    reasons: shared.map((r) => reason('creditor_reference', 'exact', w.creditorRef.exact, r, r)),
  };
}

/**
 * How likely two households are the same (DUP1): the score (sum of log-odds weights) and its
 * reasons, field by field. Symmetric in its score.
 * @example scorePair(profileA, profileB).score >= MATCH_PARAMETERS.threshold
 */
export function scorePair(
  a: MatchProfile,
  b: MatchProfile,
  params: MatchParameters = MATCH_PARAMETERS,
): Scored {
  return scorePrepared(prepareProfile(a), prepareProfile(b), params);
}

/**
 * scorePair on profiles prepared once (prepareProfile): what a rescan or a detection calls for
 * each of the many pairs a household is in.
 */
export function scorePrepared(
  a: PreparedProfile,
  b: PreparedProfile,
  params: MatchParameters = MATCH_PARAMETERS,
): Scored {
  const parts = [
    scorePeople(a, b, params),
    scoreSets('phone', a.profile.phones, b.profile.phones, params.phone),
    scoreSets('email', a.profile.emails, b.profile.emails, params.email),
    scoreAddress(a, b, params),
    scoreCreditorRefs(a.profile, b.profile, params),
  ];
  const reasons = parts.flatMap((p) => p.reasons);
  // Summed from the reasons so the two always agree; rounded against float dust (weights are halves).
  const score = Math.round(reasons.reduce((sum, r) => sum + r.weight, 0) * 1000) / 1000;
  return { score, reasons };
}
