/**
 * The full rescan rebuilds what incremental detection built (docs/merges.md DUP1c, DUP2), on both
 * stores: random families from a small pool of names (so that many are alike), random edits,
 * deletions, merges and "not a duplicate" decisions, each push detected by the drain after it;
 * then a rescan from sync_rows must leave every profile, key and pair (decisions included) as
 * they were. A household marked merged is queued, as the merge command queues it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Device } from '../sync/harness';
import { ENGINES, requireServerRow, useSyncServer, WP_A, WP_B } from '../sync/harness';
import { detected, detectionTables, type Family, listQueue, markMerged, post, pushFamily } from './helpers';

const FIRST = ['Aïcha', 'Aicha', 'Karim', 'Marie', 'Mary', 'Jean', 'Zoé'];
const LAST = ['Benali', 'Benaly', 'Martin', 'Martins', 'Dupont'];
const DATES = ['1984-05-12', '1984-12-05', '1985-05-12', '1990-01-30', '2015-06-01'];

/** mulberry32: a small seeded generator, so each run is reproducible from its seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe.each(ENGINES)('incremental detection and the rescan on $name', (engine) => {
  const server = useSyncServer(engine, { perTest: true });

  it('DUP1c, DUP2: a rescan rebuilds exactly the profiles, keys and pairs incremental detection built', async () => {
    const statuses: string[] = [];
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), async (seed) => {
        const next = random(seed);
        const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
        const person = () => ({ firstName: pick(FIRST), lastName: pick(LAST), birthDate: pick(DATES) });
        const devices: Device[] = [
          await server.device(server.world.volunteerA),
          await server.device(server.world.volunteerB),
        ];
        const families: (Family & { device: Device })[] = [];
        for (let i = 0; i < 14; i += 1) {
          const device = pick(devices);
          const people = Array.from({ length: 1 + Math.floor(next() * 2) }, person);
          const welcomePointId = device === devices[0] ? WP_A : WP_B;
          const phone = next() < 0.3 ? pick(['06 12 34 56 78', '0611223344']) : undefined;
          families.push({
            device,
            ...(await pushFamily(device, {
              welcomePointId,
              people,
              ...(phone === undefined ? {} : { phone }),
            })),
          });
        }
        await detected(server.app);
        // Coordinators set some open pairs aside.
        for (const candidate of (await listQueue(server.app, server.world.coordinator)).candidates) {
          if (next() < 0.5) {
            await post(server.app, server.world.coordinator, '/not-duplicate', {
              householdA: candidate.householdA.id,
              householdB: candidate.householdB.id,
            });
          }
        }
        // Edits (compared and not), deletions and merges, detected as they come.
        for (let step = 0; step < 10; step += 1) {
          const family = pick(families);
          const { device } = family;
          const roll = next();
          const memberId = family.memberIds[0] ?? '';
          if (roll < 0.4) {
            const member = await requireServerRow(server.store, 'member', memberId);
            if (member.deleted !== true)
              await device.push([device.patch('member', member, { lastName: pick(LAST) })]);
          } else if (roll < 0.6) {
            const household = await requireServerRow(server.store, 'household', family.householdId);
            if (household.deleted !== true) {
              await device.push([
                device.patch('household', household, { housingStatus: pick(['owner', 'tenant']) }),
              ]);
            }
          } else if (roll < 0.75) {
            const member = await requireServerRow(server.store, 'member', memberId);
            if (member.deleted !== true) await device.push([device.remove('member', member)]);
          } else if (roll < 0.85) {
            const household = await requireServerRow(server.store, 'household', family.householdId);
            if (household.deleted !== true) await device.push([device.remove('household', household)]);
          } else {
            const survivor = pick(families);
            if (survivor !== family) {
              await markMerged(server.store, family.householdId, survivor.householdId);
              await server.store.transaction((tx) =>
                tx.queueHouseholds([family.householdId], server.clock.ms),
              );
              server.app.duplicates.schedule();
            }
          }
        }
        await detected(server.app);
        const incremental = await detectionTables(server.store);
        // The run means something only with pairs to rebuild (14 families of 7 × 5 names).
        expect(incremental.pairs.length).toBeGreaterThan(0);
        statuses.push(...incremental.pairs.map((p) => String((p as { status: string }).status)));

        const rescan = await post(server.app, server.world.admin, '/rescan');
        expect(rescan.status).toBe(200);
        await detected(server.app);
        expect(rescan.body.decisionsLapsed).toBe(0);
        expect(await detectionTables(server.store)).toEqual(incremental);
      }),
      { numRuns: 3 },
    );
    // Across the runs, both open pairs and decisions were rebuilt.
    expect(new Set(statuses)).toEqual(new Set(['open', 'not_duplicate']));
  }, 120_000);

  it('DUP1c: the rescan loads keys without the household index of match_keys and rebuilds it', async () => {
    const device = await server.device(server.world.volunteerA);
    await pushFamily(device, {
      welcomePointId: WP_A,
      people: [{ firstName: 'Zoé', lastName: 'Martin', birthDate: '1984-05-12' }],
    });
    await detected(server.app);
    const indexed = () =>
      server.store.transaction((tx) =>
        tx.sql.all(
          engine.name === 'sqlite'
            ? "SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'match_keys_household'"
            : "SELECT indexname FROM pg_indexes WHERE indexname = 'match_keys_household' AND schemaname = current_schema()",
        ),
      );
    expect(await indexed()).toHaveLength(1);
    expect((await post(server.app, server.world.admin, '/rescan')).status).toBe(200);
    // Detection deletes a household's keys through this index: without it, a scan of every key.
    expect(await indexed()).toHaveLength(1);
  });
});
