/**
 * Administration › Conservation des dossiers (docs/household-rights.md RIGHT8, RIGHT10, RIGHT12):
 * the association's retention period, read and changed by an admin, and the latest anonymisation
 * runs. The years typed are checked with the schema the server applies (1 to 30, whole).
 */
import { type ReadonlySignal, signal } from '@preact/signals';
import {
  type AnonymisationRun,
  RetentionSettingSchema,
  type RetentionView,
} from '../domain/rights/rights-protocol';
import type { AuthorizedTransport } from '../sync/authorized-fetch';
import { createRightsApi, type RightsApi } from '../sync/rights-api';
import { type NetworkFailure, networkFailureOf } from './network-report-model';

export function createRetentionModel(api: RightsApi | undefined, isOnline: ReadonlySignal<boolean>) {
  const saved = signal<RetentionView | null>(null);
  const years = signal('');
  const yearsError = signal(false);
  const runs = signal<AnonymisationRun[]>([]);
  const loadFailed = signal(false);
  const failure = signal<NetworkFailure | null>(null);
  const pending = signal(false);
  const done = signal(false);

  async function load(): Promise<void> {
    if (api === undefined || !isOnline.value) return;
    pending.value = true;
    try {
      const [view, latest] = await Promise.all([api.retention(), api.anonymisationRuns()]);
      saved.value = view;
      years.value = String(view.years);
      runs.value = latest;
      loadFailed.value = false;
    } catch {
      loadFailed.value = true;
    } finally {
      pending.value = false;
    }
  }

  async function save(): Promise<boolean> {
    done.value = false;
    const text = years.value.trim();
    const parsed = RetentionSettingSchema.safeParse({
      years: /^\d+$/.test(text) ? Number(text) : Number.NaN,
    });
    yearsError.value = !parsed.success;
    if (!parsed.success || api === undefined) return false;
    if (!isOnline.value) {
      failure.value = 'offline';
      return false;
    }
    pending.value = true;
    try {
      saved.value = await api.saveRetention(parsed.data.years);
      years.value = String(saved.value.years);
      failure.value = null;
      done.value = true;
      return true;
    } catch (caught) {
      failure.value = networkFailureOf(caught);
      return false;
    } finally {
      pending.value = false;
    }
  }

  return {
    saved: saved as ReadonlySignal<RetentionView | null>,
    years: years as ReadonlySignal<string>,
    yearsError: yearsError as ReadonlySignal<boolean>,
    runs: runs as ReadonlySignal<AnonymisationRun[]>,
    loadFailed: loadFailed as ReadonlySignal<boolean>,
    failure: failure as ReadonlySignal<NetworkFailure | null>,
    pending: pending as ReadonlySignal<boolean>,
    done: done as ReadonlySignal<boolean>,
    load,
    save,
    setYears(text: string): void {
      years.value = text;
      yearsError.value = false;
      done.value = false;
    },
  };
}

export type RetentionModel = ReturnType<typeof createRetentionModel>;

const models = new WeakMap<object, RetentionModel>();

/** The app's one model of this section, made on first use (with the Administration chunk). */
export function retentionModelFor(state: {
  adminDeps: { transport: AuthorizedTransport | undefined; isOnline: ReadonlySignal<boolean> };
}): RetentionModel {
  let model = models.get(state);
  if (model === undefined) {
    const { transport, isOnline } = state.adminDeps;
    model = createRetentionModel(transport === undefined ? undefined : createRightsApi(transport), isOnline);
    models.set(state, model);
  }
  return model;
}
