/**
 * Droits de la personne on a dossier (docs/household-rights.md RIGHT1–RIGHT7): the export, and
 * the erasure with its ground and typed confirmation, for coordinators and admins, online. The
 * confirmation is checked here as the server checks it (`erasureConfirmationOf`), so a typo shows
 * next to the field before anything is sent.
 */
import { type ReadonlySignal, signal } from '@preact/signals';
import {
  type ErasureGround,
  type ErasureResult,
  erasureConfirmationOf,
} from '../domain/rights/rights-protocol';
import type { AuthorizedTransport } from '../sync/authorized-fetch';
import { createRightsApi, ErasureRefusedError, type RightsApi } from '../sync/rights-api';
import { downloadBlob } from './download';
import { type NetworkFailure, networkFailureOf } from './network-report-model';

export type RightsFailure = NetworkFailure | 'bdf-procedure-ongoing' | 'merged-household';

export interface HouseholdRightsDeps {
  api: RightsApi | undefined;
  isOnline: ReadonlySignal<boolean>;
  /** Hands the export to the browser (a test passes a recorder). */
  download?: (blob: Blob, fileName: string) => void;
}

export function createHouseholdRightsModel(
  deps: HouseholdRightsDeps,
  household: { id: string; reference?: string | undefined },
) {
  const expected = erasureConfirmationOf(household);
  const ground = signal<ErasureGround | ''>('');
  const confirmation = signal('');
  const confirmationError = signal(false);
  const groundError = signal(false);
  const exporting = signal(false);
  const exported = signal(false);
  const erasing = signal(false);
  const erased = signal<ErasureResult | null>(null);
  const failure = signal<RightsFailure | null>(null);

  async function exportAll(): Promise<void> {
    exported.value = false;
    if (deps.api === undefined || !deps.isOnline.value) {
      failure.value = 'offline';
      return;
    }
    exporting.value = true;
    try {
      const file = await deps.api.exportHousehold(household.id);
      (deps.download ?? downloadBlob)(file.blob, file.fileName);
      failure.value = null;
      exported.value = true;
    } catch (caught) {
      failure.value = networkFailureOf(caught);
    } finally {
      exporting.value = false;
    }
  }

  /** Returns whether the household was erased; on a refusal of a field, that field's error is set. */
  async function erase(): Promise<boolean> {
    groundError.value = ground.value === '';
    confirmationError.value = confirmation.value.trim() !== expected;
    if (groundError.value || confirmationError.value || ground.value === '') return false;
    if (deps.api === undefined || !deps.isOnline.value) {
      failure.value = 'offline';
      return false;
    }
    erasing.value = true;
    try {
      erased.value = await deps.api.eraseHousehold(household.id, {
        ground: ground.value,
        confirmation: confirmation.value.trim(),
      });
      failure.value = null;
      return true;
    } catch (caught) {
      failure.value = caught instanceof ErasureRefusedError ? caught.reason : networkFailureOf(caught);
      return false;
    } finally {
      erasing.value = false;
    }
  }

  return {
    /** What the coordinator must type to confirm. */
    expected,
    ground: ground as ReadonlySignal<ErasureGround | ''>,
    confirmation: confirmation as ReadonlySignal<string>,
    groundError: groundError as ReadonlySignal<boolean>,
    confirmationError: confirmationError as ReadonlySignal<boolean>,
    exporting: exporting as ReadonlySignal<boolean>,
    exported: exported as ReadonlySignal<boolean>,
    erasing: erasing as ReadonlySignal<boolean>,
    erased: erased as ReadonlySignal<ErasureResult | null>,
    failure: failure as ReadonlySignal<RightsFailure | null>,
    exportAll,
    erase,
    setGround(value: ErasureGround | ''): void {
      ground.value = value;
      groundError.value = false;
    },
    setConfirmation(text: string): void {
      confirmation.value = text;
      confirmationError.value = false;
    },
  };
}

export type HouseholdRightsModel = ReturnType<typeof createHouseholdRightsModel>;

/** The model of one dossier's section, over the app's authorized transport. */
export function householdRightsModelFor(
  state: {
    coordinationDeps: { transport: AuthorizedTransport | undefined; isOnline: ReadonlySignal<boolean> };
  },
  household: { id: string; reference?: string | undefined },
): HouseholdRightsModel {
  const { transport, isOnline } = state.coordinationDeps;
  return createHouseholdRightsModel(
    { api: transport === undefined ? undefined : createRightsApi(transport), isOnline },
    household,
  );
}
