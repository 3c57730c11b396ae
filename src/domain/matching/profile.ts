/**
 * The match profile of a household (DUP1): what duplicate detection compares, compact and
 * JSON-serialisable (the server stores one per household). Built from the stored rows or from
 * what the intake knows (the probe). Names are kept as typed (reasons show them to a
 * coordinator) and normalised when compared; contact fields, address and creditor references
 * are stored normalised.
 */
import { ageOn } from '../dates';
import { normaliseName, normalisePhone, normaliseReference } from '../dossier/normalise';
import type { MatchProbe } from '../sync/coordination-protocol';

export interface MatchPerson {
  firstName?: string;
  /** The usage name (nom d'usage). */
  lastName?: string;
  /** The birth name (nom de naissance). */
  birthName?: string;
  /** 'YYYY-MM-DD' */
  birthDate?: string;
}

export interface MatchProfile {
  /** Applicant, co-applicant, non-filing spouse, or any member aged 18 or more on the day. */
  adults: MatchPerson[];
  /** Normalised (normalisePhone), 8 digits or more. */
  phones: string[];
  /** Lower case, trimmed. */
  emails: string[];
  /** Five digits. */
  postcode?: string;
  /** The street line, normalised (normaliseStreet). */
  street?: string;
  /** "normalised creditor name|normalised reference", one per referenced debt or creditor. */
  creditorRefs: string[];
}

const ADULT_ROLES = new Set(['applicant', 'co_applicant', 'non_filing_spouse']);
/** A household lists a handful of adults; more would only be noise in keys and scores. */
const MAX_ADULTS = 6;
const MAX_REFS = 10;

/** Words of a street line that say nothing about where it is (types, articles, floors). */
const STREET_STOP_WORDS = new Set(['de', 'des', 'du', 'la', 'le', 'les', 'l', 'd', 'a', 'au', 'aux', 'et']);
/** Street types as people abbreviate them, written one way. */
const STREET_TYPES: Readonly<Record<string, string>> = {
  r: 'rue',
  av: 'avenue',
  ave: 'avenue',
  bd: 'boulevard',
  bld: 'boulevard',
  blvd: 'boulevard',
  bvd: 'boulevard',
  pl: 'place',
  ch: 'chemin',
  che: 'chemin',
  imp: 'impasse',
  all: 'allee',
  rte: 'route',
  crs: 'cours',
  sq: 'square',
  qu: 'quai',
  res: 'residence',
  fg: 'faubourg',
  fbg: 'faubourg',
};

function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/**
 * A street line as number and words: lower case without accents, street types spelled out,
 * articles dropped, "bis"/"ter" glued to the number.
 * @example normaliseStreet('12 bis, Av. de la République') // '12bis avenue republique'
 */
export function normaliseStreet(line: string): string {
  const words = normaliseName(line)
    .split(' ')
    .filter((w) => w !== '');
  const out: string[] = [];
  for (const word of words) {
    const previous = out.at(-1);
    if ((word === 'bis' || word === 'ter') && previous !== undefined && /^\d+$/.test(previous)) {
      out[out.length - 1] = `${previous}${word}`;
      continue;
    }
    if (STREET_STOP_WORDS.has(word)) continue;
    out.push(STREET_TYPES[word] ?? word);
  }
  return out.join(' ');
}

/**
 * The house number of a normalised street line, when it starts with one.
 * @example streetNumber('12bis avenue republique') // '12bis'
 */
export function streetNumber(street: string): string | undefined {
  const first = street.split(' ')[0] ?? '';
  return /^\d+[a-z]*$/.test(first) ? first : undefined;
}

function person(source: Record<string, unknown>): MatchPerson {
  const result: MatchPerson = {};
  const firstName = text(source.firstName);
  const lastName = text(source.lastName);
  const birthName = text(source.birthName);
  const birthDate = text(source.birthDate);
  if (firstName !== undefined) result.firstName = firstName;
  if (lastName !== undefined) result.lastName = lastName;
  // A birth name equal to the usage name says nothing more.
  if (birthName !== undefined && normaliseName(birthName) !== normaliseName(lastName ?? '')) {
    result.birthName = birthName;
  }
  if (birthDate !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(birthDate)) result.birthDate = birthDate;
  return result;
}

function hasIdentity(p: MatchPerson): boolean {
  return p.firstName !== undefined || p.lastName !== undefined || p.birthName !== undefined;
}

function isAdultPerson(role: unknown, birthDate: string | undefined, on: string): boolean {
  if (typeof role === 'string' && ADULT_ROLES.has(role)) return true;
  // A person without a known birth date may be an adult: kept (unknown is not a mismatch).
  if (birthDate === undefined) return role === undefined;
  return ageOn(birthDate, on) >= 18;
}

function phones(values: readonly unknown[]): string[] {
  const out = new Set<string>();
  for (const value of values) {
    const raw = text(value);
    const phone = raw === undefined ? undefined : normalisePhone(raw);
    // Shorter is a partly typed number, identifying no one.
    if (phone !== undefined && phone.replace('+', '').length >= 8) out.add(phone);
  }
  return [...out];
}

function emails(values: readonly unknown[]): string[] {
  const out = new Set<string>();
  for (const value of values) {
    const email = text(value)?.toLowerCase();
    if (email?.includes('@')) out.add(email);
  }
  return [...out];
}

function setAddress(profile: MatchProfile, postcode: unknown, line: unknown): void {
  const code = text(postcode)?.replace(/\s/g, '');
  if (code !== undefined && /^\d{5}$/.test(code)) profile.postcode = code;
  const raw = text(line);
  const street = raw === undefined ? '' : normaliseStreet(raw);
  if (street !== '') profile.street = street;
}

/**
 * A creditor reference as compared: the creditor's name and the reference, both normalised.
 * @example creditorRef('EDF', 'Contrat 12-34') // 'edf|contrat1234'
 */
export function creditorRef(creditorName: string, reference: string): string | undefined {
  const name = normaliseName(creditorName);
  const ref = normaliseReference(reference);
  return name === '' || ref === '' ? undefined : `${name}|${ref}`;
}

/**
 * The profile of a stored household (rows are the rows' data, deleted rows left out by the caller).
 * @param on - 'YYYY-MM-DD', the day ages are counted on
 */
export function profileFromRows(
  rows: {
    household: Record<string, unknown>;
    members: readonly Record<string, unknown>[];
    debts: readonly Record<string, unknown>[];
    creditors: readonly Record<string, unknown>[];
  },
  on: string,
): MatchProfile {
  const adults = rows.members
    .map((m) => ({ m, p: person(m) }))
    .filter(({ m, p }) => hasIdentity(p) && isAdultPerson(m.role ?? 'other_dependent', p.birthDate, on))
    .map(({ p }) => p)
    .slice(0, MAX_ADULTS);
  const h = rows.household;
  const profile: MatchProfile = {
    adults,
    phones: phones([h.phone]),
    emails: emails([h.email]),
    creditorRefs: [],
  };
  const address = h.address as Record<string, unknown> | undefined;
  if (address !== undefined && address !== null && typeof address === 'object') {
    setAddress(profile, address.postcode, address.line1);
  }
  const creditorNames = new Map<string, string>();
  const refs = new Set<string>();
  for (const creditor of rows.creditors) {
    const name = text(creditor.name);
    if (name === undefined) continue;
    if (typeof creditor.id === 'string') creditorNames.set(creditor.id, name);
    const ref = text(creditor.reference);
    const key = ref === undefined ? undefined : creditorRef(name, ref);
    if (key !== undefined) refs.add(key);
  }
  for (const debt of rows.debts) {
    const ref = text(debt.reference);
    const name = typeof debt.creditorId === 'string' ? creditorNames.get(debt.creditorId) : undefined;
    const key = ref === undefined || name === undefined ? undefined : creditorRef(name, ref);
    if (key !== undefined) refs.add(key);
  }
  profile.creditorRefs = [...refs].sort().slice(0, MAX_REFS);
  return profile;
}

/**
 * The profile of what an intake form knows (DUP3): people without roles count as adults unless
 * their birth date makes them minors.
 */
export function profileFromProbe(probe: MatchProbe, on: string): MatchProfile {
  const adults = probe.people
    .map((p) => person(p))
    .filter((p) => hasIdentity(p) && (p.birthDate === undefined || ageOn(p.birthDate, on) >= 18))
    .slice(0, MAX_ADULTS);
  const profile: MatchProfile = {
    adults,
    phones: phones(probe.phones),
    emails: emails(probe.emails),
    creditorRefs: [],
  };
  setAddress(profile, probe.postcode, probe.addressLine);
  return profile;
}
