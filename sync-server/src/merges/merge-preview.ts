/**
 * The merge preview (docs/merges.md MERGE4): what differs between two households and which
 * children look like the same thing. The comparisons are pure (the merge command runs them again
 * on the rows it locked, so a merge is checked against what it merges, not against an old
 * preview); `loadMergePreview` adds what the review screen shows around them.
 */
import { nameTokens, normaliseName, normaliseReference } from '../../../src/domain/dossier/normalise';
import type { ChildDuplicate, FieldPick, MergePreview } from '../../../src/domain/sync/coordination-protocol';
import type { EntityName } from '../../../src/domain/sync/entities';
import { parseHlc } from '../../../src/domain/sync/hlc';
import { notFound } from '../http-errors';
import type { StoredRow, StoreTx } from '../stores/store-tx';
import { fieldValue, sameValue, toWireRow } from '../sync/wire-row';
import { alreadyMerged, refuseDeleted, refuseWorkshops, sameHousehold } from './merge-refusals';

/** Household keys that are not fields a coordinator chooses: identity, tombstone, merge pointer. */
export const NOT_CHOSEN = new Set([
  'id',
  'householdId',
  'deleted',
  'deletedAt',
  'deletedBy',
  'mergedInto',
  'mergeId',
  'schemaVersion',
]);

export interface FieldDifference {
  field: string;
  survivorValue: unknown;
  mergedValue: unknown;
  survivorChangedAt: number | null;
  mergedChangedAt: number | null;
  defaultPick: FieldPick;
}

function changedAt(row: StoredRow, field: string): number | null {
  const meta = row.fieldMeta[field];
  return meta === undefined ? null : parseHlc(meta.h).ms;
}

/** MERGE4: every chosen field whose values differ; the default pick is the most recently changed. */
export function fieldDifferences(survivor: StoredRow, merged: StoredRow): FieldDifference[] {
  const fields = new Set([...Object.keys(survivor.data), ...Object.keys(merged.data)]);
  const out: FieldDifference[] = [];
  for (const field of [...fields].sort()) {
    if (NOT_CHOSEN.has(field)) continue;
    const survivorValue = fieldValue(survivor.data, field);
    const mergedValue = fieldValue(merged.data, field);
    if (sameValue(survivorValue, mergedValue)) continue;
    const survivorChangedAt = changedAt(survivor, field);
    const mergedChangedAt = changedAt(merged, field);
    const mergedIsNewer = (mergedChangedAt ?? -1) > (survivorChangedAt ?? -1);
    out.push({
      field,
      survivorValue,
      mergedValue,
      survivorChangedAt,
      mergedChangedAt,
      defaultPick: mergedIsNewer ? 'merged' : 'survivor',
    });
  }
  return out;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** A person's identity keys: first name with usage name, first name with birth name, birth date. */
function personKeys(row: StoredRow): string[] {
  const { firstName, lastName, birthName, birthDate } = row.data;
  const born = text(birthDate) ?? '';
  const keys: string[] = [];
  for (const surname of [text(lastName), text(birthName)]) {
    if (surname === undefined) continue;
    const tokens = nameTokens(text(firstName), surname).sort().join(' ');
    if (tokens !== '') keys.push(`${tokens}|${born}`);
  }
  return keys;
}

function creditorKey(row: StoredRow): string[] {
  const name = text(row.data.name);
  return name === undefined ? [] : [normaliseName(name)];
}

/** A merged child and every live survivor child it looks the same as (ids in order). */
export interface ChildMatch {
  entity: EntityName;
  mergedChildId: string;
  survivorChildIds: string[];
  why: ChildDuplicate['why'];
}

/**
 * MERGE4: children that look like the same thing: the same person (normalised names and birth
 * date), the same creditor (normalised name), the same debt (creditor name and reference).
 * Live children only; each merged child with every survivor child it matches, in id order (not
 * in change order: an edit elsewhere must not change which child the preview proposes).
 */
export function childMatches(
  survivorRows: readonly StoredRow[],
  mergedRows: readonly StoredRow[],
): ChildMatch[] {
  const live = (rows: readonly StoredRow[], entity: EntityName) =>
    rows.filter((r) => r.entity === entity && !r.deleted);
  const creditorNames = new Map<string, string>();
  for (const row of [...survivorRows, ...mergedRows]) {
    if (row.entity === 'creditor') creditorNames.set(row.id, creditorKey(row)[0] ?? '');
  }
  const debtKey = (row: StoredRow): string[] => {
    const reference = text(row.data.reference);
    const creditor = creditorNames.get(String(row.data.creditorId));
    if (reference === undefined || creditor === undefined || normaliseReference(reference) === '') return [];
    return [`${creditor}|${normaliseReference(reference)}`];
  };
  const rules: { entity: EntityName; keys: (row: StoredRow) => string[]; why: ChildDuplicate['why'] }[] = [
    { entity: 'member', keys: personKeys, why: 'same_person' },
    { entity: 'creditor', keys: creditorKey, why: 'same_creditor' },
    { entity: 'debt', keys: debtKey, why: 'same_debt_reference' },
  ];
  const out: ChildMatch[] = [];
  for (const { entity, keys, why } of rules) {
    const survivors = live(survivorRows, entity).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const survivorKeys = survivors.map((row) => ({ id: row.id, keys: new Set(keys(row)) }));
    for (const row of live(mergedRows, entity)) {
      const mine = keys(row);
      const survivorChildIds = survivorKeys
        .filter((s) => mine.some((key) => s.keys.has(key)))
        .map((s) => s.id);
      if (survivorChildIds.length > 0) out.push({ entity, mergedChildId: row.id, survivorChildIds, why });
    }
  }
  return out;
}

/** MERGE4: the child duplicates the preview lists: each merged child with its first match. */
export function childDuplicates(
  survivorRows: readonly StoredRow[],
  mergedRows: readonly StoredRow[],
): ChildDuplicate[] {
  return childMatches(survivorRows, mergedRows).map((m) => ({
    entity: m.entity,
    survivorChildId: m.survivorChildIds[0] as string,
    mergedChildId: m.mergedChildId,
    why: m.why,
  }));
}

/** The household's own row among its rows. */
export function householdRowOf(rows: readonly StoredRow[], householdId: string): StoredRow | undefined {
  return rows.find((r) => r.entity === 'household' && r.id === householdId);
}

async function reviewHousehold(tx: StoreTx, householdId: string, rows: readonly StoredRow[]) {
  const household = householdRowOf(rows, householdId);
  if (household === undefined) throw notFound(`No household ${householdId}`);
  const scope = (await tx.getHouseholds([householdId])).get(householdId);
  const creator = scope === undefined ? undefined : await tx.getUser(scope.createdBy);
  const wpId = scope?.welcomePointId ?? null;
  const wp = wpId === null ? undefined : await tx.getWelcomePoint(wpId);
  const times = Object.values(household.fieldMeta).map((m) => m.t);
  return {
    household: toWireRow(household) as { id: string },
    children: rows
      .filter((r) => r.entity !== 'household' && !r.deleted)
      .map((r) => ({
        entity: r.entity as EntityName,
        row: toWireRow(r) as { id: string; householdId: string; deleted: boolean },
      })),
    createdBy: { userId: scope?.createdBy ?? '', displayName: creator?.displayName ?? null },
    createdAt: times.length === 0 ? null : Math.min(...times),
    welcomePoint: wpId === null ? null : { id: wpId, name: wp?.name ?? wpId },
  };
}

/**
 * `GET /coordination/merge-preview` (MERGE4). 404 when either household is unknown; refused as the
 * merge command would be (MERGE3: the same household, or one merged already, with its survivor),
 * so the review never shows a pair whose merge cannot be applied.
 */
export async function loadMergePreview(
  tx: StoreTx,
  survivorId: string,
  mergedId: string,
): Promise<MergePreview> {
  if (survivorId === mergedId) throw sameHousehold();
  await refuseWorkshops(tx, [survivorId, mergedId]);
  const merged = await tx.mergedIntoOf([survivorId, mergedId]);
  for (const id of [survivorId, mergedId]) {
    const into = merged.get(id);
    if (into !== undefined) throw alreadyMerged(id, into);
  }
  const survivorRows = await tx.rowsOfHousehold(survivorId);
  const mergedRows = await tx.rowsOfHousehold(mergedId);
  const survivor = await reviewHousehold(tx, survivorId, survivorRows);
  const mergedSide = await reviewHousehold(tx, mergedId, mergedRows);
  const s = householdRowOf(survivorRows, survivorId) as StoredRow;
  const m = householdRowOf(mergedRows, mergedId) as StoredRow;
  refuseDeleted([s, m]);
  return {
    survivor,
    merged: mergedSide,
    differences: fieldDifferences(s, m),
    childDuplicates: childDuplicates(survivorRows, mergedRows),
  };
}
