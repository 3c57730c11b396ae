import { describe, expect, it } from 'vitest';
import { longDate, monthLabel, shortDate } from '../../../src/domain/documents/format';

describe('document dates', () => {
  it('write the first of the month « 1er » in French, and only the first', () => {
    expect(longDate('2026-07-01', 'fr')).toBe('1er juillet 2026');
    expect(longDate('2026-01-01', 'fr')).toBe('1er janvier 2026');
    expect(longDate('2026-07-11', 'fr')).toBe('11 juillet 2026');
    expect(longDate('2026-07-21', 'fr')).toBe('21 juillet 2026');
    expect(longDate('2026-07-01', 'en')).toBe('1 July 2026');
  });

  it('keep month labels and numeric dates without a day word', () => {
    expect(monthLabel('2026-12-01', 'fr')).toBe('décembre 2026');
    expect(shortDate('2026-11-01')).toBe('01/11/2026');
  });
});
