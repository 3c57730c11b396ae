/**
 * One user's devices on the Administration screen (WIPE3, WIPE5, docs/remote-wipe.md): their last
 * contact and state, and the admin's orders: declare one lost (it erases itself without sending
 * anything), withdraw its access (it sends what it holds, then erases itself), or cancel an order
 * it has not carried out. Online only, like the rest of the screen.
 */
import { computed, type ReadonlySignal, signal } from '@preact/signals';
import type { AdminDevice, WipeMode } from '../domain/security/device-wipe';
import type { Role } from '../domain/sync/protocol';
import { AdminApi, type AdminApiOptions, AdminError } from '../sync/admin-api';
import type { AdminFailure } from './admin-model';

export type { AdminDevice, WipeMode };

/** What the screen says of a device. */
export type DeviceState = 'active' | 'lost-waiting' | 'withdrawn-waiting' | 'lost-done' | 'withdrawn-done';

export function deviceState(device: AdminDevice): DeviceState {
  if (device.wipe === null) return 'active';
  return `${device.wipe.mode}-${device.wipe.confirmedAt === null ? 'waiting' : 'done'}`;
}

export function createUserDevicesModel(
  transport: AdminApiOptions | undefined,
  isOnline: ReadonlySignal<boolean>,
  role: ReadonlySignal<Role | null>,
  userId: string,
) {
  const api = transport === undefined ? undefined : new AdminApi(transport);
  const devices = signal<AdminDevice[] | null>(null);
  /** The device an order is being sent for ('' while the list loads), null when idle. */
  const pending = signal<string | null>(null);
  const failure = signal<{ target: string; kind: AdminFailure } | null>(null);

  async function run<T>(target: string, work: (a: AdminApi) => Promise<T>): Promise<T | undefined> {
    if (role.value !== 'admin') {
      failure.value = { target, kind: 'not-admin' };
      return undefined;
    }
    if (api === undefined || !isOnline.value) {
      failure.value = { target, kind: 'offline' };
      return undefined;
    }
    pending.value = target;
    failure.value = null;
    try {
      return await work(api);
    } catch (error) {
      failure.value = { target, kind: error instanceof AdminError ? error.kind : 'server' };
      return undefined;
    } finally {
      pending.value = null;
    }
  }

  function put(device: AdminDevice): void {
    devices.value = (devices.value ?? []).map((d) => (d.deviceId === device.deviceId ? device : d));
  }

  return {
    devices: devices as ReadonlySignal<AdminDevice[] | null>,
    pending: pending as ReadonlySignal<string | null>,
    failure: failure as ReadonlySignal<{ target: string; kind: AdminFailure } | null>,
    loading: computed(() => pending.value === ''),
    async load(): Promise<void> {
      const list = await run('', (a) => a.listDevices(userId));
      if (list !== undefined) devices.value = list;
    },
    /** Orders the device to erase itself; true once the server has the order. */
    async order(deviceId: string, mode: WipeMode): Promise<boolean> {
      const device = await run(deviceId, (a) => a.orderWipe(deviceId, mode));
      if (device !== undefined) put(device);
      return device !== undefined;
    },
    async cancel(deviceId: string): Promise<boolean> {
      const device = await run(deviceId, (a) => a.cancelWipe(deviceId));
      if (device !== undefined) put(device);
      return device !== undefined;
    },
    clearFailure(): void {
      failure.value = null;
    },
  };
}

export type UserDevicesModel = ReturnType<typeof createUserDevicesModel>;
