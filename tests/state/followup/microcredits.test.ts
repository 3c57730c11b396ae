/** The micro-credit pipeline's forms and steps (docs/reports-and-plans.md MC1–MC3). */
import { describe, expect, it } from 'vitest';
import type { MicrocreditRow } from '../../../src/domain/dossier/rows';
import {
  budgetedMonthlyPayment,
  decisionInitial,
  nextSteps,
  pipelineSteps,
  requestInitial,
  sortedMicrocredits,
  validateDatedStep,
  validateDecision,
  validateRequest,
} from '../../../src/state/followup/microcredits';

const meta = {
  householdId: 'h',
  version: 0,
  fieldVersions: {},
  deleted: false,
  updatedHlc: 'x',
  updatedAt: 0,
  origin: { deviceId: 'd', userId: 'u' },
};
const requested = { ...meta, id: 'm1', requestedOn: '2026-09-01' } as MicrocreditRow;
const instructed = { ...requested, instructedOn: '2026-09-15' } as MicrocreditRow;
const grantForm = {
  ...decisionInitial('2026-10-01'),
  decision: 'granted',
  lender: 'Caisse solidaire',
  amount: '3 000',
  months: '36',
  monthlyPayment: '85',
  firstPaymentOn: '2026-11-05',
};

describe('micro-credit forms', () => {
  it('MC1: a request has its date; purpose and amount are optional, the amount in cents', () => {
    expect(validateRequest({ ...requestInitial('2026-09-01'), requestedAmount: '2 500,50' })).toEqual({
      ok: true,
      value: { requestedOn: '2026-09-01', requestedAmountCents: 250_050 },
    });
    expect(validateRequest({ requestedOn: '', purpose: 'x'.repeat(501), requestedAmount: 'abc' })).toEqual({
      ok: false,
      errors: {
        requestedOn: 'error.required',
        purpose: 'error.tooLong',
        requestedAmount: 'error.amount.invalid',
      },
    });
  });

  it('MC1: a step is dated, not before the step it follows', () => {
    expect(validateDatedStep(requested, 'instructed', { date: '2026-08-31' })).toEqual({
      ok: false,
      errors: { date: 'microcredit.error.beforePrevious' },
    });
    expect(validateDatedStep(requested, 'instructed', { date: '2026-09-15' })).toEqual({
      ok: true,
      value: { instructedOn: '2026-09-15' },
    });
    const granted = { ...instructed, decision: 'granted', decidedOn: '2026-10-01' } as MicrocreditRow;
    expect(validateDatedStep(granted, 'repaid', { date: '2026-09-30' }).ok).toBe(false);
    expect(validateDatedStep(granted, 'issue', { date: '2027-01-10' })).toEqual({
      ok: true,
      value: { repaymentIssueOn: '2027-01-10' },
    });
  });

  it('MC3: granted requires the lender, amount, duration, monthly payment and first payment date', () => {
    const empty = { ...decisionInitial('2026-10-01'), decision: 'granted' };
    expect(validateDecision(instructed, empty)).toEqual({
      ok: false,
      errors: {
        lender: 'error.required',
        amount: 'error.required',
        months: 'error.required',
        monthlyPayment: 'error.required',
        firstPaymentOn: 'error.required',
      },
    });
    expect(validateDecision(instructed, { ...grantForm, months: '121', amount: '0' })).toEqual({
      ok: false,
      errors: { months: 'microcredit.error.months', amount: 'microcredit.error.positive' },
    });
    expect(validateDecision(instructed, { ...grantForm, monthlyPayment: '3 000,01' })).toEqual({
      ok: false,
      errors: { monthlyPayment: 'microcredit.error.monthlyAboveAmount' },
    });
    expect(validateDecision(instructed, grantForm)).toEqual({
      ok: true,
      value: {
        decision: 'granted',
        decidedOn: '2026-10-01',
        lender: 'Caisse solidaire',
        amountCents: 300_000,
        months: 36,
        monthlyPaymentCents: 8_500,
        firstPaymentOn: '2026-11-05',
      },
    });
  });

  it('MC1: a grant needs an instructed dossier; a refusal may come before, and clears any grant', () => {
    expect(validateDecision(requested, grantForm)).toEqual({
      ok: false,
      errors: { decision: 'microcredit.error.notInstructed' },
    });
    expect(validateDecision(requested, { ...grantForm, decision: 'refused', lender: '' })).toEqual({
      ok: true,
      value: {
        decision: 'refused',
        decidedOn: '2026-10-01',
        lender: undefined,
        amountCents: undefined,
        months: undefined,
        monthlyPaymentCents: undefined,
        firstPaymentOn: undefined,
      },
    });
    expect(validateDecision(instructed, { ...grantForm, decision: '' })).toEqual({
      ok: false,
      errors: { decision: 'microcredit.error.decision' },
    });
    expect(validateDecision(instructed, { ...grantForm, decidedOn: '2026-09-14' }).ok).toBe(false);
  });
});

describe('micro-credit pipeline', () => {
  const states = (row: MicrocreditRow) => pipelineSteps(row).steps.map((s) => `${s.name}:${s.state}`);
  const granted = {
    ...instructed,
    decision: 'granted',
    decidedOn: '2026-10-01',
    lender: 'Caisse solidaire',
    amountCents: 300_000,
    months: 36,
    monthlyPaymentCents: 8_500,
    firstPaymentOn: '2026-11-05',
  } as MicrocreditRow;

  it('MC1: requested → instructed → granted (repaying) → repaid, each with what comes next', () => {
    expect(states(requested)).toEqual([
      'requested:current',
      'instructed:todo',
      'decided:todo',
      'repaid:todo',
    ]);
    expect(nextSteps(requested)).toEqual(['instructed', 'decision']);
    expect(states(instructed)).toEqual([
      'requested:done',
      'instructed:current',
      'decided:todo',
      'repaid:todo',
    ]);
    expect(nextSteps(instructed)).toEqual(['decision']);
    expect(pipelineSteps(granted).stage).toBe('repaying');
    expect(states(granted)).toEqual(['requested:done', 'instructed:done', 'decided:current', 'repaid:todo']);
    expect(nextSteps(granted)).toEqual(['issue', 'repaid']);
    expect(nextSteps({ ...granted, repaymentIssueOn: '2027-01-10' })).toEqual(['repaid']);
    const repaid = { ...granted, repaidOn: '2029-10-05' };
    expect(states(repaid)).toEqual(['requested:done', 'instructed:done', 'decided:done', 'repaid:current']);
    expect(pipelineSteps(repaid).steps.map((s) => s.on)).toEqual([
      '2026-09-01',
      '2026-09-15',
      '2026-10-01',
      '2029-10-05',
    ]);
    expect(nextSteps(repaid)).toEqual([]);
  });

  it('MC1: a refusal before instruction ends the pipeline: instruction passed over, repayment not to come', () => {
    const refused = { ...requested, decision: 'refused', decidedOn: '2026-09-10' } as MicrocreditRow;
    expect(states(refused)).toEqual([
      'requested:done',
      'instructed:skipped',
      'decided:current',
      'repaid:skipped',
    ]);
    expect(nextSteps(refused)).toEqual([]);
  });

  it('MC2: the monthly payment is in the budget while granted and not repaid', () => {
    expect(budgetedMonthlyPayment(instructed)).toBeNull();
    expect(budgetedMonthlyPayment(granted)).toBe(8_500);
    expect(budgetedMonthlyPayment({ ...granted, repaidOn: '2029-10-05' })).toBeNull();
  });

  it('the list: live micro-credits, the latest request first', () => {
    const rows = [
      requested,
      { ...requested, id: 'm2', requestedOn: '2026-11-01' },
      { ...requested, id: 'm3', requestedOn: '2026-12-01', deleted: true },
    ] as MicrocreditRow[];
    expect(sortedMicrocredits(rows).map((r) => r.id)).toEqual(['m2', 'm1']);
  });
});
