/**
 * DUP1 scoring: any adult of A against any adult of B, names (usage and birth, crosswise,
 * swapped), birth-date rules, household evidence; empty values are unknown (weight 0). Expected
 * scores are sums of the documented weights (match-parameters.ts), worked out per case.
 */
import { describe, expect, it } from 'vitest';
import {
  compareBirthDates,
  isCandidate,
  type MatchProfile,
  profileFromProbe,
  profileFromRows,
  scorePair,
  MATCH_PARAMETERS as W,
} from '../../../src/domain/matching';

const ON = '2026-06-01';

function profile(partial: Partial<MatchProfile>): MatchProfile {
  return { adults: [], phones: [], emails: [], creditorRefs: [], ...partial };
}

const zoe = { firstName: 'Zoé', lastName: 'Martin', birthDate: '1980-02-05' };
const paul = { firstName: 'Paul', lastName: 'Martin', birthDate: '1978-11-23' };
const sameNames = W.lastName.exact + W.firstName.exact;

describe('birth dates (DUP1)', () => {
  it('DUP1: exact, day and month swapped, year ±1 with the same day and month, else different', () => {
    expect(compareBirthDates('1980-02-05', '1980-02-05')).toBe('exact');
    expect(compareBirthDates('1980-02-05', '1980-05-02')).toBe('swapped');
    expect(compareBirthDates('1980-02-05', '1981-02-05')).toBe('year_off');
    expect(compareBirthDates('1980-02-05', '1979-02-05')).toBe('year_off');
    expect(compareBirthDates('1980-02-05', '1982-02-05')).toBe('different');
    expect(compareBirthDates('1980-02-05', '1981-05-02')).toBe('different'); // two errors
    expect(compareBirthDates('1980-02-05', '1981-02-06')).toBe('different');
    expect(compareBirthDates('1980-02-05', undefined)).toBeUndefined();
    expect(compareBirthDates('', '1980-02-05')).toBeUndefined();
  });

  it('DUP1: each date level adds its own weight to the same names', () => {
    const score = (birthDate: string) =>
      scorePair(profile({ adults: [zoe] }), profile({ adults: [{ ...zoe, birthDate }] })).score;
    expect(score('1980-02-05')).toBe(sameNames + W.birthDate.exact);
    expect(score('1980-05-02')).toBe(sameNames + W.birthDate.swapped);
    expect(score('1981-02-05')).toBe(sameNames + W.birthDate.yearOff);
    expect(score('1990-07-14')).toBe(sameNames + W.birthDate.different);
    expect(isCandidate(score('1990-07-14'))).toBe(false);
    expect(isCandidate(score('1980-05-02'))).toBe(true);
  });
});

describe('people of two households (DUP1)', () => {
  it('DUP1: a couple recorded under either spouse: A has Zoé and Paul, B only Paul', () => {
    const a = profile({ adults: [zoe, paul] });
    const b = profile({ adults: [{ firstName: 'PAUL', lastName: 'martin', birthDate: '1978-11-23' }] });
    const { score, reasons } = scorePair(a, b);
    expect(score).toBe(sameNames + W.birthDate.exact);
    expect(reasons.map((r) => [r.field, r.level, r.a, r.b])).toEqual([
      ['name', 'exact', 'Martin', 'martin'],
      ['name', 'exact', 'Paul', 'PAUL'],
      ['birth_date', 'exact', '1978-11-23', '1978-11-23'],
    ]);
    expect(isCandidate(score)).toBe(true);
    // Symmetric: B against A scores the same.
    expect(scorePair(b, a).score).toBe(score);
  });

  it('DUP1: both spouses matching, in the other order, add the second-person bonus (capped)', () => {
    const a = profile({ adults: [zoe, paul] });
    const b = profile({ adults: [paul, zoe] });
    const person = sameNames + W.birthDate.exact;
    expect(scorePair(a, b).score).toBe(person + Math.min(person, W.secondPersonCap));
  });

  it('DUP1: the birth name of one record meets the usage name of the other', () => {
    const married = profile({ adults: [{ ...zoe, birthName: 'Lefebvre' }] });
    const maiden = profile({ adults: [{ firstName: 'Zoé', lastName: 'LEFEBVRE', birthDate: '1980-02-05' }] });
    const { score, reasons } = scorePair(married, maiden);
    expect(reasons[0]).toEqual({
      field: 'name',
      level: 'exact',
      weight: W.lastName.exact,
      a: 'Lefebvre',
      b: 'LEFEBVRE',
    });
    expect(score).toBe(sameNames + W.birthDate.exact);
    // Without the birth name, the surnames differ.
    expect(scorePair(profile({ adults: [zoe] }), maiden).score).toBe(
      W.lastName.different + W.firstName.exact + W.birthDate.exact,
    );
  });

  it('DUP1: first and last names typed the other way round', () => {
    const swapped = profile({ adults: [{ firstName: 'Martin', lastName: 'Zoé', birthDate: '1980-02-05' }] });
    const { score, reasons } = scorePair(profile({ adults: [zoe] }), swapped);
    expect(reasons[0]).toMatchObject({ field: 'name', level: 'swapped', weight: W.swappedNames });
    expect(score).toBe(W.swappedNames + W.birthDate.exact);
    expect(isCandidate(score)).toBe(true);
  });

  it('DUP1: sound-alike and typo names score below exact ones, above different ones', () => {
    const score = (lastName: string) =>
      scorePair(profile({ adults: [zoe] }), profile({ adults: [{ ...zoe, lastName }] })).score;
    expect(score('Martain')).toBe(W.lastName.phonetic + W.firstName.exact + W.birthDate.exact);
    expect(score('Matrin')).toBe(W.lastName.close + W.firstName.exact + W.birthDate.exact);
    expect(score('Garcia')).toBe(W.lastName.different + W.firstName.exact + W.birthDate.exact);
  });
});

describe('empty values are unknown (DUP1)', () => {
  it('DUP1: a missing birth date, phone, e-mail or address adds nothing, never a disagreement', () => {
    const full = profile({
      adults: [zoe],
      phones: ['0612345678'],
      emails: ['zoe@example.fr'],
      postcode: '59000',
      street: '12 rue gare',
    });
    const bare = profile({ adults: [{ firstName: 'Zoé', lastName: 'Martin' }] });
    const { score, reasons } = scorePair(full, bare);
    expect(score).toBe(sameNames);
    expect(reasons.map((r) => r.field)).toEqual(['name', 'name']);
    expect(scorePair(profile({}), profile({})).score).toBe(0);
    expect(scorePair(profile({}), profile({})).reasons).toEqual([]);
  });

  it('DUP1: known and different contact fields weigh against, mildly', () => {
    const a = profile({ adults: [zoe], phones: ['0612345678'], emails: ['zoe@example.fr'] });
    const b = profile({ adults: [zoe], phones: ['0799999999'], emails: ['other@example.fr'] });
    expect(scorePair(a, b).score).toBe(sameNames + W.birthDate.exact + W.phone.different + W.email.different);
  });
});

describe('household evidence from rows and probes (DUP1)', () => {
  const rows = {
    household: {
      id: 'h1',
      phone: '+33 6.12.34.56.78',
      email: ' Zoe.Martin@Example.FR ',
      address: { line1: '12 bis, Av. de la République', postcode: '59000', city: 'Lille' },
    },
    members: [
      { id: 'm1', role: 'applicant', firstName: 'Zoé', lastName: 'Martin', birthDate: '1980-02-05' },
      { id: 'm2', role: 'child', firstName: 'Lina', lastName: 'Martin', birthDate: '2015-03-01' },
      { id: 'm3', role: 'other_dependent', firstName: 'Rose', lastName: 'Martin', birthDate: '1950-01-01' },
    ],
    creditors: [
      { id: 'c1', name: 'Cofidis', category: 'credit_institution' },
      { id: 'c2', name: 'EDF', category: 'utility', reference: 'Client 42' },
    ],
    debts: [
      { id: 'd1', creditorId: 'c1', reference: 'CT-0042 / 17' },
      { id: 'd2', creditorId: 'c2' },
      { id: 'd3', creditorId: 'c1' },
    ],
  };

  it('builds the profile: adults by role or age, contacts, address and references normalised', () => {
    expect(profileFromRows(rows, ON)).toEqual({
      adults: [
        { firstName: 'Zoé', lastName: 'Martin', birthDate: '1980-02-05' },
        { firstName: 'Rose', lastName: 'Martin', birthDate: '1950-01-01' },
      ],
      phones: ['0612345678'],
      emails: ['zoe.martin@example.fr'],
      postcode: '59000',
      street: '12bis avenue republique',
      creditorRefs: ['cofidis|ct004217', 'edf|client42'],
    });
  });

  it('DUP1: phone, e-mail, address and creditor references agree once normalised', () => {
    const stored = profileFromRows(rows, ON);
    const typed = profileFromProbe(
      {
        people: [{ firstName: 'Zoe', lastName: 'MARTIN', birthDate: '1980-02-05' }],
        phones: ['06 12 34 56 78'],
        emails: ['zoe.martin@example.fr'],
        postcode: '59000',
        addressLine: '12 bis avenue de la republique',
      },
      ON,
    );
    const { score, reasons } = scorePair(stored, typed);
    expect(
      reasons.filter((r) => r.field !== 'name' && r.field !== 'birth_date').map((r) => [r.field, r.level]),
    ).toEqual([
      ['phone', 'exact'],
      ['email', 'exact'],
      ['address', 'exact'],
    ]);
    expect(score).toBe(sameNames + W.birthDate.exact + W.phone.exact + W.email.exact + W.address.exact);
    const refsOnly = scorePair(profile({ creditorRefs: ['cofidis|ct004217', 'edf|client42'] }), stored);
    expect(refsOnly.score).toBe(2 * W.creditorRef.exact);
    expect(refsOnly.reasons.map((r) => r.field)).toEqual(['creditor_reference', 'creditor_reference']);
  });

  it('a probe person whose birth date makes a minor is not an adult; one without a date is kept', () => {
    const p = profileFromProbe(
      {
        people: [{ firstName: 'Lina', birthDate: '2015-03-01' }, { lastName: 'Martin' }],
        phones: [],
        emails: [],
      },
      ON,
    );
    expect(p.adults).toEqual([{ lastName: 'Martin' }]);
  });

  it('every score is the sum of its reasons’ weights', () => {
    const a = profileFromRows(rows, ON);
    const b = profile({
      adults: [{ ...zoe, lastName: 'Martain' }, paul],
      phones: ['0700000000'],
      postcode: '59000',
      street: '12bis avenue republique',
    });
    const { score, reasons } = scorePair(a, b);
    expect(score).toBe(reasons.reduce((s, r) => s + r.weight, 0));
  });
});
