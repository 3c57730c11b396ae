/** The plan's forms: a new plan (PLAN1), a payment (PLAN2), the plan's events (PLAN3). */
import { describe, expect, it } from 'vitest';
import type { PlanRow } from '../../../src/domain/dossier/rows';
import {
  type PlanValues,
  planInitial,
  stepsFromMonthlyTotals,
  validatePlan,
} from '../../../src/state/plans/plan-form';
import { paymentInitial, validateEvent, validatePayment } from '../../../src/state/plans/plan-records';

function typed(fields: Partial<PlanValues>): PlanValues {
  return { ...planInitial(), ...fields };
}

const meta = {
  householdId: 'h',
  version: 0,
  fieldVersions: {},
  deleted: false,
  updatedHlc: 'x',
  updatedAt: 0,
  origin: { deviceId: 'd', userId: 'u' },
};

function planRow(fields: Partial<PlanRow> = {}): PlanRow {
  return {
    ...meta,
    id: 'p1',
    kind: 'bdf_conventional',
    firstDueOn: '2026-01-15',
    steps: [{ months: 24, monthlyCents: 17_000 }],
    ...fields,
  } as PlanRow;
}

describe('a new plan (PLAN1)', () => {
  it('PLAN1: a suspension then a tier, typed the French way, becomes the plan’s steps in cents', () => {
    const result = validatePlan(
      typed({
        kind: 'bdf_imposed',
        firstDueOn: '2026-03-05',
        reference: ' BDF-69-2026-123 ',
        months0: '12',
        amount0: '0',
        months1: '60',
        amount1: '1 234,50',
      }),
    );
    expect(result).toEqual({
      ok: true,
      value: {
        kind: 'bdf_imposed',
        firstDueOn: '2026-03-05',
        reference: 'BDF-69-2026-123',
        steps: [
          { months: 12, monthlyCents: 0 },
          { months: 60, monthlyCents: 123_450 },
        ],
      },
    });
  });

  it('PLAN1: 85 months in all is refused on the schedule, 84 is accepted', () => {
    const tooLong = validatePlan(
      typed({ firstDueOn: '2026-03-05', months0: '24', amount0: '0', months1: '61', amount1: '100' }),
    );
    expect(tooLong).toEqual({ ok: false, errors: { steps: 'plans.error.tooLong' } });
    const limit = validatePlan(
      typed({ firstDueOn: '2026-03-05', months0: '24', amount0: '0', months1: '60', amount1: '100' }),
    );
    expect(limit.ok).toBe(true);
  });

  it('each bad field gets its own error next to it; a blank later step is no step', () => {
    const result = validatePlan(
      typed({
        kind: 'other',
        firstDueOn: '2026-02-30',
        months0: '0',
        amount0: '12,345',
        months1: '6',
        amount1: '',
      }),
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        kind: 'error.required',
        firstDueOn: 'error.date.invalid',
        months0: 'plans.error.months',
        amount0: 'error.amount.tooManyDecimals',
        amount1: 'error.amount.empty',
      },
    });
    expect(validatePlan(typed({ firstDueOn: '2026-01-01', months0: '10', amount0: '50' })).ok).toBe(true);
  });

  it('a scenario’s month totals become steps: equal months (give or take a cent) make one step', () => {
    // 2 months suspended, 3 months at 300 € (one month a cent more: the pro-rata rounding), 1 at 100 €.
    expect(stepsFromMonthlyTotals([0, 0, 30_000, 30_001, 30_000, 10_000])).toEqual([
      { months: 2, monthlyCents: 0 },
      { months: 3, monthlyCents: 30_000 },
      { months: 1, monthlyCents: 10_000 },
    ]);
  });
});

describe('a payment (PLAN2)', () => {
  const instalment = { dueOn: '2026-03-15', dueCents: 17_000 };
  const context = { planId: 'p1', instalment, today: '2026-04-02' };

  it('PLAN2: prefilled paid on its due date for the amount due; recorded today against that instalment', () => {
    const values = paymentInitial(instalment, '2026-04-02');
    expect(values).toMatchObject({
      status: 'paid',
      amount: '170,00',
      paidOn: '2026-03-15',
      source: 'counsellor',
    });
    expect(validatePayment(values, context)).toEqual({
      ok: true,
      value: {
        planId: 'p1',
        dueOn: '2026-03-15',
        status: 'paid',
        amountCents: 17_000,
        paidOn: '2026-03-15',
        source: 'counsellor',
        recordedOn: '2026-04-02',
      },
    });
  });

  it('PLAN2: a missed instalment records nothing paid, on the household’s word', () => {
    const result = validatePayment(
      { status: 'missed', amount: '170', paidOn: '2026-03-20', source: 'household_word', details: '' },
      context,
    );
    expect(result).toEqual({
      ok: true,
      value: {
        planId: 'p1',
        dueOn: '2026-03-15',
        status: 'missed',
        amountCents: 0,
        source: 'household_word',
        recordedOn: '2026-04-02',
      },
    });
  });

  it('PLAN2: paid late must be paid after the due date; no amount, no date in the future', () => {
    expect(
      validatePayment(
        { status: 'late', amount: '170', paidOn: '2026-03-15', source: 'counsellor', details: '' },
        context,
      ),
    ).toEqual({ ok: false, errors: { paidOn: 'plans.error.lateNotAfterDue' } });
    expect(
      validatePayment(
        { status: 'paid', amount: '0', paidOn: '2026-04-03', source: 'counsellor', details: '' },
        context,
      ),
    ).toEqual({ ok: false, errors: { amount: 'plans.error.amountZero', paidOn: 'error.date.future' } });
    expect(
      validatePayment(
        { status: 'late', amount: '85', paidOn: '2026-03-28', source: 'x', details: '' },
        context,
      ),
    ).toEqual({ ok: false, errors: { source: 'error.required' } });
  });
});

describe('the plan’s events (PLAN3)', () => {
  it('PLAN3: a formal notice starts the clock again; a settlement cannot precede it; amicable plans have none', () => {
    const plan = planRow({ formalNoticeOn: '2026-02-01', formalNoticeSettledOn: '2026-02-05' });
    expect(validateEvent('formalNotice', { date: '2026-03-06', reason: '' }, plan, '2026-03-10')).toEqual({
      ok: true,
      value: { formalNoticeOn: '2026-03-06', formalNoticeSettledOn: undefined },
    });
    const open = planRow({ formalNoticeOn: '2026-03-06' });
    expect(validateEvent('noticeSettled', { date: '2026-03-05', reason: '' }, open, '2026-03-10')).toEqual({
      ok: false,
      errors: { date: 'plans.error.settledBeforeNotice' },
    });
    expect(
      validateEvent(
        'formalNotice',
        { date: '2026-03-06', reason: '' },
        planRow({ kind: 'amicable' }),
        '2026-03-10',
      ),
    ).toEqual({ ok: false, errors: { date: 'plans.error.noticeAmicable' } });
  });

  it('PLAN3: an end needs its reason; a review is dated', () => {
    expect(validateEvent('end', { date: '2026-03-10', reason: '' }, planRow(), '2026-03-10')).toEqual({
      ok: false,
      errors: { reason: 'error.required' },
    });
    expect(
      validateEvent('end', { date: '2026-03-10', reason: 'superseded' }, planRow(), '2026-03-10'),
    ).toEqual({
      ok: true,
      value: { endedOn: '2026-03-10', endReason: 'superseded' },
    });
    expect(validateEvent('review', { date: '2026-03-11', reason: '' }, planRow(), '2026-03-10')).toEqual({
      ok: false,
      errors: { date: 'error.date.future' },
    });
  });
});

describe('a formal notice before the legal records (PLAN5)', () => {
  it('PLAN5: a notice dated before R732-2’s record starts is refused next to its date', () => {
    expect(
      validateEvent('formalNotice', { date: '2016-06-30', reason: '' }, planRow(), '2026-03-10'),
    ).toEqual({
      ok: false,
      errors: { date: 'plans.error.noLimit' },
    });
    expect(
      validateEvent('formalNotice', { date: '2016-07-01', reason: '' }, planRow(), '2026-03-10').ok,
    ).toBe(true);
  });
});
