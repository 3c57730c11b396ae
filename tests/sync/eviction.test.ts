// @vitest-environment node
/**
 * Scenario 34 (sync-design §10.2, §9.10), end to end with the real sync client, the real Fastify
 * app and fake-indexeddb: a device with unsynced changes exports them, its dossier database is
 * deleted (only it: the settings database with the device record stays), the app starts and says
 * so with the last sync time, the login tells the server which device was lost (coordinators get
 * a device alert, DEV1), and importing the export file then syncing applies every change once.
 */
import { describe, expect, it } from 'vitest';
import { DeviceRecordKeeper } from '../../src/db/device-record';
import { createSettingsStore } from '../../src/db/settings-store';
import { SYNC_META } from '../../src/db/sync-apply/meta';
import type { FieldsOf } from '../../src/domain/dossier/rows';
import type { DeviceAlert } from '../../src/domain/sync/protocol';
import { createDeviceLossModel } from '../../src/state/device-loss-model';
import {
  applicantFields,
  type Device,
  deviceView,
  ENGINES,
  householdFields,
  makeDevice,
  PASSWORD,
  rentFields,
  serverView,
  useTestServer,
} from './helpers';

const secondApplicant = {
  role: 'applicant',
  firstName: 'Jean',
  lastName: 'Martin',
  birthDate: '1970-01-02',
} as FieldsOf<'member'>;

for (const engine of ENGINES)
  describe(`scenario 34: eviction of the device database (${engine.name})`, () => {
    const world = useTestServer(engine, [
      { username: 'couns', role: 'counsellor' },
      { username: 'coord', role: 'coordinator' },
    ]);

    it('scenario 34 [DEV1]: the outbox is exported, the database deleted; the app says so with the last sync time, the coordinator is alerted about the lost device, and the imported file syncs each change once', async () => {
      const settings = createSettingsStore(`relais-settings-${Math.random().toString(36).slice(2)}`);
      const dbName = `relais-evicted-${Math.random().toString(36).slice(2)}`;
      const keeper = (db: Device['db']) => new DeviceRecordKeeper(db, settings, world.server.clock.now);

      // 1. The device works, syncs once, then works offline: its outbox is not empty.
      const a = await makeDevice(world.server, 'a', { username: 'couns', dbName, deviceRecord: keeper });
      const { household } = await a.repository.createHousehold(householdFields(), [applicantFields()]);
      const rent = await a.repository.addRow('charge', household.id, rentFields(45_000));
      await a.client.sync();
      const lastSyncAt = (await a.db.meta.get(SYNC_META.lastSyncAt))?.value as number;
      const ackedSeq = (await a.db.meta.get(SYNC_META.ackedSeq))?.value as number;
      const lostDeviceId = (await a.db.meta.get(SYNC_META.deviceId))?.value as string;
      expect(ackedSeq).toBe(3);
      a.transport.offline = true;
      world.server.clock.advance(3_600_000);
      await a.repository.updateFields('charge', rent.id, { amountCents: 52_000 });
      const offline = await a.repository.createHousehold(householdFields(), [secondApplicant]);
      await a.repository.addRow('charge', offline.household.id, rentFields(38_000));
      const pending = await a.db.outbox.orderBy('seq').toArray();
      expect(pending.map((e) => e.seq)).toEqual([4, 5, 6, 7]);
      // What the sync service does on every change of the outbox.
      await keeper(a.db).refresh();
      // The person had exported the dossiers to a file (transfer export) before the loss.
      const file = JSON.stringify(await a.repository.exportDossiers('all'));
      const beforeLoss = await deviceView(a.db);

      // 2. Eviction: the dossier database alone is deleted.
      await a.db.delete();

      // 3. The app starts on an empty database: the notice has the last sync time and the count.
      const b = await world.device('b', { login: false, dbName, deviceRecord: keeper });
      const loss = createDeviceLossModel(keeper(b.db));
      await loss.start();
      expect(loss.lost.value).toEqual({
        deviceId: lostDeviceId,
        lastSyncAt,
        pendingCount: 4,
        oldestPendingAt: pending[0]?.createdAt,
        userDisplayName: 'couns',
      });

      // 4. Signing in again: a new device id; the server records an alert naming the old device.
      await b.client.login('couns', PASSWORD);
      const newDeviceId = b.sessions.current()?.deviceId;
      expect(newDeviceId).not.toBe(lostDeviceId);
      const coord = await world.server.inject('POST', '/api/auth/login', {
        username: 'coord',
        password: PASSWORD,
        deviceId: 'coord-console',
      });
      const token = (coord.body as { token: string }).token;
      const listed = await world.server.inject('GET', '/api/device-alerts', undefined, token);
      const alerts = (listed.body as { alerts: DeviceAlert[] }).alerts;
      expect(alerts).toHaveLength(1);
      expect(alerts[0]).toMatchObject({
        username: 'couns',
        newDeviceId,
        previousDeviceId: lostDeviceId,
        reason: 'reported-by-device',
        previousLastSeq: 3,
        handledAt: null,
      });
      // The lost device is reported once: a later login does not send it again.
      expect(await keeper(b.db).previousDeviceId()).toBeUndefined();

      // 5. The server's dossiers come back; then the file brings the unsynced changes.
      await b.client.sync();
      expect((await b.repository.getDossier(household.id))?.charges.map((c) => c.amountCents)).toEqual([
        45_000,
      ]);
      const report = await b.repository.importDossiers(JSON.parse(file));
      expect([report.created, report.updated, report.conflicts.length]).toEqual([3, 1, 0]);
      await b.client.sync();
      expect(await b.db.outbox.count()).toBe(0);

      // 6. The server has every change exactly once, with the same ids, as the lost device had it.
      const onServer = await serverView(world.server);
      const ids = (view: Record<string, Record<string, unknown>[]>) =>
        Object.fromEntries(Object.entries(view).map(([entity, rows]) => [entity, rows.map((r) => r.id)]));
      expect(ids(onServer)).toEqual(ids(beforeLoss));
      const charges = onServer.charge ?? [];
      expect(charges.map((c) => [c.id, c.amountCents]).sort()).toEqual(
        (beforeLoss.charge ?? []).map((c) => [c.id, c.amountCents]).sort(),
      );
      // The patched charge moved one version (created, then patched once), not two.
      expect(charges.find((c) => c.id === rent.id)?.version).toBe(2);

      // Importing the same file again and syncing changes nothing.
      const again = await b.repository.importDossiers(JSON.parse(file));
      expect([again.created, again.updated]).toEqual([0, 0]);
      expect(await b.db.outbox.count()).toBe(0);
      await b.client.sync();
      expect(await serverView(world.server)).toEqual(onServer);
    });
  });
