/**
 * MERGE9 in the push: mutations that name a household a coordinator merged are applied to its
 * survivor, and, after an unmerge, a child mutation written to the survivor follows its row back.
 * push.ts loads these maps with the batch and rewrites each mutation through them before its
 * decision; everything else about the mutation is decided as usual.
 */

import { isAllowedText } from '../../../src/domain/sync/input-rules';
import type { PushRequest } from '../../../src/domain/sync/protocol';
import type { HouseholdScope, StoredRow, StoreTx } from '../stores/store-tx';
import { rowKey } from './wire-row';

/** What the redirects read of the loaded batch. */
export interface RedirectState {
  rows: Map<string, StoredRow>;
  /** Merged household id → its survivor and the active merge that points it there. */
  redirects: Map<string, { survivorId: string; mergeId: string }>;
  /**
   * After an unmerge: `named|holder` → the merge between the household a child mutation names
   * and the household its row is on now (an unmerge moved the row back).
   */
  rowMerges: Map<string, string>;
}

/** Where a redirected mutation went (MERGE9): from the household it named, by which merge. */
export interface Hop {
  from: string;
  to: string;
  mergeId: string;
}

/**
 * MERGE9: the batch's merged households (one hop: chains are collapsed) with their survivor and
 * the active merge that points them there. The survivors' household rows and scope join what the
 * push loaded (`rowList` grows with them), so a rewritten mutation finds its row.
 */
export async function loadRedirects(
  tx: StoreTx,
  households: Map<string, HouseholdScope>,
  rows: Map<string, StoredRow>,
  rowList: StoredRow[],
): Promise<RedirectState['redirects']> {
  const mergedInto = await tx.mergedIntoOf([...households.keys()]);
  const out = new Map<string, { survivorId: string; mergeId: string }>();
  if (mergedInto.size === 0) return out;
  const survivors = [...new Set(mergedInto.values())];
  for (const [id, scope] of await tx.getHouseholds(survivors)) households.set(id, scope);
  for (const row of await tx.getRows(survivors)) {
    if (row.entity !== 'household' || rows.has(rowKey(row.entity, row.id))) continue;
    rows.set(rowKey(row.entity, row.id), row);
    rowList.push(row);
  }
  const merges = await tx.activeMergesInto(survivors);
  for (const [mergedId, survivorId] of mergedInto) {
    const merge = merges.find(
      (m) =>
        m.survivorId === survivorId &&
        (m.mergedId === mergedId || (m.choices as { collapsed?: string[] }).collapsed?.includes(mergedId)),
    );
    if (merge !== undefined) out.set(mergedId, { survivorId, mergeId: merge.mergeId });
  }
  return out;
}

/**
 * The mutation as it applies (MERGE9): one naming a merged household names its survivor (and a
 * mutation of the household itself, the survivor's row). Others are returned as they are.
 */
export function redirectedMutation(
  raw: PushRequest['mutations'][number],
  redirects: RedirectState['redirects'],
): PushRequest['mutations'][number] {
  const hid = raw.householdId;
  const target = typeof hid === 'string' ? redirects.get(hid) : undefined;
  if (target === undefined) return raw;
  const self = raw.entity === 'household' && raw.entityId === hid;
  return { ...raw, householdId: target.survivorId, ...(self ? { entityId: target.survivorId } : {}) };
}

/**
 * A child mutation that names one household while its row is on another, the two joined by a
 * merge that was undone since (MERGE6, MERGE9): the device wrote it to the survivor before it
 * heard of the unmerge, which moved the row back. It follows the row. Else unchanged.
 */
export function followedRow(
  m: PushRequest['mutations'][number],
  state: Pick<RedirectState, 'rows' | 'rowMerges'>,
): { mutation: PushRequest['mutations'][number]; hop?: Hop } {
  const named = m.householdId;
  if (m.entity === 'household' || typeof named !== 'string' || typeof m.entityId !== 'string') {
    return { mutation: m };
  }
  const row = state.rows.get(rowKey(String(m.entity), m.entityId));
  if (row === undefined || row.householdId === named) return { mutation: m };
  const mergeId = state.rowMerges.get(`${named}|${row.householdId}`);
  if (mergeId === undefined) return { mutation: m };
  return {
    mutation: { ...m, householdId: row.householdId },
    hop: { from: named, to: row.householdId, mergeId },
  };
}

/** The pairs followedRow may need: a fresh child mutation's household and its row's. */
export async function loadRowMerges(
  tx: StoreTx,
  fresh: readonly PushRequest['mutations'][number][],
  rows: ReadonlyMap<string, StoredRow>,
  redirects: RedirectState['redirects'],
): Promise<Map<string, string>> {
  const pairs: [string, string][] = [];
  for (const m of fresh) {
    if (m.entity === 'household' || typeof m.householdId !== 'string' || typeof m.entityId !== 'string')
      continue;
    const named = redirects.get(m.householdId)?.survivorId ?? m.householdId;
    const row = rows.get(rowKey(String(m.entity), m.entityId));
    if (row !== undefined && row.householdId !== named && isAllowedText(named))
      pairs.push([named, row.householdId]);
  }
  return pairs.length === 0 ? new Map() : tx.mergesBetween(pairs);
}
