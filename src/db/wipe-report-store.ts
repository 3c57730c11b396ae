/**
 * The wipe report waiting to reach the server (WIPE10, docs/remote-wipe.md), kept in the settings
 * database ('relais-settings'), outside the dossier database the wipe clears.
 *
 * It is written BEFORE the erasure (with the order and the session token) and completed after it
 * (with the count), so a tab closed in between resumes the erasure at the next start instead of
 * leaving data behind. It holds no personal data: the device id, the order's mode, the count of
 * unsent changes, household ids and the token. The token can do nothing but what the order
 * allows (WIPE4: confirm; push for a withdrawn device whose outbox is already empty) and dies
 * with the confirmation (WIPE6).
 */
import type { WipeMode } from '../domain/security/device-wipe';
import type { SettingsStore } from './settings-store';

export const WIPE_REPORT_KEY = 'wipe-report';

export interface PendingWipeReport {
  mode: WipeMode;
  /** The device id the order was for. */
  deviceId: string;
  token: string;
  /** Set once the erasure is done: what was still unsent. */
  erased?: { pendingChanges: number; householdIds: string[] };
}

export interface WipeReportStore {
  read(): Promise<PendingWipeReport | undefined>;
  write(report: PendingWipeReport): Promise<void>;
  clear(): Promise<void>;
}

export function createWipeReportStore(settings: SettingsStore): WipeReportStore {
  return {
    read: () => settings.get<PendingWipeReport>(WIPE_REPORT_KEY),
    write: (report) => settings.set(WIPE_REPORT_KEY, report),
    clear: () => settings.delete(WIPE_REPORT_KEY),
  };
}
