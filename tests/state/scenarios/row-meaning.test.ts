/** How the comparison reads a scenario's duration and what it does not repay (pure functions). */
import { describe, expect, it } from 'vitest';
import { shownDurationMonths, writeOffView } from '../../../src/state/scenarios/comparison-view';

describe('what a comparison row means', () => {
  it('as today lasts until its last payment, not the 360-month horizon; the other scenarios until their end', () => {
    // A loan paid for 58 months and arrears never paid: the engine ends at its horizon, 360.
    expect(shownDurationMonths('as-today', 360, 58)).toBe(58);
    // A Banque de France plan with a write-off runs its 84 months.
    expect(shownDurationMonths('banque-de-france', 84, 84)).toBe(84);
    // Nothing ever paid: no duration at all.
    expect(shownDurationMonths('amicable', 84, 0)).toBeNull();
  });

  it('only the Banque de France measures write off; elsewhere what is left stays owed', () => {
    const leftAtEnd = { totalPaidCents: 50_000, writeOffCents: 120_000, remainingNotWrittenOffCents: 30_000 };
    // Amicable: the 1 200 € the engine leaves at the end plus 300 € that could never be written
    // off are 1 500 € still owed; nothing is written off.
    expect(writeOffView('amicable', leftAtEnd)).toEqual({
      canWriteOff: false,
      writeOffCents: 0,
      leftOwedCents: 150_000,
      nothingPaid: null,
    });
    expect(writeOffView('banque-de-france', leftAtEnd)).toEqual({
      canWriteOff: true,
      writeOffCents: 120_000,
      leftOwedCents: 30_000,
      nothingPaid: null,
    });
    const nothing = { totalPaidCents: 0, writeOffCents: 170_000, remainingNotWrittenOffCents: 0 };
    expect(writeOffView('amicable', nothing).nothingPaid).toBe('amicable');
    expect(writeOffView('banque-de-france', nothing).nothingPaid).toBe('banque-de-france');
    expect(writeOffView('avalanche', nothing).nothingPaid).toBe('other');
    // As today pays what the contracts say whatever the capacity: its note names the debts left.
    expect(writeOffView('as-today', nothing).nothingPaid).toBeNull();
  });
});
