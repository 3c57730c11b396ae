/**
 * The form of a new repayment plan (docs/reports-and-plans.md PLAN1): its kind, first due date,
 * reference and steps (months × monthly amount), typed as text and checked into a plan's fields.
 * The 84-month limit is the domain's (planScheduleIssue, a dated legal parameter), not repeated.
 */
import { IsoDateSchema } from '../../domain/dates';
import type { SavedPlan } from '../../domain/documents/saved-plan';
import type { FieldsOf } from '../../domain/dossier/rows';
import { PlanKindSchema, type PlanStep } from '../../domain/plans/plan';
import { planScheduleIssue } from '../../domain/plans/plan-schedule';
import { centsToInputText, parseEurosToCents } from '../../domain/user-input';
import type { FieldErrors, FieldValues, Validation } from '../form-model';

/** Step rows the form offers: a suspension then tiers fits in far fewer (PlanSchema allows 24). */
export const MAX_FORM_STEPS = 6;

type StepIndex = 0 | 1 | 2 | 3 | 4 | 5;
export const STEP_INDEXES: readonly StepIndex[] = [0, 1, 2, 3, 4, 5];
export type StepMonthsField = `months${StepIndex}`;
export type StepAmountField = `amount${StepIndex}`;

/** `steps`: where the error of the schedule as a whole (too long) is shown. */
export type PlanField =
  | 'kind'
  | 'firstDueOn'
  | 'reference'
  | 'scenarioId'
  | 'steps'
  | StepMonthsField
  | StepAmountField;

export type PlanValues = FieldValues<PlanField>;

function emptySteps(): Record<StepMonthsField | StepAmountField, string> {
  const out = {} as Record<StepMonthsField | StepAmountField, string>;
  for (const i of STEP_INDEXES) {
    out[`months${i}`] = '';
    out[`amount${i}`] = '';
  }
  return out;
}

/** An empty form: an amicable plan, one step. */
export function planInitial(): PlanValues {
  return { kind: 'amicable', firstDueOn: '', reference: '', scenarioId: '', steps: '', ...emptySteps() };
}

/**
 * The steps of a month-by-month total: consecutive months of the same amount (give or take one
 * cent, the engine's pro-rata rounding) make one step, at the amount of its first month.
 * @example stepsFromMonthlyTotals([0, 0, 100, 100, 101]) // [{months:2,monthlyCents:0},{months:3,monthlyCents:100}]
 */
export function stepsFromMonthlyTotals(monthly: readonly number[]): PlanStep[] {
  const steps: PlanStep[] = [];
  for (const amount of monthly) {
    const last = steps[steps.length - 1];
    if (last && Math.abs(last.monthlyCents - amount) <= 1) last.months += 1;
    else steps.push({ months: 1, monthlyCents: amount });
  }
  return steps;
}

/**
 * The form prefilled from a chosen scenario's plan: its start date and its monthly totals as
 * steps. Undefined when its schedule does not fit the form's step rows (the counsellor types it).
 */
export function planInitialFromScenario(plan: SavedPlan): PlanValues | undefined {
  const steps = stepsFromMonthlyTotals(plan.monthlyTotals);
  if (steps.length === 0 || steps.length > MAX_FORM_STEPS) return undefined;
  const values = planInitial();
  values.firstDueOn = plan.startDate;
  values.scenarioId = plan.scenarioId;
  steps.forEach((step, i) => {
    const index = i as StepIndex;
    values[`months${index}`] = String(step.months);
    values[`amount${index}`] = centsToInputText(step.monthlyCents);
  });
  return values;
}

/** How many step rows to show: the filled ones, at least one. */
export function filledStepCount(values: PlanValues): number {
  let count = 1;
  for (const i of STEP_INDEXES)
    if (values[`months${i}`].trim() !== '' || values[`amount${i}`].trim() !== '') count = i + 1;
  return count;
}

function parseSteps(values: PlanValues, errors: FieldErrors<PlanField>): PlanStep[] {
  const steps: PlanStep[] = [];
  for (const i of STEP_INDEXES) {
    const monthsText = values[`months${i}`].trim();
    const amountText = values[`amount${i}`].trim();
    // A blank row after the first is no step; the first row is required.
    if (i > 0 && monthsText === '' && amountText === '') continue;
    const months = Number(monthsText);
    if (monthsText === '') errors[`months${i}`] = 'error.required';
    else if (!/^\d+$/.test(monthsText) || months < 1 || months > 84)
      errors[`months${i}`] = 'plans.error.months';
    const amount = parseEurosToCents(amountText);
    if (!amount.ok) errors[`amount${i}`] = `error.amount.${amount.error}`;
    if (errors[`months${i}`] === undefined && amount.ok) steps.push({ months, monthlyCents: amount.value });
  }
  return steps;
}

/**
 * Checks a typed plan. Errors are message codes next to their field; the schedule as a whole
 * longer than the law allows is `steps` (PLAN1, through planScheduleIssue).
 */
export function validatePlan(values: PlanValues): Validation<PlanField, FieldsOf<'plan'>> {
  const errors: FieldErrors<PlanField> = {};
  const kind = PlanKindSchema.safeParse(values.kind);
  if (!kind.success) errors.kind = 'error.required';
  const firstDueOn = values.firstDueOn.trim();
  if (firstDueOn === '') errors.firstDueOn = 'error.required';
  else if (!IsoDateSchema.safeParse(firstDueOn).success) errors.firstDueOn = 'error.date.invalid';
  const reference = values.reference.trim();
  if (reference.length > 100) errors.reference = 'error.tooLong';
  const steps = parseSteps(values, errors);
  if (errors.firstDueOn === undefined && steps.length > 0 && Object.keys(errors).length === 0) {
    try {
      if (planScheduleIssue({ firstDueOn, steps })) errors.steps = 'plans.error.tooLong';
    } catch {
      // No duration limit covers that date (before the law's records start).
      errors.firstDueOn = 'plans.error.noLimit';
    }
  }
  if (!kind.success || Object.keys(errors).length > 0) return { ok: false, errors };
  const scenarioId = values.scenarioId.trim();
  return {
    ok: true,
    value: {
      kind: kind.data,
      firstDueOn,
      steps,
      ...(reference ? { reference } : {}),
      ...(scenarioId ? { scenarioId } : {}),
    },
  };
}
