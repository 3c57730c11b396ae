/**
 * The right of access (RGPD art. 15, docs/household-rights.md RIGHT1, RIGHT2): everything the
 * server holds about one household, as one JSON document of a documented format version. It
 * reads the same list of tables the erasure empties (HOUSEHOLD_TABLES), for the household and the
 * households merged into it, plus the access log where it exists. Each export is recorded.
 */

import { randomUUID } from 'node:crypto';
import {
  HOUSEHOLD_EXPORT_FORMAT,
  HOUSEHOLD_EXPORT_VERSION,
  type HouseholdExport,
} from '../../../src/domain/rights/rights-protocol';
import { recordAccess } from '../access-log/record';
import { notFound } from '../http-errors';
import { HOUSEHOLD_TABLES, type HouseholdTable } from '../stores/rights-tx';
import type { RelaisStore } from '../stores/store';
import type { Scope, StoreTx } from '../stores/store-tx';
import { inScope } from '../sync/scope';
import { householdTree } from './erasure';

/**
 * The access log (issue 16 item 6, another branch): the table and the column naming the
 * household. The export includes its entries when the table exists (RIGHT1).
 */
export const ACCESS_LOG: HouseholdTable = { table: 'access_log', columns: ['household_id'] };

const table = (name: string): HouseholdTable => {
  const found = HOUSEHOLD_TABLES.find((t) => t.table === name);
  if (found === undefined) throw new Error(`unknown household table ${name}`);
  return found;
};

/** Rows and field history in a stable order, so two exports of one state are equal. */
const byKeys =
  (...keys: string[]) =>
  (a: Record<string, unknown>, b: Record<string, unknown>): number => {
    for (const key of keys) {
      const x = String(a[key] ?? '');
      const y = String(b[key] ?? '');
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  };

/**
 * A duplicate pair names another household and compares its values with this one's: the export
 * keeps that a pair was found and what was decided, never the other household (RIGHT1).
 */
function pairSide(pair: Record<string, unknown>): Record<string, unknown> {
  const reasons = Array.isArray(pair.reasons)
    ? pair.reasons.map((r) => {
        const { field, level, weight } = r as Record<string, unknown>;
        return { field, level, weight };
      })
    : undefined;
  return {
    status: pair.status,
    ...(pair.score === undefined ? {} : { score: pair.score }),
    ...(reasons === undefined ? {} : { reasons }),
    decided_at: pair.decided_at ?? null,
    ...(pair.reopened_at === undefined ? {} : { reopened_at: pair.reopened_at }),
  };
}

async function sections(tx: StoreTx, ids: readonly string[]) {
  const read = async (name: string, ...order: string[]) =>
    (await tx.rowsNaming(table(name), ids)).sort(byKeys(...order));
  const rows = (await read('sync_rows', 'entity', 'id')).map((r) => ({
    entity: r.entity,
    id: r.id,
    householdId: r.household_id,
    version: r.version,
    deleted: Number(r.deleted) === 1,
    data: r.data,
  }));
  return {
    rows,
    fieldHistory: await read('field_history', 'entity', 'entity_id', 'field', 'version'),
    conflicts: await read('conflicts', 'opened_at', 'id'),
    quarantine: await read('quarantine', 'received_at', 'id'),
    merges: await read('household_merges', 'merged_at', 'merge_id'),
    mergeRedirects: await read('merge_redirects', 'at', 'mutation_id'),
    duplicateCandidates: (await read('duplicate_candidates', 'updated_at')).map(pairSide),
    duplicateDecisions: (await read('duplicate_decisions', 'reopened_at')).map(pairSide),
    planStates: await read('plan_states', 'plan_id'),
    anonymisations: await read('anonymisation_log', 'anonymised_at'),
    exports: await read('household_exports', 'exported_at', 'id'),
    ...((await tx.hasTable(ACCESS_LOG.table)) ? { accessLog: await tx.rowsNaming(ACCESS_LOG, ids) } : {}),
  };
}

export async function exportHousehold(
  store: RelaisStore,
  request: { householdId: string; userId: string; deviceId: string | null; scope: Scope; now: number },
): Promise<HouseholdExport> {
  return store.transaction(async (tx) => {
    const household = (await tx.getHouseholds([request.householdId])).get(request.householdId);
    if (household === undefined || !inScope(request.scope, household)) {
      throw notFound(`No household ${request.householdId}`);
    }
    const ids = await householdTree(tx, request.householdId);
    const document: HouseholdExport = {
      format: HOUSEHOLD_EXPORT_FORMAT,
      formatVersion: HOUSEHOLD_EXPORT_VERSION,
      exportedAt: new Date(request.now).toISOString(),
      householdId: request.householdId,
      mergedHouseholdIds: ids.slice(1),
      ...(await sections(tx, ids)),
    };
    // RIGHT2: recorded after it was read, so the export lists the earlier ones, not itself; the
    // access log records it in this same transaction (ALOG3).
    await recordAccess(tx, [
      {
        action: 'export',
        userId: request.userId,
        deviceId: request.deviceId,
        householdId: request.householdId,
        at: request.now,
      },
    ]);
    await tx.insertHouseholdExport({
      id: randomUUID(),
      householdId: request.householdId,
      exportedBy: request.userId,
      exportedAt: request.now,
    });
    return document;
  });
}
