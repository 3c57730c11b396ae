// @vitest-environment node
import 'fake-indexeddb/auto';
/** PLAN5: the association's plan thresholds reach the device at each sync run and stay for offline use. */
import { describe, expect, it } from 'vitest';
import { RelaisDb } from '../../src/db/app-db';
import { readPlanThresholds, writePlanThresholds } from '../../src/db/plan-thresholds-store';
import { createSettingsStore } from '../../src/db/settings-store';
import { DEFAULT_PLAN_THRESHOLDS, type PlanThresholds } from '../../src/domain/plans/plan-monitoring';
import { refreshPlanThresholds } from '../../src/sync/plan-thresholds-refresh';
import { SyncError } from '../../src/sync/sync-errors';
import type { FetchLike } from '../../src/sync/sync-http';
import { createSyncService } from '../../src/sync/sync-service';
import { PASSWORD, TestServer } from './helpers';
import { idleSchedulerEnv } from './idle-scheduler-env';

const association: PlanThresholds = { ...DEFAULT_PLAN_THRESHOLDS, graceDays: 5, lateAfterMissed: 2 };

function transport(answer: () => Response) {
  const paths: string[] = [];
  const fetch: FetchLike = async (input) => {
    paths.push(String(input));
    return answer();
  };
  const session = {
    token: 't',
    expiresAt: 0,
    user: { id: 'u', username: 'u', displayName: 'U', role: 'counsellor' },
    deviceId: 'd',
    loggedInAt: 0,
  };
  return { paths, transport: { fetch, baseUrl: 'http://server', session: () => session as never } };
}

async function run(answer: () => Response) {
  const written: PlanThresholds[] = [];
  const { paths, transport: tr } = transport(answer);
  await refreshPlanThresholds(tr, { write: async (t) => void written.push(t) });
  return { written, paths };
}

describe('plan thresholds at each sync run (PLAN5)', () => {
  it('PLAN5: the server’s thresholds are kept (the object, or under `thresholds`)', async () => {
    const direct = await run(() => Response.json(association));
    expect(direct.paths).toEqual(['http://server/api/plans/thresholds']);
    expect(direct.written).toEqual([association]);
    expect((await run(() => Response.json({ thresholds: association }))).written).toEqual([association]);
  });

  it('PLAN5: a 5xx, an unreadable answer or no network keep what the device has; a 401 fails the run', async () => {
    expect((await run(() => new Response('oops', { status: 503 }))).written).toEqual([]);
    expect((await run(() => Response.json({ graceDays: -1 }))).written).toEqual([]);
    expect(
      (
        await run(() => {
          throw new TypeError('network');
        })
      ).written,
    ).toEqual([]);
    await expect(run(() => Response.json({ error: 'expired' }, { status: 401 }))).rejects.toBeInstanceOf(
      SyncError,
    );
  });
});

describe('plan thresholds through the real server and sync service (PLAN5)', () => {
  it('PLAN5: an admin’s thresholds reach a volunteer’s device at its next sync run and are kept in its settings', async () => {
    const server = await TestServer.start();
    try {
      const adminToken = await server.makeWorld([{ username: 'vol', role: 'volunteer' }]);
      const lenient = { ...DEFAULT_PLAN_THRESHOLDS, graceDays: 20, lateAfterMissed: 2 };
      const put = await server.inject('PUT', '/api/admin/plan-thresholds', lenient, adminToken);
      expect(put.status).toBe(200);
      const db = new RelaisDb(`plan-thresholds-${Math.random().toString(36).slice(2)}`);
      const settings = createSettingsStore(`plan-thresholds-settings-${Math.random()}`);
      const service = createSyncService({
        db,
        fetch: (input, init) => server.fetch(input, init),
        appVersion: '1.0.0',
        env: idleSchedulerEnv,
        now: server.clock.now,
        planThresholds: { write: (thresholds) => writePlanThresholds(settings, thresholds) },
      });
      await service.load();
      service.start({ onRunStart: () => undefined, onProgress: () => undefined, onRunEnd: () => undefined });
      expect(await readPlanThresholds(settings)).toEqual({
        thresholds: DEFAULT_PLAN_THRESHOLDS,
        fromServer: false,
      });
      await service.login('vol', PASSWORD);
      await service.syncNow();
      expect(await readPlanThresholds(settings)).toEqual({ thresholds: lenient, fromServer: true });
      service.stop();
    } finally {
      await server.close();
    }
  });
});
