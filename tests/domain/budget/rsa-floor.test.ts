import { describe, expect, it } from 'vitest';
import { rsaForHousehold } from '../../../src/domain/budget/rsa-floor';
import { MissingParameterError } from '../../../src/domain/parameters/lookup';

const rsa = (adults: 1 | 2, children: number, isolatedParent = false, on = '2025-06-01') =>
  rsaForHousehold({ on, adults, children, isolatedParent, territory: 'metropole' }).rsaMonthlyCents;

describe('rsaForHousehold: published amounts from 1 April 2025 (Lefebvre-Dalloz)', () => {
  it.each([
    [1, 0, 64_652],
    [2, 0, 96_978],
    [1, 1, 96_978],
    [2, 1, 116_374],
    [1, 2, 116_374],
    [2, 2, 135_770],
  ] as const)('%i adult(s), %i child(ren): %i cents', (adults, children, expected) => {
    expect(rsa(adults, children)).toBe(expected);
  });

  it('rounds each increment then sums: couple + 2 is 1 357.70, not 1 357.69', () => {
    const result = rsaForHousehold({
      on: '2026-02-01',
      adults: 2,
      children: 2,
      isolatedParent: false,
      territory: 'metropole',
    });
    expect(result.components.map((c) => c.amountCents)).toEqual([64_652, 32_326, 19_396, 19_396]);
    expect(result.rsaMonthlyCents).toBe(135_770);
    expect(result.parameterSet.parameterIds).toEqual(['rsa-2025-04']);
    expect(result.explanation.text.fr).toContain('1\u202f357,70 €');
  });

  it('adds 258.61 € per child from the third', () => {
    expect(rsa(2, 3) - rsa(2, 2)).toBe(25_861);
    expect(rsa(1, 3) - rsa(1, 2)).toBe(25_861);
    expect(rsa(2, 3)).toBe(161_631);
  });

  it('RSA majoré: 830.21 pregnant, 1 106.95 with 1 child, 1 383.69 with 2, +276.74 each', () => {
    expect(rsa(1, 0, true)).toBe(83_021);
    expect(rsa(1, 1, true)).toBe(110_695);
    expect(rsa(1, 2, true)).toBe(138_369);
    expect(rsa(1, 3, true) - rsa(1, 2, true)).toBe(27_674);
  });

  it('uses the base of the date: 635.71 € before April 2025', () => {
    expect(rsa(1, 0, false, '2025-03-31')).toBe(63_571);
  });

  it('uses the Mayotte base (323.26 €) and refuses a Mayotte date with no figure', () => {
    expect(
      rsaForHousehold({
        on: '2025-06-01',
        adults: 1,
        children: 0,
        isolatedParent: false,
        territory: 'mayotte',
      }).rsaMonthlyCents,
    ).toBe(32_326);
    expect(() =>
      rsaForHousehold({
        on: '2024-06-01',
        adults: 1,
        children: 0,
        isolatedParent: false,
        territory: 'mayotte',
      }),
    ).toThrow(MissingParameterError);
  });

  it('refuses an isolated parent with two adults', () => {
    expect(() => rsa(2, 1, true)).toThrow(RangeError);
  });
});
