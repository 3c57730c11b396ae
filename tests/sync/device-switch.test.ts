// @vitest-environment node
/**
 * A welcome-point tablet shared by several volunteers (ADR 0009, docs/sync-client.md) and the
 * device label (AUTH9), through the real state model, sync service and client against the REAL
 * server (SQLite; PostgreSQL too when DATABASE_URL is set).
 */
import { describe, expect, it } from 'vitest';
import { RelaisDb } from '../../src/db/app-db';
import { DEVICE_RECORD_KEY, DeviceRecordKeeper, LOST_DEVICE_KEY } from '../../src/db/device-record';
import { wipeDeviceStore } from '../../src/db/device-wipe';
import { DossierRepository } from '../../src/db/repository';
import { createSettingsStore } from '../../src/db/settings-store';
import { createDeviceLossModel } from '../../src/state/device-loss-model';
import { createDraftRegistry } from '../../src/state/drafts';
import { createSyncModel } from '../../src/state/sync-model';
import { SessionStore } from '../../src/sync/session-store';
import { SyncClient } from '../../src/sync/sync-client';
import { createSyncService } from '../../src/sync/sync-service';
import type { RelaisStore } from '../../sync-server/src/stores/store';
import {
  applicantFields,
  ENGINES,
  householdFields,
  PASSWORD,
  rentFields,
  useTestServer,
  WP_B,
} from './helpers';
import { idleSchedulerEnv } from './idle-scheduler-env';

for (const engine of ENGINES) {
  describe(`shared tablet on ${engine.name}`, () => {
    // couns (welcome point A) uses the tablet first; vol-b (welcome point B) next.
    const world = useTestServer(
      engine,
      [
        { username: 'couns', role: 'counsellor' },
        { username: 'vol-b', displayName: 'Bruno Volontaire', role: 'volunteer', welcomePointIds: [WP_B] },
      ],
      { pointB: true },
    );

    const store = () => (world.server.app as unknown as { store: RelaisStore }).store;
    const serverDevice = (deviceId: string) => store().transaction((tx) => tx.getDevice(deviceId));

    /** The app's own layers over a fresh device database: state model, service, client, drafts. */
    function tablet() {
      const db = new RelaisDb(`tablet-${Math.random().toString(36).slice(2)}`);
      world.closeAfter(db);
      const settings = createSettingsStore(`tablet-settings-${Math.random()}`);
      const drafts = createDraftRegistry(settings);
      // The device record outside the dossier database (scenario 34), as the composition root makes it.
      const keeper = new DeviceRecordKeeper(db, settings, world.server.clock.now);
      let label: string | undefined = 'Tablette Lens';
      const service = createSyncService({
        db,
        fetch: world.server.fetch,
        appVersion: '1.0.0',
        env: idleSchedulerEnv,
        now: world.server.clock.now,
        deviceLabel: async () => label,
        deviceRecord: keeper,
      });
      const repository = new DossierRepository(db, {
        now: world.server.clock.now,
        appVersion: '1.0.0',
        currentUserId: () => service.currentUserId(),
      });
      const model = createSyncModel(service, world.server.clock.now, drafts);
      return {
        db,
        settings,
        keeper,
        drafts,
        service,
        repository,
        model,
        setLabel: (next: string | undefined) => {
          label = next;
        },
      };
    }

    /** Welcome point B's dossier, typed by vol-b on another device. */
    async function dossierOfB(): Promise<string> {
      const phone = await world.device('phone-b', { username: 'vol-b' });
      const { household } = await phone.repository.createHousehold(
        { ...householdFields(), welcomePointId: WP_B },
        [applicantFields()],
      );
      await phone.client.sync();
      return household.id;
    }

    it('[AUTH7][AUTH9] A syncs, B changes user: the device is emptied, gets a new id, and pulls only B’s scope', async () => {
      const householdB = await dossierOfB();
      const t = tablet();
      await t.model.start();
      expect((await t.model.login('couns', PASSWORD)).ok).toBe(true);
      const { household: householdA } = await t.repository.createHousehold(householdFields(), [
        applicantFields(),
      ]);
      await t.repository.addRow('charge', householdA.id, rentFields());
      expect(await t.model.syncNow()).toBe(true);
      const firstId = t.service.session()?.deviceId ?? '';
      expect(await serverDevice(firstId)).toMatchObject({ name: 'Tablette Lens' });
      expect(t.model.lastUser.value?.displayName).toBe('couns');
      await t.drafts.save('intake', { lastName: 'Benali' });

      // B cannot simply sign in on A's device id (AUTH7).
      await expect(t.service.login('vol-b', PASSWORD)).rejects.toMatchObject({ kind: 'device-taken' });

      expect(await t.model.switchPreview()).toEqual({ pending: 0, pendingBy: null, dossiers: 1, drafts: 1 });
      expect(await t.model.switchUser()).toEqual({ ok: true });
      expect(t.model.session.value).toBeNull();
      expect(t.model.lastUser.value).toBeNull();
      expect(await t.db.households.count()).toBe(0);
      expect(await t.db.charges.count()).toBe(0);
      expect(await t.db.sentLog.count()).toBe(0);
      expect(await t.drafts.count()).toBe(0);
      expect(await t.repository.getDossier(householdA.id)).toBeUndefined();

      expect(await t.db.meta.get('switchedFrom')).toEqual({ key: 'switchedFrom', value: firstId });
      expect((await t.model.login('vol-b', PASSWORD)).ok).toBe(true);
      // DEV1 + ADR 0009: vol-b's phone pushed today, yet the tablet's new id raises no "lost device"
      // alert: the login said it comes from a change of user. The marker is spent.
      const alerts = await store().transaction((tx) => tx.listDeviceAlerts({ status: 'all', limit: 10 }));
      expect(alerts).toEqual([]);
      expect(await t.db.meta.get('switchedFrom')).toBeUndefined();
      expect(await t.model.syncNow()).toBe(true);
      const secondId = t.service.session()?.deviceId ?? '';
      expect(secondId).not.toBe(firstId);
      expect((await t.db.households.toArray()).map((h) => h.id)).toEqual([householdB]);
      // The server kept the first device row as it was; the new id registered normally, with the label.
      expect(await serverDevice(firstId)).toMatchObject({ name: 'Tablette Lens', lastSeq: 3 });
      expect(await serverDevice(secondId)).toMatchObject({ name: 'Tablette Lens' });
      // A's dossier is still on the server, whole.
      const rows = await store().transaction((tx) => tx.getRows([householdA.id]));
      expect(rows.map((r) => r.id)).toEqual([householdA.id]);
      t.model.stop();
    });

    it('[DEV1] a change of user is not a loss: no notice at the next start, the record names the new device, and no alert at the next login', async () => {
      const t = tablet();
      await t.model.start();
      expect((await t.model.login('couns', PASSWORD)).ok).toBe(true);
      await t.repository.createHousehold(householdFields(), [applicantFields()]);
      expect(await t.model.syncNow()).toBe(true);
      const firstId = t.service.session()?.deviceId ?? '';
      expect(await t.settings.get(DEVICE_RECORD_KEY)).toMatchObject({ deviceId: firstId, pendingCount: 0 });

      expect(await t.model.switchUser()).toEqual({ ok: true });
      const newId = (await t.db.meta.get('deviceId'))?.value;
      expect(newId).not.toBe(firstId);
      // The record of the previous person's device went with the wipe: it names the emptied device.
      expect(await t.settings.get(DEVICE_RECORD_KEY)).toMatchObject({ deviceId: newId, lastSyncAt: null });
      expect(await t.settings.get(LOST_DEVICE_KEY)).toBeUndefined();
      // The app starts again (a reload, twice): nothing was lost, so no notice.
      for (const _reload of [1, 2]) {
        const loss = createDeviceLossModel(new DeviceRecordKeeper(t.db, t.settings, world.server.clock.now));
        await loss.start();
        expect(loss.lost.value).toBeNull();
      }
      expect(await t.keeper.previousDeviceId()).toBeUndefined();
      expect((await t.model.login('vol-b', PASSWORD)).ok).toBe(true);
      const alerts = await store().transaction((tx) => tx.listDeviceAlerts({ status: 'all', limit: 10 }));
      expect(alerts).toEqual([]);
      t.model.stop();
    });

    it('[DEV1] a change of user interrupted before its record was rewritten is still not a loss', async () => {
      const t = tablet();
      await t.model.start();
      expect((await t.model.login('couns', PASSWORD)).ok).toBe(true);
      expect(await t.model.syncNow()).toBe(true);
      const firstId = t.service.session()?.deviceId ?? '';
      expect(await t.settings.get(DEVICE_RECORD_KEY)).toMatchObject({ deviceId: firstId });
      // The tab closed right after the wipe's transaction: the record still names the old id.
      expect((await wipeDeviceStore(t.db, 'device-next')).wiped).toBe(true);
      const loss = createDeviceLossModel(new DeviceRecordKeeper(t.db, t.settings, world.server.clock.now));
      await loss.start();
      expect(loss.lost.value).toBeNull();
      expect(await t.settings.get(DEVICE_RECORD_KEY)).toMatchObject({ deviceId: 'device-next' });
      expect(await t.keeper.previousDeviceId()).toBeUndefined();
      t.model.stop();
    });

    it('a change of user with changes waiting is refused, names their author, and nothing is lost', async () => {
      const t = tablet();
      await t.model.start();
      expect((await t.model.login('couns', PASSWORD)).ok).toBe(true);
      await t.model.syncNow();
      const { household } = await t.repository.createHousehold(householdFields(), [applicantFields()]);
      await t.drafts.save('intake', { lastName: 'Benali' });
      const deviceId = t.service.session()?.deviceId;
      const before = {
        outbox: await t.db.outbox.toArray(),
        households: await t.db.households.toArray(),
        meta: await t.db.meta.toArray(),
      };
      expect(await t.model.switchPreview()).toMatchObject({ pending: 2, pendingBy: 'couns' });
      expect(await t.model.switchUser()).toEqual({ ok: false, reason: 'pending', pending: 2, by: 'couns' });
      expect({
        outbox: await t.db.outbox.toArray(),
        households: await t.db.households.toArray(),
        meta: await t.db.meta.toArray(),
      }).toEqual(before);
      expect(await t.drafts.count()).toBe(1);
      expect(t.service.session()?.deviceId).toBe(deviceId);
      expect(t.model.lastUser.value?.displayName).toBe('couns');
      // Still signed in: once synced, the change of user goes through.
      expect(await t.model.syncNow()).toBe(true);
      expect(await store().transaction((tx) => tx.getRows([household.id]))).toHaveLength(1);
      expect(await t.model.switchUser()).toEqual({ ok: true });
      t.model.stop();
    });

    it('a change whose draft removal fails says so, and a second attempt finishes it', async () => {
      const t = tablet();
      let failures = 1;
      const flaky = {
        count: () => t.drafts.count(),
        clearAll: async () => {
          if (failures-- > 0) throw new Error('settings database closed');
          await t.drafts.clearAll();
        },
      };
      const model = createSyncModel(t.service, world.server.clock.now, flaky);
      await model.start();
      expect((await model.login('couns', PASSWORD)).ok).toBe(true);
      await model.syncNow();
      await t.drafts.save('intake', { lastName: 'Benali' });
      expect(await model.switchUser()).toEqual({ ok: false, reason: 'failed' });
      expect(await t.drafts.count()).toBe(1);
      expect(await model.switchUser()).toEqual({ ok: true });
      expect(await t.drafts.count()).toBe(0);
      model.stop();
    });

    it('[AUTH9] a label typed after start is sent at login; a change while signed in reaches the server at the next sync', async () => {
      const t = tablet();
      t.setLabel(undefined);
      await t.model.start();
      expect((await t.model.login('couns', PASSWORD)).ok).toBe(true);
      const deviceId = t.service.session()?.deviceId ?? '';
      expect((await serverDevice(deviceId))?.name).toBeNull();
      t.setLabel('Tablette mairie de Lens');
      expect(await t.model.syncNow()).toBe(true);
      expect((await serverDevice(deviceId))?.name).toBe('Tablette mairie de Lens');
      t.setLabel('Tablette Liévin');
      await t.model.logout();
      expect((await t.model.login('couns', PASSWORD)).ok).toBe(true);
      expect((await serverDevice(deviceId))?.name).toBe('Tablette Liévin');
      t.model.stop();
    });

    it('a sync run of another tab, still holding the previous session, applies nothing to the emptied device', async () => {
      const t = tablet();
      await t.model.start();
      expect((await t.model.login('couns', PASSWORD)).ok).toBe(true);
      await t.repository.createHousehold(householdFields(), [applicantFields()]);
      expect(await t.model.syncNow()).toBe(true);
      const stale = t.service.session();
      if (stale === undefined) throw new Error('no session');
      // Emptied while offline: the previous token was not revoked and still works on the server.
      expect((await wipeDeviceStore(t.db, 'device-next')).wiped).toBe(true);
      const sessions = new SessionStore(t.db);
      await sessions.save(stale);
      await t.db.meta.delete('session'); // the other tab's copy lives in its memory only
      const otherTab = new SyncClient({ db: t.db, sessions, fetch: world.server.fetch, appVersion: '1.0.0' });
      await expect(otherTab.sync()).rejects.toMatchObject({ kind: 'not-logged-in' });
      expect(await t.db.households.count()).toBe(0);
      expect(await t.db.members.count()).toBe(0);
      expect(await t.db.meta.get('pullCursor')).toBeUndefined();
      expect((await t.db.meta.get('deviceId'))?.value).toBe('device-next');
      t.model.stop();
    });
  });
}
