/**
 * The Scenarios screen's view-model logic: the parameters a counsellor adjusts (typed values),
 * the form that turns typed text into them, and the CompareInput built from the dossier's
 * debts and creditors. Pure functions: the screen calls them, the tests check them.
 */
import { type IsoDate, IsoDateSchema } from '../../domain/dates';
import type { Dossier } from '../../domain/dossier/dossier';
import type { AllocationPolicyName } from '../../domain/rescheduling/allocation-policy';
import type { CapacityPlan } from '../../domain/rescheduling/capacity-plan';
import {
  dossierSimulationDebts,
  MAX_SIMULATION_RATE_BPS,
} from '../../domain/rescheduling/dossier-simulation-debts';
import type { CompareInput, ScenarioContext, ScenarioSpec } from '../../domain/rescheduling/scenario-input';
import { parseEurosToCents, parsePercentToBps } from '../../domain/user-input';
import type { DiagnosisState } from '../workspace/diagnosis-state';

/** The scenarios a counsellor can tick (at most six at once, which is all of them). */
export const SCENARIO_CHOICES = [
  'as-today',
  'amicable',
  'banque-de-france',
  'avalanche',
  'snowball',
  'pro-rata',
] as const;
export type ScenarioChoice = (typeof SCENARIO_CHOICES)[number];

export const BDF_POLICIES: readonly AllocationPolicyName[] = [
  'landlord-first-pro-rata',
  'priority-classes',
  'pro-rata',
  'avalanche',
  'snowball',
];

/** The parameters of a comparison, typed (cents, bps, months). */
export interface ScenarioParams {
  readonly startDate: IsoDate;
  /** Typed by hand; null: the live diagnosis capacity. */
  readonly capacityOverrideCents: number | null;
  readonly steps: readonly { readonly fromMonth: number; readonly monthlyCents: number }[];
  readonly moratoriumMonths: number;
  /** Longest run of the payoff strategies, months. */
  readonly maxDurationMonths: number;
  readonly monthsUsedByEarlierPlans: number;
  readonly bdfRate: 'zero' | 'legal';
  readonly bdfPolicy: AllocationPolicyName;
  readonly amicableMaxTermMonths: number;
  readonly amicableMinimumInstalmentCents: number;
  /** Highest rate proposed in the amicable plan; null: each contract rate is kept. */
  readonly amicableMaxRateBps: number | null;
  readonly incomeMayRecover: boolean;
  readonly scenarios: readonly ScenarioChoice[];
}

/** The form's fields, as typed. Checkboxes are '1' (ticked) or '' (not ticked). */
export const PARAM_FIELDS = [
  'startDate',
  'capacity',
  'step1Month',
  'step1Amount',
  'step2Month',
  'step2Amount',
  'moratoriumMonths',
  'maxDurationMonths',
  'monthsUsedByEarlierPlans',
  'bdfRate',
  'bdfPolicy',
  'amicableMaxTerm',
  'amicableMinInstalment',
  'amicableMaxRate',
  'incomeMayRecover',
  ...SCENARIO_CHOICES.map((c) => `use:${c}` as const),
] as const;
export type ParamField = (typeof PARAM_FIELDS)[number];

/** The capacity the plan can use, from the live diagnosis; or why there is none. */
export type DiagnosisCapacity =
  | { kind: 'ok'; monthlyCents: number }
  | { kind: 'incomplete' | 'missing-parameter' | 'error'; detail: string };

export function diagnosisCapacity(state: DiagnosisState | null): DiagnosisCapacity {
  if (!state) return { kind: 'error', detail: '' };
  switch (state.kind) {
    case 'ok':
      return { kind: 'ok', monthlyCents: state.diagnosis.capacity.capacityMonthlyCents };
    case 'incomplete':
      return { kind: 'incomplete', detail: state.issues.map((i) => i.path).join(', ') };
    case 'missing-parameter':
      return { kind: 'missing-parameter', detail: state.parameter };
    case 'error':
      return { kind: 'error', detail: state.message };
  }
}

/** First day of the month after `today`: plans start on a month boundary. */
export function defaultStartDate(today: IsoDate): IsoDate {
  const [y, m] = today.split('-').map(Number);
  const year = (y ?? 1970) + ((m ?? 1) === 12 ? 1 : 0);
  const month = ((m ?? 1) % 12) + 1;
  return `${year}-${String(month).padStart(2, '0')}-01` as IsoDate;
}

/** The form's starting text (before any draft). */
export function initialParamValues(today: IsoDate): Record<ParamField, string> {
  return {
    startDate: defaultStartDate(today),
    capacity: '',
    step1Month: '',
    step1Amount: '',
    step2Month: '',
    step2Amount: '',
    moratoriumMonths: '0',
    maxDurationMonths: '84',
    monthsUsedByEarlierPlans: '0',
    bdfRate: 'zero',
    bdfPolicy: 'landlord-first-pro-rata',
    amicableMaxTerm: '84',
    amicableMinInstalment: '1,00',
    amicableMaxRate: '',
    incomeMayRecover: '',
    'use:as-today': '1',
    'use:amicable': '1',
    'use:banque-de-france': '1',
    'use:avalanche': '',
    'use:snowball': '',
    'use:pro-rata': '',
  };
}

export type ParamErrors = Partial<Record<ParamField | 'scenarios', string>>;
export type ParamValidation = { ok: true; value: ScenarioParams } | { ok: false; errors: ParamErrors };

function parseMonths(text: string, min: number, max: number): number | 'required' | 'invalid' {
  const trimmed = text.trim();
  if (trimmed === '') return 'required';
  if (!/^\d{1,3}$/.test(trimmed)) return 'invalid';
  const value = Number(trimmed);
  return value < min || value > max ? 'invalid' : value;
}

/**
 * Turns the typed text into parameters, with an error code per field (i18n keys).
 * @param values - the form's text
 * @param capacity - the live diagnosis capacity (a typed one is required when there is none)
 */
export function validateParams(
  values: Record<ParamField, string>,
  capacity: DiagnosisCapacity,
): ParamValidation {
  const errors: ParamErrors = {};
  const months = (field: ParamField, min: number, max: number): number => {
    const parsed = parseMonths(values[field], min, max);
    if (parsed === 'required') errors[field] = 'error.required';
    else if (parsed === 'invalid') errors[field] = 'scenarios.error.months';
    return typeof parsed === 'number' ? parsed : 0;
  };
  const amount = (field: ParamField): number => {
    const parsed = parseEurosToCents(values[field], 100_000_000_000);
    if (!parsed.ok) errors[field] = `error.amount.${parsed.error}`;
    return parsed.ok ? parsed.value : 0;
  };

  const startDate = values.startDate.trim();
  if (!IsoDateSchema.safeParse(startDate).success) errors.startDate = 'error.date.invalid';

  let capacityOverrideCents: number | null = null;
  if (values.capacity.trim() !== '') capacityOverrideCents = amount('capacity');
  else if (capacity.kind !== 'ok') errors.capacity = 'scenarios.error.capacityRequired';

  const steps: { fromMonth: number; monthlyCents: number }[] = [];
  for (const [monthField, amountField] of [
    ['step1Month', 'step1Amount'],
    ['step2Month', 'step2Amount'],
  ] as const) {
    const hasMonth = values[monthField].trim() !== '';
    const hasAmount = values[amountField].trim() !== '';
    if (!hasMonth && !hasAmount) continue;
    const fromMonth = months(monthField, 2, 600);
    const monthlyCents = amount(amountField);
    steps.push({ fromMonth, monthlyCents });
  }

  const moratoriumMonths = months('moratoriumMonths', 0, 24);
  const maxDurationMonths = months('maxDurationMonths', 1, 600);
  const monthsUsedByEarlierPlans = months('monthsUsedByEarlierPlans', 0, 600);
  const amicableMaxTermMonths = months('amicableMaxTerm', 1, 600);
  const amicableMinimumInstalmentCents = amount('amicableMinInstalment');
  let amicableMaxRateBps: number | null = null;
  if (values.amicableMaxRate.trim() !== '') {
    const parsed = parsePercentToBps(values.amicableMaxRate, 10_000);
    if (parsed.ok) amicableMaxRateBps = parsed.value;
    else errors.amicableMaxRate = 'error.rate.invalid';
  }
  const bdfRate = values.bdfRate === 'legal' ? 'legal' : 'zero';
  const bdfPolicy = (BDF_POLICIES as readonly string[]).includes(values.bdfPolicy)
    ? (values.bdfPolicy as AllocationPolicyName)
    : 'landlord-first-pro-rata';
  const scenarios = SCENARIO_CHOICES.filter((c) => values[`use:${c}`] === '1');
  if (scenarios.length === 0) errors.scenarios = 'scenarios.error.noneChosen';

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      startDate: startDate as IsoDate,
      capacityOverrideCents,
      steps,
      moratoriumMonths,
      maxDurationMonths,
      monthsUsedByEarlierPlans,
      bdfRate,
      bdfPolicy,
      amicableMaxTermMonths,
      amicableMinimumInstalmentCents,
      amicableMaxRateBps,
      incomeMayRecover: values.incomeMayRecover === '1',
      scenarios,
    },
  };
}

/** The capacity plan: typed capacity or the diagnosis one, and the steps. */
export function capacityPlan(params: ScenarioParams, capacity: DiagnosisCapacity): CapacityPlan {
  const monthlyCents = params.capacityOverrideCents ?? (capacity.kind === 'ok' ? capacity.monthlyCents : 0);
  return { monthlyCents, ...(params.steps.length > 0 ? { steps: params.steps.map((s) => ({ ...s })) } : {}) };
}

/** The engine's scenario for one choice. */
export function scenarioSpec(choice: ScenarioChoice, params: ScenarioParams): ScenarioSpec {
  switch (choice) {
    case 'as-today':
      return { kind: 'as-today' };
    case 'amicable':
      return {
        kind: 'amicable',
        maxTermMonths: params.amicableMaxTermMonths,
        minimumInstalmentCents: params.amicableMinimumInstalmentCents,
        ...(params.amicableMaxRateBps !== null ? { maxRateBps: params.amicableMaxRateBps } : {}),
      };
    case 'banque-de-france':
      return {
        kind: 'banque-de-france',
        decisionDate: params.startDate,
        monthsUsedByEarlierPlans: params.monthsUsedByEarlierPlans,
        // "Legal rate": the engine caps each debt at the legal rate of its creditor type.
        rateBps: params.bdfRate === 'legal' ? MAX_SIMULATION_RATE_BPS : 0,
        moratoriumMonths: params.moratoriumMonths,
        policy: { name: params.bdfPolicy },
      };
    case 'avalanche':
    case 'snowball':
    case 'pro-rata':
      return {
        kind: 'payoff',
        strategy: choice,
        horizonMonths: params.maxDurationMonths,
        minimumInstalmentCents: params.amicableMinimumInstalmentCents,
      };
  }
}

/** The choice a spec came from (for labels). */
export function choiceOf(spec: ScenarioSpec): ScenarioChoice {
  return spec.kind === 'payoff' ? spec.strategy : spec.kind;
}

/** The scenario context (debts, capacity, start date). */
export function scenarioContext(
  dossier: Dossier,
  params: ScenarioParams,
  capacity: DiagnosisCapacity,
): ScenarioContext {
  return {
    startDate: params.startDate,
    capacity: capacityPlan(params, capacity),
    debts: dossierSimulationDebts(dossier),
    ...(params.incomeMayRecover ? { incomeMayRecover: true } : {}),
  };
}

/**
 * What the Scenarios screen sends to the simulation worker.
 * @example buildCompareInput(dossier, params, { kind: 'ok', monthlyCents: 33_838 }).scenarios.length // 3
 */
export function buildCompareInput(
  dossier: Dossier,
  params: ScenarioParams,
  capacity: DiagnosisCapacity,
): CompareInput {
  return {
    ...scenarioContext(dossier, params, capacity),
    scenarios: params.scenarios.map((choice) => scenarioSpec(choice, params)),
    withSchedules: true,
  };
}

/** A stable key of an input: a result is shown only for the input it was computed from. */
export function inputKey(input: CompareInput): string {
  return JSON.stringify(input);
}
