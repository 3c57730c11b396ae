/**
 * The coordinator console's model (issue 14, docs/merges.md) over the coordination API client,
 * against a stand-in of the routes (tests/support/coordination-double.ts) that checks every
 * request with the shared request schemas and answers with schema-valid responses. The screen's
 * tests (tests/ui/coordination/) run the same model against the real server app.
 */
import { signal } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import type {
  DuplicateCandidate,
  MergeCommand,
  MergePreview,
} from '../../src/domain/sync/coordination-protocol';
import type { Role } from '../../src/domain/sync/protocol';
import { createCoordinationModel } from '../../src/state/coordination-model';
import { createCoordinationApi } from '../../src/sync/coordination-api';
import type { DeviceSession } from '../../src/sync/session-store';
import { CoordinationDouble } from '../support/coordination-double';

const H1 = 'household-martin-a';
const H2 = 'household-martin-b';
const H3 = 'household-martin-c';
const WP_NORD = 'wp-nord';
const WP_SUD = 'wp-sud';
const EARLY = Date.UTC(2026, 9, 1, 10, 0);
const LATE = Date.UTC(2026, 10, 15, 16, 30);

function side(id: string, label: string, welcomePointId: string) {
  return {
    id,
    reference: null,
    label,
    welcomePointId,
    welcomePointName: welcomePointId === WP_NORD ? 'Accueil Nord' : 'Accueil Sud',
  };
}

function candidate(a: string, b: string, score: number): DuplicateCandidate {
  return {
    householdA: side(a, `Zoé MARTIN (${a.slice(-1)})`, a === H1 ? WP_NORD : WP_SUD),
    householdB: side(b, `Zoé MARTAIN (${b.slice(-1)})`, WP_SUD),
    score,
    reasons: [
      { field: 'name', level: 'phonetic', weight: 6, a: 'MARTIN', b: 'MARTAIN' },
      { field: 'birth_date', level: 'exact', weight: 10, a: '1984-03-07', b: '1984-03-07' },
    ],
    status: 'open',
    updatedAt: EARLY,
    decidedBy: null,
    decidedAt: null,
  };
}

function reviewHousehold(id: string, welcomePointId: string, members: string[]) {
  return {
    household: { id, status: 'active', welcomePointId },
    children: members.map((memberId) => ({
      entity: 'member' as const,
      row: { id: memberId, householdId: id, deleted: false, role: 'applicant', firstName: 'Zoé' },
    })),
    createdBy: { userId: 'user-sam', displayName: 'Sam Martin' },
    createdAt: EARLY,
    welcomePoint: { id: welcomePointId, name: 'Accueil' },
  };
}

/**
 * H1 (survivor) and H2: the phone was changed last on H2, the welcome point on H1: the defaults
 * are therefore the merged side for the phone and the survivor side for the welcome point.
 */
function preview(survivorId: string, mergedId: string): MergePreview {
  const survivorIsOne = survivorId === H1;
  return {
    survivor: reviewHousehold(survivorId, survivorIsOne ? WP_NORD : WP_SUD, [`${survivorId}-zoe`]),
    merged: reviewHousehold(mergedId, survivorIsOne ? WP_SUD : WP_NORD, [`${mergedId}-zoe`]),
    differences: [
      {
        field: 'phone',
        survivorValue: survivorIsOne ? '06 11 22 33 44' : '06 99 88 77 66',
        mergedValue: survivorIsOne ? '06 99 88 77 66' : '06 11 22 33 44',
        survivorChangedAt: survivorIsOne ? EARLY : LATE,
        mergedChangedAt: survivorIsOne ? LATE : EARLY,
        defaultPick: survivorIsOne ? 'merged' : 'survivor',
      },
      {
        field: 'welcomePointId',
        survivorValue: survivorIsOne ? WP_NORD : WP_SUD,
        mergedValue: survivorIsOne ? WP_SUD : WP_NORD,
        survivorChangedAt: survivorIsOne ? LATE : EARLY,
        mergedChangedAt: survivorIsOne ? EARLY : LATE,
        defaultPick: survivorIsOne ? 'survivor' : 'merged',
      },
    ],
    childDuplicates: [
      {
        entity: 'member',
        survivorChildId: `${survivorId}-zoe`,
        mergedChildId: `${mergedId}-zoe`,
        why: 'same_person',
      },
    ],
  };
}

const SESSION = { token: 'token-camille' } as DeviceSession;

function setUp(role: Role = 'coordinator') {
  const previews = new Map<string, MergePreview>();
  for (const [s, m] of [
    [H1, H2],
    [H2, H1],
    [H3, H2],
    [H2, H3],
    [H3, H1],
  ] as const)
    previews.set(`${s}|${m}`, preview(s, m));
  const server = new CoordinationDouble([candidate(H1, H2, 30), candidate(H2, H3, 15)], previews);
  const isOnline = signal(true);
  let ids = 0;
  const model = createCoordinationModel(
    createCoordinationApi({ fetch: server.fetch, session: () => SESSION }),
    {
      isOnline,
      role: signal<Role | null>(role),
      newId: () => `0190f3a2-0000-7000-8000-${String(++ids).padStart(12, '0')}`,
    },
  );
  const merges = () => server.sent.filter((r) => r.method === 'POST' && r.path === '/merges');
  return { server, model, isOnline, merges };
}

describe('coordination model', () => {
  it('lists the queue by score and filters it by welcome point and status (DUP1, DUP2)', async () => {
    const { server, model } = setUp();
    await model.loadQueue();
    expect(model.candidates.value.map((c) => c.score)).toEqual([30, 15]);
    await model.setWelcomePoint(WP_NORD);
    expect(model.candidates.value.map((c) => c.householdA.id)).toEqual([H1]);
    expect(server.sent.at(-1)?.query).toEqual({ status: 'open', welcomePointId: WP_NORD });
    await model.setQueueStatus('not_duplicate');
    expect(model.candidates.value).toEqual([]);
    expect(server.invalid).toEqual([]);
  });

  it('[MERGE4] preselects the most recently changed value of each field and keeps both of each child duplicate', async () => {
    const { server, model, merges } = setUp();
    await model.loadQueue();
    await model.review(H1, H2);
    // The phone was last changed on H2 (LATE), the welcome point on H1 (LATE).
    expect(model.fieldPicks.value).toEqual({ phone: 'merged', welcomePointId: 'survivor' });
    expect(Object.values(model.childChoices.value)).toEqual(['both']);
    model.setReason('Même personne, saisie deux fois');
    await model.merge();
    const sent = merges()[0]?.body as MergeCommand;
    expect(sent.fieldChoices).toEqual({ phone: 'merged', welcomePointId: 'survivor' });
    expect(sent.childChoices).toEqual([
      { entity: 'member', survivorChildId: `${H1}-zoe`, mergedChildId: `${H2}-zoe`, keep: 'both' },
    ]);
    expect(server.invalid).toEqual([]);
  });

  it('[MERGE4] swapping the survivor loads the other direction, with its own defaults', async () => {
    const { model } = setUp();
    await model.review(H1, H2);
    model.setPick('phone', 'survivor');
    await model.swap();
    expect(model.pair.value).toEqual({ survivorId: H2, mergedId: H1 });
    expect(model.fieldPicks.value).toEqual({ phone: 'survivor', welcomePointId: 'merged' });
  });

  it('[MERGE2] the retry after a lost answer sends the same mergeId, and the merge is applied once', async () => {
    const { server, model, merges } = setUp();
    await model.loadQueue();
    await model.review(H1, H2);
    model.setReason('Doublon certain');
    server.dropNext = '/merges';
    await model.merge();
    // The server merged, the answer was lost: the outcome is unknown to the console.
    expect(server.applied).toBe(1);
    expect(model.mergeError.value).toBe('offline');
    expect(model.lastMerge.value).toBeNull();
    await model.merge();
    const [first, retry] = merges().map((r) => (r.body as MergeCommand).mergeId);
    expect(retry).toBe(first);
    expect(server.applied).toBe(1);
    expect(model.lastMerge.value?.mergeId).toBe(first);
    expect(model.mergeError.value).toBeNull();
    expect(model.candidates.value.map((c) => c.householdA.id)).toEqual([H2]);
    expect(model.pair.value).toBeNull();
  });

  it('[MERGE2] a double click sends one request', async () => {
    const { server, model, merges } = setUp();
    await model.review(H1, H2);
    model.setReason('Doublon certain');
    let release: () => void = () => undefined;
    server.hold = new Promise((resolve) => {
      release = resolve;
    });
    const clicks = [model.merge(), model.merge()];
    release();
    await Promise.all(clicks);
    expect(merges()).toHaveLength(1);
    expect(server.applied).toBe(1);
  });

  it('asks for a reason before sending a merge', async () => {
    const { model, merges } = setUp();
    await model.review(H1, H2);
    model.setReason('   ');
    await model.merge();
    expect(model.reasonMissing.value).toBe(true);
    expect(merges()).toEqual([]);
  });

  it('[DUP2] "not a duplicate" takes the pair out of the queue, and a reload does not bring it back', async () => {
    const { server, model } = setUp();
    await model.loadQueue();
    await model.review(H1, H2);
    model.setReason('Deux sœurs, pas la même personne');
    await model.notDuplicate();
    expect(model.candidates.value.map((c) => c.householdA.id)).toEqual([H2]);
    expect(model.lastNotDuplicate.value).toEqual({ survivorId: H1, mergedId: H2 });
    expect(server.sent.at(-1)?.body).toEqual({
      householdA: H1,
      householdB: H2,
      reason: 'Deux sœurs, pas la même personne',
    });
    await model.loadQueue();
    expect(model.candidates.value.map((c) => c.householdA.id)).toEqual([H2]);
    await model.setQueueStatus('not_duplicate');
    expect(model.candidates.value.map((c) => c.householdA.id)).toEqual([H1]);
  });

  it('[MERGE3] a merge refused as already merged names the survivor and offers its review', async () => {
    const { server, model, merges } = setUp();
    await model.review(H1, H2);
    // Meanwhile another coordinator merged H2 into H3.
    server.mergeElsewhere(H2, H3, '0190f3a2-0000-7000-8000-999999999999');
    model.setReason('Doublon');
    await model.merge();
    expect(model.mergeRefusal.value).toMatchObject({ reason: 'already-merged', survivorId: H3 });
    await model.reviewCurrentSurvivor();
    // H2 is gone into H3: the review is now H3 with H1, which is still live.
    expect(model.pair.value).toEqual({ survivorId: H3, mergedId: H1 });
    expect(model.preview.value?.survivor.household.id).toBe(H3);
    model.setReason('Doublon');
    await model.merge();
    const [refused, next] = merges().map((r) => (r.body as MergeCommand).mergeId);
    // A refused merge wrote nothing: the next attempt is a new merge with a new id.
    expect(next).not.toBe(refused);
  });

  it('[MERGE6] an unmerge refused by the LIFO rule names the later merge; undone in order, it succeeds', async () => {
    const { server, model } = setUp();
    await model.review(H1, H2);
    model.setReason('Premier doublon');
    await model.merge();
    await model.review(H3, H1);
    model.setReason('Second doublon');
    await model.merge();
    await model.loadLog();
    const [later, earlier] = model.log.value;
    expect([earlier?.mergedId, later?.mergedId]).toEqual([H2, H1]);
    const earlierId = earlier?.mergeId ?? '';
    await model.undo(earlierId);
    expect(model.undoReasonMissing.value).toBe(earlierId);
    model.setUndoReason(earlierId, 'Erreur de saisie');
    await model.undo(earlierId);
    expect(model.undoFailure.value).toEqual({
      mergeId: earlierId,
      refusal: expect.objectContaining({ reason: 'merge-superseded', laterMergeId: later?.mergeId }),
      kind: null,
    });
    model.setUndoReason(later?.mergeId ?? '', 'Mauvaise paire');
    await model.undo(later?.mergeId ?? '');
    await model.undo(earlierId);
    expect(model.undoFailure.value).toBeNull();
    expect(model.log.value.map((e) => e.status)).toEqual(['undone', 'undone']);
    expect(model.log.value[1]?.undoReason).toBe('Erreur de saisie');
    expect(server.invalid).toEqual([]);
  });

  it('offline: nothing is sent and the error says so; others than coordinators and admins load nothing', async () => {
    const { server, model, isOnline } = setUp();
    isOnline.value = false;
    await model.loadQueue();
    expect(model.queueError.value).toBe('offline');
    expect(server.sent).toEqual([]);
    const counsellor = setUp('counsellor');
    await counsellor.model.loadQueue();
    await counsellor.model.loadLog();
    expect(counsellor.server.sent).toEqual([]);
  });
});
