/**
 * RIGHT6 (docs/household-rights.md): a push naming an erased household is refused mutation by
 * mutation with `quarantined` / `erased-household`, acknowledged so the device moves on, and kept
 * nowhere but as a redacted receipt: a quarantine record would hold the erased person's data
 * again, and applying it would bring the household back.
 */
import { isAllowedText } from '../../../src/domain/sync/input-rules';
import type { MutationResult, PushRequest } from '../../../src/domain/sync/protocol';
import { REDACTED_PAYLOAD } from '../rights/erasure';
import type { StoreTx } from '../stores/store-tx';

type RawMutation = PushRequest['mutations'][number];

/** The erased households among those the mutations name. */
export async function erasedNamedBy(tx: StoreTx, mutations: readonly RawMutation[]): Promise<Set<string>> {
  // INPUT1: a value the input rules refuse never reaches a query (PostgreSQL refuses U+0000).
  const ids = mutations
    .map((m) => m.householdId)
    .filter((id): id is string => typeof id === 'string' && isAllowedText(id));
  return ids.length === 0 ? new Set() : tx.erasedAmong(ids);
}

/**
 * Whether `raw` is the next mutation of the device and names an erased household: the caller
 * then records the refusal (`refuseErased`) instead of deciding it. A gap or a replay is left to
 * the usual decision.
 */
export function refusesErased(raw: RawMutation, lastSeq: number, erased: ReadonlySet<string>): boolean {
  return raw.seq === lastSeq + 1 && typeof raw.householdId === 'string' && erased.has(raw.householdId);
}

export async function refuseErased(
  tx: StoreTx,
  raw: RawMutation,
  writer: { deviceId: string; userId: string; now: number },
  /** The push's state, moved past the refused mutation. */
  state: { lastSeq: number; seenMutationIds: Set<string> },
): Promise<MutationResult> {
  const result: MutationResult = {
    seq: raw.seq,
    mutationId: raw.mutationId,
    status: 'quarantined',
    reason: 'erased-household',
  };
  await tx.insertApplied({
    deviceId: writer.deviceId,
    seq: raw.seq,
    mutationId: raw.mutationId,
    userId: writer.userId,
    payload: JSON.parse(REDACTED_PAYLOAD) as unknown,
    result,
    appliedAt: writer.now,
  });
  state.seenMutationIds.add(raw.mutationId);
  state.lastSeq = raw.seq;
  return result;
}
