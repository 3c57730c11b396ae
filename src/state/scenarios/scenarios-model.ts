/**
 * The Scenarios screen's state: the parameters form (typed text, autosaved as a draft), the
 * comparison run in the simulation worker each time the parameters or the dossier change, and
 * saving a scenario to the dossier. Only the newest request counts: a superseded one resolves
 * as 'cancelled' and is ignored, and a result is shown only for the parameters it was run with.
 */
import { computed, effect, signal } from '@preact/signals';
import type { Comparison } from '../../domain/rescheduling/compare-scenarios';
import type { CompareInput } from '../../domain/rescheduling/scenario-input';
import type { CompareResult } from '../../worker/simulation-client';
import type { DraftRegistry } from '../drafts';
import { createFormModel, type FieldErrors } from '../form-model';
import type { DossierModel } from '../workspace/dossier-model';
import { describeWriteError } from '../workspace/workspace-model';
import {
  buildCompareInput,
  diagnosisCapacity,
  initialParamValues,
  inputKey,
  type ParamErrors,
  type ParamField,
  type ScenarioParams,
  validateParams,
} from './compare-input';
import { savedScenarioFields } from './comparison-view';

export interface ScenariosModelDeps {
  model: DossierModel;
  drafts: DraftRegistry;
  today: string;
  simulation: () => { compare(input: CompareInput): Promise<CompareResult> };
  /** Wall clock, Unix ms (the saved-at stamp). */
  now?: () => number;
}

export interface ShownComparison {
  readonly key: string;
  readonly input: CompareInput;
  readonly comparison: Comparison;
}

export type RunStatus = { kind: 'idle' } | { kind: 'running' } | { kind: 'failed'; reason: string };

type SaveField = 'which' | 'name' | 'chosen';
interface SaveValue {
  index: number;
  name: string;
  isChosen: boolean;
}

export function createScenariosModel(deps: ScenariosModelDeps) {
  const { model } = deps;
  const now = deps.now ?? (() => Date.now());
  const capacity = computed(() => diagnosisCapacity(model.diagnosis.value));
  const result = signal<ShownComparison | null>(null);
  const status = signal<RunStatus>({ kind: 'idle' });
  let requestedKey: string | null = null;

  const params = createFormModel<ParamField, ScenarioParams>({
    formId: `scenarios:params:${model.householdId}`,
    drafts: deps.drafts,
    initial: initialParamValues(deps.today as ScenarioParams['startDate']),
    validate: (values) => {
      const checked = validateParams(values, capacity.value);
      return checked.ok ? checked : { ok: false, errors: checked.errors as FieldErrors<ParamField> };
    },
    // "Compare" forces a new run of the current parameters (e.g. after a failure).
    save: async () => {
      requestedKey = null;
      await compare();
    },
  });

  /** The input of the current parameters, or null while they are not valid. */
  const current = computed(() => {
    const dossier = model.dossier.value;
    if (!dossier) return null;
    const checked = validateParams(params.values.value, capacity.value);
    if (!checked.ok) return null;
    const input = buildCompareInput(dossier, checked.value, capacity.value);
    if (input.debts.length === 0) return null;
    return { input, key: inputKey(input) };
  });

  const hasDebts = computed(() => (model.dossier.value?.debts.filter((d) => !d.deleted).length ?? 0) > 0);

  /** The comparison to show: only the one computed for the current parameters. */
  const shown = computed(() => {
    const r = result.value;
    const c = current.value;
    return r && c && r.key === c.key ? r : null;
  });

  async function compare(): Promise<void> {
    const target = current.value;
    if (!target) return;
    if (result.value?.key === target.key || requestedKey === target.key) return;
    requestedKey = target.key;
    status.value = { kind: 'running' };
    let response: CompareResult;
    try {
      response = await deps.simulation().compare(target.input);
    } catch (cause) {
      response = { status: 'error', error: 'client', message: String(cause) };
    }
    // A newer request superseded this one, or the parameters moved on: never show it.
    if (response.status === 'cancelled' || requestedKey !== target.key) return;
    if (response.status === 'done') {
      result.value = { key: target.key, input: target.input, comparison: response.comparison };
      status.value = { kind: 'idle' };
    } else {
      requestedKey = null;
      status.value = {
        kind: 'failed',
        reason:
          response.status === 'invalid'
            ? response.problems.map((p) => `${p.path} ${p.message}`.trim()).join('; ')
            : response.message,
      };
    }
  }

  /** Follows the parameters and the dossier: each valid change reruns the comparison. */
  function start(): () => void {
    void params.load();
    void saveForm.load();
    return effect(() => {
      // Read the input here (the effect follows it); run outside the effect's tracking.
      if (current.value) queueMicrotask(() => void compare());
    });
  }

  const saveForm = createFormModel<SaveField, SaveValue>({
    formId: `scenarios:save:${model.householdId}`,
    drafts: deps.drafts,
    // Marking a scenario as the one kept for the dossier is a decision: never ticked for the person.
    initial: { which: '0', name: '', chosen: '' },
    validate: (values) => {
      const errors: FieldErrors<SaveField> = {};
      const index = Number(values.which);
      const outcomes = shown.value?.comparison.outcomes.length ?? 0;
      if (!/^\d+$/.test(values.which) || index >= outcomes) errors.which = 'error.required';
      if (values.name.trim().length > 200) errors.name = 'error.tooLong';
      if (Object.keys(errors).length > 0) return { ok: false, errors };
      return { ok: true, value: { index, name: values.name.trim(), isChosen: values.chosen === '1' } };
    },
    save: async (value) => {
      const target = shown.value;
      if (!target) throw new Error('no comparison');
      const fields = savedScenarioFields({
        input: target.input,
        comparison: target.comparison,
        index: value.index,
        name: value.name || defaultName(value.index),
        isChosen: value.isChosen,
        savedAt: now(),
      });
      const row = await model.addRow('scenario', fields);
      lastSavedName.value = fields.name;
      if (value.isChosen) await unchooseOthers(row.id);
    },
    describeError: describeWriteError,
  });
  const lastSavedName = signal('');
  let defaultName: (index: number) => string = (index) => String(index + 1);

  async function unchooseOthers(keepId: string): Promise<void> {
    const rows = model.dossier.value?.scenarios ?? [];
    for (const row of rows) {
      if (row.id !== keepId && row.isChosen && !row.deleted)
        await model.updateRow('scenario', row.id, { isChosen: false });
    }
  }

  /** Error key of the last failed action on a saved scenario. */
  const savedError = signal<string | null>(null);

  async function choose(id: string): Promise<void> {
    savedError.value = null;
    try {
      await model.updateRow('scenario', id, { isChosen: true });
      await unchooseOthers(id);
    } catch (cause) {
      savedError.value = describeWriteError(cause);
    }
  }

  async function remove(id: string): Promise<void> {
    savedError.value = null;
    try {
      await model.removeRow('scenario', id);
    } catch (cause) {
      savedError.value = describeWriteError(cause);
    }
  }

  return {
    capacity,
    params,
    /**
     * Errors shown next to the fields, live: every change reruns the comparison, so the person
     * sees at once why nothing is shown.
     */
    paramErrors: computed((): ParamErrors => {
      const checked = validateParams(params.values.value, capacity.value);
      return checked.ok ? {} : checked.errors;
    }),
    hasDebts,
    current,
    shown,
    status,
    start,
    saveForm,
    lastSavedName,
    /** How a scenario without a typed name is called (the screen's words, in its language). */
    setDefaultName(name: (index: number) => string) {
      defaultName = name;
    },
    savedError,
    choose,
    remove,
  };
}

export type ScenariosModel = ReturnType<typeof createScenariosModel>;
