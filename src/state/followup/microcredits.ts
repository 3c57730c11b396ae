/**
 * The micro-credit pipeline of a household (docs/reports-and-plans.md MC1–MC3): the request, the
 * dossier instructed, the lender's decision, the repayment followed up to repaid. Each step is a
 * small form over the one `microcredit` row; the stage is never stored, it is derived
 * (`microcreditStage`, MC1), so the screens and the report cannot disagree.
 */
import { IsoDateSchema } from '../../domain/dates';
import type { FieldsOf, MicrocreditRow } from '../../domain/dossier/rows';
import { type MicrocreditStage, microcreditStage } from '../../domain/plans/microcredit';
import { parseEurosToCents } from '../../domain/user-input';
import type { FieldErrors, Validation } from '../form-model';

type Fields = FieldsOf<'microcredit'>;

/** A date typed in a step's form: required, valid, and not before the step it follows. */
function checkDate(text: string, notBefore: string | undefined): { date?: string; error?: string } {
  const date = text.trim();
  if (date === '') return { error: 'error.required' };
  if (!IsoDateSchema.safeParse(date).success) return { error: 'error.date.invalid' };
  if (notBefore !== undefined && date < notBefore) return { error: 'microcredit.error.beforePrevious' };
  return { date };
}

/** An amount in euros, required or not, as cents. */
function checkAmount(text: string, required: boolean): { cents?: number; error?: string } {
  if (text.trim() === '') return required ? { error: 'error.required' } : {};
  const parsed = parseEurosToCents(text);
  if (!parsed.ok) return { error: `error.amount.${parsed.error}` };
  if (required && parsed.value === 0) return { error: 'microcredit.error.positive' };
  return { cents: parsed.value };
}

// — The request (MC1: requested) —

export type RequestField = 'requestedOn' | 'purpose' | 'requestedAmount';

export function requestInitial(today: string): Record<RequestField, string> {
  return { requestedOn: today, purpose: '', requestedAmount: '' };
}

export function validateRequest(values: Record<RequestField, string>): Validation<RequestField, Fields> {
  const errors: FieldErrors<RequestField> = {};
  const requested = checkDate(values.requestedOn, undefined);
  if (requested.error) errors.requestedOn = requested.error;
  const purpose = values.purpose.trim();
  if (purpose.length > 500) errors.purpose = 'error.tooLong';
  const amount = checkAmount(values.requestedAmount, false);
  if (amount.error) errors.requestedAmount = amount.error;
  if (Object.keys(errors).length > 0 || requested.date === undefined) return { ok: false, errors };
  return {
    ok: true,
    value: {
      requestedOn: requested.date,
      ...(purpose ? { purpose } : {}),
      ...(amount.cents !== undefined ? { requestedAmountCents: amount.cents } : {}),
    },
  };
}

// — A dated step: instructed, a repayment issue, repaid —

export type DatedStep = 'instructed' | 'issue' | 'repaid';

/** The field a dated step sets on the micro-credit. */
const STEP_FIELD = {
  instructed: 'instructedOn',
  issue: 'repaymentIssueOn',
  repaid: 'repaidOn',
} as const satisfies Record<DatedStep, keyof Fields>;

/** The date a step may not precede: the step before it. */
function stepFloor(row: MicrocreditRow, step: DatedStep | 'decision'): string | undefined {
  if (step === 'instructed') return row.requestedOn;
  if (step === 'decision') return row.instructedOn ?? row.requestedOn;
  return row.decidedOn ?? row.requestedOn;
}

export function validateDatedStep(
  row: MicrocreditRow,
  step: DatedStep,
  values: Record<'date', string>,
): Validation<'date', Partial<Fields>> {
  const checked = checkDate(values.date, stepFloor(row, step));
  if (checked.error || checked.date === undefined)
    return { ok: false, errors: { date: checked.error ?? 'error.required' } };
  return { ok: true, value: { [STEP_FIELD[step]]: checked.date } };
}

// — The decision (MC3: granted needs lender, amount, duration, monthly payment) —

export const DECISION_FIELDS = [
  'decision',
  'decidedOn',
  'lender',
  'amount',
  'months',
  'monthlyPayment',
  'firstPaymentOn',
] as const;
export type DecisionField = (typeof DECISION_FIELDS)[number];

export function decisionInitial(today: string): Record<DecisionField, string> {
  return {
    decision: '',
    decidedOn: today,
    lender: '',
    amount: '',
    months: '',
    monthlyPayment: '',
    firstPaymentOn: '',
  };
}

/**
 * The lender's decision. Granted: lender, amount, months (1–120), monthly payment and first
 * payment date are all required (MC3), on an instructed dossier (MC1). Refused: its date only
 * (an association may refuse before instructing); the grant's fields are cleared.
 */
export function validateDecision(
  row: MicrocreditRow,
  values: Record<DecisionField, string>,
): Validation<DecisionField, Partial<Fields>> {
  const errors: FieldErrors<DecisionField> = {};
  const decision = values.decision;
  if (decision !== 'granted' && decision !== 'refused') errors.decision = 'microcredit.error.decision';
  const decided = checkDate(values.decidedOn, stepFloor(row, 'decision'));
  if (decided.error) errors.decidedOn = decided.error;
  if (decision !== 'granted') {
    if (Object.keys(errors).length > 0 || decided.date === undefined) return { ok: false, errors };
    return {
      ok: true,
      value: {
        decision: 'refused',
        decidedOn: decided.date,
        lender: undefined,
        amountCents: undefined,
        months: undefined,
        monthlyPaymentCents: undefined,
        firstPaymentOn: undefined,
      },
    };
  }
  // A lender grants on an instructed dossier (MC1: requested → instructed → granted).
  if (row.instructedOn === undefined) errors.decision = 'microcredit.error.notInstructed';
  const lender = values.lender.trim();
  if (lender === '') errors.lender = 'error.required';
  else if (lender.length > 200) errors.lender = 'error.tooLong';
  const amount = checkAmount(values.amount, true);
  if (amount.error) errors.amount = amount.error;
  const monthly = checkAmount(values.monthlyPayment, true);
  if (monthly.error) errors.monthlyPayment = monthly.error;
  let months: number | undefined;
  const monthsText = values.months.trim();
  if (monthsText === '') errors.months = 'error.required';
  else {
    const n = Number(monthsText);
    if (!Number.isInteger(n) || n < 1 || n > 120) errors.months = 'microcredit.error.months';
    else months = n;
  }
  if (amount.cents !== undefined && monthly.cents !== undefined && monthly.cents > amount.cents)
    errors.monthlyPayment = 'microcredit.error.monthlyAboveAmount';
  const first = checkDate(values.firstPaymentOn, decided.date);
  if (first.error) errors.firstPaymentOn = first.error;
  if (
    Object.keys(errors).length > 0 ||
    decided.date === undefined ||
    first.date === undefined ||
    amount.cents === undefined ||
    monthly.cents === undefined ||
    months === undefined
  )
    return { ok: false, errors };
  return {
    ok: true,
    value: {
      decision: 'granted',
      decidedOn: decided.date,
      lender,
      amountCents: amount.cents,
      months,
      monthlyPaymentCents: monthly.cents,
      firstPaymentOn: first.date,
    },
  };
}

// — The list and the step indicator —

/** Live micro-credits, the latest request first. */
export function sortedMicrocredits(rows: readonly MicrocreditRow[]): MicrocreditRow[] {
  return rows
    .filter((r) => !r.deleted)
    .sort((a, b) => b.requestedOn.localeCompare(a.requestedOn) || b.id.localeCompare(a.id));
}

export type StepName = 'requested' | 'instructed' | 'decided' | 'repaid';
export interface PipelineStep {
  name: StepName;
  /** done: passed; current: where the micro-credit stands; todo: to come; skipped: will not come. */
  state: 'done' | 'current' | 'todo' | 'skipped';
  /** The date the step was reached, when it was. */
  on?: string;
}

/**
 * The four steps of the indicator (requested → instructed → granted/refused → repaid) and where the
 * micro-credit stands, from its derived stage (MC1).
 */
export function pipelineSteps(row: MicrocreditRow): { stage: MicrocreditStage; steps: PipelineStep[] } {
  const stage = microcreditStage(row);
  const reached: Record<StepName, string | undefined> = {
    requested: row.requestedOn,
    instructed: row.instructedOn,
    decided: row.decision ? row.decidedOn : undefined,
    repaid: row.repaidOn,
  };
  const current: StepName = {
    requested: 'requested',
    instructed: 'instructed',
    refused: 'decided',
    repaying: 'decided',
    repaid: 'repaid',
  }[stage] as StepName;
  const order: StepName[] = ['requested', 'instructed', 'decided', 'repaid'];
  const at = order.indexOf(current);
  const steps = order.map((name, i): PipelineStep => {
    const on = reached[name];
    let state: PipelineStep['state'] = i < at ? 'done' : i === at ? 'current' : 'todo';
    // A refusal ends the pipeline; a step passed over (decided without instruction) is skipped.
    if (i > at && stage === 'refused') state = 'skipped';
    if (i < at && on === undefined) state = 'skipped';
    return { name, state, ...(on !== undefined ? { on } : {}) };
  });
  return { stage, steps };
}

/** What can be recorded next at a stage: the forms the card offers. */
export function nextSteps(row: MicrocreditRow): readonly ('instructed' | 'decision' | 'issue' | 'repaid')[] {
  switch (microcreditStage(row)) {
    case 'requested':
      return ['instructed', 'decision'];
    case 'instructed':
      return ['decision'];
    case 'repaying':
      return row.repaymentIssueOn === undefined ? ['issue', 'repaid'] : ['repaid'];
    case 'refused':
    case 'repaid':
      return [];
  }
}

/** The monthly payment the budget counts (MC2): granted and not yet repaid. */
export function budgetedMonthlyPayment(row: MicrocreditRow): number | null {
  return microcreditStage(row) === 'repaying' ? (row.monthlyPaymentCents ?? null) : null;
}
