/**
 * Scenario 34, device side: the device record kept in the settings database outlives the dossier
 * database. Only the 'relais'-style dossier database is deleted here (fake-indexeddb); the
 * settings database stays, as when a browser evicts or a person clears one of them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { RelaisDb } from '../../src/db/app-db';
import { DEVICE_RECORD_KEY, DeviceRecordKeeper, LOST_DEVICE_KEY } from '../../src/db/device-record';
import { DossierRepository } from '../../src/db/repository';
import { createSettingsStore, type SettingsStore } from '../../src/db/settings-store';
import { SYNC_META, writeMeta } from '../../src/db/sync-apply/meta';
import { createDeviceLossModel } from '../../src/state/device-loss-model';
import { householdFields, seededBytes, steppingClock, uniqueDbName } from './helpers';

const T = Date.UTC(2026, 10, 20, 9, 0, 0);

const opened: RelaisDb[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

function open(name: string, settings: SettingsStore, seed = 1) {
  const db = new RelaisDb(name);
  opened.push(db);
  const repository = new DossierRepository(db, {
    appVersion: '1.0.0',
    now: steppingClock(T),
    randomBytes: seededBytes(seed),
  });
  return { db, repository, keeper: new DeviceRecordKeeper(db, settings, () => T + 3_600_000) };
}

const applicant = {
  role: 'applicant' as const,
  firstName: 'Aïcha',
  lastName: 'Benali',
  birthDate: '1984-05-12',
};

describe('device record (scenario 34)', () => {
  it('records nothing before the device has an id, then follows the outbox and the last sync', async () => {
    const settings = createSettingsStore(uniqueDbName('settings'));
    const { db, repository, keeper } = open(uniqueDbName(), settings);
    await keeper.refresh();
    expect(await settings.get(DEVICE_RECORD_KEY)).toBeUndefined();
    expect(await keeper.detectLoss()).toBeUndefined();

    await repository.createHousehold(householdFields, [applicant]);
    await writeMeta(db, SYNC_META.lastSyncAt, T - 86_400_000);
    await keeper.refresh();
    const deviceId = (await db.meta.get(SYNC_META.deviceId))?.value;
    const oldest = (await db.outbox.orderBy('seq').first())?.createdAt;
    expect(oldest).toBeGreaterThanOrEqual(T);
    expect(await settings.get(DEVICE_RECORD_KEY)).toEqual({
      deviceId,
      lastSyncAt: T - 86_400_000,
      pendingCount: 2,
      oldestPendingAt: oldest,
      userDisplayName: null,
      checkedAt: T + 3_600_000,
    });
    expect(await keeper.detectLoss()).toBeUndefined();
  });

  it('notices a deleted dossier database at the next start, keeps the notice until acknowledged and names the lost device at one login', async () => {
    const settings = createSettingsStore(uniqueDbName('settings'));
    const name = uniqueDbName();
    const before = open(name, settings);
    await before.repository.createHousehold(householdFields, [applicant]);
    await writeMeta(before.db, SYNC_META.lastSyncAt, T - 5_000);
    await before.keeper.refresh();
    const lostId = (await before.db.meta.get(SYNC_META.deviceId))?.value as string;
    const oldest = (await before.db.outbox.orderBy('seq').first())?.createdAt;

    // Eviction: only the dossier database goes; the app starts again on an empty one.
    await before.db.delete();
    const after = open(name, settings, 2);
    const model = createDeviceLossModel(after.keeper);
    await model.start();
    expect(model.lost.value).toEqual({
      deviceId: lostId,
      lastSyncAt: T - 5_000,
      pendingCount: 2,
      oldestPendingAt: oldest,
      userDisplayName: null,
    });

    // The new device writes (a new id): the record follows it, the lost device is not forgotten.
    await after.repository.createHousehold(householdFields, [applicant]);
    await after.keeper.refresh();
    const newId = (await after.db.meta.get(SYNC_META.deviceId))?.value;
    expect(newId).not.toBe(lostId);
    expect((await settings.get<{ deviceId: string }>(DEVICE_RECORD_KEY))?.deviceId).toBe(newId);
    const restarted = createDeviceLossModel(new DeviceRecordKeeper(after.db, settings));
    await restarted.start();
    expect(restarted.lost.value?.deviceId).toBe(lostId);

    expect(await after.keeper.previousDeviceId()).toBe(lostId);
    await after.keeper.markReported();
    expect(await after.keeper.previousDeviceId()).toBeUndefined();

    await restarted.acknowledge();
    expect(restarted.lost.value).toBeNull();
    expect(await settings.get(LOST_DEVICE_KEY)).toBeUndefined();
    const again = createDeviceLossModel(new DeviceRecordKeeper(after.db, settings));
    await again.start();
    expect(again.lost.value).toBeNull();
  });

  it('an acknowledgement before any login keeps the lost device for the next login; the record then names nobody until the new device has an id', async () => {
    const settings = createSettingsStore(uniqueDbName('settings'));
    const name = uniqueDbName();
    const before = open(name, settings);
    await before.repository.createHousehold(householdFields, [applicant]);
    await before.keeper.refresh();
    const lostId = (await before.db.meta.get(SYNC_META.deviceId))?.value as string;
    await before.db.delete();

    const after = open(name, settings, 2);
    const model = createDeviceLossModel(after.keeper);
    await model.start();
    expect(model.lost.value?.lastSyncAt).toBeNull();
    await model.acknowledge();
    expect(await settings.get(DEVICE_RECORD_KEY)).toBeUndefined();
    expect(await after.keeper.previousDeviceId()).toBe(lostId);
    const next = createDeviceLossModel(new DeviceRecordKeeper(after.db, settings));
    await next.start();
    expect(next.lost.value).toBeNull();
    await after.keeper.markReported();
    expect(await settings.get(LOST_DEVICE_KEY)).toBeUndefined();
  });

  it('without a keeper the model stays empty', async () => {
    const model = createDeviceLossModel(undefined);
    await model.start();
    await model.acknowledge();
    expect(model.lost.value).toBeNull();
  });
});
