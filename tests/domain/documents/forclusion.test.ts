import { describe, expect, it } from 'vitest';
import { CONSUMER_CREDIT_PRODUCTS, checkForclusion } from '../../../src/domain/documents';

describe('forclusion warning (R312-35: two years from the first unpaid instalment)', () => {
  const today = '2026-11-27';

  it('warns from the second anniversary of the first unpaid instalment on', () => {
    expect(checkForclusion('revolving_credit', '2024-11-27', today)).toEqual({
      kind: 'warning',
      barredOn: '2026-11-27',
    });
    expect(checkForclusion('amortising_loan', '2023-01-15', today).kind).toBe('warning');
  });

  it('does not warn the day before the anniversary', () => {
    expect(checkForclusion('revolving_credit', '2024-11-28', today)).toEqual({
      kind: 'ok',
      barredOn: '2026-11-28',
    });
  });

  it('29 February plus two years is 28 February', () => {
    expect(checkForclusion('overdraft', '2024-02-29', '2026-02-27').kind).toBe('ok');
    expect(checkForclusion('overdraft', '2024-02-29', '2026-02-28')).toEqual({
      kind: 'warning',
      barredOn: '2026-02-28',
    });
  });

  it('applies only to consumer credits, and asks for the date when it is unknown', () => {
    expect([...CONSUMER_CREDIT_PRODUCTS].sort()).toEqual(
      ['amortising_loan', 'lease', 'micro_credit', 'overdraft', 'revolving_credit'].sort(),
    );
    expect(checkForclusion('mortgage', '2020-01-01', today)).toEqual({ kind: 'not-applicable' });
    expect(checkForclusion('rent_arrears', '2020-01-01', today)).toEqual({ kind: 'not-applicable' });
    expect(checkForclusion('micro_credit', undefined, today)).toEqual({ kind: 'date-unknown' });
  });
});
