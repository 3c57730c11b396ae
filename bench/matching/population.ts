/**
 * A synthetic population of households with known duplicates, for the matching benchmark and
 * the blocking property test. Households are rows as the device and the server store them
 * (household, members, creditors, debts), so the benchmark runs the same profileFromRows the
 * server does. Each original household has a `family` id; a duplicate is a second record of the
 * same family made with the corruptions a second intake produces (issue 14): typos, a sound-alike
 * spelling, first and last names swapped, the other spouse listed first or alone, birth-date
 * errors (day/month swapped, year ±1), a new phone number, the married or the birth name, fewer
 * fields filled in, a move. Hard non-duplicates are made too: relatives living nearby (same
 * surname and address, other people), homonyms. Deterministic for a seed (mulberry32).
 */
import { mulberry32 } from '../../src/domain/seeded-random';
import {
  CREDITORS,
  EMAIL_DOMAINS,
  FEMALE_FIRST_NAMES,
  MALE_FIRST_NAMES,
  POSTCODES,
  STREET_NAMES,
  STREET_TYPE_SHORT,
  STREET_TYPES,
  SURNAME_HEADS,
  SURNAME_TAILS,
  SURNAMES,
} from './french-names';

export type Row = Record<string, unknown>;

export interface GeneratedHousehold {
  id: string;
  /** Households of one family are duplicates of each other. */
  family: number;
  /** The corruptions applied to make this record (empty for an original). */
  corruptions: string[];
  household: Row;
  members: Row[];
  creditors: Row[];
  debts: Row[];
}

export interface Population {
  households: GeneratedHousehold[];
  /** Unordered true duplicate pairs, "idA|idB" with idA < idB. */
  duplicatePairs: Set<string>;
}

/** The day ages are counted on (adults are 18 or more on it). */
export const POPULATION_ON = '2026-06-01';

export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

interface Person {
  role: string;
  firstName: string;
  lastName: string;
  birthName?: string;
  birthDate: string;
}

interface Family {
  adults: Person[];
  children: Person[];
  phone?: string;
  email?: string;
  address?: { line1: string; postcode: string; city: string };
  creditors: { name: string; reference?: string; debtReference?: string }[];
}

class Draw {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)] as T;
  }
  /** Rank-weighted (Zipf, exponent 0.7): the first names of a frequency list come up most. */
  zipf<T>(list: readonly T[]): T {
    const weights = list.map((_, i) => 1 / (i + 1) ** 0.7);
    let r = this.next() * weights.reduce((s, w) => s + w, 0);
    for (let i = 0; i < list.length; i++) {
      r -= weights[i] as number;
      if (r <= 0) return list[i] as T;
    }
    return list[list.length - 1] as T;
  }
  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.int(0, 9));
    return s;
  }
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function birthDate(d: Draw, fromYear: number, toYear: number): string {
  return `${d.int(fromYear, toYear)}-${pad(d.int(1, 12))}-${pad(d.int(1, 28))}`;
}

function phone(d: Draw): string {
  return `0${d.pick(['6', '7'])}${d.digits(8)}`;
}

/** How a phone number is typed: spaced pairs, dots, +33, or run together. */
function typedPhone(d: Draw, national: string): string {
  const pairs = national.match(/../g) ?? [];
  switch (d.int(0, 3)) {
    case 0:
      return pairs.join(' ');
    case 1:
      return pairs.join('.');
    case 2:
      return `+33 ${national.slice(1, 2)} ${pairs.slice(1).join(' ')}`;
    default:
      return national;
  }
}

function emailOf(d: Draw, person: Person): string {
  const base = `${person.firstName}.${person.lastName}`
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z.]/g, '');
  // Real addresses are nearly unique: a birth year, a number or an initial makes them so.
  const suffix = d.pick([
    person.birthDate.slice(0, 4),
    String(d.int(1, 999)),
    person.birthDate.slice(2, 4),
    '',
  ]);
  const local =
    suffix === '' ? `${base.slice(0, 1)}${base.split('.')[1] ?? ''}${d.digits(3)}` : `${base}${suffix}`;
  return `${local}@${d.pick(EMAIL_DOMAINS)}`;
}

/**
 * A surname: half from the frequency list, half from the long tail (France counts over a
 * million surnames; the most frequent, Martin, is borne by 0.4 % of people), made of two
 * syllables of French surnames.
 */
function surnameOf(d: Draw): string {
  if (d.chance(0.5)) return d.zipf(SURNAMES);
  return `${d.pick(SURNAME_HEADS)}${d.pick(SURNAME_TAILS)}`;
}

function newFamily(d: Draw): Family {
  const kind = d.float();
  const surname = surnameOf(d);
  const adults: Person[] = [];
  const female = d.chance(0.55);
  const applicant: Person = {
    role: 'applicant',
    firstName: d.zipf(female ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES),
    lastName: surname,
    birthDate: birthDate(d, 1945, 2006),
  };
  adults.push(applicant);
  if (kind < 0.42) {
    // A couple: a married woman usually goes by her husband's name, her birth name recorded.
    const spouse: Person = {
      role: d.chance(0.8) ? 'co_applicant' : 'non_filing_spouse',
      firstName: d.zipf(female ? MALE_FIRST_NAMES : FEMALE_FIRST_NAMES),
      lastName: surname,
      birthDate: birthDate(
        d,
        Number(applicant.birthDate.slice(0, 4)) - 6,
        Number(applicant.birthDate.slice(0, 4)) + 6,
      ),
    };
    const wife = female ? applicant : spouse;
    const married = d.chance(0.6);
    const ownName = surnameOf(d);
    if (married) {
      if (d.chance(0.7)) wife.birthName = ownName;
    } else {
      wife.lastName = ownName;
    }
    adults.push(spouse);
  }
  const children: Person[] = [];
  const childCount = kind < 0.42 || kind > 0.8 ? d.int(0, 3) : 0;
  for (let i = 0; i < childCount; i++) {
    children.push({
      role: 'child',
      firstName: d.zipf(d.chance(0.5) ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES),
      lastName: surname,
      birthDate: birthDate(d, 2009, 2025),
    });
  }
  const family: Family = { adults, children, creditors: [] };
  if (d.chance(0.85)) family.phone = phone(d);
  if (d.chance(0.45)) family.email = emailOf(d, applicant);
  if (d.chance(0.85)) {
    family.address = {
      line1: `${d.int(1, 180)}${d.chance(0.05) ? ' bis' : ''} ${d.pick(STREET_TYPES)} ${d.pick(STREET_NAMES)}`,
      postcode: d.pick(POSTCODES),
      city: 'Ville',
    };
  }
  const creditorCount = d.int(0, 6);
  for (let i = 0; i < creditorCount; i++) {
    const creditor: Family['creditors'][number] = { name: d.pick(CREDITORS) };
    if (d.chance(0.3)) creditor.reference = `${d.digits(3)}-${d.digits(6)}`;
    if (d.chance(0.55))
      creditor.debtReference = `${d.pick(['', 'CT', 'DOS', 'N°'])}${d.digits(d.int(6, 11))}`;
    family.creditors.push(creditor);
  }
  return family;
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

const KEYBOARD_NEIGHBOURS: Readonly<Record<string, string>> = {
  a: 'zqs',
  e: 'zrd',
  i: 'uok',
  o: 'ipl',
  u: 'yij',
  n: 'bhm',
  m: 'nlk',
  r: 'etf',
  t: 'ryg',
  s: 'qdz',
  l: 'kmo',
  d: 'sfe',
  c: 'xvd',
  h: 'gjn',
  b: 'vng',
  p: 'ol',
  g: 'fht',
  v: 'cbf',
  y: 'tuh',
  f: 'dgr',
};

/** One typing error: a letter replaced by a keyboard neighbour, dropped, doubled or two swapped. */
function typo(d: Draw, word: string): string {
  if (word.length < 3) return word;
  const i = d.int(1, word.length - 2);
  const letter = word[i] as string;
  switch (d.int(0, 3)) {
    case 0: {
      const near = KEYBOARD_NEIGHBOURS[letter.toLowerCase()] ?? 'e';
      return word.slice(0, i) + d.pick([...near]) + word.slice(i + 1);
    }
    case 1:
      return word.slice(0, i) + word.slice(i + 1);
    case 2:
      return word.slice(0, i) + letter + word.slice(i);
    default:
      return word.slice(0, i) + (word[i + 1] ?? '') + letter + word.slice(i + 2);
  }
}

/** A spelling that sounds the same (what a volunteer writes from hearing the name). */
function soundAlike(d: Draw, word: string): string {
  const variants: [RegExp, string][] = [
    [/t$/, 'd'],
    [/d$/, 't'],
    [/ph/i, 'f'],
    [/f/, 'ph'],
    [/y/, 'i'],
    [/(?<=.)i/, 'y'],
    [/c(?=[aou])/, 'k'],
    [/k/, 'c'],
    [/è|é/, 'e'],
    [/e(?=[^aeiou]*$)/, 'ai'],
    [/mm/, 'm'],
    [/(?<=[aeiou])m(?=[aeiou])/, 'mm'],
    [/ll/, 'l'],
    [/th/, 't'],
    [/au/, 'o'],
    [/eau$/, 'o'],
  ];
  const applicable = variants.filter(([pattern]) => pattern.test(word));
  if (applicable.length === 0) return typo(d, word);
  const [pattern, replacement] = d.pick(applicable);
  return word.replace(pattern, replacement);
}

function upper(d: Draw, name: string): string {
  return d.chance(0.3) ? name.toUpperCase() : name;
}

function shiftYear(date: string, by: number): string {
  return `${Number(date.slice(0, 4)) + by}${date.slice(4)}`;
}

/** A second intake of the same family, with one to three corruptions. */
function duplicateOf(
  d: Draw,
  original: Family,
  minCorruptions: number,
): { family: Family; corruptions: string[] } {
  const family = clone(original);
  const corruptions: string[] = [];
  const kinds = [
    'typo_last',
    'typo_first',
    'sound_alike',
    'swapped_names',
    'spouse_order',
    'date_swap',
    'date_year',
    'new_phone',
    'married_name',
    'fewer_fields',
    'moved',
  ];
  const count = Math.max(minCorruptions, d.chance(0.45) ? 1 : d.chance(0.7) ? 2 : 3);
  while (corruptions.length < count) {
    const kind = d.pick(kinds);
    if (corruptions.includes(kind)) continue;
    corruptions.push(kind);
  }
  const main = (): Person => family.adults[0] as Person;
  for (const kind of corruptions) {
    const p = main();
    switch (kind) {
      case 'typo_last':
        p.lastName = typo(d, p.lastName);
        break;
      case 'typo_first':
        p.firstName = typo(d, p.firstName);
        break;
      case 'sound_alike':
        if (d.chance(0.5)) p.lastName = soundAlike(d, p.lastName);
        else p.firstName = soundAlike(d, p.firstName);
        break;
      case 'swapped_names':
        [p.firstName, p.lastName] = [p.lastName, p.firstName];
        break;
      case 'spouse_order':
        if (family.adults.length > 1) {
          family.adults.reverse();
          // Sometimes only the other spouse comes the second time.
          if (d.chance(0.4)) family.adults = family.adults.slice(0, 1);
        }
        break;
      case 'date_swap': {
        const [y, m, dd] = p.birthDate.split('-');
        if (Number(dd) <= 12) p.birthDate = `${y}-${dd}-${m}`;
        else p.birthDate = shiftYear(p.birthDate, 1);
        break;
      }
      case 'date_year':
        p.birthDate = shiftYear(p.birthDate, d.chance(0.5) ? 1 : -1);
        break;
      case 'new_phone':
        if (d.chance(0.7)) family.phone = phone(d);
        else delete family.phone;
        break;
      case 'married_name': {
        const wife = family.adults.find((a) => a.birthName !== undefined);
        if (wife?.birthName !== undefined) {
          // Recorded under her birth name only, the usage name unknown this time.
          wife.lastName = wife.birthName;
          delete wife.birthName;
        } else if (family.adults.length > 1) {
          const other = family.adults[1] as Person;
          other.birthName = other.lastName;
          other.lastName = p.lastName;
        }
        break;
      }
      case 'fewer_fields':
        delete family.email;
        if (d.chance(0.5)) delete family.address;
        family.creditors = family.creditors.filter(() => d.chance(0.4));
        family.children = family.children.filter(() => d.chance(0.5));
        break;
      case 'moved':
        if (family.address !== undefined) {
          family.address = {
            ...family.address,
            line1: `${d.int(1, 180)} ${d.pick(STREET_TYPES)} ${d.pick(STREET_NAMES)}`,
          };
          if (d.chance(0.5)) family.address.postcode = d.pick(POSTCODES);
        }
        break;
    }
  }
  // A second intake never copies the creditor list exactly: some debts come later.
  family.creditors = family.creditors.filter(() => d.chance(0.7));
  if (family.address !== undefined && d.chance(0.3)) {
    const type = STREET_TYPES.find((t) => family.address?.line1.includes(` ${t} `));
    if (type !== undefined)
      family.address.line1 = family.address.line1.replace(` ${type} `, ` ${STREET_TYPE_SHORT[type]} `);
  }
  return { family, corruptions };
}

/** A relative living nearby: the same surname (and often the same address), other people. */
function relativeOf(d: Draw, original: Family): Family {
  const relative = newFamily(d);
  const surname = (original.adults[0] as Person).lastName;
  for (const adult of relative.adults) adult.lastName = surname;
  if (original.address !== undefined && d.chance(0.6)) relative.address = clone(original.address);
  if (original.phone !== undefined && d.chance(0.1)) relative.phone = original.phone;
  return relative;
}

function toRows(
  d: Draw,
  family: Family,
  index: number,
  familyId: number,
  corruptions: string[],
): GeneratedHousehold {
  const id = `h${String(index).padStart(6, '0')}`;
  const household: Row = { id, householdId: id, status: 'intake', openedOn: '2026-01-15' };
  if (family.phone !== undefined) household.phone = typedPhone(d, family.phone);
  if (family.email !== undefined) household.email = family.email;
  if (family.address !== undefined) household.address = { ...family.address };
  const members: Row[] = [...family.adults, ...family.children].map((p, i) => {
    const row: Row = {
      id: `${id}-m${i}`,
      householdId: id,
      role: i === 0 && p.role !== 'child' ? 'applicant' : p.role,
      firstName: upper(d, p.firstName),
      lastName: upper(d, p.lastName),
      birthDate: p.birthDate,
    };
    if (p.birthName !== undefined) row.birthName = upper(d, p.birthName);
    return row;
  });
  const creditors: Row[] = [];
  const debts: Row[] = [];
  family.creditors.forEach((c, i) => {
    const creditorId = `${id}-c${i}`;
    const creditor: Row = { id: creditorId, householdId: id, name: c.name, category: 'other' };
    if (c.reference !== undefined) creditor.reference = c.reference;
    creditors.push(creditor);
    const debt: Row = { id: `${id}-d${i}`, householdId: id, creditorId, product: 'other' };
    if (c.debtReference !== undefined)
      debt.reference = d.chance(0.2) ? c.debtReference.toLowerCase() : c.debtReference;
    debts.push(debt);
  });
  return { id, family: familyId, corruptions, household, members, creditors, debts };
}

/**
 * `count` households (originals, their duplicates and relatives), in a shuffled order.
 * @param options.duplicateRate - share of original families recorded a second time (a few a third time)
 * @param options.minCorruptions - at least this many corruptions per duplicate (1 to 3 by default;
 *   3 makes the hard set of the benchmark)
 */
export function generatePopulation(
  seed: number,
  count: number,
  options: { duplicateRate?: number; minCorruptions?: number } = {},
): Population {
  const duplicateRate = options.duplicateRate ?? 0.15;
  const minCorruptions = options.minCorruptions ?? 1;
  const d = new Draw(seed);
  const records: { family: Family; familyId: number; corruptions: string[] }[] = [];
  let familyId = 0;
  while (records.length < count) {
    const original = newFamily(d);
    const id = familyId++;
    records.push({ family: original, familyId: id, corruptions: [] });
    if (d.chance(duplicateRate)) {
      const copies = d.chance(0.1) ? 2 : 1;
      for (let i = 0; i < copies; i++)
        records.push({ ...duplicateOf(d, original, minCorruptions), familyId: id });
    }
    if (d.chance(0.04))
      records.push({ family: relativeOf(d, original), familyId: familyId++, corruptions: [] });
  }
  records.length = count;
  for (let i = records.length - 1; i > 0; i--) {
    const j = d.int(0, i);
    [records[i], records[j]] = [
      records[j] as (typeof records)[number],
      records[i] as (typeof records)[number],
    ];
  }
  const households = records.map((r, i) => toRows(d, r.family, i, r.familyId, r.corruptions));
  const byFamily = new Map<number, string[]>();
  for (const h of households) byFamily.set(h.family, [...(byFamily.get(h.family) ?? []), h.id]);
  const duplicatePairs = new Set<string>();
  for (const ids of byFamily.values()) {
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++)
        duplicatePairs.add(pairKey(ids[i] as string, ids[j] as string));
    }
  }
  return { households, duplicatePairs };
}
