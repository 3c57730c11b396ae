import { describe, expect, it } from 'vitest';
import { findDuplicates, personKey } from '../../../src/domain/dossier/duplicates';
import {
  nameTokens,
  normaliseName,
  normalisePhone,
  normaliseReference,
  phoneSearchKeys,
} from '../../../src/domain/dossier/normalise';

describe('normalisation', () => {
  it.each([
    ["  Le Bœuf-D'Arçy ", 'le boeuf d arcy'],
    ['ÉLODIE  Müller', 'elodie muller'],
    ['Jean--Pierre.  N’Guessan', 'jean pierre n guessan'],
    ['Æsa Straße', 'aesa strasse'],
  ])('normaliseName(%j) = %j', (input, expected) => {
    expect(normaliseName(input)).toBe(expected);
  });

  it('tokens are distinct words in order', () => {
    expect(nameTokens('Marie-Claire', 'DUPONT', 'marie')).toEqual(['marie', 'claire', 'dupont']);
    expect(nameTokens(undefined, ' ')).toEqual([]);
  });

  it.each([
    ['06 12 34 56 78', '0612345678'],
    ['06.12.34.56.78', '0612345678'],
    ['+33 6 12 34 56 78', '0612345678'],
    ['+33 (0)6 12 34 56 78', '0612345678'],
    ['0033 612345678', '0612345678'],
    ['06-12-34-56-78', '0612345678'],
    ['+32 2 555 12 12', '+3225551212'],
    ['06 12', '0612'],
    ['appeler le soir', undefined],
    ['', undefined],
  ])('normalisePhone(%j) = %j', (input, expected) => {
    expect(normalisePhone(input)).toBe(expected);
  });

  it('phone search keys include the form without the trunk 0', () => {
    expect(phoneSearchKeys('+33 6 12 34 56 78')).toEqual(['0612345678', '612345678']);
    expect(phoneSearchKeys('12')).toEqual([]);
    expect(phoneSearchKeys(undefined)).toEqual([]);
  });

  it('references lose case and punctuation', () => {
    expect(normaliseReference('RL-2026 / 0042')).toBe('rl20260042');
  });
});

describe('findDuplicates', () => {
  const existing = [
    {
      householdId: 'h1',
      people: [
        { firstName: 'Zoé', lastName: 'Martin', birthDate: '1980-02-01' },
        { firstName: 'Léo', lastName: 'Martin', birthDate: '2012-09-01' },
      ],
      phones: ['06 12 34 56 78'],
    },
    {
      householdId: 'h2',
      people: [{ firstName: 'Zoé', lastName: 'Martin', birthDate: '1981-02-01' }],
      phones: [],
    },
  ];

  it('matches normalised names (any order) and the same birth date', () => {
    const matches = findDuplicates(
      { people: [{ firstName: 'MARTIN', lastName: 'zoe', birthDate: '1980-02-01' }], phones: [] },
      existing,
    );
    expect(matches).toEqual([
      {
        householdId: 'h1',
        reasons: [{ rule: 'name_and_birth_date', name: 'Zoé Martin', birthDate: '1980-02-01' }],
      },
    ]);
  });

  it('matches a phone in another French format, and reports both rules', () => {
    const matches = findDuplicates(
      {
        people: [{ firstName: 'Leo', lastName: 'Martin', birthDate: '2012-09-01' }],
        phones: ['+33 6.12.34.56.78'],
      },
      existing,
    );
    expect(matches[0]?.reasons.map((r) => r.rule)).toEqual(['name_and_birth_date', 'phone']);
  });

  it('needs a name and a birth date; ignores partial phones; excludes the candidate itself', () => {
    expect(personKey({ lastName: 'Martin' })).toBeUndefined();
    expect(personKey({ birthDate: '1980-02-01' })).toBeUndefined();
    expect(findDuplicates({ people: [{ lastName: 'Martin' }], phones: ['06 12'] }, existing)).toEqual([]);
    expect(findDuplicates({ people: [], phones: ['0612345678'] }, existing, 'h1')).toEqual([]);
  });

  it('does not mutate its inputs', () => {
    const snapshot = JSON.stringify(existing);
    findDuplicates(
      { people: [{ firstName: 'Zoé', lastName: 'Martin', birthDate: '1980-02-01' }], phones: [] },
      existing,
    );
    expect(JSON.stringify(existing)).toBe(snapshot);
  });
});
