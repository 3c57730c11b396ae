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
  it('DUP1b: composite keys (names by sound with birth year or day-month, birth date with initials), phones, e-mail, address, creditor references; few keys', () => {
    const keys = blockingKeys(household);
    expect(keys).toContain('b:1980-02-05|m z');
    expect(keys).toContain('b:1980-02-05|l z'); // the birth name's initial
    expect(keys.some((k) => k.startsWith('p:') && k.endsWith('|1980'))).toBe(true);
    expect(keys.some((k) => k.startsWith('q:') && k.endsWith('|02-05'))).toBe(true);
    expect(keys.some((k) => k.startsWith('f:') && k.endsWith('|z|1980'))).toBe(true);
    expect(keys).toContain('t:0612345678');
    expect(keys).toContain('e:zoe@example.fr');
    expect(keys).toContain('a:59000|12|g');
    expect(keys).toContain('c:cofidis|ct1');
    expect(keys.filter((k) => k.startsWith('c:'))).toHaveLength(3); // at most 3 references
    expect(keys.length).toBeLessThan(40);
    expect(keys).toEqual([...new Set(keys)].sort());
  });

  it('DUP1b: a typo that keeps the sound, swapped names or a day/month swap still share a key', () => {
    const shares = (a: MatchProfile, b: MatchProfile) =>
      blockingKeys(a).some((k) => blockingKeys(b).includes(k));
    const base = profile({ adults: [{ firstName: 'Zoé', lastName: 'Dupont', birthDate: '1980-02-05' }] });
    // A year off (no shared birth date), so only the name keys with day and month can meet.
    const soundAlike = profile({
      adults: [{ firstName: 'Zoe', lastName: 'Dupond', birthDate: '1981-02-05' }],
    });
    const swapped = profile({ adults: [{ firstName: 'Dupont', lastName: 'Zoé', birthDate: '1981-02-05' }] });
    // A surname typo that changes its sound, and day and month swapped: the birth date with initials.
    const dateSwap = profile({ adults: [{ firstName: 'Zoé', lastName: 'Dumont', birthDate: '1980-05-02' }] });
    const stranger = profile({ adults: [{ firstName: 'Ana', lastName: 'Smith', birthDate: '1975-09-17' }] });
    // Born the same day, other names: no longer one block (a birth date alone grows with the network).
    const sameDay = profile({ adults: [{ firstName: 'Ana', lastName: 'Smith', birthDate: '1980-02-05' }] });
    expect(shares(base, soundAlike)).toBe(true);
    expect(shares(base, swapped)).toBe(true);
    expect(shares(base, dateSwap)).toBe(true);
    expect(shares(base, stranger)).toBe(false);
    expect(shares(base, sameDay)).toBe(false);
  });

  it('DUP1b: blocked pairs grow about linearly with the network (issue 14: 100,000 households)', () => {
    const blockedPairs = (count: number): number => {
      const blocks = new Map<string, number>();
      for (const h of generatePopulation(7, count).households) {
        for (const key of blockingKeys(profileFromRows(h, POPULATION_ON)))
          blocks.set(key, (blocks.get(key) ?? 0) + 1);
      }
      let pairs = 0;
      for (const size of blocks.values()) pairs += (size * (size - 1)) / 2;
      return pairs;
    };
    // Four times the households: a linear count is ×4, blocks that grow with the network ×16.
    const ratio = blockedPairs(8000) / blockedPairs(2000);
    expect(ratio).toBeGreaterThan(3);
    expect(ratio).toBeLessThan(6);
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
