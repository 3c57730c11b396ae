/** DUP1: the French phonetic code (Phonex, Brouard) and the length-dependent edit tolerance. */
import { describe, expect, it } from 'vitest';
import { compareNames, editTolerance, isCloseName, osaDistance, phonex } from '../../../src/domain/matching';

describe('phonex (DUP1)', () => {
  it.each([
    ['Dupont', 'Dupond'],
    ['Lefèvre', 'Lefebvre'],
    ['Martin', 'Martain'],
    ['Philippe', 'Filipe'],
    ['Durand', 'Durant'],
    ['Gauthier', 'Gautier'],
    ['Catherine', 'Katherine'],
    ['Nicolas', 'Nikolas'],
    ['Thomas', 'Tomas'],
    ['Laurent', 'Lorent'],
    ['Hélène', 'HELENE'],
  ])('DUP1: %s and %s sound the same', (a, b) => {
    expect(phonex(a)).not.toBe('');
    expect(phonex(a)).toBe(phonex(b));
  });

  it.each([
    ['Martin', 'Martine'],
    ['Bernard', 'Bertrand'],
    ['Dupont', 'Durand'],
    ['Morel', 'Moreau'],
    ['Petit', 'Robert'],
    ['Simon', 'Richard'],
  ])('DUP1: %s and %s differ', (a, b) => {
    expect(phonex(a)).not.toBe(phonex(b));
  });

  it('follows the published rules step by step (codes worked by hand)', () => {
    // DUPONT: ON before a consonant → 1 (DUP1T); D, P → T (TUT1T); trailing T dropped.
    expect(phonex('Dupont')).toBe('TUT1');
    // PHILIPPE: PH → F; P → T; doubled letters once (FILITE).
    expect(phonex('Philippe')).toBe('FILITE');
    // MARTIN: IN at the end of the word → 4; M → N, A → O.
    expect(phonex('Martin')).toBe('NORT4');
    // ROUSSEAU: SS → S; EAU → O; OU → 3.
    expect(phonex('Rousseau')).toBe('R3SO');
    expect(phonex('')).toBe('');
  });
});

describe('edit distance and its tolerance (DUP1)', () => {
  it('counts an adjacent transposition as one edit (OSA)', () => {
    expect(osaDistance('martin', 'matrin')).toBe(1);
    expect(osaDistance('martin', 'martin')).toBe(0);
    expect(osaDistance('kitten', 'sitting')).toBe(3);
    expect(osaDistance('', 'abc')).toBe(3);
  });

  it('DUP1: tolerates 0 edits up to 3 letters, 1 from 4 to 6, 2 from 7 (AUTO:4,7)', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 12].map(editTolerance)).toEqual([0, 0, 0, 1, 1, 1, 2, 2]);
    expect(isCloseName('rey', 'roy')).toBe(false); // 3 letters: exact only
    expect(isCloseName('roux', 'rouz')).toBe(true); // 4 letters: one edit
    expect(isCloseName('petit', 'pteit')).toBe(true);
    expect(isCloseName('petit', 'pitot')).toBe(false); // 2 edits at 5 letters
    expect(isCloseName('bertrand', 'bretrnad')).toBe(true); // 2 transpositions at 8 letters
    expect(isCloseName('bertrand', 'bernard')).toBe(false); // 3 edits (t dropped, r→n, n→r)
    expect(isCloseName('bernard', 'bernrda')).toBe(true); // 7 letters: 2 edits
    expect(isCloseName('mohamed', 'mohammed')).toBe(true);
  });

  it('DUP1: names compare exact, phonetic, close or different; empty is unknown', () => {
    expect(compareNames('Le Goff', 'LEGOFF')).toBe('exact');
    expect(compareNames('Dupont', 'Dupond')).toBe('phonetic');
    expect(compareNames('Mohamed', 'Mohammed')).toBe('close');
    expect(compareNames('Marie', 'Marie-Claire')).toBe('close');
    expect(compareNames('Martin', 'Garcia')).toBe('different');
    expect(compareNames('', 'Martin')).toBeUndefined();
    expect(compareNames(undefined, 'Martin')).toBeUndefined();
  });
});
