/**
 * The right to erasure (RGPD art. 17, docs/household-rights.md RIGHT3–RIGHT7): one sequenced
 * transaction, like a merge, so the erasure's change seq stays commit-ordered (ADR 0007) and every
 * device learns of it in order with the changes (RIGHT5). Everything that names the household (or
 * a household merged into it) is deleted; its report facts are kept under a random root so past
 * figures stay (RIGHT4b); the payloads of its recorded mutations are redacted; the erasure record
 * holds its id, who, when and the ground, and nothing of the person.
 */

import { randomUUID } from 'node:crypto';
import {
  type ErasureGround,
  type ErasureRefusal,
  type ErasureResult,
  erasureConfirmationOf,
} from '../../../src/domain/rights/rights-protocol';
import { recordAccess } from '../access-log/record';
import { HttpError, notFound } from '../http-errors';
import { ERASED_ROOT_PREFIX, HOUSEHOLD_TABLES } from '../stores/rights-tx';
import type { RelaisStore } from '../stores/store';
import type { Scope, StoreTx } from '../stores/store-tx';
import { inScope } from '../sync/scope';

/** What replaces a redacted payload (applied mutations, quarantine): no value of the person. */
export const REDACTED_PAYLOAD = JSON.stringify({ redacted: 'household-erased' });

/** RIGHT7: an erasure the server refuses (409), with its reason code. */
export class ErasureRefused extends Error {
  constructor(readonly body: ErasureRefusal) {
    super(body.message);
  }
}

export interface ErasureCommand {
  householdId: string;
  ground: ErasureGround;
  confirmation: string;
  userId: string;
  /** The session's device (null from the CLI). */
  deviceId: string | null;
  scope: Scope;
  now: number;
}

/** The household and every household merged into it, chains included (their rows are its own). */
export async function householdTree(tx: StoreTx, householdId: string): Promise<string[]> {
  const ids = [householdId];
  for (let i = 0; i < ids.length; i += 1) {
    for (const merged of await tx.householdsMergedInto([ids[i] ?? ''])) {
      if (!ids.includes(merged.id)) ids.push(merged.id);
    }
  }
  return ids;
}

/**
 * RIGHT7: a dossier lodged with the Banque de France whose decision is awaited is not erased:
 * the association must be able to answer the commission until the decision (art. 17(3)(e)).
 */
function ongoingBdfProcedure(data: Record<string, unknown>): boolean {
  return data.track === 'over_indebtedness' && data.status === 'awaiting_decision';
}

export async function applyErasure(store: RelaisStore, command: ErasureCommand): Promise<ErasureResult> {
  return store.transaction(
    async (tx) => {
      const done = await tx.getErasure(command.householdId);
      if (done !== undefined) {
        return {
          householdId: done.householdId,
          erasedAt: done.erasedAt,
          seq: done.seq,
          counts: done.counts,
          alreadyErased: true,
        };
      }
      const locked = (await tx.lockHouseholds([command.householdId])).get(command.householdId);
      if (locked === undefined || !inScope(command.scope, locked)) {
        throw notFound(`No household ${command.householdId}`);
      }
      if (locked.mergedInto !== null) {
        throw new ErasureRefused({
          error: 'erasure_refused',
          reason: 'merged-household',
          message: `This household was merged into ${locked.mergedInto}: erase that one`,
        });
      }
      const [row] = (await tx.getRows([command.householdId])).filter((r) => r.entity === 'household');
      const data = row?.data ?? {};
      if (ongoingBdfProcedure(data)) {
        throw new ErasureRefused({
          error: 'erasure_refused',
          reason: 'bdf-procedure-ongoing',
          message: 'A Banque de France decision is awaited for this dossier: close it first',
        });
      }
      const reference = typeof data.reference === 'string' ? data.reference : undefined;
      const expected = erasureConfirmationOf({ id: command.householdId, reference });
      if (command.confirmation.trim() !== expected) {
        throw new HttpError(
          400,
          'confirmation: type the dossier reference (or the first 8 characters of its id)',
        );
      }
      const ids = await householdTree(tx, command.householdId);
      const counts: Record<string, number> = {};
      // RIGHT4b: the survivor's facts stay under a random root; a merged household's facts were
      // never counted (RPT4), so they go.
      counts.report_facts_kept = await tx.rekeyReportFacts(
        command.householdId,
        `${ERASED_ROOT_PREFIX}${randomUUID()}`,
      );
      let dropped = 0;
      for (const id of ids.slice(1)) dropped += await tx.deleteReportFactsOf(id);
      counts.report_facts_deleted = dropped;
      for (const table of HOUSEHOLD_TABLES) counts[table.table] = await tx.deleteRowsNaming(table, ids);
      counts.applied_mutations_redacted = await tx.redactAppliedMutations(ids, REDACTED_PAYLOAD);
      const seq = (await tx.getCounter('change_seq')) + 1;
      await tx.setCounter('change_seq', seq);
      await tx.insertErasure({
        seq,
        householdId: command.householdId,
        reason: command.ground,
        erasedBy: command.userId,
        erasedAt: command.now,
        counts,
      });
      // A household merged into the erased one may still be named by a device: refused too (RIGHT6).
      for (const id of ids.slice(1)) {
        await tx.setCounter('change_seq', seq + ids.indexOf(id));
        await tx.insertErasure({
          seq: seq + ids.indexOf(id),
          householdId: id,
          reason: command.ground,
          erasedBy: command.userId,
          erasedAt: command.now,
          counts: {},
        });
      }
      // The access log records the erasure in this transaction (ALOG3); its entries are kept (RIGHT4).
      await recordAccess(tx, [
        {
          action: 'erase',
          userId: command.userId,
          deviceId: command.deviceId,
          householdId: command.householdId,
          at: command.now,
        },
      ]);
      return { householdId: command.householdId, erasedAt: command.now, seq, counts, alreadyErased: false };
    },
    { sequenced: true },
  );
}
