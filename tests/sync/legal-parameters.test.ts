// @vitest-environment node
/**
 * Issue 12, point 4: the legal parameters an admin enters reach every device at its next sync
 * run, are kept on the device for offline use, and the device's diagnosis uses an entered value
 * from its effective date (the built-in record before it). Real server (SQLite), real sync
 * service, real state wiring, fake-indexeddb.
 */
import { signal } from '@preact/signals';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RelaisDb } from '../../src/db/app-db';
import { readLegalParameters } from '../../src/db/legal-parameters-store';
import { DossierRepository } from '../../src/db/repository';
import type { DiagnosisOptions } from '../../src/domain/budget/diagnosis-options';
import type { LegalParameterInput } from '../../src/domain/parameters/legal-parameter-entries';
import { followLegalParameters } from '../../src/state/legal-parameters-model';
import { diagnosisStateOf } from '../../src/state/workspace/diagnosis-state';
import type { FetchLike } from '../../src/sync/sync-http';
import { createSyncService } from '../../src/sync/sync-service';
import { seedExampleA } from '../ui/budget/seed-household';
import { PASSWORD, TestServer } from './helpers';
import { idleSchedulerEnv } from './idle-scheduler-env';

const rsaDecree: LegalParameterInput = {
  kind: 'rsaAmounts',
  effectiveFrom: '2026-06-01',
  source: 'Décret n° 2026-301 du 28 mars 2026; CASF L262-2',
  baseMonthlyCents: 65_100,
};

describe('legal parameters reach the device and its diagnosis (issue 12, point 4)', () => {
  let server: TestServer;
  let adminToken: string;
  beforeEach(async () => {
    server = await TestServer.start();
    adminToken = await server.makeWorld([{ username: 'vol', role: 'volunteer' }]);
  });
  afterEach(async () => {
    await server.close();
  });

  it('a volunteer’s device downloads them once, keeps them, and diagnoses with them from 1 June 2026', async () => {
    const created = await server.inject('POST', '/api/admin/legal-parameters', rsaDecree, adminToken);
    expect(created.status).toBe(201);

    // Every answer of GET /api/legal-parameters the device receives.
    const answers: unknown[] = [];
    const fetch: FetchLike = async (input, init) => {
      const response = await server.fetch(input, init);
      if (input.includes('/api/legal-parameters')) answers.push(await response.clone().json());
      return response;
    };
    const db = new RelaisDb(`legal-${Math.random().toString(36).slice(2)}`);
    const service = createSyncService({
      db,
      fetch,
      appVersion: '1.0.0',
      env: idleSchedulerEnv,
      now: server.clock.now,
    });
    const repository = new DossierRepository(db, {
      appVersion: '1.0.0',
      currentUserId: service.currentUserId,
    });
    await service.load();
    service.start({ onRunStart: () => undefined, onProgress: () => undefined, onRunEnd: () => undefined });
    const options = signal<DiagnosisOptions | undefined>(undefined);
    const stop = followLegalParameters(service, options);

    await service.login('vol', PASSWORD);
    await service.syncNow();
    const kept = await readLegalParameters(db);
    expect(kept?.version).toBe(1);
    expect(kept?.entries).toEqual([expect.objectContaining(rsaDecree)]);
    await vi.waitFor(() => expect(options.value?.parameterSupplements?.rsaAmounts).toHaveLength(1), {
      timeout: 5_000,
    });

    // A second run with nothing changed: the server answers with the version only.
    await service.syncNow();
    expect(answers).toEqual([
      expect.objectContaining({ version: 1, changed: true }),
      { version: 1, changed: false },
    ]);

    // Example A: one adult, no child, so the household RSA is the base amount (CASF R262-1).
    const { householdId } = await seedExampleA(repository);
    const dossier = await repository.getDossier(householdId);
    if (!dossier) throw new Error('no dossier');
    const rsaOn = (on: string) => {
      const state = diagnosisStateOf(dossier, on, options.value);
      if (state.kind !== 'ok') throw new Error(`no diagnosis on ${on}: ${state.kind}`);
      return state.diagnosis.capacity.rsaFloorCents;
    };
    // The day before: the built-in estimate of April 2026 (652,34 €); from 1 June: 651,00 €.
    expect(rsaOn('2026-05-31')).toBe(65_234);
    expect(rsaOn('2026-06-01')).toBe(65_100);

    // Offline: the device keeps using what it received.
    service.stop();
    const offline = signal<DiagnosisOptions | undefined>(undefined);
    const stopOffline = followLegalParameters(
      createSyncService({
        db,
        fetch: async () => {
          throw new TypeError('offline');
        },
        appVersion: '1.0.0',
        env: idleSchedulerEnv,
      }),
      offline,
    );
    await vi.waitFor(() => expect(offline.value?.parameterSupplements?.rsaAmounts).toHaveLength(1), {
      timeout: 5_000,
    });
    stop();
    stopOffline();
    db.close();
  });
});
