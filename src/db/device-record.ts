/**
 * The device record: a small copy, kept in the settings database ('relais-settings', idb-keyval),
 * of what the dossier database ('relais', Dexie) says about this device: its id, the last
 * successful sync, how many changes were waiting and since when, who was signed in.
 *
 * Why a second database: browsers may evict or users may clear one IndexedDB database and not the
 * other (sync-design §9.10, scenario 34). When the dossier database comes back empty (no device
 * id) while the record still names a device, the dossiers of that device are gone: the app says
 * so (with the last sync time and how many changes were waiting), and the next login tells the
 * server which device was lost (`previousDeviceId`, rule DEV1) so coordinators are alerted.
 * The record is not a backup: it never holds dossier data. See ADR 0010.
 */
import type { RelaisDb } from './app-db';
import type { SettingsStore } from './settings-store';
import { readMeta, SYNC_META } from './sync-apply/meta';
import { outboxStats } from './sync-apply/push-apply';

export const DEVICE_RECORD_KEY = 'device-record';
export const LOST_DEVICE_KEY = 'lost-device';

export interface DeviceRecord {
  deviceId: string;
  /** Last successful sync, Unix ms (null: never synced). */
  lastSyncAt: number | null;
  /** Changes waiting in the outbox at the last check. */
  pendingCount: number;
  /** When the oldest of them was made, Unix ms. */
  oldestPendingAt: number | null;
  /** Display name of the person signed in at the last check. */
  userDisplayName: string | null;
  /** When this record was written, Unix ms. */
  checkedAt: number;
}

/** A device whose dossier database disappeared, as last recorded. */
export interface LostDevice {
  previous: DeviceRecord;
  detectedAt: number;
  /** The person saw the notice and closed it. */
  acknowledged: boolean;
  /** The server was told at a login (previousDeviceId). */
  reported: boolean;
}

/** What the sync client needs (login) and the sync service calls (outbox changes, sync success). */
export interface DeviceRecordPort {
  /** Re-reads the dossier database and rewrites the record. */
  refresh(): Promise<void>;
  /** The lost device to name at the next login, until the server has been told. */
  previousDeviceId(): Promise<string | undefined>;
  markReported(): Promise<void>;
}

export class DeviceRecordKeeper implements DeviceRecordPort {
  /** Writes one after the other: two refreshes never interleave their read and write. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: RelaisDb,
    private readonly settings: SettingsStore,
    private readonly now: () => number = () => Date.now(),
  ) {}

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(work, work);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async #deviceId(): Promise<string | undefined> {
    const id = await readMeta<unknown>(this.db, SYNC_META.deviceId);
    return typeof id === 'string' && id !== '' ? id : undefined;
  }

  /**
   * Run at start, before anything writes to the dossier database. A loss is a record naming a
   * device while the dossier database has no device id (it was deleted and recreated empty) or
   * another one (something wrote to the fresh database before this check).
   * @returns the lost device while its notice has not been acknowledged
   */
  detectLoss(): Promise<LostDevice | undefined> {
    return this.#serial(() => this.#detect());
  }

  async #detect(): Promise<LostDevice | undefined> {
    const [deviceId, switchedFrom, record, lost] = await Promise.all([
      this.#deviceId(),
      readMeta<unknown>(this.db, SYNC_META.switchedFrom),
      this.settings.get<DeviceRecord>(DEVICE_RECORD_KEY),
      this.settings.get<LostDevice>(LOST_DEVICE_KEY),
    ]);
    // A change of user (ADR 0009) empties the database on purpose and writes, in the same
    // transaction, the id the device had. A record naming that id is not a lost device: it is
    // replaced by the emptied device's own (also when the tab closed between the wipe and the
    // record's rewrite). A notice an older version raised for that wipe goes too.
    if (deviceId !== undefined && typeof switchedFrom === 'string') {
      if (lost !== undefined && lost.previous.deviceId === switchedFrom) {
        await this.settings.delete(LOST_DEVICE_KEY);
      }
      if (record?.deviceId === switchedFrom) {
        await this.settings.set(DEVICE_RECORD_KEY, await this.#read(deviceId));
        return undefined;
      }
      if (lost?.previous.deviceId === switchedFrom) return undefined;
    }
    if (record !== undefined && record.deviceId !== deviceId && lost?.previous.deviceId !== record.deviceId) {
      const detected: LostDevice = {
        previous: record,
        detectedAt: this.now(),
        acknowledged: false,
        reported: false,
      };
      await this.settings.set(LOST_DEVICE_KEY, detected);
      return detected;
    }
    return lost !== undefined && !lost.acknowledged ? lost : undefined;
  }

  refresh(): Promise<void> {
    return this.#serial(async () => {
      const deviceId = await this.#deviceId();
      // No device id yet: nothing to record (and a record of a lost device must stay as it is).
      if (deviceId === undefined) return;
      // Never overwrite the record of a device whose loss has not been noted yet.
      await this.#detect();
      await this.settings.set(DEVICE_RECORD_KEY, await this.#read(deviceId));
    });
  }

  async #read(deviceId: string): Promise<DeviceRecord> {
    const [stats, lastSyncAt, session] = await Promise.all([
      outboxStats(this.db),
      readMeta<number>(this.db, SYNC_META.lastSyncAt),
      readMeta<{ user?: { displayName?: string } }>(this.db, SYNC_META.session),
    ]);
    return {
      deviceId,
      lastSyncAt: lastSyncAt ?? null,
      pendingCount: stats.pending,
      oldestPendingAt: stats.oldestAt ?? null,
      userDisplayName: session?.user?.displayName ?? null,
      checkedAt: this.now(),
    };
  }

  async previousDeviceId(): Promise<string | undefined> {
    const lost = await this.settings.get<LostDevice>(LOST_DEVICE_KEY);
    return lost !== undefined && !lost.reported ? lost.previous.deviceId : undefined;
  }

  markReported(): Promise<void> {
    return this.#serial(async () => {
      const lost = await this.settings.get<LostDevice>(LOST_DEVICE_KEY);
      if (lost === undefined) return;
      if (lost.acknowledged) await this.settings.delete(LOST_DEVICE_KEY);
      else await this.settings.set(LOST_DEVICE_KEY, { ...lost, reported: true });
    });
  }

  /**
   * WIPE10: the device erased itself on an order. Its record and any loss notice go: the empty
   * database is not a loss to report, and the record named the person signed in.
   */
  forget(): Promise<void> {
    return this.#serial(async () => {
      await this.settings.delete(DEVICE_RECORD_KEY);
      await this.settings.delete(LOST_DEVICE_KEY);
    });
  }

  /**
   * The person closed the notice: the record now describes this (new) device. The lost device is
   * kept until a login has told the server about it.
   */
  acknowledge(): Promise<void> {
    return this.#serial(async () => {
      const lost = await this.settings.get<LostDevice>(LOST_DEVICE_KEY);
      if (lost !== undefined) {
        if (lost.reported) await this.settings.delete(LOST_DEVICE_KEY);
        else await this.settings.set(LOST_DEVICE_KEY, { ...lost, acknowledged: true });
      }
      const deviceId = await this.#deviceId();
      if (deviceId === undefined) await this.settings.delete(DEVICE_RECORD_KEY);
      else await this.settings.set(DEVICE_RECORD_KEY, await this.#read(deviceId));
    });
  }
}
