/**
 * Conflicts on the device (CONF*, sync-design §9.5): the server's open conflicts mirrored on the
 * last pull page, the open ones listed for the screens, and a resolution written as an ordinary
 * recorded change (same recorder, same outbox) with the mirror marked resolved.
 */

import type { AnyRow } from '../../domain/dossier/rows';
import { ENTITY_TABLES, type EntityName } from '../../domain/sync/entities';
import type { Conflict } from '../../domain/sync/protocol';
import { rowKey } from '../../domain/sync/rebase';
import { TOMBSTONE_KEYS } from '../../domain/sync/row-meta';
import type { LocalConflict, RelaisDb } from '../app-db';
import { ChangeRecorder, type WriteEnvironment, writeTables } from '../change-recorder';
import { RowNotFoundError } from '../repository-errors';
import { resolveHouseholdId } from './merge-redirects';

/** A server conflict mirrored on the device: the LocalConflict shape plus the server record. */
export type ServerConflictRecord = LocalConflict & {
  source: 'server';
  server: Conflict;
  /** Set when this device wrote a resolution not yet confirmed by the server. */
  resolvedLocally?: boolean;
};

/**
 * Mirrors the server's open conflicts (the full list of the caller's scope). Local server
 * conflicts missing from the list were resolved on the server; a conflict this device resolved
 * and has not pushed yet stays resolved locally.
 */
export async function mirrorConflicts(
  db: RelaisDb,
  conflicts: readonly Conflict[],
  now: number,
): Promise<void> {
  const open = new Set(conflicts.map((c) => c.id));
  const existing = (await db.conflicts.toArray()).filter(
    (c): c is ServerConflictRecord => c.source === 'server',
  );
  const byId = new Map(existing.map((c) => [c.id, c]));
  const pendingRows = new Set((await db.outbox.toArray()).map((e) => rowKey(e.entity, e.entityId)));
  for (const local of existing) {
    if (local.status === 'open' && !open.has(local.id)) {
      await db.conflicts.put({ ...local, status: 'resolved' });
    }
  }
  for (const conflict of conflicts) {
    const local = byId.get(conflict.id);
    if (local?.resolvedLocally === true && pendingRows.has(rowKey(conflict.entity, conflict.entityId))) {
      continue;
    }
    const values = conflict.values;
    const first = values[0];
    const last = values.at(-1);
    const record: ServerConflictRecord = {
      id: conflict.id,
      householdId: conflict.householdId,
      entity: conflict.entity,
      entityId: conflict.entityId,
      source: 'server',
      status: 'open',
      fields: [{ field: conflict.field, local: first?.value, incoming: last?.value }],
      localHlc: first?.hlc ?? '',
      incomingHlc: last?.hlc ?? '',
      createdAt: conflict.openedAt || now,
      server: conflict,
    };
    await db.conflicts.put(record);
  }
}

/** Open server conflicts mirrored on the device. */
export async function listServerConflicts(db: RelaisDb): Promise<ServerConflictRecord[]> {
  const rows = await db.conflicts.where('status').equals('open').toArray();
  return rows.filter((c): c is ServerConflictRecord => c.source === 'server' && 'server' in c);
}

/**
 * Resolves a conflict: an ordinary recorded write of the chosen value, based on the field's
 * latest version known to the device (the server closes the conflict, rule CONF4), and the local
 * mirror marked resolved, in one transaction. The write happens even when the value equals the
 * current one (that is the resolution). For an edit-vs-delete conflict the field is `deleted`.
 */
export async function writeResolution(
  db: RelaisDb,
  env: WriteEnvironment,
  conflictId: string,
  value: unknown,
): Promise<AnyRow> {
  return db.transaction('rw', writeTables(db), async () => {
    const conflict = (await db.conflicts.get(conflictId)) as ServerConflictRecord | undefined;
    if (conflict === undefined || conflict.source !== 'server') {
      throw new RowNotFoundError('household', conflictId);
    }
    const entity = conflict.entity as EntityName;
    const field = conflict.server.field;
    const table = db.table(ENTITY_TABLES[entity]);
    // MERGE8: a conflict about a household merged since is settled on its survivor; its tombstone
    // is the server's and takes no local write.
    const entityId =
      entity === 'household' ? await resolveHouseholdId(db, conflict.entityId) : conflict.entityId;
    const current = (await table.get(entityId)) as AnyRow | undefined;
    if (current === undefined) throw new RowNotFoundError(entity, entityId);
    const recorder = await ChangeRecorder.begin(db, env);
    const { hlc, at } = recorder.stamp();
    const next: Record<string, unknown> = {
      ...current,
      updatedHlc: hlc,
      updatedAt: at,
      origin: { deviceId: recorder.device, userId: recorder.userId },
    };
    let fields: readonly string[];
    let op: 'patch' | 'delete' | 'restore' = 'patch';
    if (field === 'deleted') {
      const deleted = value === true;
      op = deleted ? 'delete' : 'restore';
      next.deleted = deleted;
      if (deleted) {
        next.deletedAt = at;
        next.deletedBy = recorder.userId;
      } else {
        delete next.deletedAt;
        delete next.deletedBy;
      }
      fields = TOMBSTONE_KEYS;
    } else {
      if (value === null || value === undefined) delete next[field];
      else next[field] = value;
      fields = [field];
    }
    const { local: _local, ...withoutLocal } = next as Record<string, unknown> & { local?: unknown };
    const row = recorder.validate(entity, withoutLocal);
    const patch: Record<string, unknown> = {};
    const fieldVersions: Record<string, number> = {};
    for (const f of fields) {
      const v = (row as Record<string, unknown>)[f];
      patch[f] = v === undefined ? null : v;
      fieldVersions[f] = current.fieldVersions[f] ?? 0;
    }
    await recorder.write({ op, entity, row, patch, base: { version: current.version, fieldVersions } });
    const resolved: ServerConflictRecord = { ...conflict, status: 'resolved', resolvedLocally: true };
    await db.conflicts.put(resolved);
    await recorder.finish();
    return row;
  });
}
