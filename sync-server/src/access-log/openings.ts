/**
 * The dossier openings a device sends (ALOG4, ALOG5): each is logged once (its own UUIDv7 id),
 * under the session's user and device, never under ids the body names. An opening of a
 * household outside the caller's welcome points, or unknown to the server, is dropped and only
 * counted: the log holds ids of households the caller may see, nothing a device makes up.
 */
import type { AccessOpening, AccessOpeningsResponse } from '../../../src/domain/sync/access-log';
import type { StoreTx } from '../stores/store-tx';
import type { PushCaller } from '../sync/push';
import { inScope } from '../sync/scope';
import { recordAccess } from './record';

export async function recordOpenings(
  tx: StoreTx,
  caller: PushCaller,
  openings: readonly AccessOpening[],
  now: number,
): Promise<AccessOpeningsResponse> {
  const households = await tx.getHouseholds(openings.map((o) => o.householdId));
  const allowed = openings.filter((o) => {
    const household = households.get(o.householdId);
    return household !== undefined && inScope(caller.scope, household);
  });
  await recordAccess(
    tx,
    allowed.map((o) => ({
      id: o.id,
      action: 'open' as const,
      userId: caller.user.id,
      deviceId: caller.deviceId,
      householdId: o.householdId,
      // A device clock ahead of the server's cannot date an opening in the future.
      at: Math.min(o.at, now),
    })),
  );
  return { recorded: allowed.length, refused: openings.length - allowed.length };
}
