/**
 * Field comparisons of duplicate scoring (DUP1): how well two names or two birth dates agree.
 * Each answers a MatchLevel, or undefined when either side is unknown (empty is never a
 * disagreement).
 */
import { normaliseName } from '../dossier/normalise';
import type { MatchLevel } from '../sync/coordination-protocol';
import { isCloseName } from './edit-distance';
import { namePhonex } from './phonex';

export type NameLevel = Extract<MatchLevel, 'exact' | 'phonetic' | 'close' | 'different'>;
export type DateLevel = Extract<MatchLevel, 'exact' | 'swapped' | 'year_off' | 'different'>;

const RANK: Readonly<Record<NameLevel, number>> = { exact: 3, phonetic: 2, close: 1, different: 0 };

/** The better of two name levels (undefined is worse than anything known). */
export function betterNameLevel(a: NameLevel | undefined, b: NameLevel | undefined): NameLevel | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return RANK[b] > RANK[a] ? b : a;
}

function isSubset(small: readonly string[], big: readonly string[]): boolean {
  return small.length > 0 && small.length < big.length && small.every((t) => big.includes(t));
}

export interface PreparedName {
  /** Normalised words joined by spaces. */
  words: string;
  /** Without spaces (« Le Goff » and « Legoff » are one name). */
  compact: string;
  phonetic: string;
  tokens: string[];
}

/**
 * Names are compared many times each (every pair of a block): their normal form and Phonex code
 * are computed once and remembered, a bounded memo so a full rescan does not grow it forever.
 */
const prepared = new Map<string, PreparedName>();
const MAX_PREPARED = 100_000;

export function prepareName(name: string): PreparedName {
  const known = prepared.get(name);
  if (known !== undefined) return known;
  const words = normaliseName(name);
  const result = {
    words,
    compact: words.replace(/ /g, ''),
    phonetic: namePhonex(words),
    tokens: words.split(' '),
  };
  if (prepared.size >= MAX_PREPARED) prepared.clear();
  prepared.set(name, result);
  return result;
}

/**
 * How two names agree: exact once normalised (spaces ignored: « Le Goff », « Legoff »), the
 * same Phonex code, within the edit tolerance of their length, or one a part of the other
 * (« Marie » and « Marie-Claire », a double surname shortened).
 * @example compareNames('Dupont', 'Dupond') // 'phonetic'
 */
export function compareNames(a: string | undefined, b: string | undefined): NameLevel | undefined {
  if (a === undefined || b === undefined) return undefined;
  return comparePreparedNames(prepareName(a), prepareName(b));
}

/** compareNames on names prepared once (prepareName): what scoring calls for every pair. */
export function comparePreparedNames(pa: PreparedName, pb: PreparedName): NameLevel | undefined {
  if (pa.compact === '' || pb.compact === '') return undefined;
  if (pa.compact === pb.compact) return 'exact';
  if (pa.phonetic !== '' && pa.phonetic === pb.phonetic) return 'phonetic';
  if (isCloseName(pa.compact, pb.compact)) return 'close';
  if (isSubset(pa.tokens, pb.tokens) || isSubset(pb.tokens, pa.tokens)) return 'close';
  return 'different';
}

/**
 * How two birth dates ('YYYY-MM-DD') agree: the same, day and month swapped (02/05 typed for
 * 05/02), or the same day and month a year apart.
 * @example compareBirthDates('1980-05-02', '1980-02-05') // 'swapped'
 */
export function compareBirthDates(a: string | undefined, b: string | undefined): DateLevel | undefined {
  if (a === undefined || b === undefined || a === '' || b === '') return undefined;
  if (a === b) return 'exact';
  const [ya, ma, da] = a.split('-');
  const [yb, mb, db] = b.split('-');
  if (ya === yb && ma === db && da === mb) return 'swapped';
  if (ma === mb && da === db && Math.abs(Number(ya) - Number(yb)) === 1) return 'year_off';
  return 'different';
}
