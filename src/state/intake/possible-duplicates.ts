/**
 * The intake's duplicate warning (docs/merges.md DUP3): what the device finds on its own, offline
 * included, and, when online, what the server finds among the households of the person's scope
 * that this device may not hold yet (another tablet recorded the family, not synced here). The
 * scorer is the same on both sides (src/domain/matching), so a household found by both is shown
 * once, as the device found it.
 */
import type { PossibleDuplicate } from '../../db/dossier-queries';
import type { MatchProbe } from '../../domain/sync/coordination-protocol';
import type { NetworkMatch } from '../../sync/duplicate-check-api';

/** One household the warning shows; `onDevice` false: only the server has it (sync to open it). */
export interface ShownDuplicate extends PossibleDuplicate {
  onDevice: boolean;
}

/** The server's check, when this app has a sync server and is online (else undefined). */
export type NetworkDuplicateCheck = (
  probe: MatchProbe,
  excludeHouseholdId?: string,
) => Promise<NetworkMatch[]>;

/**
 * The device's matches, then the server's that the device did not find, highest score first
 * within each. `onDevice` tells whether a server match can be opened here.
 */
export function combineDuplicates(
  local: readonly PossibleDuplicate[],
  network: readonly NetworkMatch[],
  heldHere: ReadonlySet<string>,
): ShownDuplicate[] {
  const seen = new Set(local.map((m) => m.householdId));
  const fromServer = network
    .filter((m) => !seen.has(m.householdId))
    .sort((a, b) => b.score - a.score)
    .map((m): ShownDuplicate => {
      const shown: ShownDuplicate = {
        householdId: m.householdId,
        displayName: m.label,
        score: m.score,
        reasons: m.reasons,
        onDevice: heldHere.has(m.householdId),
      };
      if (m.reference !== null) shown.reference = m.reference;
      return shown;
    });
  return [...local.map((m) => ({ ...m, onDevice: true })), ...fromServer];
}
