// @vitest-environment node
/** PLAN5: the association's plan thresholds reach the device at each sync run and stay for offline use. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAN_THRESHOLDS, type PlanThresholds } from '../../src/domain/plans/plan-monitoring';
import { refreshPlanThresholds } from '../../src/sync/plan-thresholds-refresh';
import { SyncError } from '../../src/sync/sync-errors';
import type { FetchLike } from '../../src/sync/sync-http';

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
