// @vitest-environment node
/**
 * Sync-design §10.2 scenario 33 (rollback) against the real app: a database last written by a
 * NEWER app (its meta.schemaVersion is above this app's) stays readable, but this older app
 * writes nothing into it, pulled rows included: the run fails with 'outdated-app' (not retried:
 * reloading the newer app is the only cure), the pull cursor does not move and no row changes.
 * Scenarios 2, 3 and 4 (torn write, quota, lost connection) are in tests/db/storage-errors.test.ts;
 * scenario 32 (an upgrade that throws) in tests/db/upgrade.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DB_SCHEMA_VERSION } from '../../src/db/app-db';
import { SyncError } from '../../src/sync/sync-client';
import { applicantFields, type Device, deviceView, householdFields, makeDevice, TestServer } from './helpers';

describe('scenario 33: rollback to an older app', () => {
  let server: TestServer;
  const devices: Device[] = [];
  beforeEach(async () => {
    server = await TestServer.start();
    await server.makeWorld();
  });
  afterEach(async () => {
    for (const d of devices.splice(0)) d.db.close();
    await server.close();
  });

  it('reads the newer database, but neither writes nor pulls into it; the run is not retried', async () => {
    const writer = await makeDevice(server, 'writer');
    const old = await makeDevice(server, 'old');
    devices.push(writer, old);
    const { household } = await old.repository.createHousehold(householdFields(), [applicantFields()]);
    await old.client.sync();
    // A newer app opened this device's database and recorded its schema version.
    await old.db.meta.put({ key: 'schemaVersion', value: DB_SCHEMA_VERSION + 1 });
    const cursor = (await old.db.meta.get('pullCursor'))?.value;
    const before = await deviceView(old.db);

    // Another device changes the dossier: the older app must not pull it into the newer database.
    await writer.client.sync();
    await writer.repository.addRow('member', household.id, {
      ...applicantFields(),
      role: 'co_applicant',
      firstName: 'Samir',
    });
    await writer.client.sync();

    const run = old.client.sync();
    await expect(run).rejects.toBeInstanceOf(SyncError);
    await expect(run).rejects.toMatchObject({ kind: 'outdated-app', retryable: false });
    expect((await old.db.meta.get('pullCursor'))?.value).toEqual(cursor);
    expect(await deviceView(old.db)).toEqual(before);
    // Local writes are refused as well; reads still work.
    await expect(old.repository.createHousehold(householdFields())).rejects.toMatchObject({
      code: 'outdated',
    });
    expect((await old.repository.getDossier(household.id))?.members).toHaveLength(1);
  });
});
