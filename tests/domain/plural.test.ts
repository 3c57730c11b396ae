import { describe, expect, it } from 'vitest';
import { plural, pluralForm } from '../../src/domain/plural';

const debtsFr = { one: '{count} dette', other: '{count} dettes' };
const debtsEn = { one: '{count} debt', other: '{count} debts' };

describe('plural', () => {
  // Expected by the CLDR rules written out: French "one" is i = 0 or 1; English "one" is
  // exactly 1 with no decimals.
  it('puts 0 and 1 in the French singular, 2 and more in the plural', () => {
    expect([0, 1, 2, 3, 100].map((n) => plural(debtsFr, 'fr', n))).toEqual([
      '0 dette',
      '1 dette',
      '2 dettes',
      '3 dettes',
      '100 dettes',
    ]);
  });

  it('puts only 1 in the English singular', () => {
    expect([0, 1, 2].map((n) => plural(debtsEn, 'en', n))).toEqual(['0 debts', '1 debt', '2 debts']);
  });

  it('takes the plural form for the categories it has no form for (French "many": a round million)', () => {
    expect(pluralForm(debtsFr, 'fr', 1_000_000)).toBe('{count} dettes');
  });

  it('accepts region tags as the screens use them', () => {
    expect(plural(debtsFr, 'fr-FR', 1)).toBe('1 dette');
    expect(plural(debtsEn, 'en-GB', 0)).toBe('0 debts');
  });
});
