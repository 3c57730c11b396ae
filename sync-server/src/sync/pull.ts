/**
 * Pull (docs/sync-protocol.md PULL*): the caller's rows changed after the cursor, in change
 * sequence order, whole rows (tombstones included). Sequence numbers are allocated in commit
 * order (ADR 0007), so a cursor never skips a change committed later with a lower number (I6).
 */
import type { EntityName } from '../../../src/domain/sync/entities';
import {
  type Conflict,
  decodeCursor,
  encodeCursor,
  type PullResponse,
} from '../../../src/domain/sync/protocol';
import { countRow, entriesFor, type RowsPerHousehold, recordAccess } from '../access-log/record';
import { forbidden } from '../http-errors';
import type { RelaisStore } from '../stores/store';
import type { ConflictRecord, Scope, StoreTx } from '../stores/store-tx';
import type { PushCaller } from './push';
import { toWireRow } from './push';

export function toWireConflict(c: ConflictRecord): Conflict {
  return {
    id: c.id,
    entity: c.entity as EntityName,
    entityId: c.entityId,
    householdId: c.householdId,
    field: c.field,
    kind: c.kind,
    status: c.status,
    values: c.values as Conflict['values'],
    openedAt: c.openedAt,
    ...(c.resolvedAt === null ? {} : { resolvedAt: c.resolvedAt }),
    ...(c.resolvedBy === null ? {} : { resolvedBy: c.resolvedBy }),
  };
}

export async function openConflicts(tx: StoreTx, scope: Scope, householdId?: string): Promise<Conflict[]> {
  const list = await tx.listConflicts({
    scope,
    status: 'open',
    ...(householdId === undefined ? {} : { householdId }),
  });
  return withNames(tx, list.map(toWireConflict));
}

/**
 * CONF6: each conflict value names its writer (display name) and device (its label, when the
 * device sent one at login), looked up once per distinct user and device.
 */
export async function withNames(tx: StoreTx, conflicts: Conflict[]): Promise<Conflict[]> {
  const userIds = new Set<string>();
  const deviceIds = new Set<string>();
  for (const c of conflicts) {
    for (const v of c.values) {
      userIds.add(v.userId);
      deviceIds.add(v.deviceId);
    }
  }
  const names = new Map<string, string>();
  for (const id of userIds) {
    const user = await tx.getUser(id);
    if (user !== undefined) names.set(id, user.displayName);
  }
  const labels = new Map<string, string>();
  for (const id of deviceIds) {
    const device = await tx.getDevice(id);
    const label = device?.name?.trim();
    if (label !== undefined && label !== '') labels.set(id, label);
  }
  return conflicts.map((c) => ({
    ...c,
    values: c.values.map((v) => {
      const { userDisplayName: _name, deviceLabel: _label, ...stored } = v;
      const name = names.get(v.userId);
      const label = labels.get(v.deviceId);
      return {
        ...stored,
        ...(name === undefined ? {} : { userDisplayName: name }),
        ...(label === undefined ? {} : { deviceLabel: label }),
      };
    }),
  }));
}

/**
 * The sequence epoch: a random number chosen on first use and changed by `admin.ts
 * mark-restored` after a restore, so cursors handed out before the restore are recognised even
 * once the restored sequence has caught up with them.
 */
export async function syncEpoch(tx: StoreTx): Promise<number> {
  const epoch = await tx.getCounter('epoch');
  if (epoch !== 0) return epoch;
  const fresh = 1 + Math.floor(Math.random() * 2_000_000_000);
  await tx.setCounter('epoch', fresh);
  return fresh;
}

/** After restoring a backup: a new epoch, so every device re-downloads its scope (PULL6). */
export async function markRestored(store: RelaisStore): Promise<number> {
  return store.transaction(
    async (tx) => {
      const old = await tx.getCounter('epoch');
      let fresh = old;
      while (fresh === old) fresh = 1 + Math.floor(Math.random() * 2_000_000_000);
      await tx.setCounter('epoch', fresh);
      return fresh;
    },
    { sequenced: true },
  );
}

export async function applyPull(
  store: RelaisStore,
  caller: PushCaller,
  request: { deviceId: string; cursor?: string | null | undefined; limit: number },
  now: number,
): Promise<PullResponse> {
  if (request.deviceId !== caller.deviceId) throw forbidden('This session was opened on another device');
  const cursor = decodeCursor(request.cursor);
  const after = cursor.seq;
  return store.transaction(async (tx) => {
    const device = await tx.getDevice(request.deviceId);
    if (device === undefined || device.userId !== caller.user.id) {
      throw forbidden('This device is not registered to you');
    }
    const head = await tx.getCounter('change_seq');
    const epoch = await syncEpoch(tx);
    if ((cursor.epoch !== null && cursor.epoch !== epoch) || after > head) {
      // PULL6: a cursor of another epoch, or from the future: the server was restored from a backup.
      return {
        changes: [],
        nextCursor: encodeCursor(epoch, 0),
        hasMore: true,
        deviceLastSeq: device.lastSeq,
        resetRequired: true,
        serverTime: now,
      };
    }
    // Rows and scope removals share the change sequence: take the first `limit` of both, in order.
    const rows = await tx.rowsAfter(after, request.limit + 1, caller.scope);
    const removals = await tx.scopeRemovalsAfter(after, request.limit + 1, caller.scope);
    // RIGHT5: erasures go to every device whatever its scope (an id names no one once erased).
    const erasures = await tx.erasuresAfter(after, request.limit + 1);
    const events = [
      ...rows.map((row) => ({ seq: row.seq, row })),
      ...removals.map((removal) => ({ seq: removal.seq, removal })),
      ...erasures.map((erasure) => ({ seq: erasure.seq, erasure })),
    ].sort((a, b) => a.seq - b.seq);
    const hasMore = events.length > request.limit;
    const page = hasMore ? events.slice(0, request.limit) : events;
    const last = page.at(-1);
    const changes: PullResponse['changes'] = [];
    const removed: { householdId: string; seq: number }[] = [];
    const sent: RowsPerHousehold = new Map();
    const erased: { householdId: string; seq: number }[] = [];
    for (const event of page) {
      if ('erasure' in event) {
        erased.push({ householdId: event.erasure.householdId, seq: event.seq });
      } else if ('row' in event) {
        countRow(sent, event.row);
        changes.push({
          seq: event.seq,
          entity: event.row.entity as EntityName,
          row: toWireRow(event.row) as PullResponse['changes'][number]['row'],
        });
      } else {
        removed.push({ householdId: event.removal.householdId, seq: event.seq });
      }
    }
    const nextSeq = last === undefined ? after : last.seq;
    const response: PullResponse = {
      changes,
      ...(removed.length > 0 ? { scopeRemovals: removed } : {}),
      ...(erased.length > 0 ? { erasures: erased } : {}),
      nextCursor: encodeCursor(epoch, nextSeq),
      hasMore,
      // PULL11: the head counter is already read; an exact count in scope would scan per page.
      remaining: hasMore ? Math.max(0, head - nextSeq) : 0,
      deviceLastSeq: device.lastSeq,
      serverTime: now,
    };
    if (!hasMore) response.conflicts = await openConflicts(tx, caller.scope);
    // ALOG1: the households whose rows this page sent, one multi-row insert per page.
    const by = { userId: caller.user.id, deviceId: request.deviceId, at: now };
    await recordAccess(tx, entriesFor(by, 'pull', sent));
    return response;
  });
}
