/**
 * The pure decisions of a merge (docs/merges.md MERGE4, MERGE5), without a server: which children
 * look like the same thing, what a command must choose, and what the plan writes.
 */
import { describe, expect, it } from 'vitest';
import type { MergeCommand } from '../../../src/domain/sync/coordination-protocol';
import { formatHlc } from '../../../src/domain/sync/hlc';
import { InvalidMerge, planMerge } from '../../../sync-server/src/merges/merge-plan';
import { childDuplicates, fieldDifferences } from '../../../sync-server/src/merges/merge-preview';
import { SERVER_WRITER } from '../../../sync-server/src/merges/server-write';
import type { StoredRow } from '../../../sync-server/src/stores/store-tx';

const S = '01900000-0000-7000-8000-00000000000a';
const M = '01900000-0000-7000-8000-00000000000b';

function row(
  entity: string,
  id: string,
  householdId: string,
  data: Record<string, unknown>,
  at = 1000,
): StoredRow {
  const meta = { v: 1, d: 'dev', u: 'u1', h: formatHlc({ ms: at, counter: 0, node: 'dev' }), t: at };
  return {
    entity,
    id,
    householdId,
    version: 1,
    seq: 1,
    deleted: false,
    data: { deleted: false, ...data },
    fieldMeta: Object.fromEntries(Object.keys(data).map((k) => [k, meta])),
    updatedHlc: meta.h,
  };
}

const household = (id: string, extra: Record<string, unknown>, at = 1000) =>
  row(
    'household',
    id,
    id,
    {
      schemaVersion: 1,
      territory: 'metropole',
      departement: '69',
      housingStatus: 'tenant',
      status: 'intake',
      openedOn: '2026-11-02',
      welcomePointId: 'wp-a',
      ...extra,
    },
    at,
  );

function command(extra: Partial<MergeCommand> = {}): MergeCommand {
  return {
    mergeId: '01900000-0000-7000-8000-0000000000ff',
    survivorId: S,
    mergedId: M,
    reason: 'test',
    fieldChoices: {},
    childChoices: [],
    ...extra,
  };
}

const writer = { userId: 'coord', now: 5000, newId: () => 'conflict-1' };
const hlc = formatHlc({ ms: 5000, counter: 0, node: SERVER_WRITER });

describe('merge decisions', () => {
  it('[MERGE4] the same person under a usage name on one side and the birth name on the other is a child duplicate', () => {
    const a = row('member', 'm1', S, { firstName: 'Zoé', lastName: 'Martin', birthDate: '1980-01-02' });
    const b = row('member', 'm2', M, {
      firstName: 'ZOE',
      lastName: 'Durand',
      birthName: 'martin',
      birthDate: '1980-01-02',
    });
    const c = row('member', 'm3', M, { firstName: 'Zoé', lastName: 'Martin', birthDate: '1981-01-02' });
    expect(childDuplicates([a], [b, c])).toEqual([
      { entity: 'member', survivorChildId: 'm1', mergedChildId: 'm2', why: 'same_person' },
    ]);
  });

  it('[MERGE4] a merged child like two survivor children: the preview proposes the first by id whatever the change order, and the command may name either', () => {
    const survivorRows = [
      household(S, {}),
      { ...row('creditor', 'c-b', S, { name: 'Cofidis', category: 'other' }), seq: 2 },
      { ...row('creditor', 'c-a', S, { name: 'COFIDIS', category: 'other' }), seq: 3 },
    ];
    const mergedRows = [
      household(M, {}),
      row('creditor', 'c-m', M, { name: 'cofidis', category: 'other' }),
      row('debt', 'd-m', M, { creditorId: 'c-m', amountCents: 100 }),
    ];
    expect(childDuplicates(survivorRows, mergedRows).map((d) => d.survivorChildId)).toEqual(['c-a']);
    const plan = planMerge({
      command: command({
        childChoices: [
          { entity: 'creditor', survivorChildId: 'c-b', mergedChildId: 'c-m', keep: 'survivor' },
        ],
      }),
      survivorRows,
      mergedRows,
      chainRows: [],
      writer,
      hlc,
    });
    expect(plan.rows.find((r) => r.id === 'd-m')?.data.creditorId).toBe('c-b');
    // A survivor child is never dropped by a choice: naming one as the merged child is refused.
    expect(() =>
      planMerge({
        command: command({
          childChoices: [
            { entity: 'creditor', survivorChildId: 'c-b', mergedChildId: 'c-m', keep: 'both' },
            { entity: 'creditor', survivorChildId: 'c-b', mergedChildId: 'c-a', keep: 'survivor' },
          ],
        }),
        survivorRows,
        mergedRows,
        chainRows: [],
        writer,
        hlc,
      }),
    ).toThrow(/c-a is not a child duplicate/);
  });

  it('[MERGE4] the default pick is the most recently changed value', () => {
    const diffs = fieldDifferences(household(S, { phone: '1' }, 1000), household(M, { phone: '2' }, 2000));
    expect(diffs.map((d) => [d.field, d.defaultPick])).toEqual([['phone', 'merged']]);
  });

  it('[MERGE4] a command without a choice for each child duplicate, or choosing a field that does not differ, is refused', () => {
    const rows = {
      survivorRows: [household(S, {}), row('creditor', 'c1', S, { name: 'Cofidis', category: 'other' })],
      mergedRows: [household(M, {}), row('creditor', 'c2', M, { name: 'cofidis', category: 'other' })],
      chainRows: [],
      writer,
      hlc,
    };
    expect(() => planMerge({ ...rows, command: command() })).toThrow(InvalidMerge);
    expect(() =>
      planMerge({
        ...rows,
        command: command({
          fieldChoices: { phone: 'merged' },
          childChoices: [{ entity: 'creditor', survivorChildId: 'c1', mergedChildId: 'c2', keep: 'both' }],
        }),
      }),
    ).toThrow(/phone/);
  });

  it('[MERGE5] the plan writes the chosen field with its history, every merged row re-pointed, and the tombstone with its pointer', () => {
    const plan = planMerge({
      command: command({ fieldChoices: { phone: 'merged' } }),
      survivorRows: [household(S, { phone: '1' })],
      mergedRows: [household(M, { phone: '2' }), row('charge', 'ch', M, { amountCents: 5 })],
      chainRows: [],
      writer,
      hlc,
    });
    expect(plan.rows.map((r) => [r.entity, r.id, r.householdId, r.version])).toEqual([
      ['household', S, S, 2],
      ['charge', 'ch', S, 2],
      ['household', M, M, 2],
    ]);
    expect(plan.rows[0]?.data.phone).toBe('2');
    expect(plan.rows[0]?.fieldMeta.phone).toMatchObject({ v: 2, d: SERVER_WRITER, u: 'coord' });
    expect(plan.history.map((h) => [h.field, h.value, h.reason])).toEqual([['phone', '1', 'merge']]);
    expect(plan.rows[2]?.data).toMatchObject({ deleted: true, mergedInto: S, mergeId: command().mergeId });
  });
});

describe('merge decisions on children that already have an open conflict', () => {
  const creditors = {
    survivorRows: [household(S, {}), row('creditor', 'c1', S, { name: 'Cofidis', category: 'other' })],
    mergedRows: [
      household(M, {}),
      row('creditor', 'c2', M, { name: 'cofidis', category: 'other' }),
      row('creditor', 'c3', M, { name: 'COFIDIS', category: 'other' }),
    ],
    chainRows: [],
    writer,
    hlc,
  };
  const open = (entityId: string, values: boolean[]) => ({
    id: `open-${entityId}`,
    entity: 'creditor',
    entityId,
    householdId: M,
    field: 'deleted',
    kind: 'edit-vs-delete' as const,
    status: 'open' as const,
    values: values.map((value) => ({ value, userId: 'u1', deviceId: 'dev', hlc, serverTime: 1 })),
    openedAt: 1,
    resolvedAt: null,
    resolvedBy: null,
    resolvedByMutation: null,
  });
  const choice = (mergedChildId: string, keep: 'both' | 'survivor') => ({
    entity: 'creditor' as const,
    survivorChildId: 'c1',
    mergedChildId,
    keep,
  });

  it('[MERGE4] keep both joins the open keep-or-drop conflict (one open conflict per field), completing only the values it lacked', () => {
    const plan = planMerge({
      ...creditors,
      openConflicts: [open('c3', [true])],
      command: command({ childChoices: [choice('c2', 'both'), choice('c3', 'both')] }),
    });
    expect(plan.conflicts.map((c) => c.entityId)).toEqual(['c2']);
    expect(
      plan.joinedConflicts.map((c) => [c.id, (c.values as { value: boolean }[]).map((v) => v.value)]),
    ).toEqual([['open-c3', [true, false]]]);
    expect(plan.choices.joinedConflicts).toEqual([
      { id: 'open-c3', valuesBefore: open('c3', [true]).values },
    ]);
  });

  it("[MERGE4] keep 'survivor' settles the dropped child's open conflict; a merged child decided twice is refused", () => {
    const plan = planMerge({
      ...creditors,
      openConflicts: [open('c3', [false, true])],
      command: command({ childChoices: [choice('c2', 'survivor'), choice('c3', 'survivor')] }),
    });
    expect(plan.settledConflicts.map((c) => c.id)).toEqual(['open-c3']);
    expect(plan.rows.filter((r) => r.deleted).map((r) => r.id)).toEqual(['c2', 'c3', M]);
    expect(() =>
      planMerge({
        ...creditors,
        command: command({
          childChoices: [choice('c2', 'both'), choice('c3', 'both'), choice('c3', 'survivor')],
        }),
      }),
    ).toThrow(/decided more than once/);
  });
});
