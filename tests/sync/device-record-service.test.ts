// @vitest-environment node
/**
 * The sync service keeps the device record current (scenario 34): when the outbox grows or
 * empties, and after a successful run, the record in the settings database says how many changes
 * wait and when the last sync succeeded. Real app (SQLite), real client, fake-indexeddb.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RelaisDb } from '../../src/db/app-db';
import { DEVICE_RECORD_KEY, type DeviceRecord, DeviceRecordKeeper } from '../../src/db/device-record';
import { DossierRepository } from '../../src/db/repository';
import { createSettingsStore } from '../../src/db/settings-store';
import { createSyncService } from '../../src/sync/sync-service';
import { applicantFields, householdFields, TestServer } from './helpers';
import { idleSchedulerEnv } from './idle-scheduler-env';

describe('device record kept by the sync service (scenario 34)', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await TestServer.start();
    await server.makeWorld();
  });
  afterEach(async () => {
    await server.close();
  });

  it('follows the outbox and the last successful run', async () => {
    const db = new RelaisDb(`record-${Math.random().toString(36).slice(2)}`);
    const settings = createSettingsStore(`record-settings-${Math.random().toString(36).slice(2)}`);
    const deviceRecord = new DeviceRecordKeeper(db, settings, server.clock.now);
    const service = createSyncService({
      db,
      fetch: server.fetch,
      appVersion: '1.0.0',
      env: idleSchedulerEnv,
      now: server.clock.now,
      deviceRecord,
    });
    const repository = new DossierRepository(db, {
      appVersion: '1.0.0',
      currentUserId: service.currentUserId,
    });
    await service.load();
    service.start({ onRunStart: () => undefined, onProgress: () => undefined, onRunEnd: () => undefined });
    const record = () => settings.get<DeviceRecord>(DEVICE_RECORD_KEY);

    await repository.createHousehold(householdFields(), [applicantFields()]);
    // The record follows the outbox through a live query: wait as long as the screens do (5 s),
    // not vi.waitFor's 1 s default, which a busy machine can exceed.
    await vi.waitFor(async () => expect((await record())?.pendingCount).toBe(2), { timeout: 5_000 });
    expect((await record())?.lastSyncAt).toBeNull();

    await service.login('admin', 'correct horse battery');
    await service.syncNow();
    const after = await record();
    expect(after?.pendingCount).toBe(0);
    expect(after?.oldestPendingAt).toBeNull();
    expect(after?.lastSyncAt).toBe((await db.meta.get('lastSyncAt'))?.value);
    expect(after?.userDisplayName).toBe('Admin');
    service.stop();
    db.close();
  });
});
