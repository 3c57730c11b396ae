/**
 * Scenario 34 as the screens see it: `lost` is set when, at start, the dossier database of this
 * device turned out to be gone (src/db/device-record.ts); the notice reads it and `acknowledge`
 * closes it. Without a keeper (tests of other screens) the model stays empty.
 */
import { signal } from '@preact/signals';
import type { DeviceRecordKeeper } from '../db/device-record';

export interface LostDeviceView {
  deviceId: string;
  /** Last successful sync of the lost device, Unix ms (null: never synced). */
  lastSyncAt: number | null;
  /** Changes that were waiting at the last check, and since when. */
  pendingCount: number;
  oldestPendingAt: number | null;
  userDisplayName: string | null;
}

export type DeviceLossKeeper = Pick<DeviceRecordKeeper, 'detectLoss' | 'acknowledge'>;

export function createDeviceLossModel(keeper: DeviceLossKeeper | undefined) {
  const lost = signal<LostDeviceView | null>(null);

  /** Must run before anything writes to the dossier database (app-state start). */
  async function start(): Promise<void> {
    const found = await keeper?.detectLoss();
    if (found === undefined) return;
    const { deviceId, lastSyncAt, pendingCount, oldestPendingAt, userDisplayName } = found.previous;
    lost.value = { deviceId, lastSyncAt, pendingCount, oldestPendingAt, userDisplayName };
  }

  async function acknowledge(): Promise<void> {
    await keeper?.acknowledge();
    lost.value = null;
  }

  return { lost, start, acknowledge };
}

export type DeviceLossModel = ReturnType<typeof createDeviceLossModel>;
