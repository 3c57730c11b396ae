// @vitest-environment node
/**
 * DUP3 through the real server: the intake's duplicate warning asks the server when online. A
 * household another tablet pushed (not yet on this device) is found, with the scorer's reasons,
 * and marked as not openable here; offline, the device answers alone; the server answers only
 * from the households of the caller's scope.
 */
import { describe, expect, it } from 'vitest';
import type { MatchProbe } from '../../src/domain/sync/coordination-protocol';
import { combineDuplicates } from '../../src/state/intake/possible-duplicates';
import { createWorkspaceModel } from '../../src/state/workspace/workspace-model';
import { checkDuplicatesOnline } from '../../src/sync/duplicate-check-api';
import { type Device, ENGINES, householdFields, useTestServer, WP_B } from './helpers';

/** The family as the second tablet types it: a typo in the surname, the same birth date and phone. */
const PROBE: MatchProbe = {
  people: [{ firstName: 'Aïcha', lastName: 'Benalli', birthDate: '1984-05-12' }],
  phones: ['06 12 34 56 78'],
  emails: [],
};

function transportOf(device: Device) {
  return { fetch: device.transport.fetch, session: () => device.sessions.current() };
}

function workspaceOf(device: Device, online: () => boolean) {
  return createWorkspaceModel({
    repository: device.repository,
    today: () => '2026-12-06',
    simulation: () => {
      throw new Error('not used');
    },
    networkDuplicates: () =>
      online()
        ? (probe, excludeHouseholdId) => checkDuplicatesOnline(transportOf(device), probe, excludeHouseholdId)
        : undefined,
  });
}

describe.each(ENGINES)('DUP3 the intake asks the server when online ($name)', (engine) => {
  const world = useTestServer(
    engine,
    [
      { username: 'couns-a', role: 'counsellor' },
      { username: 'vol-b', role: 'volunteer', welcomePointIds: [WP_B] },
    ],
    { pointB: true },
  );

  async function recordedElsewhere(): Promise<string> {
    const tablet = await world.device('tablet-a', { username: 'couns-a' });
    const { household } = await tablet.repository.createHousehold(
      { ...householdFields(), phone: '06 12 34 56 78' },
      [{ role: 'applicant', firstName: 'Aïcha', lastName: 'Benali', birthDate: '1984-05-12' }],
    );
    await tablet.client.sync();
    return household.id;
  }

  it('finds a household only the server has, with its reasons, not openable here', async () => {
    const householdId = await recordedElsewhere();
    const here = await world.device('tablet-a2', { username: 'couns-a' });
    let online = true;
    const workspace = workspaceOf(here, () => online);

    const found = await workspace.findPossibleDuplicates(PROBE);
    expect(found.map((m) => [m.householdId, m.onDevice])).toEqual([[householdId, false]]);
    const fields = found[0]?.reasons.filter((r) => r.weight > 0).map((r) => r.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'birth_date', 'phone']));

    // Offline the device answers alone: it holds nothing like it.
    online = false;
    expect(await workspace.findPossibleDuplicates(PROBE)).toEqual([]);

    // Once synced, the device finds it itself, and shows it once, openable.
    online = true;
    await here.client.sync();
    const afterSync = await workspace.findPossibleDuplicates(PROBE);
    expect(afterSync.map((m) => [m.householdId, m.onDevice])).toEqual([[householdId, true]]);
  });

  it('answers from the caller’s scope only', async () => {
    await recordedElsewhere();
    const elsewhere = await world.device('tablet-b', { username: 'vol-b' });
    expect(await checkDuplicatesOnline(transportOf(elsewhere), PROBE)).toEqual([]);
  });
});

describe('combineDuplicates', () => {
  it('shows the device’s matches first and a household found by both once', () => {
    const reasons = [{ field: 'name' as const, level: 'exact' as const, weight: 9, a: 'x', b: 'x' }];
    const shown = combineDuplicates(
      [{ householdId: 'h1', displayName: 'Zoé Martin', score: 20, reasons }],
      [
        { householdId: 'h2', reference: 'RL-1', label: 'Paul Martin', score: 30, reasons },
        { householdId: 'h1', reference: null, label: 'Zoé Martin', score: 20, reasons },
        { householdId: 'h3', reference: null, label: 'Léa Martin', score: 15, reasons },
      ],
      new Set(['h3']),
    );
    expect(shown.map((m) => [m.householdId, m.onDevice, m.reference])).toEqual([
      ['h1', true, undefined],
      ['h2', false, 'RL-1'],
      ['h3', true, undefined],
    ]);
  });
});
