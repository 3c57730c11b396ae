/**
 * The decision for one pushed mutation, as a pure function (docs/sync-protocol.md PUSH3–PUSH5,
 * QUAR1, PULL9, CLOCK1, and through `planMutation` CONF*, TOMB*): replay, gap, duplicate,
 * quarantine or apply, and what to write for it. It reads only what the push loaded
 * (`PushState`) and the facts the push established for the whole batch beforehand (input rules,
 * AUTH6b); the clock and the id generator are injected. push.ts loads, calls it, and writes the
 * result; tests/server/sync/push-decision.test.ts checks its properties without a server.
 */
import { describeInputIssue, type InputIssue } from '../../../src/domain/sync/input-rules';
import type { MutationResult, QuarantineReason } from '../../../src/domain/sync/protocol';
import type { AppliedRecord, Scope, StoredRow } from '../stores/store-tx';
import { parseMutation, Quarantine } from './push-input';
import { planMutation } from './push-plan';
import type { Plan, ServerView, Writer } from './row-draft';
import { inScope } from './scope';
import { clampHlc, rowKey } from './wire-row';

/** What the server holds that the decision reads, for one device's push. */
export interface PushState extends ServerView {
  /** The device's highest acknowledged seq so far (PUSH1). */
  lastSeq: number;
  /** What was stored for the seqs this request replays (PUSH3). */
  applied: ReadonlyMap<number, Pick<AppliedRecord, 'result'>>;
  /** Mutation ids already recorded, under any seq or device (PUSH4). */
  seenMutationIds: ReadonlySet<string>;
}

/** Who pushes, with the clock and id generator, and what was found of the batch beforehand. */
export interface DecisionContext extends Writer {
  /** The request's device (PUSH2). */
  deviceId: string;
  /** The caller's scope: a quarantined mutation's row is re-sent only within it (PULL9, AUTH6). */
  scope: Scope;
  /** The input rule each refused mutation breaks (INPUT1, INPUT2). */
  refused?: ReadonlyMap<Record<string, unknown>, InputIssue>;
  /** Mutations whose household left the caller's scope (AUTH6b). */
  leftScope?: ReadonlySet<Record<string, unknown>>;
  /**
   * MERGE9: mutations rewritten from a merged household to its survivor, with the merged
   * household's id (push.ts rewrites them before deciding).
   */
  redirected?: ReadonlyMap<Record<string, unknown>, string>;
}

/** A pushed mutation as the request holds it: only seq and mutationId are known to be there. */
export type RawMutation = Record<string, unknown> & { seq: number; mutationId: string };

export type MutationDecision =
  /** PUSH3: seq ≤ lastSeq; nothing is written, not even the seq. */
  | { kind: 'replay'; result: MutationResult }
  /** PUSH5: the seq skips ahead; the batch stops here. */
  | { kind: 'gap'; expectedSeq: number }
  /** PUSH4: the mutation id is already recorded; the seq slot is consumed, nothing applied. */
  | { kind: 'duplicate'; result: MutationResult }
  /**
   * QUAR1: kept verbatim with the reason. `resend` is the row to send the device again (PULL9),
   * its version bumped.
   */
  | {
      kind: 'quarantine';
      result: MutationResult;
      reason: QuarantineReason;
      detail: string;
      resend?: StoredRow;
    }
  /** The mutation applies: `plan` is what to write. */
  | { kind: 'apply'; result: MutationResult; plan: Plan; mutationId: string };

/** Decides what one mutation of a push does, given what the server holds. Writes nothing. */
export function decideMutation(
  raw: RawMutation,
  state: PushState,
  context: DecisionContext,
): MutationDecision {
  const head = { seq: raw.seq, mutationId: raw.mutationId };
  if (raw.seq <= state.lastSeq) {
    // PUSH3: a replay gets the stored result, marked duplicate.
    const stored = state.applied.get(raw.seq)?.result as MutationResult | undefined;
    const original =
      stored === undefined
        ? undefined
        : {
            status: stored.status,
            ...(stored.version === undefined ? {} : { version: stored.version }),
            ...(stored.reason === undefined ? {} : { reason: stored.reason }),
          };
    // A replayed redirect names the survivor again (MERGE9).
    const redirectedTo = stored?.redirectedTo === undefined ? {} : { redirectedTo: stored.redirectedTo };
    return {
      kind: 'replay',
      result: {
        ...head,
        status: 'duplicate',
        ...(original === undefined ? {} : { original }),
        ...redirectedTo,
      },
    };
  }
  if (raw.seq !== state.lastSeq + 1) {
    // PUSH5: a gap stops the batch; the device resends from expectedSeq.
    return { kind: 'gap', expectedSeq: state.lastSeq + 1 };
  }
  if (state.seenMutationIds.has(raw.mutationId)) {
    // PUSH4: the same mutation id under another seq is acknowledged, not applied again.
    return { kind: 'duplicate', result: { ...head, status: 'duplicate' } };
  }
  try {
    const issue = context.refused?.get(raw);
    if (issue !== undefined) throw new Quarantine('invalid-mutation', describeInputIssue(issue));
    if (context.leftScope?.has(raw) === true) {
      throw new Quarantine(
        'left-scope',
        'The household moved to a welcome point this user does not have (AUTH6b)',
      );
    }
    const m = parseMutation(raw, context.deviceId);
    const redirected = context.redirected?.has(raw) === true;
    const plan = planMutation(state, context, m, clampHlc(m.hlc, context.now), redirected);
    // MERGE9: applied to the survivor: the device learns where it went.
    const landed = redirected ? { status: 'redirected' as const, redirectedTo: m.householdId } : {};
    return { kind: 'apply', result: { ...head, ...plan.result, ...landed }, plan, mutationId: m.mutationId };
  } catch (error) {
    if (!(error instanceof Quarantine)) throw error;
    return {
      kind: 'quarantine',
      result: { ...head, status: 'quarantined', reason: error.reason },
      reason: error.reason,
      detail: error.detail,
      ...resendAfterQuarantine(raw, state, context, error.reason),
    };
  }
}

/**
 * PULL9: the device applied the refused mutation locally, so the server's row goes to it again.
 * Not for a household that left the device's scope: the device drops it (PULL10). Nor for a
 * household outside it: a refused mutation (INPUT1, INPUT2) was never authorised (AUTH6).
 */
function resendAfterQuarantine(
  raw: RawMutation,
  state: PushState,
  context: DecisionContext,
  reason: QuarantineReason,
): { resend?: StoredRow } {
  const existing =
    typeof raw.entity === 'string' && typeof raw.entityId === 'string'
      ? state.rows.get(rowKey(raw.entity, raw.entityId))
      : undefined;
  const owner = existing === undefined ? undefined : state.households.get(existing.householdId);
  if (existing === undefined || reason === 'left-scope' || owner === undefined) return {};
  if (!inScope(context.scope, owner)) return {};
  return { resend: { ...existing, version: existing.version + 1 } };
}
