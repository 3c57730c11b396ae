/**
 * The Ateliers state over a real device database (fake-indexeddb): a session recorded with no
 * network is on the device with its outbox entry (it syncs later); the list follows writes, by
 * welcome point and year, most recent first, with its hours (WS3); AUTH10 again at the write.
 */
import { signal } from '@preact/signals';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RelaisDb } from '../../../src/db/app-db';
import type { WelcomePoint } from '../../../src/domain/sync/protocol';
import type { WorkshopFields } from '../../../src/state/workshops/workshop-form';
import {
  followHouseholdWorkshops,
  type HouseholdWorkshops,
} from '../../../src/state/workshops/workshops-for';
import {
  createWorkshopsModel,
  WelcomePointNotAllowedError,
} from '../../../src/state/workshops/workshops-model';
import { applicant, householdFields, openTestRepository } from '../../db/helpers';

let opened: RelaisDb[] = [];
afterEach(async () => {
  for (const db of opened) await db.delete();
  opened = [];
});

const lyon: WelcomePoint = { id: 'wp-lyon', name: 'Lyon 3e', archived: false };
const vienne: WelcomePoint = { id: 'wp-vienne', name: 'Vienne', archived: false };

async function setup(points: WelcomePoint[] = [lyon, vienne]) {
  const { db, repo } = openTestRepository();
  opened.push(db);
  // Opened first, as in the app (a live read racing the first open of a fresh database and a
  // write fails with PrematureCommitError in fake-indexeddb: reported to the entities' helper).
  await db.open();
  const model = createWorkshopsModel({
    store: repo,
    welcomePoints: signal(points),
    currentUserId: signal('user-1'),
  });
  return { db, repo, model };
}

const session = (overrides: Partial<WorkshopFields> = {}): WorkshopFields => ({
  date: '2026-03-12',
  welcomePointId: 'wp-lyon',
  facilitatorUserId: 'user-1',
  topic: 'Le budget du mois',
  durationMinutes: 120,
  participantHouseholdIds: [],
  anonymousParticipants: 4,
  ...overrides,
});

describe('the Ateliers model', () => {
  it('WS1: a session recorded offline is stored with one outbox entry, to be pushed at the next sync', async () => {
    const { db, model } = await setup();
    const created = await model.create(session());
    const outbox = await db.outbox.toArray();
    expect(outbox.map((e) => [e.op, e.entity, e.entityId, e.householdId])).toEqual([
      ['create', 'workshop', created.id, created.id],
    ]);
    expect(await db.workshops.get(created.id)).toMatchObject({
      topic: 'Le budget du mois',
      durationMinutes: 120,
    });
  });

  it('AUTH10: a welcome point not in the session is refused at the write, nothing stored', async () => {
    const { db, model } = await setup([lyon]);
    expect(() => model.create(session({ welcomePointId: 'wp-vienne' }))).toThrow(WelcomePointNotAllowedError);
    expect(await db.workshops.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('WS3: lists sessions most recent first, filtered by welcome point and year, with duration × participants', async () => {
    const { repo, model } = await setup();
    const { household: h1 } = await repo.createHousehold(householdFields, [applicant]);
    const stop = model.start();
    await model.create(session({ date: '2025-11-04', durationMinutes: 90, anonymousParticipants: 2 }));
    await model.create(
      session({ date: '2026-03-12', participantHouseholdIds: [h1.id], anonymousParticipants: 4 }),
    );
    await model.create(
      session({ date: '2026-01-20', welcomePointId: 'wp-vienne', anonymousParticipants: 1 }),
    );
    await vi.waitFor(() => expect(model.lines.value).toHaveLength(3));
    // 2026-03-12: 120 min × (1 household + 4) = 600; 2026-01-20: 120 × 1 = 120; 2025-11-04: 90 × 2 = 180.
    expect(model.lines.value.map((l) => [l.row.date, l.participants, l.participantMinutes])).toEqual([
      ['2026-03-12', 5, 600],
      ['2026-01-20', 1, 120],
      ['2025-11-04', 2, 180],
    ]);
    expect(model.years.value).toEqual(['2026', '2025']);
    model.setFilters({ year: '2026' });
    expect(model.lines.value.map((l) => l.row.date)).toEqual(['2026-03-12', '2026-01-20']);
    model.setFilters({ year: '2026', welcomePointId: 'wp-lyon' });
    expect(model.lines.value.map((l) => l.row.date)).toEqual(['2026-03-12']);
    // The participant's name comes from the dossiers on the device, for its chip.
    await vi.waitFor(() => expect(model.names.value.get(h1.id)?.name).toContain('Martin'));
    stop();
  });

  it('WS2: two participants merged since count once, as their survivor, once the device learns the merge', async () => {
    const { db, repo, model } = await setup();
    const { household: kept } = await repo.createHousehold(householdFields, [applicant]);
    const { household: merged } = await repo.createHousehold(
      { ...householdFields, reference: 'RL-2026-0043' },
      [applicant],
    );
    const stop = model.start();
    await model.create(session({ participantHouseholdIds: [kept.id, merged.id], anonymousParticipants: 1 }));
    // 120 min × (2 households + 1) = 360 participant-minutes = 6 h.
    await vi.waitFor(() => expect(model.lines.value.map((l) => [l.participants, l.hours])).toEqual([[3, 6]]));
    // The pull of a coordinator's merge records the alias (src/db/sync-apply/merge-redirects.ts).
    await db.householdAliases.put({ mergedId: merged.id, survivorId: kept.id, at: Date.now() });
    // 120 × (1 household + 1) = 240 = 4 h.
    await vi.waitFor(() => expect(model.lines.value.map((l) => [l.participants, l.hours])).toEqual([[2, 4]]));
    expect(model.totalHours.value).toBe(4);
    stop();
  });

  it('an edit writes only the fields changed; a delete takes the session out of the list', async () => {
    const { db, model } = await setup();
    const stop = model.start();
    const created = await model.create(session());
    await model.update(
      created,
      session({ facilitatorUserId: undefined, facilitatorName: 'CCAS', anonymousParticipants: 6 }),
    );
    const last = (await db.outbox.toArray()).at(-1);
    expect(last?.op).toBe('patch');
    expect(Object.keys(last?.patch ?? {}).sort()).toEqual([
      'anonymousParticipants',
      'facilitatorName',
      'facilitatorUserId',
    ]);
    await model.remove(created.id);
    await vi.waitFor(() => expect(model.sessions.value).toEqual([]));
    stop();
  });

  it('searches households held on the device by name or reference, leaving out those already chosen', async () => {
    const { repo, model } = await setup();
    const { household } = await repo.createHousehold(householdFields, [applicant]);
    expect((await model.searchParticipants('mart', [])).map((c) => c.householdId)).toEqual([household.id]);
    expect((await model.searchParticipants('RL-2026-0042', [])).map((c) => c.householdId)).toEqual([
      household.id,
    ]);
    expect(await model.searchParticipants('mart', [household.id])).toEqual([]);
    expect(await model.searchParticipants('  ', [])).toEqual([]);
  });

  it('WS3: a household’s follow-up line counts its sessions and its hours (duration × 1 each)', async () => {
    const { repo, model } = await setup();
    const { household } = await repo.createHousehold(householdFields, [applicant]);
    await model.create(session({ participantHouseholdIds: [household.id], durationMinutes: 120 }));
    await model.create(
      session({ date: '2026-04-02', participantHouseholdIds: [household.id], durationMinutes: 90 }),
    );
    await model.create(session({ date: '2026-04-09' }));
    let seen: HouseholdWorkshops | undefined;
    const stop = followHouseholdWorkshops(repo, household.id, (value) => {
      seen = value;
    });
    // 2 sessions: 120 + 90 = 210 minutes = 3.5 h.
    await vi.waitFor(() => expect(seen?.hours).toBe(3.5));
    expect(seen?.sessions.map((s) => s.date)).toEqual(['2026-04-02', '2026-03-12']);
    stop();
  });
});
