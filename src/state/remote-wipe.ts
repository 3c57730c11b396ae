/**
 * The device's handler of a wipe order (issue 16, docs/remote-wipe.md WIPE10, WIPE11): the sync
 * service hands it the order a run received (DeviceWipeError); it empties the device and tells
 * the server. Ports are injected so tests drive it against a real database and a real server.
 *
 * - 'lost' (WIPE10): nothing is pushed. The outbox is counted, then every table, the drafts, the
 *   session, the key vault and the key in memory are erased; the server gets the count and the
 *   household ids.
 * - 'withdrawn' (WIPE11): the outbox is pushed until empty or refused, then the same erasure. If
 *   the server cannot be reached during the push, nothing is erased: the order comes again at the
 *   next contact.
 *
 * The small report (no personal data) is written before the erasure and completed after it, so
 * a tab closed in between resumes at the next start (`resume`); if the confirmation cannot reach
 * the server, the report stays and is sent at the next start or order.
 */
import { signal } from '@preact/signals';
import type { WipeTally } from '../db/device-wipe';
import type { PendingWipeReport, WipeReportStore } from '../db/wipe-report-store';
import type { WipeMode } from '../domain/security/device-wipe';
import type { ConfirmOutcome } from '../sync/device-key-api';
import { DeviceWipeError, SyncError } from '../sync/sync-errors';

/** The order as the sync service received it, with the session it was for. */
export interface WipeOrder {
  mode: WipeMode;
  deviceId: string;
  token: string;
}

export interface RemoteWipePorts {
  /** Pushes the outbox until it is empty (the sync client's push loop); throws SyncError. */
  pushAll(): Promise<void>;
  /** Clears every table of the device database, counting the outbox first (src/db). */
  eraseStore(): Promise<WipeTally>;
  /** Forgets the session held in memory (its stored copy went with the tables). */
  forgetSession(): void;
  drafts: { clearAll(): Promise<void> };
  /**
   * The key vault: every wrapped data key on the device (sec-lock's `vault.eraseAll()`). Absent
   * only while the app has no vault (before encryption at rest is wired in).
   */
  vault?: { eraseAll(): Promise<void> };
  /** The data key in memory. */
  keyring?: { clear(): void };
  /** The device record outside the dossier database (scenario 34): it must not cry "lost". */
  deviceRecord?: { forget(): Promise<void> };
  reports: WipeReportStore;
  confirm(token: string, report: { pendingChanges: number; householdIds: string[] }): Promise<ConfirmOutcome>;
}

export type WipeOutcome =
  /** Erased; `reported` says whether the server has the confirmation yet. */
  | { erased: true; mode: WipeMode; reported: boolean }
  /** Withdrawn, and the push could not reach the server: nothing erased, retried later. */
  | { erased: false };

export function createRemoteWipe(ports: RemoteWipePorts) {
  /** The erasure just happened on this page: the app shows its notice (until dismissed). */
  const wipedNotice = signal<WipeMode | null>(null);
  let running: Promise<WipeOutcome> | undefined;

  async function erase(report: PendingWipeReport): Promise<PendingWipeReport> {
    await ports.reports.write(report);
    const tally = await ports.eraseStore();
    ports.forgetSession();
    ports.keyring?.clear();
    await ports.drafts.clearAll();
    await ports.vault?.eraseAll();
    await ports.deviceRecord?.forget();
    // A resumed erasure finds an empty outbox: the first count is the one that matters.
    const done = { ...report, erased: report.erased ?? tally };
    await ports.reports.write(done);
    return done;
  }

  async function send(report: PendingWipeReport): Promise<boolean> {
    if (report.erased === undefined) return false;
    const outcome = await ports.confirm(report.token, report.erased).catch((): ConfirmOutcome => 'retry');
    if (outcome === 'retry') return false;
    await ports.reports.clear();
    return true;
  }

  /** WIPE11: pushes what can be pushed; the mode to erase in, or undefined to wait for the next contact. */
  async function pushFirst(): Promise<WipeMode | undefined> {
    try {
      await ports.pushAll();
      return 'withdrawn';
    } catch (error) {
      // The order became 'lost' meanwhile: erase without pushing more.
      if (error instanceof DeviceWipeError) return error.mode;
      // No answer, or a server that cannot serve: the changes are still wanted, wait.
      if (error instanceof SyncError && error.retryable && error.kind !== 'rejected') return undefined;
      // The server refuses what is left: erase, counting it.
      return 'withdrawn';
    }
  }

  async function run(order: WipeOrder): Promise<WipeOutcome> {
    let mode = order.mode;
    if (mode === 'withdrawn') {
      const next = await pushFirst();
      if (next === undefined) return { erased: false };
      mode = next;
    }
    const report = await erase({ mode, deviceId: order.deviceId, token: order.token });
    wipedNotice.value = mode;
    return { erased: true, mode, reported: await send(report) };
  }

  return {
    wipedNotice,
    /** Handles an order (one at a time: a second call while one runs joins it). */
    handle(order: WipeOrder): Promise<WipeOutcome> {
      running ??= run(order).finally(() => {
        running = undefined;
      });
      return running;
    },
    /**
     * At start: an erasure interrupted by a closed tab is finished, then a report that could not
     * reach the server is sent again. Resolves true when nothing is left to send.
     */
    async resume(): Promise<boolean> {
      const report = await ports.reports.read();
      if (report === undefined) return true;
      const erased = report.erased === undefined ? await erase(report) : report;
      if (report.erased === undefined) wipedNotice.value = report.mode;
      return send(erased);
    },
    dismissNotice(): void {
      wipedNotice.value = null;
    },
  };
}

export type RemoteWipe = ReturnType<typeof createRemoteWipe>;
