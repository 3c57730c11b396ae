/**
 * What a merge writes (docs/merges.md MERGE4, MERGE5, MERGE10), decided as a pure function of the
 * rows the merge command locked and loaded: the survivor's chosen fields as a new version (the
 * replaced values to the field history, reason 'merge'), EVERY row of the merged household
 * re-pointed to the survivor (generic: whatever the entity), the child choices (both kept with a
 * `duplicate-child` conflict, or the merged child tombstoned and its references re-pointed), the
 * merged household's tombstone with `mergedInto`/`mergeId`, and the chain collapsed. merge-command.ts
 * loads, calls it and writes the result; tests call it without a server.
 *
 * A merged child may already have an open conflict on `deleted` (keep it or drop it): from an
 * earlier merge that kept both, or an edit against a delete. There is one open conflict per field
 * (the `conflicts_one_open` index), and it already asks the question a duplicate asks, so keep
 * 'both' joins it (its values completed, named in the result) instead of opening a second one,
 * and keep 'survivor' settles it (the coordinator dropped the child). The unmerge puts both back.
 */
import type { ChildChoice, FieldPick, MergeCommand } from '../../../src/domain/sync/coordination-protocol';
import type { ConflictValue } from '../../../src/domain/sync/protocol';
import { HttpError } from '../http-errors';
import type { ConflictRecord, FieldHistoryRecord, FieldMeta, StoredRow } from '../stores/store-tx';
import type { Writer } from '../sync/row-draft';
import { sameValue } from '../sync/wire-row';
import { childMatches, fieldDifferences, householdRowOf } from './merge-preview';
import { SERVER_WRITER, ServerWrite } from './server-write';

/** The device id the merge's and unmerge's writes carry in their field versions. */

/** A 400 with the reasons the command cannot be applied (a missing child choice, an unknown field). */
export class InvalidMerge extends HttpError {
  constructor(readonly reasons: string[]) {
    super(400, `The merge cannot be applied: ${reasons.join('; ')}`);
  }
}

/** A reference the merge moved from a tombstoned duplicate child to the kept one. */
export interface RepointedReference {
  entity: string;
  id: string;
  field: string;
  from: string;
  to: string;
}

/** What household_merges.choices keeps: the choices as sent and what the merge did with them. */
export interface MergeChoices {
  fieldChoices: Record<string, FieldPick>;
  childChoices: ChildChoice[];
  keptFields: { field: string; pick: FieldPick; value: unknown }[];
  /** The survivor household row's version the merge wrote (its chosen fields carry it). */
  survivorVersion: number;
  /** Households merged into the merged one before, now pointing at the survivor. */
  collapsed: string[];
  tombstonedChildren: { entity: string; id: string }[];
  repointedReferences: RepointedReference[];
  /** Conflicts the merge opened (keep 'both'); the unmerge closes them. */
  openedConflictIds?: string[];
  /** Open conflicts the merge joined (keep 'both'), with their values before; the unmerge restores them. */
  joinedConflicts?: { id: string; valuesBefore: unknown[] }[];
  /** Open conflicts on a child the merge tombstoned (keep 'survivor'), closed by it; the unmerge reopens them. */
  settledConflictIds?: string[];
}

/** What household_merges.snapshot keeps: every row of both households and of the chain, before. */
export interface MergeSnapshot {
  survivor: StoredRow[];
  merged: StoredRow[];
  chain: StoredRow[];
}

export interface MergeInput {
  command: MergeCommand;
  survivorRows: readonly StoredRow[];
  mergedRows: readonly StoredRow[];
  /** The tombstone rows of the households merged into the merged one (collapsed, MERGE5). */
  chainRows: readonly StoredRow[];
  /** The open conflicts of the merged household's children (a duplicate may already have one). */
  openConflicts?: readonly ConflictRecord[];
  writer: Writer;
  /** The merge's stamp (server clock). */
  hlc: string;
}

export interface MergePlan {
  /** Rows to write, in order, each at its next version (seq given when written). */
  rows: StoredRow[];
  history: Omit<FieldHistoryRecord, 'id' | 'recordedAt'>[];
  /** Conflicts to open. */
  conflicts: ConflictRecord[];
  /** Open conflicts whose values the merge completed (written as they are here). */
  joinedConflicts: ConflictRecord[];
  /** Open conflicts the merge closes: their child was dropped by the coordinator. */
  settledConflicts: ConflictRecord[];
  choices: MergeChoices;
  /** The survivor's welcome point before and after (MERGE10: a change is a move). */
  welcomePoint: { before: string | null; after: string | null };
}

/** The later of two HLC stamps (they compare as strings). */
function checkChoices(input: MergeInput, survivor: StoredRow, merged: StoredRow): void {
  const { command } = input;
  const reasons: string[] = [];
  const differing = new Set(fieldDifferences(survivor, merged).map((d) => d.field));
  for (const field of Object.keys(command.fieldChoices)) {
    if (!differing.has(field)) reasons.push(`fieldChoices.${field}: the two households do not differ there`);
  }
  // Each merged child that looks like a survivor child is decided once, against one of those
  // (the preview proposes the first; any of them is a valid choice, so an edit between the
  // preview and the command never turns a valid choice into a refusal).
  const matches = new Map(
    childMatches(input.survivorRows, input.mergedRows).map((m) => [`${m.entity}|${m.mergedChildId}`, m]),
  );
  const decided = new Set<string>();
  for (const c of command.childChoices) {
    const child = `${c.entity}|${c.mergedChildId}`;
    if (matches.get(child)?.survivorChildIds.includes(c.survivorChildId) !== true)
      reasons.push(
        `childChoices: ${c.entity} ${c.mergedChildId} is not a child duplicate of ${c.survivorChildId}`,
      );
    else if (decided.has(child))
      reasons.push(`childChoices: ${c.entity} ${c.mergedChildId} is decided more than once`);
    decided.add(child);
  }
  for (const [child, m] of matches) {
    if (!decided.has(child))
      reasons.push(`childChoices: no choice for ${m.entity} ${m.mergedChildId} (${m.why})`);
  }
  if (reasons.length > 0) throw new InvalidMerge(reasons);
}

/** Decides every write of the merge. Throws InvalidMerge (400) when the choices do not fit. */
export function planMerge(input: MergeInput): MergePlan {
  const { command, writer } = input;
  const survivor = householdRowOf(input.survivorRows, command.survivorId);
  const merged = householdRowOf(input.mergedRows, command.mergedId);
  if (survivor === undefined || merged === undefined) throw new InvalidMerge(['a household row is missing']);
  checkChoices(input, survivor, merged);
  const history: MergePlan['history'] = [];
  const conflicts: ConflictRecord[] = [];
  const keptFields: MergeChoices['keptFields'] = [];

  // The survivor's chosen fields (MERGE5, MERGE10: the welcome point is one of them).
  const head = new ServerWrite(survivor, input.writer, input.hlc);
  for (const d of fieldDifferences(survivor, merged)) {
    const pick = command.fieldChoices[d.field] ?? d.defaultPick;
    keptFields.push({ field: d.field, pick, value: pick === 'merged' ? d.mergedValue : d.survivorValue });
    if (pick !== 'merged') continue;
    const meta = survivor.fieldMeta[d.field];
    if (meta !== undefined) {
      history.push(historyEntry(survivor, d.field, d.survivorValue, meta, 'merge', command.mergeId));
    }
    head.set(d.field, d.mergedValue);
  }
  const before = typeof survivor.data.welcomePointId === 'string' ? survivor.data.welcomePointId : null;
  const after = typeof head.row.data.welcomePointId === 'string' ? head.row.data.welcomePointId : null;
  if (before !== null && after === null) {
    throw new InvalidMerge(['welcomePointId: a household keeps a welcome point once it has one (AUTH6c)']);
  }

  // Every row of the merged household, whatever its entity, moves to the survivor.
  const children = new Map<string, ServerWrite>();
  for (const row of input.mergedRows) {
    if (row.entity === 'household') continue;
    const rewrite = new ServerWrite(row, input.writer, input.hlc);
    rewrite.moveTo(command.survivorId);
    children.set(`${row.entity}|${row.id}`, rewrite);
  }
  const tombstonedChildren: MergeChoices['tombstonedChildren'] = [];
  const repointedReferences: RepointedReference[] = [];
  const survivorChildren = new Map<string, ServerWrite>();
  const openOnDeleted = new Map(
    (input.openConflicts ?? [])
      .filter((c) => c.status === 'open' && c.field === 'deleted')
      .map((c) => [`${c.entity}|${c.entityId}`, c]),
  );
  const joinedConflicts: ConflictRecord[] = [];
  const joined: NonNullable<MergeChoices['joinedConflicts']> = [];
  const settledConflicts: ConflictRecord[] = [];
  for (const choice of command.childChoices) {
    const child = children.get(`${choice.entity}|${choice.mergedChildId}`);
    if (child === undefined) continue;
    const open = openOnDeleted.get(`${choice.entity}|${choice.mergedChildId}`);
    if (choice.keep === 'both') {
      const conflict = duplicateChildConflict(input, child.row, choice);
      if (open === undefined) {
        conflicts.push(conflict);
      } else {
        // The child's keep-or-drop question is already open: it carries this decision too.
        joined.push({ id: open.id, valuesBefore: open.values });
        joinedConflicts.push(joinConflict(open, conflict.values as ConflictValue[]));
      }
      continue;
    }
    if (open !== undefined) settledConflicts.push(open);
    // keep 'survivor': an ordinary versioned delete, and references move to the kept child.
    child.set('deleted', true);
    child.set('deletedAt', writer.now);
    child.set('deletedBy', writer.userId);
    tombstonedChildren.push({ entity: choice.entity, id: choice.mergedChildId });
    const referrers = [
      ...children.values(),
      ...input.survivorRows
        .filter((r) => r.entity !== 'household')
        .map((r) => {
          const key = `${r.entity}|${r.id}`;
          const existing = survivorChildren.get(key) ?? new ServerWrite(r, input.writer, input.hlc);
          survivorChildren.set(key, existing);
          return existing;
        }),
    ];
    for (const referrer of referrers) {
      for (const [field, value] of Object.entries(referrer.row.data)) {
        if (value !== choice.mergedChildId || field === 'id') continue;
        referrer.set(field, choice.survivorChildId);
        repointedReferences.push({
          entity: referrer.row.entity,
          id: referrer.row.id,
          field,
          from: choice.mergedChildId,
          to: choice.survivorChildId,
        });
      }
    }
  }
  // The merged household's own open conflicts are moot: the coordinator chose each of its fields
  // for the survivor. They are settled by the merge (an unmerge reopens them), so no device ever
  // answers a conflict about a tombstone.
  for (const c of input.openConflicts ?? []) {
    if (c.status === 'open' && c.entity === 'household' && c.entityId === command.mergedId)
      settledConflicts.push(c);
  }

  // The merged household: a tombstone with its permanent pointer.
  const tomb = new ServerWrite(merged, input.writer, input.hlc);
  tomb.set('deleted', true);
  tomb.set('deletedAt', writer.now);
  tomb.set('deletedBy', writer.userId);
  tomb.set('mergedInto', command.survivorId);
  tomb.set('mergeId', command.mergeId);

  // Chains collapse: what pointed at the merged household now points at the survivor.
  const chain = input.chainRows.map((row) => {
    const rewrite = new ServerWrite(row, input.writer, input.hlc);
    rewrite.set('mergedInto', command.survivorId);
    return rewrite;
  });

  const rows = [
    ...(head.changed ? [head.row] : []),
    ...[...children.values()].map((c) => c.row),
    ...[...survivorChildren.values()].filter((c) => c.changed).map((c) => c.row),
    tomb.row,
    ...chain.map((c) => c.row),
  ];
  return {
    rows,
    history,
    conflicts,
    joinedConflicts,
    settledConflicts,
    choices: {
      fieldChoices: command.fieldChoices,
      childChoices: command.childChoices,
      keptFields,
      survivorVersion: head.changed ? head.row.version : survivor.version,
      collapsed: input.chainRows.map((r) => r.id),
      tombstonedChildren,
      repointedReferences,
      openedConflictIds: conflicts.map((c) => c.id),
      joinedConflicts: joined,
      settledConflictIds: settledConflicts.map((c) => c.id),
    },
    welcomePoint: { before, after },
  };
}

function historyEntry(
  row: StoredRow,
  field: string,
  value: unknown,
  meta: FieldMeta,
  reason: string,
  byMutation: string,
): Omit<FieldHistoryRecord, 'id' | 'recordedAt'> {
  return {
    entity: row.entity,
    entityId: row.id,
    householdId: row.householdId,
    field,
    value: value ?? null,
    version: meta.v,
    userId: meta.u,
    deviceId: meta.d,
    hlc: meta.h,
    serverTime: meta.t,
    reason,
    byMutation,
  };
}

/** An open conflict with the values it did not offer yet (by value) added, as a push joins one. */
function joinConflict(open: ConflictRecord, values: readonly ConflictValue[]): ConflictRecord {
  const offered = open.values as ConflictValue[];
  const added = values.filter((v) => !offered.some((o) => sameValue(o.value, v.value)));
  return { ...open, values: [...offered, ...added] };
}

/** MERGE4 keep 'both': a conflict on the merged child's `deleted`: keep it (false) or drop it (true). */
function duplicateChildConflict(input: MergeInput, child: StoredRow, choice: ChildChoice): ConflictRecord {
  const { writer, hlc, command } = input;
  const value = (v: boolean): ConflictValue => ({
    value: v,
    userId: writer.userId,
    deviceId: SERVER_WRITER,
    hlc,
    serverTime: writer.now,
    version: child.version,
    mutationId: command.mergeId,
  });
  return {
    id: writer.newId(),
    entity: choice.entity,
    entityId: child.id,
    householdId: command.survivorId,
    field: 'deleted',
    kind: 'duplicate-child',
    status: 'open',
    values: [value(false), value(true)],
    openedAt: writer.now,
    resolvedAt: null,
    resolvedBy: null,
    resolvedByMutation: null,
  };
}
