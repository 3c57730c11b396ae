import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../src/domain/budget/diagnose';
import { moneyFlow } from '../../../src/state/budget/budget-view';
import { chargeInitial, validateCharge } from '../../../src/state/budget/charge-form';
import { resourceInitial, validateResource } from '../../../src/state/budget/resource-form';
import { exampleA } from '../../domain/budget/household-fixtures';

describe('resource form', () => {
  it('reads "1 650,50" a week as 165 050 cents, weekly', () => {
    const result = validateResource(
      { ...resourceInitial(undefined), amount: '1 650,50', frequency: 'weekly' },
      [],
    );
    expect(result).toEqual({
      ok: true,
      value: expect.objectContaining({
        amountCents: 165_050,
        frequency: 'weekly',
        regular: true,
        type: 'salary',
      }),
    });
  });

  it('gives a message key per bad field', () => {
    const result = validateResource(
      { ...resourceInitial(undefined), amount: '12,3,4', ownerMemberId: 'ghost', startDate: '2026-02-30' },
      ['m1'],
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        amount: 'error.amount.invalid',
        ownerMemberId: 'error.invalid',
        startDate: 'error.date.invalid',
      },
    });
    expect(
      validateResource(
        { ...resourceInitial(undefined), amount: '10', startDate: '2026-05-01', endDate: '2026-04-01' },
        [],
      ),
    ).toEqual({ ok: false, errors: { endDate: 'budget.error.endBeforeStart' } });
  });

  it('writes a stored line back as French text', () => {
    expect(
      resourceInitial({ type: 'pension', amountCents: 123_456, frequency: 'quarterly', regular: false }),
    ).toMatchObject({ amount: '1234,56', frequency: 'quarterly', regular: 'no', inSeizureBase: 'yes' });
  });
});

describe('charge form', () => {
  it('needs the ceiling of a capped line', () => {
    expect(validateCharge({ ...chargeInitial(undefined), amount: '60', mode: 'capped_real' })).toEqual({
      ok: false,
      errors: { cap: 'budget.error.capRequired' },
    });
    const ok = validateCharge({ ...chargeInitial(undefined), amount: '60', mode: 'capped_real', cap: '100' });
    expect(ok.ok && ok.value).toMatchObject({ capMonthlyCents: 10_000, amountCents: 6_000 });
  });

  it('drops the ceiling and forfait of a real line', () => {
    const ok = validateCharge({
      ...chargeInitial(undefined),
      amount: '550',
      cap: '100',
      forfaitKind: 'base',
    });
    expect(ok.ok && ok.value).toEqual({
      type: 'rent',
      amountCents: 55_000,
      frequency: 'monthly',
      mode: 'real',
    });
  });
});

describe('money flow', () => {
  it('splits the resources into charge categories, instalments and what is left, to the cent', () => {
    const flow = moneyFlow(diagnose({ on: '2026-02-01', household: exampleA() }));
    expect(flow.items.map((i) => [i.id, i.monthlyCents])).toEqual([
      ['charge:housing', 67_000],
      ['charge:energy', 9_000],
      ['charge:transport', 6_000],
      ['charge:health', 4_000],
      ['instalments', 35_000],
      ['left', 59_000],
    ]);
    expect(flow.items.reduce((sum, i) => sum + i.monthlyCents, 0)).toBe(flow.resourcesMonthlyCents);
    expect(flow.overspendMonthlyCents).toBe(0);
  });
});
