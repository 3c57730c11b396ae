/**
 * DUP1b blocking keys and DUP2 fingerprints. The property test draws small populations with
 * known duplicates from the benchmark's generator (bench/matching/population.ts: typos, swapped
 * names, the other spouse, birth-date errors, new phones, married names) and checks that every
 * duplicate pair shares a blocking key, so blocking never hides a duplicate from the scorer.
 */
import { describe, expect, it } from 'vitest';
import { generatePopulation, POPULATION_ON } from '../../../bench/matching/population';
import {
  blockingKeys,
  type MatchProfile,
  profileFingerprint,
  profileFromRows,
} from '../../../src/domain/matching';

function profile(partial: Partial<MatchProfile>): MatchProfile {
  return { adults: [], phones: [], emails: [], creditorRefs: [], ...partial };
}

const zoe = { firstName: 'Zoé', lastName: 'Martin', birthName: 'Lefebvre', birthDate: '1980-02-05' };
const paul = { firstName: 'Paul', lastName: 'Martin', birthDate: '1978-11-23' };
const household = profile({
  adults: [zoe, paul],
  phones: ['0612345678', '0712345678'],
  emails: ['zoe@example.fr'],
  postcode: '59000',
  street: '12 rue gare',
  creditorRefs: ['cofidis|ct1', 'edf|42', 'sfr|9', 'orange|7'],
});

describe('blocking keys (DUP1b)', () => {
  it('DUP1b: names by sound, birth date, phones, e-mail, postcode and number, creditor references; few keys', () => {
    const keys = blockingKeys(household);
    expect(keys).toContain('b:1980-02-05');
    expect(keys).toContain('t:0612345678');
    expect(keys).toContain('e:zoe@example.fr');
    expect(keys).toContain('a:59000|12');
    expect(keys).toContain('c:cofidis|ct1');
    expect(keys.filter((k) => k.startsWith('c:'))).toHaveLength(3); // at most 3 references
    expect(keys.length).toBeLessThan(20);
    expect(keys).toEqual([...new Set(keys)].sort());
  });

  it('DUP1b: a typo that keeps the sound, swapped names or a day/month swap still share a key', () => {
    const shares = (a: MatchProfile, b: MatchProfile) =>
      blockingKeys(a).some((k) => blockingKeys(b).includes(k));
    const base = profile({ adults: [{ firstName: 'Zoé', lastName: 'Dupont', birthDate: '1980-02-05' }] });
    // Other birth date, so only the name keys can meet.
    const soundAlike = profile({
      adults: [{ firstName: 'Zoe', lastName: 'Dupond', birthDate: '1975-09-17' }],
    });
    const swapped = profile({ adults: [{ firstName: 'Dupont', lastName: 'Zoé', birthDate: '1975-09-17' }] });
    const dateSwap = profile({ adults: [{ firstName: 'Ana', lastName: 'Smith', birthDate: '1980-05-02' }] });
    const stranger = profile({ adults: [{ firstName: 'Ana', lastName: 'Smith', birthDate: '1975-09-17' }] });
    expect(shares(base, soundAlike)).toBe(true);
    expect(shares(base, swapped)).toBe(true);
    expect(shares(base, dateSwap)).toBe(true);
    expect(shares(base, stranger)).toBe(false);
  });

  it.each([3, 4, 5])('DUP1b: every generated duplicate pair shares a key (seed %i)', (seed) => {
    const population = generatePopulation(seed, 600);
    const keys = new Map(
      population.households.map((h) => [h.id, new Set(blockingKeys(profileFromRows(h, POPULATION_ON)))]),
    );
    expect(population.duplicatePairs.size).toBeGreaterThan(40);
    const unblocked = [...population.duplicatePairs].filter((pair) => {
      const [a, b] = pair.split('|') as [string, string];
      const keysOfB = keys.get(b) as Set<string>;
      return ![...(keys.get(a) as Set<string>)].some((k) => keysOfB.has(k));
    });
    expect(unblocked).toEqual([]);
  });
});

describe('profile fingerprint (DUP2)', () => {
  it('DUP2: stable under reordering of people, phones, e-mails and references, and under case', () => {
    const reordered = profile({
      ...household,
      adults: [{ ...paul, firstName: 'PAUL' }, zoe],
      phones: ['0712345678', '0612345678'],
      creditorRefs: [...household.creditorRefs].reverse(),
    });
    expect(profileFingerprint(reordered)).toBe(profileFingerprint(household));
    expect(profileFingerprint(household)).toMatch(/^[0-9a-f]{16}$/);
  });

  it.each<[string, MatchProfile]>([
    ['a first name', profile({ ...household, adults: [{ ...zoe, firstName: 'Zoe-Anne' }, paul] })],
    ['a birth name', profile({ ...household, adults: [{ ...zoe, birthName: 'Lefèvre' }, paul] })],
    ['a birth date', profile({ ...household, adults: [{ ...zoe, birthDate: '1980-05-02' }, paul] })],
    ['an adult', profile({ ...household, adults: [zoe] })],
    ['a phone', profile({ ...household, phones: ['0612345679', '0712345678'] })],
    ['an e-mail', profile({ ...household, emails: [] })],
    ['the postcode', profile({ ...household, postcode: '59100' })],
    ['the street', profile({ ...household, street: '14 rue gare' })],
    [
      'a creditor reference',
      profile({ ...household, creditorRefs: ['cofidis|ct2', 'edf|42', 'sfr|9', 'orange|7'] }),
    ],
  ])('DUP2: changes when %s changes', (_, changed) => {
    expect(profileFingerprint(changed)).not.toBe(profileFingerprint(household));
  });
});
