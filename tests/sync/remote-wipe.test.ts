// @vitest-environment node
/**
 * Remote wipe on the device (docs/remote-wipe.md WIPE10, WIPE11), end to end with the real sync
 * client and sync service, the real Fastify app (both stores) and fake-indexeddb: a lost device
 * erases everything without pushing and reports what was pending; a withdrawn one pushes first.
 */
import { describe, expect, it } from 'vitest';
import { DEVICE_RECORD_KEY, DeviceRecordKeeper } from '../../src/db/device-record';
import { createSettingsStore, type SettingsStore } from '../../src/db/settings-store';
import { SYNC_META } from '../../src/db/sync-apply/meta';
import { createWipeReportStore, WIPE_REPORT_KEY } from '../../src/db/wipe-report-store';
import type { WipeMode } from '../../src/domain/security/device-wipe';
import type { DeviceAlert } from '../../src/domain/sync/protocol';
import { createRemoteWipe, type RemoteWipe, type WipeOrder } from '../../src/state/remote-wipe';
import { confirmDeviceWiped } from '../../src/sync/device-key-api';
import { DeviceWipeError } from '../../src/sync/sync-errors';
import { createSyncService } from '../../src/sync/sync-service';
import {
  applicantFields,
  type Device,
  ENGINES,
  householdFields,
  rentFields,
  type TestWorld,
  useTestServer,
} from './helpers';
import { idleSchedulerEnv } from './idle-scheduler-env';

/** A key vault as sec-lock's: wrapped keys on the device; the wipe must leave none. */
class FakeVault {
  readonly wrapped = new Map<string, string>([
    ['pin', 'wrapped-under-pin'],
    ['password', 'wrapped-under-password'],
  ]);
  async eraseAll(): Promise<void> {
    this.wrapped.clear();
  }
}

interface Harness {
  device: Device;
  settings: SettingsStore;
  vault: FakeVault;
  keyring: { cleared: number; clear(): void };
  wipe: RemoteWipe;
  /** How many times the handler asked the push loop to send the outbox. */
  pushes: () => number;
}

async function wiredDevice(world: TestWorld): Promise<Harness> {
  const settings = createSettingsStore(`wipe-settings-${Math.random().toString(36).slice(2)}`);
  const device = await world.device('tablet', {
    username: 'couns',
    drafts: true,
    deviceRecord: (db) => new DeviceRecordKeeper(db, settings, world.server.clock.now),
  });
  const vault = new FakeVault();
  const keyring = {
    cleared: 0,
    clear() {
      this.cleared += 1;
    },
  };
  const record = new DeviceRecordKeeper(device.db, settings, world.server.clock.now);
  await record.refresh();
  let pushes = 0;
  const wipe = createRemoteWipe({
    pushAll: () => {
      pushes += 1;
      return device.client.pushOutbox();
    },
    eraseStore: () => device.client.eraseForWipe(),
    forgetSession: () => device.sessions.forgetAll(),
    drafts: device.drafts as NonNullable<Device['drafts']>,
    vault,
    keyring,
    deviceRecord: record,
    reports: createWipeReportStore(settings),
    confirm: (token, report) => confirmDeviceWiped({ fetch: device.transport.fetch }, token, report),
  });
  return { device, settings, vault, keyring, wipe, pushes: () => pushes };
}

async function order(world: TestWorld, deviceId: string, mode: WipeMode): Promise<void> {
  const response = await world.server.app.inject({
    method: 'POST',
    url: `/api/admin/devices/${deviceId}/wipe`,
    headers: { authorization: `Bearer ${world.adminToken}` },
    payload: { mode },
  });
  expect(response.statusCode).toBe(200);
}

/** The order as the sync service hands it over: from the run's DeviceWipeError. */
async function orderOfNextRun(device: Device): Promise<WipeOrder> {
  const session = device.sessions.current();
  const error = await device.client.sync().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeviceWipeError);
  return {
    mode: (error as DeviceWipeError).mode,
    deviceId: session?.deviceId ?? '',
    token: session?.token ?? '',
  };
}

async function alerts(world: TestWorld): Promise<DeviceAlert[]> {
  const response = await world.server.app.inject({
    method: 'GET',
    url: '/api/device-alerts',
    headers: { authorization: `Bearer ${world.adminToken}` },
  });
  return (response.json() as { alerts: DeviceAlert[] }).alerts;
}

/** Every table of the device database but meta is empty, and meta holds no session or user. */
async function expectEmptied(device: Device): Promise<void> {
  for (const table of device.db.tables) {
    if (table.name === 'meta') continue;
    expect([table.name, await table.count()]).toEqual([table.name, 0]);
  }
  const meta = (await device.db.meta.toArray()).map((row) => row.key).sort();
  expect(meta).toEqual([SYNC_META.deviceId, 'hlc', 'schemaVersion'].sort());
}

async function appliedOnServer(world: TestWorld, deviceId: string): Promise<number> {
  return world.server.store.transaction((tx) => tx.countApplied(deviceId));
}

for (const engine of ENGINES)
  describe(`remote wipe on the device (${engine.name})`, () => {
    const world = useTestServer(engine, [{ username: 'couns', role: 'counsellor' }]);

    it('[WIPE10] lost: nothing is pushed; every table, the drafts, the session, the vault and the key go; the server gets the count and household ids', async () => {
      const { device, settings, vault, keyring, wipe, pushes } = await wiredDevice(world);
      const synced = await device.repository.createHousehold(householdFields(), [applicantFields()]);
      await device.client.sync();
      const deviceId = device.sessions.current()?.deviceId as string;
      const appliedBefore = await appliedOnServer(world, deviceId);
      // Offline work: 3 changes in 2 households, and a form being typed.
      await device.repository.addRow('charge', synced.household.id, rentFields(52_000));
      const offline = await device.repository.createHousehold(householdFields(), [applicantFields()]);
      expect(await device.db.outbox.count()).toBe(3);
      await device.drafts?.save('intake', { lastName: 'Benali' });
      await order(world, deviceId, 'lost');

      const outcome = await wipe.handle(await orderOfNextRun(device));

      expect(outcome).toEqual({ erased: true, mode: 'lost', reported: true });
      // Not even tried (the server would refuse it anyway, WIPE4).
      expect(pushes()).toBe(0);
      expect(await appliedOnServer(world, deviceId)).toBe(appliedBefore);
      await expectEmptied(device);
      expect(await device.db.meta.get(SYNC_META.deviceId)).not.toEqual({
        key: SYNC_META.deviceId,
        value: deviceId,
      });
      expect(device.sessions.current()).toBeUndefined();
      expect(await device.drafts?.load('intake')).toBeUndefined();
      expect(vault.wrapped.size).toBe(0);
      expect(keyring.cleared).toBe(1);
      expect(await settings.get(DEVICE_RECORD_KEY)).toBeUndefined();
      expect(await settings.get(WIPE_REPORT_KEY)).toBeUndefined();
      expect(wipe.wipedNotice.value).toBe('lost');
      const [alert] = await alerts(world);
      expect(alert).toMatchObject({
        reason: 'wiped-lost',
        previousDeviceId: deviceId,
        pendingChanges: 3,
        pendingHouseholdIds: [synced.household.id, offline.household.id].sort(),
      });
    });

    it('[WIPE10] lost with the server gone at the end: only a small report without personal data stays, sent at the next start', async () => {
      const { device, settings, wipe } = await wiredDevice(world);
      const { household } = await device.repository.createHousehold(householdFields(), [applicantFields()]);
      const deviceId = device.sessions.current()?.deviceId as string;
      await order(world, deviceId, 'lost');
      const received = await orderOfNextRun(device);
      device.transport.offline = true;

      expect(await wipe.handle(received)).toEqual({ erased: true, mode: 'lost', reported: false });
      await expectEmptied(device);
      const kept = await settings.get<Record<string, unknown>>(WIPE_REPORT_KEY);
      expect(kept).toEqual({
        mode: 'lost',
        deviceId,
        token: received.token,
        erased: { pendingChanges: 2, householdIds: [household.id] },
      });
      const text = JSON.stringify(kept);
      for (const personal of ['Benali', 'Aïcha', '45000', 'tenant']) expect(text).not.toContain(personal);
      expect(await alerts(world)).toEqual([]);

      device.transport.offline = false;
      expect(await wipe.resume()).toBe(true);
      expect(await settings.get(WIPE_REPORT_KEY)).toBeUndefined();
      expect((await alerts(world)).map((a) => [a.reason, a.pendingChanges])).toEqual([['wiped-lost', 2]]);
    });

    it('[WIPE11] withdrawn: everything is pushed first, then erased; the report says nothing was left', async () => {
      const { device, vault, wipe, pushes } = await wiredDevice(world);
      const { household } = await device.repository.createHousehold(householdFields(), [applicantFields()]);
      await device.repository.addRow('charge', household.id, rentFields());
      const deviceId = device.sessions.current()?.deviceId as string;
      await order(world, deviceId, 'withdrawn');

      expect(await wipe.handle(await orderOfNextRun(device))).toEqual({
        erased: true,
        mode: 'withdrawn',
        reported: true,
      });
      expect(pushes()).toBe(1);
      expect(await appliedOnServer(world, deviceId)).toBe(3);
      await expectEmptied(device);
      expect(vault.wrapped.size).toBe(0);
      const [alert] = await alerts(world);
      expect(alert).toMatchObject({ reason: 'wiped-withdrawn', pendingChanges: 0, pendingHouseholdIds: [] });
    });

    it('[WIPE11] withdrawn but the server cannot be reached during the push: nothing is erased, the order comes again', async () => {
      const { device, wipe } = await wiredDevice(world);
      await device.repository.createHousehold(householdFields(), [applicantFields()]);
      const deviceId = device.sessions.current()?.deviceId as string;
      await order(world, deviceId, 'withdrawn');
      const received = await orderOfNextRun(device);
      device.transport.offline = true;
      expect(await wipe.handle(received)).toEqual({ erased: false });
      expect(await device.db.outbox.count()).toBe(2);
      expect(device.sessions.current()?.deviceId).toBe(deviceId);
    });

    it('[WIPE4][WIPE10] the sync service hands the order its run received to the handler', async () => {
      const settings = createSettingsStore(`wipe-service-${Math.random().toString(36).slice(2)}`);
      const { RelaisDb } = await import('../../src/db/app-db');
      const db = world.closeAfter(new RelaisDb(`wipe-service-${Math.random().toString(36).slice(2)}`));
      const received: WipeOrder[] = [];
      const service = createSyncService({
        db,
        fetch: world.server.fetch,
        appVersion: '1.0.0',
        env: idleSchedulerEnv,
        now: world.server.clock.now,
        onWipeOrder: async (wipeOrder) => {
          received.push(wipeOrder);
          await createWipeReportStore(settings).clear();
        },
      });
      await service.load();
      const session = await service.login('couns', 'correct horse battery');
      await order(world, session.deviceId, 'lost');
      await service.syncNow().catch(() => undefined);
      expect(received).toEqual([{ mode: 'lost', deviceId: session.deviceId, token: session.token }]);
      service.stop();
    });
  });
