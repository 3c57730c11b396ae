/**
 * The intake's online check (docs/merges.md DUP3) on both stores: the server scores the probe
 * against the households of the CALLER's scope only (AUTH6, sync/scope.ts): volunteers and
 * counsellors see their welcome points' households and their personal dossiers, coordinators
 * every household.
 */
import { describe, expect, it } from 'vitest';
import type { Account } from '../sync/harness';
import { ENGINES, useSyncServer, WP_A, WP_B } from '../sync/harness';
import { detected, post, pushFamily } from './helpers';

const AICHA = { firstName: 'Aïcha', lastName: 'Benali', birthDate: '1984-05-12' };
const PROBE = {
  people: [{ firstName: 'Aicha', lastName: 'BENALI', birthDate: '1984-05-12' }],
  phones: [],
  emails: [],
};

describe.each(ENGINES)('the duplicate check on $name', (engine) => {
  const server = useSyncServer(engine);
  const ids: Record<string, string> = {};

  async function found(account: Account, extra: Record<string, unknown> = {}): Promise<string[]> {
    const response = await post(server.app, account, '/check', { probe: PROBE, ...extra });
    expect(response.status).toBe(200);
    const matches = response.body.matches as { householdId: string; label: string; reasons: unknown[] }[];
    for (const match of matches) {
      expect(match.label).toMatch(/BENALI/);
      expect(match.reasons.length).toBeGreaterThan(0);
    }
    return matches.map((m) => m.householdId).sort();
  }

  it('DUP3: each caller is answered from their own scope only', async () => {
    const a = await server.device(server.world.volunteerA);
    const b = await server.device(server.world.volunteerB);
    ids.inA = (await pushFamily(a, { welcomePointId: WP_A, people: [AICHA] })).householdId;
    ids.inB = (await pushFamily(b, { welcomePointId: WP_B, people: [AICHA] })).householdId;
    // A personal dossier of volunteer B (no welcome point): theirs, and coordinators'.
    ids.personalB = (await pushFamily(b, { people: [AICHA] })).householdId;
    ids.other = (
      await pushFamily(a, {
        welcomePointId: WP_A,
        people: [{ firstName: 'Jean', lastName: 'Dupont', birthDate: '1950-01-01' }],
      })
    ).householdId;
    await detected(server.app);
    const { volunteerA, counsellorA, volunteerB, coordinator, admin } = server.world;

    expect(await found(volunteerA)).toEqual([ids.inA]);
    expect(await found(counsellorA)).toEqual([ids.inA]);
    expect(await found(volunteerB)).toEqual([ids.inB, ids.personalB].sort());
    expect(await found(coordinator)).toEqual([ids.inA, ids.inB, ids.personalB].sort());
    expect(await found(admin)).toEqual([ids.inA, ids.inB, ids.personalB].sort());
    // The household being checked is never proposed against itself.
    expect(await found(coordinator, { excludeHouseholdId: ids.inA })).toEqual(
      [ids.inB, ids.personalB].sort(),
    );
  });

  it('DUP3: refuses a malformed probe (400) and an anonymous caller (401)', async () => {
    const { volunteerA } = server.world;
    const tooMany = { ...PROBE, people: Array.from({ length: 21 }, () => PROBE.people[0]) };
    expect((await post(server.app, volunteerA, '/check', { probe: tooMany })).status).toBe(400);
    expect((await post(server.app, volunteerA, '/check', {})).status).toBe(400);
    const anonymous = await server.app.inject({
      method: 'POST',
      url: '/api/coordination/duplicates/check',
      payload: { probe: PROBE },
    });
    expect(anonymous.statusCode).toBe(401);
  });
});
