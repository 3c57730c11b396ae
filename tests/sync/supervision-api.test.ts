// @vitest-environment node
/**
 * The Supervision client (src/sync/supervision-api.ts) and its model (src/state/
 * supervision-model.ts) against the REAL Fastify app (SQLite; PostgreSQL too when DATABASE_URL
 * is set): quarantined mutations (QUAR1, QUAR3) and device alerts (DEV1), role by role.
 */
import { signal } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../src/domain/sync/protocol';
import { createSupervisionModel } from '../../src/state/supervision-model';
import { createSupervisionApi } from '../../src/sync/supervision-api';
import { SyncError } from '../../src/sync/sync-errors';
import { applicantFields, ENGINES, householdFields, pushRefusedRent, useTestServer } from './helpers';

for (const engine of ENGINES) {
  describe(`supervision client on ${engine.name}`, () => {
    const world = useTestServer(engine, [
      { username: 'couns', role: 'counsellor' },
      { username: 'coord', role: 'coordinator' },
    ]);
    const { device } = world;

    /** The counsellor's tablet pushes a dossier whose rent amount the server refuses (QUAR1). */
    async function quarantinedRent(): Promise<{ householdId: string }> {
      const tablet = await device('tablet', { username: 'couns', deviceName: 'Tablette accueil' });
      const { householdId, report } = await pushRefusedRent(tablet);
      expect(report.quarantined.map((q) => q.reason)).toEqual(['schema-invalid']);
      return { householdId };
    }

    it('[QUAR1][QUAR3] a coordinator lists a quarantined change with who, which device and the dossier, and marks it handled', async () => {
      const { householdId } = await quarantinedRent();
      const coordinator = await device('console', { username: 'coord' });
      const api = createSupervisionApi(coordinator.client);
      const [item, ...rest] = await api.listQuarantine();
      expect(rest).toEqual([]);
      expect(item).toMatchObject({
        reason: 'schema-invalid',
        householdId,
        entity: 'charge',
        username: 'couns',
        deviceName: 'Tablette accueil',
        handledAt: null,
      });
      const handled = await api.markQuarantineHandled(item?.id ?? '');
      expect(handled.handledBy).toBe(coordinator.sessions.current()?.user.id);
      expect([handled.handledByUsername, handled.handledByDisplayName]).toEqual(['coord', 'coord']);
      expect(handled.handledAt).toBeGreaterThan(item?.receivedAt ?? Number.POSITIVE_INFINITY);
      expect(await api.listQuarantine()).toEqual([]);
      expect(await api.listQuarantine({ status: 'open' })).toEqual([]);
      expect((await api.listQuarantine({ status: 'all' })).map((i) => i.id)).toEqual([item?.id]);
      expect(await api.listQuarantine({ status: 'handled' })).toEqual([handled]);
    });

    it('[DEV1] a coordinator lists a device alert with both device labels and marks it handled', async () => {
      const first = await device('phone', { username: 'couns', deviceName: 'Téléphone de Sam' });
      await first.repository.createHousehold(householdFields(), [applicantFields()]);
      await first.client.sync();
      await device('new-tablet', { username: 'couns', deviceName: 'Tablette neuve' });
      const coordinator = await device('console', { username: 'coord' });
      const api = createSupervisionApi(coordinator.client);
      const [alert] = await api.listDeviceAlerts();
      expect(alert).toMatchObject({
        username: 'couns',
        reason: 'recent-activity',
        newDeviceName: 'Tablette neuve',
        previousDeviceName: 'Téléphone de Sam',
      });
      const handled = await api.markDeviceAlertHandled(alert?.id ?? '');
      expect(handled.handledAt).not.toBeNull();
      expect(handled.handledByUsername).toBe('coord');
      expect(await api.listDeviceAlerts()).toEqual([]);
      expect(await api.listDeviceAlerts({ status: 'all' })).toHaveLength(1);
      expect(await api.listDeviceAlerts({ status: 'handled' })).toEqual([handled]);
    });

    it('[AUTH8] a counsellor is refused (forbidden), a signed-out device is not-logged-in, no network is offline', async () => {
      const counsellor = await device('tablet', { username: 'couns' });
      const refused = await createSupervisionApi(counsellor.client)
        .listQuarantine()
        .catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(SyncError);
      expect((refused as SyncError).kind).toBe('forbidden');
      counsellor.transport.offline = true;
      const offline = await createSupervisionApi(counsellor.client)
        .listDeviceAlerts()
        .catch((e: unknown) => e);
      expect((offline as SyncError).kind).toBe('offline');
      const anonymous = await device('anon', { login: false });
      const notLoggedIn = await createSupervisionApi(anonymous.client)
        .listQuarantine()
        .catch((e: unknown) => e);
      expect((notLoggedIn as SyncError).kind).toBe('not-logged-in');
    });

    it('the model loads both lists, removes an item marked handled, and says why it cannot', async () => {
      await quarantinedRent();
      const coordinator = await device('console', { username: 'coord' });
      const isOnline = signal(true);
      const role = signal<Role | null>('coordinator');
      const model = createSupervisionModel(createSupervisionApi(coordinator.client), { isOnline, role });
      expect(model.allowed.value).toBe(true);
      await model.load();
      expect([model.loaded.value, model.loadError.value, model.quarantine.value.length]).toEqual([
        true,
        null,
        1,
      ]);
      const id = model.quarantine.value[0]?.id ?? '';
      const marking = model.markQuarantineHandled(id);
      expect(model.pending.value.has(id)).toBe(true);
      await marking;
      expect([model.pending.value.size, model.quarantine.value, model.lastHandled.value]).toEqual([
        0,
        [],
        id,
      ]);
      // Another coordinator already removed it: the server answers 404 for an unknown id.
      await model.markAlertHandled('no-such-alert');
      expect(model.actionError.value).toEqual({ id: 'no-such-alert', kind: 'gone' });
      // Offline: nothing is requested, a plain reason is given.
      isOnline.value = false;
      coordinator.transport.offline = true;
      await model.load();
      expect(model.loadError.value).toBe('offline');
      await model.markQuarantineHandled(id);
      expect(model.actionError.value).toEqual({ id, kind: 'offline' });
    });

    it('[QUAR3] the model filters: handled items with their handler by name, all of them, and one marked handled among all stays, handled', async () => {
      await quarantinedRent();
      await quarantinedRent();
      const coordinator = await device('console', { username: 'coord' });
      const model = createSupervisionModel(createSupervisionApi(coordinator.client), {
        isOnline: signal(true),
        role: signal<Role | null>('coordinator'),
      });
      await model.load();
      const [first, second] = model.quarantine.value;
      await model.markQuarantineHandled(first?.id ?? '');
      expect(model.quarantine.value.map((i) => i.id)).toEqual([second?.id]);
      await model.setFilter('handled');
      expect([model.filter.value, model.listed.value]).toEqual(['handled', 'handled']);
      expect(model.quarantine.value.map((i) => [i.id, i.handledByUsername, i.handledByDisplayName])).toEqual([
        [first?.id, 'coord', 'coord'],
      ]);
      await model.setFilter('all');
      expect(model.quarantine.value.map((i) => i.id)).toEqual([first?.id, second?.id]);
      // Among all items, the one marked handled stays in its place, now handled by name.
      await model.markQuarantineHandled(second?.id ?? '');
      expect(model.quarantine.value.map((i) => [i.id, i.handledAt !== null, i.handledByDisplayName])).toEqual(
        [
          [first?.id, true, 'coord'],
          [second?.id, true, 'coord'],
        ],
      );
      await model.setFilter('open');
      expect(model.quarantine.value).toEqual([]);
    });

    it('the model stays empty for a counsellor, and reports a refusal when the server says no', async () => {
      const counsellor = await device('tablet', { username: 'couns' });
      const api = createSupervisionApi(counsellor.client);
      const asCounsellor = createSupervisionModel(api, {
        isOnline: signal(true),
        role: signal('counsellor'),
      });
      expect(asCounsellor.allowed.value).toBe(false);
      await asCounsellor.load();
      expect([asCounsellor.loaded.value, asCounsellor.loadError.value]).toEqual([false, null]);
      // A stale role on the device: the server's refusal is what counts.
      const stale = createSupervisionModel(api, { isOnline: signal(true), role: signal('coordinator') });
      await stale.load();
      expect([stale.loaded.value, stale.loadError.value]).toEqual([false, 'forbidden']);
    });
  });
}
