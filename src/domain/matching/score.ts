/**
 * Duplicate scoring of two households (DUP1): any adult of A against any adult of B (a couple
 * recorded under either spouse), the best person pair kept, a bonus when the other spouses
 * match too, then the household's own evidence (phone, e-mail, address, creditor references).
 * The score is the sum of the reasons' weights (match-parameters.ts).
 */
import type { MatchReason } from '../sync/coordination-protocol';
import { betterNameLevel, compareBirthDates, compareNames, type NameLevel } from './compare-fields';
import { isCloseName } from './edit-distance';
import { MATCH_PARAMETERS, type MatchParameters } from './match-parameters';
import type { MatchPerson, MatchProfile } from './profile';
import { streetNumber } from './profile';

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

function surnames(p: MatchPerson): string[] {
  return [p.lastName, p.birthName].filter((n): n is string => n !== undefined);
}

/** The best agreement between any surname of a and any of b (usage vs birth names crosswise). */
function bestSurname(
  a: readonly string[],
  b: readonly string[],
): { level: NameLevel; a: string; b: string } | undefined {
  let best: { level: NameLevel; a: string; b: string } | undefined;
  for (const x of a) {
    for (const y of b) {
      const level = compareNames(x, y);
      if (level !== undefined && betterNameLevel(best?.level, level) === level && best?.level !== level) {
        best = { level, a: x, b: y };
      }
    }
  }
  return best;
}

const AGREES = new Set<NameLevel>(['exact', 'phonetic', 'close']);

function fullName(p: MatchPerson): string {
  const last = [p.lastName, p.birthName === undefined ? undefined : `(${p.birthName})`].filter(
    (s) => s !== undefined,
  );
  return [p.firstName, ...last].filter((s) => s !== undefined).join(' ');
}

/** The names of two people: as typed, or first and last names the other way round. */
function scoreNames(a: MatchPerson, b: MatchPerson, w: MatchParameters): Scored {
  const straight: Scored = { score: 0, reasons: [] };
  const last = bestSurname(surnames(a), surnames(b));
  if (last !== undefined) {
    straight.score += w.lastName[last.level];
    straight.reasons.push(reason('name', last.level, w.lastName[last.level], last.a, last.b));
  }
  const first = compareNames(a.firstName, b.firstName);
  if (first !== undefined) {
    straight.score += w.firstName[first];
    straight.reasons.push(reason('name', first, w.firstName[first], a.firstName ?? '', b.firstName ?? ''));
  }
  // Swapped: A's first name is one of B's surnames and one of A's surnames is B's first name.
  const firstAsLast = bestSurname(
    [a.firstName ?? ''].filter((s) => s !== ''),
    surnames(b),
  );
  const lastAsFirst = bestSurname(
    surnames(a),
    [b.firstName ?? ''].filter((s) => s !== ''),
  );
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

function scorePersons(a: MatchPerson, b: MatchPerson, w: MatchParameters): Scored {
  const names = scoreNames(a, b, w);
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
function scorePeople(a: MatchProfile, b: MatchProfile, w: MatchParameters): Scored {
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
  const pa = a.adults[second.i] as MatchPerson;
  const pb = b.adults[second.j] as MatchPerson;
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

function scoreAddress(a: MatchProfile, b: MatchProfile, w: MatchParameters): Scored {
  if (a.postcode === undefined || b.postcode === undefined) return { score: 0, reasons: [] };
  const label = (p: MatchProfile): string => [p.street, p.postcode].filter((s) => s !== undefined).join(', ');
  const level = ((): 'exact' | 'close' | 'postcode' | 'different' => {
    if (a.postcode !== b.postcode) return 'different';
    if (a.street === undefined || b.street === undefined) return 'postcode';
    if (a.street === b.street) return 'exact';
    const number = streetNumber(a.street);
    if (number !== undefined && number === streetNumber(b.street)) {
      const words = (s: string): string => s.split(' ').slice(1).join('');
      if (isCloseName(words(a.street), words(b.street)) || words(a.street) === words(b.street))
        return 'close';
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
  const parts = [
    scorePeople(a, b, params),
    scoreSets('phone', a.phones, b.phones, params.phone),
    scoreSets('email', a.emails, b.emails, params.email),
    scoreAddress(a, b, params),
    scoreCreditorRefs(a, b, params),
  ];
  const reasons = parts.flatMap((p) => p.reasons);
  // Summed from the reasons so the two always agree; rounded against float dust (weights are halves).
  const score = Math.round(reasons.reduce((sum, r) => sum + r.weight, 0) * 1000) / 1000;
  return { score, reasons };
}
