/**
 * Administration › Plans : seuils (issue 15, PLAN5): the association's thresholds of plan
 * monitoring, read and changed by an admin (GET/PUT /api/admin/plan-thresholds). What is typed
 * is checked with the domain's own schema (PlanThresholdsSchema, the one the server applies), so
 * a refusal shows next to its field, with the allowed range, before anything is sent.
 */
import { type ReadonlySignal, signal } from '@preact/signals';
import { type PlanThresholds, PlanThresholdsSchema } from '../domain/plans/plan-monitoring';
import type { AuthorizedTransport } from '../sync/authorized-fetch';
import { createNetworkApi, type NetworkApi, NetworkError } from '../sync/network-api';
import { type NetworkFailure, networkFailureOf } from './network-report-model';

export type ThresholdField = keyof PlanThresholds;

/** The fields, in the form's order. */
export const THRESHOLD_FIELDS: readonly ThresholdField[] = [
  'graceDays',
  'lateAfterMissed',
  'failingAfterMissed',
  'reviewEveryMonths',
  'endingSoonMonths',
];

/** What the schema allows for each field (read from it, so the message says the schema's range). */
export function thresholdRange(field: ThresholdField): { min: number; max: number } {
  const shape = PlanThresholdsSchema.shape[field];
  return { min: shape.minValue ?? 0, max: shape.maxValue ?? Number.MAX_SAFE_INTEGER };
}

/**
 * Why a field is refused: `required`, `whole` (not a whole number), `range`, `belowLate` (failing
 * before late: the server refuses it too), or `server` (the server refused it).
 */
export type ThresholdError = 'required' | 'whole' | 'range' | 'belowLate' | 'server';

export type ThresholdValues = Readonly<Record<ThresholdField, string>>;

export function readThresholds(
  values: ThresholdValues,
):
  | { ok: true; thresholds: PlanThresholds }
  | { ok: false; errors: Partial<Record<ThresholdField, ThresholdError>> } {
  const errors: Partial<Record<ThresholdField, ThresholdError>> = {};
  const out: Partial<Record<ThresholdField, number>> = {};
  for (const field of THRESHOLD_FIELDS) {
    const text = values[field].trim();
    if (text === '') errors[field] = 'required';
    else if (!/^\d+$/.test(text)) errors[field] = 'whole';
    else {
      const value = Number(text);
      const { min, max } = thresholdRange(field);
      if (value < min || value > max) errors[field] = 'range';
      else out[field] = value;
    }
  }
  // A plan cannot fail before it is late (the server's rule on PUT).
  if (out.failingAfterMissed !== undefined && out.lateAfterMissed !== undefined)
    if (out.failingAfterMissed < out.lateAfterMissed) errors.failingAfterMissed = 'belowLate';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const parsed = PlanThresholdsSchema.safeParse(out);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors[issue.path[0] as ThresholdField] = 'range';
    return { ok: false, errors };
  }
  return { ok: true, thresholds: parsed.data };
}

function asValues(thresholds: PlanThresholds): ThresholdValues {
  return Object.fromEntries(THRESHOLD_FIELDS.map((f) => [f, String(thresholds[f])])) as ThresholdValues;
}

const EMPTY: ThresholdValues = Object.fromEntries(THRESHOLD_FIELDS.map((f) => [f, ''])) as ThresholdValues;

export function createPlanThresholdsModel(api: NetworkApi | undefined, isOnline: ReadonlySignal<boolean>) {
  const saved = signal<PlanThresholds | null>(null);
  const values = signal<ThresholdValues>(EMPTY);
  const errors = signal<Partial<Record<ThresholdField, ThresholdError>>>({});
  const failure = signal<NetworkFailure | null>(null);
  /** The thresholds could not be read (the page's own notice says why when it is the network). */
  const loadFailed = signal(false);
  const pending = signal(false);
  const done = signal(false);

  async function load(): Promise<void> {
    if (api === undefined || !isOnline.value) return;
    pending.value = true;
    try {
      const thresholds = await api.planThresholds();
      saved.value = thresholds;
      values.value = asValues(thresholds);
      errors.value = {};
      loadFailed.value = false;
    } catch {
      loadFailed.value = true;
    } finally {
      pending.value = false;
    }
  }

  async function save(): Promise<boolean> {
    done.value = false;
    const read = readThresholds(values.value);
    if (!read.ok) {
      errors.value = read.errors;
      return false;
    }
    errors.value = {};
    if (api === undefined) return false;
    if (!isOnline.value) {
      failure.value = 'offline';
      return false;
    }
    pending.value = true;
    try {
      const thresholds = await api.savePlanThresholds(read.thresholds);
      saved.value = thresholds;
      values.value = asValues(thresholds);
      failure.value = null;
      done.value = true;
      return true;
    } catch (caught) {
      failure.value = networkFailureOf(caught);
      // The server's refusal names its fields: each shows next to its own.
      if (caught instanceof NetworkError && caught.kind === 'invalid') {
        const named: Partial<Record<ThresholdField, ThresholdError>> = {};
        for (const field of caught.fields)
          if ((THRESHOLD_FIELDS as readonly string[]).includes(field))
            named[field as ThresholdField] = 'server';
        errors.value = named;
      }
      return false;
    } finally {
      pending.value = false;
    }
  }

  return {
    saved: saved as ReadonlySignal<PlanThresholds | null>,
    values: values as ReadonlySignal<ThresholdValues>,
    errors: errors as ReadonlySignal<Partial<Record<ThresholdField, ThresholdError>>>,
    /** Why the last save failed, or null. */
    failure: failure as ReadonlySignal<NetworkFailure | null>,
    loadFailed: loadFailed as ReadonlySignal<boolean>,
    pending: pending as ReadonlySignal<boolean>,
    done: done as ReadonlySignal<boolean>,
    load,
    save,
    setValue(field: ThresholdField, text: string): void {
      values.value = { ...values.value, [field]: text };
      done.value = false;
      if (errors.value[field] !== undefined) errors.value = { ...errors.value, [field]: undefined };
    },
  };
}

export type PlanThresholdsModel = ReturnType<typeof createPlanThresholdsModel>;

const models = new WeakMap<object, PlanThresholdsModel>();

/** The app's one model of this section, made on first use (it comes with the Administration chunk). */
export function planThresholdsModelFor(state: {
  adminDeps: { transport: AuthorizedTransport | undefined; isOnline: ReadonlySignal<boolean> };
}): PlanThresholdsModel {
  let model = models.get(state);
  if (model === undefined) {
    const { transport, isOnline } = state.adminDeps;
    model = createPlanThresholdsModel(
      transport === undefined ? undefined : createNetworkApi(transport),
      isOnline,
    );
    models.set(state, model);
  }
  return model;
}
