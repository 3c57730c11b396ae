import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { centsToInputText, parseEurosToCents, parsePercentToBps } from '../../src/domain/user-input';

describe('parseEurosToCents', () => {
  it.each([
    ['1234,56', 123456],
    ['1 234,56 €', 123456],
    ['1\u202f234,56\u00a0€', 123456],
    ['1.234,56', 123456],
    ['1,234.56', 123456],
    ['1.500', 150000],
    ['12.5', 1250],
    ['12,5', 1250],
    ['0,07', 7],
    [',5', 50],
    ['800', 80000],
    ['+3', 300],
  ])('%s → %i cents', (text, cents) => {
    expect(parseEurosToCents(text)).toEqual({ ok: true, value: cents });
  });

  it.each([
    ['', 'empty'],
    ['  €', 'empty'],
    ['-5', 'negative'],
    ['abc', 'invalid'],
    ['12,3,4', 'invalid'],
    ['1,234', 'tooManyDecimals'],
    ['1,999', 'tooManyDecimals'],
    ['999999999999999', 'tooLarge'],
  ])('%s → %s', (text, error) => {
    expect(parseEurosToCents(text)).toEqual({ ok: false, error });
  });

  it('reads back what centsToInputText writes, for every amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), (cents) => {
        expect(parseEurosToCents(centsToInputText(cents))).toEqual({ ok: true, value: cents });
        expect(parseEurosToCents(centsToInputText(cents, '.'))).toEqual({ ok: true, value: cents });
      }),
    );
  });
});

describe('parsePercentToBps', () => {
  it('reads rates into basis points', () => {
    expect(parsePercentToBps('2,62 %')).toEqual({ ok: true, value: 262 });
    expect(parsePercentToBps('0')).toEqual({ ok: true, value: 0 });
    expect(parsePercentToBps('21,156')).toEqual({ ok: false, error: 'tooManyDecimals' });
  });
});
