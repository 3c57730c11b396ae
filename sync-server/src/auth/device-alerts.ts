/**
 * DEV1: when a user signs in with a device id the server has never seen, an earlier device of
 * theirs may have lost changes that were never pushed (its browser database was wiped or
 * evicted: sync-design §9.10). The server cannot know what it never received, so it tells the
 * coordinators, who can call the person and ask for the export file.
 *
 * The rule (docs/sync-protocol.md DEV1):
 * - the new device names its predecessor (`previousDeviceId`, kept by the app outside its
 *   dossier database) and that device belongs to the same user: alert `reported-by-device`;
 * - otherwise, if another device of the same user was seen in the last 30 days and had pushed
 *   at least one change: alert `recent-activity`, naming the most recently seen one.
 * A device id named by the app but unknown to the server, or registered to someone else, is
 * ignored (the second rule still applies). One alert per new device at most.
 */
import { randomUUID } from 'node:crypto';
import type { DeviceAlertRecord, DeviceRecord, StoreTx } from '../stores/store-tx';

export const RECENT_DEVICE_MS = 30 * 86_400_000;

export interface NewDeviceLogin {
  userId: string;
  newDeviceId: string;
  previousDeviceId: string | undefined;
  /** The id the device had before a change of user emptied it (ADR 0009), if the app says so. */
  switchedFromDeviceId?: string | undefined;
  now: number;
}

/** Records the alert for a first login of `newDeviceId` when the rule asks for one. */
export async function recordDeviceAlert(
  tx: StoreTx,
  login: NewDeviceLogin,
): Promise<DeviceAlertRecord | undefined> {
  let previous: DeviceRecord | undefined;
  let reason: DeviceAlertRecord['reason'] = 'reported-by-device';
  if (login.previousDeviceId !== undefined && login.previousDeviceId !== login.newDeviceId) {
    const named = await tx.getDevice(login.previousDeviceId);
    if (named !== undefined && named.userId === login.userId) previous = named;
  }
  if (previous === undefined && (await isChangeOfUser(tx, login))) return undefined;
  if (previous === undefined) {
    reason = 'recent-activity';
    [previous] = await tx.recentActiveDevicesOf(
      login.userId,
      login.newDeviceId,
      login.now - RECENT_DEVICE_MS,
    );
  }
  if (previous === undefined) return undefined;
  const alert: DeviceAlertRecord = {
    id: randomUUID(),
    userId: login.userId,
    newDeviceId: login.newDeviceId,
    previousDeviceId: previous.deviceId,
    reason,
    previousLastSeenAt: previous.lastSeenAt,
    previousLastSeq: previous.lastSeq,
    createdAt: login.now,
    handledAt: null,
    handledBy: null,
    pendingChanges: null,
    pendingHouseholdIds: null,
  };
  return (await tx.insertDeviceAlert(alert)) ? alert : undefined;
}

/**
 * A shared tablet emptied for another person gets a new id at each change of user: that is not a
 * lost device, and a `recent-activity` alert at every change would bury the real ones. It counts
 * as a change of user only when the id the app names is a device the server knows, registered
 * to SOMEONE ELSE (a device cannot claim to come from its own user's other device this way).
 */
async function isChangeOfUser(tx: StoreTx, login: NewDeviceLogin): Promise<boolean> {
  if (login.switchedFromDeviceId === undefined || login.switchedFromDeviceId === login.newDeviceId)
    return false;
  const before = await tx.getDevice(login.switchedFromDeviceId);
  return before !== undefined && before.userId !== login.userId;
}
