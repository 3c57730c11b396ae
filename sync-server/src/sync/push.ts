/**
 * Applying a push (docs/sync-protocol.md PUSH*, CONF*, QUAR*, CLOCK*). One sequenced transaction
 * per request:
 *
 * 1. the device must belong to the caller (PUSH2);
 * 2. every new mutation is authorised against its household BEFORE anything is written: one
 *    forged mutation rejects the whole request with 403 (AUTH6);
 * 3. mutations are processed in seq order, each decided by `decideMutation` (push-decision.ts,
 *    pure): replay, gap, duplicate, quarantine or apply (PUSH3–PUSH7), then written here;
 * 4. the device's lastSeq and the change sequence are saved in the same transaction.
 *
 * This file only loads what the decisions need from the StoreTx, keeps it current in memory as
 * the batch goes on, and writes each decision. A quarantined mutation has written nothing but its
 * quarantine record (and the re-sent row, PULL9), so no savepoint is needed. Any other error
 * aborts the transaction: the route answers 503 and the client resends.
 */
import { randomUUID } from 'node:crypto';
import { type InputIssue, inputIssue, isAllowedText } from '../../../src/domain/sync/input-rules';
import type { MutationResult, PushRequest, PushResponse } from '../../../src/domain/sync/protocol';
import { countRow, entriesFor, type RowsPerHousehold, recordAccess } from '../access-log/record';
import { forbidden } from '../http-errors';
import { MATCHED_ENTITIES } from '../stores/duplicates-tx';
import type { RelaisStore } from '../stores/store';
import type {
  ConflictRecord,
  HouseholdScope,
  Scope,
  StoredRow,
  StoreTx,
  UserRecord,
} from '../stores/store-tx';
import { authorise } from './push-authorise';
import { decideMutation, type MutationDecision, type PushState } from './push-decision';
import { erasedNamedBy, refuseErased, refusesErased } from './push-erased';
import { columnText, storedPayload } from './push-input';
import {
  followedRow,
  type Hop,
  loadRedirects,
  loadRowMerges,
  type RedirectState,
  redirectedMutation,
} from './push-redirects';
import { emptyPlan, type Plan } from './row-draft';
import { inScope } from './scope';
import { conflictKey, rowKey } from './wire-row';

// pull.ts and the test harness read the wire row from here.
export { toWireRow } from './wire-row';

export interface PushCaller {
  user: UserRecord;
  /** The device the session was opened on. */
  deviceId: string;
  scope: Scope;
}

export interface PushOptions {
  now: number;
  /** Test hook: runs after each mutation is written, inside the transaction (crash injection). */
  afterMutation?: (index: number) => void | Promise<void>;
}

/** The entities duplicate detection compares: a written row of one queues its household. */
const MATCHED: ReadonlySet<string> = new Set(MATCHED_ENTITIES);

/** The transaction and what the push loaded, kept current as each mutation is written. */
interface Batch {
  tx: StoreTx;
  caller: PushCaller;
  deviceId: string;
  now: number;
  state: LoadedState;
  /** The change sequence (PULL2): the last seq given out. */
  changeSeq: number;
  /** Households a written row may make look like another (DUP1c), queued before commit. */
  toMatch: Set<string>;
  /** Roots (households, workshops) a written row changes the derived data of (RPT8). */
  toDerive: Set<string>;
  /** ALOG1: the rows written per household (workshops aside), logged once per push. */
  changed: RowsPerHousehold;
}

/** What the decisions read; the maps are updated as each mutation is written. */
interface LoadedState extends PushState, RedirectState {
  rows: Map<string, StoredRow>;
  households: Map<string, HouseholdScope>;
  workshops: Set<string>;
  openConflicts: Map<string, ConflictRecord>;
  seenMutationIds: Set<string>;
}

/** The next change seq: every written row (and scope removal) takes one. */
function nextSeq(batch: Batch): number {
  batch.changeSeq += 1;
  return batch.changeSeq;
}

async function write(batch: Batch, p: Plan): Promise<void> {
  const { tx, now } = batch;
  for (const entry of p.history) await tx.insertFieldHistory({ ...entry, id: randomUUID(), recordedAt: now });
  for (const c of p.newConflicts) {
    await tx.insertConflict(c);
    batch.state.openConflicts.set(conflictKey(c.entity, c.entityId, c.field), c);
  }
  for (const c of p.joinedConflicts) {
    await tx.setConflictValues(c.id, c.values);
    batch.state.openConflicts.set(conflictKey(c.entity, c.entityId, c.field), c);
  }
  if (p.row !== undefined) {
    const row = { ...p.row, seq: nextSeq(batch) };
    await tx.upsertRow(row);
    batch.state.rows.set(rowKey(row.entity, row.id), row);
    if (row.entity === 'workshop') batch.state.workshops.add(row.id);
    else if (MATCHED.has(row.entity)) batch.toMatch.add(row.householdId);
    // RPT8: every written row's root (a household, or a workshop: its own root) is derived again.
    batch.toDerive.add(row.householdId);
    countRow(batch.changed, row);
  }
  if (p.household !== undefined) {
    const before = batch.state.households.get(p.household.id);
    await tx.upsertHousehold(p.household);
    batch.state.households.set(p.household.id, p.household);
    if (p.rescope === true && before !== undefined) {
      // PULL10: devices of the old welcome point are told to drop the household.
      await tx.insertScopeRemoval({
        seq: nextSeq(batch),
        householdId: before.id,
        oldWelcomePointId: before.welcomePointId,
        createdBy: before.createdBy,
        removedAt: now,
      });
    }
    if (p.rescope === true) {
      for (const key of await tx.rowKeysOfHousehold(p.household.id)) {
        const seq = nextSeq(batch);
        await tx.setRowSeq(key.entity, key.id, seq);
        const cached = batch.state.rows.get(rowKey(key.entity, key.id));
        if (cached !== undefined) cached.seq = seq;
      }
    }
  }
  return undefined;
}

async function resolveConflicts(batch: Batch, p: Plan, mutationId: string): Promise<void> {
  for (const c of p.resolved) {
    await batch.tx.resolveConflict(c.id, {
      userId: batch.caller.user.id,
      mutationId,
      at: batch.now,
    });
    batch.state.openConflicts.delete(conflictKey(c.entity, c.entityId, c.field));
  }
}

/** MERGE9: the audit of a mutation applied to another household than the one it named. */
async function recordRedirect(
  batch: Batch,
  applied: PushRequest['mutations'][number],
  hop: Hop,
): Promise<void> {
  await batch.tx.insertRedirect({
    mutationId: applied.mutationId,
    mergeId: hop.mergeId,
    fromHouseholdId: hop.from,
    toHouseholdId: hop.to,
    entity: String(applied.entity),
    entityId: String(applied.entityId),
    deviceId: batch.deviceId,
    userId: batch.caller.user.id,
    at: batch.now,
  });
}

/** Writes one decision that consumes its seq: duplicate, quarantine or apply (PUSH4, QUAR1). */
async function writeDecision(
  batch: Batch,
  raw: PushRequest['mutations'][number],
  decision: Exclude<MutationDecision, { kind: 'replay' } | { kind: 'gap' }>,
  issue: InputIssue | undefined,
): Promise<void> {
  const { tx, now } = batch;
  const userId = batch.caller.user.id;
  if (decision.kind === 'apply') {
    await write(batch, decision.plan);
    await resolveConflicts(batch, decision.plan, decision.mutationId);
  } else if (decision.kind === 'quarantine') {
    // QUAR1: kept verbatim with the reason, acknowledged, listed for coordinators.
    await tx.insertQuarantine({
      id: randomUUID(),
      deviceId: batch.deviceId,
      seq: raw.seq,
      mutationId: raw.mutationId,
      userId,
      householdId: columnText(raw.householdId),
      entity: columnText(raw.entity),
      reason: decision.reason,
      detail: decision.detail,
      payload: storedPayload(raw, issue),
      receivedAt: now,
    });
    if (decision.resend !== undefined) await write(batch, { ...emptyPlan(), row: decision.resend });
  }
  if (decision.kind !== 'duplicate') batch.state.seenMutationIds.add(raw.mutationId);
  await tx.insertApplied({
    deviceId: batch.deviceId,
    seq: raw.seq,
    // PUSH4: a duplicate's id is already recorded under its first seq.
    mutationId: decision.kind === 'duplicate' ? null : raw.mutationId,
    userId,
    payload: storedPayload(raw, issue),
    result: decision.result,
    appliedAt: now,
  });
  batch.state.lastSeq = raw.seq;
}

/**
 * Loads what the decisions read, in one pass: the rows and households the batch names, their
 * open conflicts, the replayed results and the recorded mutation ids. Authorises the batch
 * (AUTH6, may throw 403) and returns the mutations that left the caller's scope (AUTH6b).
 */
async function load(
  tx: StoreTx,
  caller: PushCaller,
  request: PushRequest,
  now: number,
  lastSeq: number,
  refused: ReadonlyMap<Record<string, unknown>, InputIssue>,
): Promise<{ batch: Batch; outOfScope: Set<Record<string, unknown>> }> {
  const fresh = request.mutations.filter((m) => m.seq > lastSeq);
  const replayed = request.mutations.filter((m) => m.seq <= lastSeq).map((m) => m.seq);
  const checked = fresh.filter((m) => !refused.has(m));
  // INPUT1: none of a refused mutation's values reaches a query (PostgreSQL refuses U+0000 in
  // text: that was a 503 forever).
  const strings = (key: string): string[] =>
    fresh.map((m) => m[key]).filter((v): v is string => typeof v === 'string' && isAllowedText(v));
  const rowList = await tx.getRows(strings('entityId'));
  const rows = new Map(rowList.map((r) => [rowKey(r.entity, r.id), r]));
  const households = await tx.getHouseholds([
    ...strings('householdId'),
    ...rowList.map((r) => r.householdId),
  ]);
  const workshops = await tx.workshopIdsAmong([...households.keys()]);
  const redirects = await loadRedirects(tx, households, rows, rowList);
  const foreign = [...households.values()].filter((h) => !inScope(caller.scope, h)).map((h) => h.id);
  const leftScope = await tx.householdsThatLeftScope(foreign, caller.scope);
  const viaMerged = new Set(
    (await tx.householdsMergedInto(foreign))
      .filter((merged) => inScope(caller.scope, merged))
      .flatMap((merged) => (merged.mergedInto === null ? [] : [merged.mergedInto])),
  );
  const outOfScope = authorise(caller, checked, households, rows, leftScope, viaMerged);

  const applied = await tx.getApplied(request.deviceId, replayed);
  const seenMutationIds = await tx.existingMutationIds(fresh.map((m) => m.mutationId));
  const openConflicts = new Map<string, ConflictRecord>();
  for (const c of await tx.openConflictsOf(rowList.map((r) => r.id))) {
    openConflicts.set(conflictKey(c.entity, c.entityId, c.field), c);
  }
  const changeSeq = await tx.getCounter('change_seq');
  const rowMerges = await loadRowMerges(tx, checked, rows, redirects);
  const state = {
    lastSeq,
    applied,
    seenMutationIds,
    rows,
    households,
    workshops,
    openConflicts,
    redirects,
    rowMerges,
  };
  return {
    batch: {
      tx,
      caller,
      deviceId: request.deviceId,
      now,
      state,
      changeSeq,
      toMatch: new Set(),
      toDerive: new Set(),
      changed: new Map(),
    },
    outOfScope,
  };
}

export async function applyPush(
  store: RelaisStore,
  caller: PushCaller,
  request: PushRequest,
  options: PushOptions,
): Promise<PushResponse> {
  const { now } = options;
  if (request.deviceId !== caller.deviceId) {
    throw forbidden('This session was opened on another device');
  }
  for (const m of request.mutations) {
    if (m.deviceId !== undefined && m.deviceId !== request.deviceId) {
      throw forbidden('A mutation names another device: nothing was applied');
    }
  }
  return store.transaction(
    async (tx) => {
      const device = await tx.getDevice(request.deviceId);
      if (device === undefined || device.userId !== caller.user.id) {
        throw forbidden('This device is not registered to you');
      }
      // INPUT1, INPUT2: a mutation that breaks the input rules is quarantined by its decision.
      const refused = new Map<Record<string, unknown>, InputIssue>();
      for (const m of request.mutations) {
        const issue = m.seq > device.lastSeq ? inputIssue(m) : undefined;
        if (issue !== undefined) refused.set(m, issue);
      }
      const { batch, outOfScope } = await load(tx, caller, request, now, device.lastSeq, refused);
      const erased = await erasedNamedBy(tx, request.mutations);
      const context = {
        deviceId: request.deviceId,
        userId: caller.user.id,
        scope: caller.scope,
        now,
        newId: randomUUID,
        refused,
        leftScope: outOfScope,
      };

      const redirected = new Map<Record<string, unknown>, string>();
      const hops = new Map<Record<string, unknown>, Hop>();
      const asApplied = (raw: PushRequest['mutations'][number]) => {
        if (raw.seq <= device.lastSeq || refused.has(raw) || outOfScope.has(raw)) return raw;
        const aliased = redirectedMutation(raw, batch.state.redirects);
        const { mutation: target, hop } = followedRow(aliased, batch.state);
        const alias = batch.state.redirects.get(String(raw.householdId));
        const first =
          aliased !== raw && alias !== undefined
            ? { from: String(raw.householdId), to: alias.survivorId, mergeId: alias.mergeId }
            : undefined;
        const landed = hop === undefined ? first : { ...hop, from: first?.from ?? hop.from };
        if (landed !== undefined) {
          redirected.set(target, landed.from);
          hops.set(target, landed);
        }
        return target;
      };
      const decisionContext = { ...context, redirected };

      const results: MutationResult[] = [];
      let expectedSeq: number | undefined;
      for (const [index, raw] of request.mutations.entries()) {
        if (refusesErased(raw, batch.state.lastSeq, erased)) {
          const writer = { deviceId: request.deviceId, userId: caller.user.id, now }; // RIGHT6
          results.push(await refuseErased(tx, raw, writer, batch.state));
          continue;
        }
        const applied = asApplied(raw);
        const decision = decideMutation(applied, batch.state, decisionContext);
        if (decision.kind === 'gap') {
          expectedSeq = decision.expectedSeq;
          break;
        }
        if (decision.kind === 'replay') {
          results.push(decision.result);
          continue;
        }
        await writeDecision(batch, raw, decision, refused.get(raw));
        const hop = hops.get(applied);
        if (hop !== undefined && decision.kind === 'apply') await recordRedirect(batch, applied, hop);
        results.push(decision.result);
        await options.afterMutation?.(index);
      }
      await tx.setDeviceLastSeq(request.deviceId, batch.state.lastSeq, now);
      await tx.setCounter('change_seq', batch.changeSeq);
      // DUP1c: in this transaction, so a crash before detection runs loses nothing.
      if (batch.toMatch.size > 0) await tx.queueHouseholds([...batch.toMatch], now);
      // RPT8: likewise, the roots whose report facts and plan states the batch changed.
      if (batch.toDerive.size > 0) await tx.queueRoots([...batch.toDerive], now);
      // ALOG1, ALOG3: who changed which household, committed with the change itself.
      await recordAccess(tx, entriesFor({ ...context, at: now }, 'push', batch.changed));
      return {
        ackSeq: batch.state.lastSeq,
        results,
        ...(expectedSeq === undefined ? {} : { expectedSeq }),
        serverTime: now,
      };
    },
    { sequenced: true },
  );
}
