// @vitest-environment node
/**
 * Dossier openings on the device (docs/access-log.md ALOG4): recorded at most once per household
 * and person per ten minutes, handed to the server by the sync run after its push and deleted
 * once acknowledged, kept while the server cannot be reached. Real server (SQLite), real
 * SyncClient and repository, fake-indexeddb.
 */
import { describe, expect, it } from 'vitest';
import { OPENING_WINDOW_MS } from '../../src/db/access-openings';
import { SyncError } from '../../src/sync/sync-errors';
import { logRows } from '../server/access-log/access-log-harness';
import { householdFields, sqliteEngine, useTestServer } from './helpers';

describe('dossier openings on the device', () => {
  const world = useTestServer(sqliteEngine);

  const held = async (db: {
    accessOpenings: { toArray(): Promise<{ householdId: string; at: number }[]> };
  }) => (await db.accessOpenings.toArray()).map((o) => o.householdId);

  it('[ALOG4] one opening per household and person per ten minutes', async () => {
    const device = await world.device('tablet');
    const { household: a } = await device.repository.createHousehold(householdFields());
    const { household: b } = await device.repository.createHousehold(householdFields());
    await device.repository.recordDossierOpening(a.id);
    await device.repository.recordDossierOpening(a.id); // a re-render, a tab change
    await device.repository.recordDossierOpening(b.id);
    expect((await held(device.db)).sort()).toEqual([a.id, b.id].sort());
    world.server.clock.ms += OPENING_WINDOW_MS - 100;
    await device.repository.recordDossierOpening(a.id);
    expect(await held(device.db)).toHaveLength(2);
    world.server.clock.ms += 200; // ten minutes after the first opening of a
    await device.repository.recordDossierOpening(a.id);
    expect((await held(device.db)).filter((id) => id === a.id)).toHaveLength(2);
  });

  it('[ALOG4] nobody signed in: nothing to log it under, nothing kept', async () => {
    const device = await world.device('tablet', { login: false });
    const { household } = await device.repository.createHousehold(householdFields());
    await device.repository.recordDossierOpening(household.id);
    expect(await held(device.db)).toEqual([]);
  });

  it('[ALOG4] the sync run hands the openings to the server after its push, then deletes them', async () => {
    const device = await world.device('tablet');
    const { household } = await device.repository.createHousehold(householdFields());
    await device.repository.recordDossierOpening(household.id);
    const openedAt = (await device.db.accessOpenings.toArray())[0]?.at;
    await device.client.sync();
    expect(await held(device.db)).toEqual([]);
    const userId = device.client.currentUserId();
    const deviceId = await device.client.deviceId();
    const opens = (await logRows(world.server.store)).filter((r) => r.action === 'open');
    // The household was created offline: the push before the openings made it known.
    expect(opens).toEqual([
      expect.objectContaining({ householdId: household.id, userId, deviceId, at: openedAt }),
    ]);
  });

  it('[ALOG4] while the server cannot be reached, the openings stay on the device; the next run sends them', async () => {
    const device = await world.device('tablet');
    const { household } = await device.repository.createHousehold(householdFields());
    await device.client.sync();
    await device.repository.recordDossierOpening(household.id);
    device.transport.offline = true;
    await expect(device.client.sync()).rejects.toBeInstanceOf(SyncError);
    expect(await held(device.db)).toEqual([household.id]);
    device.transport.offline = false;
    await device.client.sync();
    expect(await held(device.db)).toEqual([]);
    const opens = (await logRows(world.server.store)).filter((r) => r.action === 'open');
    expect(opens.map((r) => r.householdId)).toEqual([household.id]);
  });
});
