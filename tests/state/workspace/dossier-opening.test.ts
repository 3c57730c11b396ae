/**
 * ALOG4 (docs/access-log.md): a dossier shown on screen is an opening for the access log,
 * recorded once per showing and at most once per ten minutes per person; a missing dossier is
 * none. The dossier model over a real repository (fake-indexeddb).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RelaisDb } from '../../../src/db/app-db';
import { createDossierModel } from '../../../src/state/workspace/dossier-model';
import { openTestRepository } from '../../db/helpers';

describe('dossier openings from the dossier model', () => {
  let db: RelaisDb | undefined;
  afterEach(() => db?.close());

  function modelFor(householdId: string, repository: ReturnType<typeof openTestRepository>['repo']) {
    return createDossierModel({
      repository,
      householdId,
      today: () => '2026-03-02' as never,
      diagnosisOptions: () => undefined,
    });
  }

  it('[ALOG4] showing a dossier records one opening, whatever the screens and re-renders', async () => {
    const opened = openTestRepository();
    db = opened.db;
    const { household } = await opened.repo.createHousehold({
      territory: 'metropole',
      departement: '69',
      housingStatus: 'tenant',
    } as never);
    // Each call the model makes, to wait for its write rather than for time.
    const calls: Promise<void>[] = [];
    const record = opened.repo.recordDossierOpening.bind(opened.repo);
    opened.repo.recordDossierOpening = (id: string) => {
      const call = record(id);
      calls.push(call);
      return call;
    };
    const model = modelFor(household.id, opened.repo);
    const stopA = model.start();
    const stopB = model.start(); // a second screen of the same dossier
    await expect.poll(() => calls.length).toBe(1); // one showing, however many screens
    await Promise.all(calls);
    stopA();
    stopB();
    // Shown again at once (the clock moves 1 s per reading): a new showing, within ten minutes.
    const stop = model.start();
    await expect.poll(() => calls.length).toBe(2);
    await Promise.all(calls);
    stop();
    const rows = await opened.db.accessOpenings.toArray();
    expect(rows).toEqual([expect.objectContaining({ householdId: household.id, userId: 'user-1' })]);
  });

  it('[ALOG4] a dossier that is not on the device is no opening', async () => {
    const opened = openTestRepository();
    db = opened.db;
    const model = modelFor('no-such-household', opened.repo);
    const stop = model.start();
    await expect.poll(() => model.load.value.kind).toBe('missing');
    stop();
    expect(await opened.db.accessOpenings.count()).toBe(0);
  });
});
