/**
 * What coordinators follow up (AUTH8): the quarantine (QUAR1, QUAR3), mutations a push could not
 * apply, and device alerts (DEV1), a user signing in on a new device while an earlier one may
 * hold unsent changes. Both are lists of items someone marks handled once, read with the names
 * of the people and devices involved; they differ only in their table and columns, so listing,
 * reading and marking are written once, over a `Supervised` description of each.
 */
import type {
  DeviceAlertRecord,
  DeviceAlertView,
  QuarantineRecord,
  QuarantineView,
  SupervisionFilter,
} from './records';
import { DEVICE_ALERTS, QUARANTINE, type Row, toDeviceAlertView, toQuarantineView } from './row-mappers';
import type { SqlExecutor } from './sql';

/** One supervision list: its table, the view that names who and which devices, its order. */
interface Supervised<View> {
  table: 'quarantine' | 'device_alerts';
  /** The table's alias in `view`. */
  alias: string;
  /** A SELECT of the table joined to the names a coordinator reads, without WHERE. */
  view: string;
  /** When an item came in: the list is newest first. */
  arrivedAt: string;
  toView: (row: Row) => View;
}

// The handler (`handled_by`) is joined by id, LEFT: an account removed since leaves null names.
const QUARANTINE_LIST: Supervised<QuarantineView> = {
  table: 'quarantine',
  alias: 'q',
  view: `SELECT q.*, u.username, u.display_name, d.name AS device_name,
    h.username AS handled_by_username, h.display_name AS handled_by_display_name
  FROM quarantine q
  LEFT JOIN users u ON u.id = q.user_id LEFT JOIN devices d ON d.device_id = q.device_id
  LEFT JOIN users h ON h.id = q.handled_by`,
  arrivedAt: 'received_at',
  toView: toQuarantineView,
};

const DEVICE_ALERT_LIST: Supervised<DeviceAlertView> = {
  table: 'device_alerts',
  alias: 'a',
  view: `SELECT a.*, u.username, u.display_name, nd.name AS new_device_name,
    pd.name AS previous_device_name, h.username AS handled_by_username,
    h.display_name AS handled_by_display_name
  FROM device_alerts a JOIN users u ON u.id = a.user_id
  LEFT JOIN devices nd ON nd.device_id = a.new_device_id
  LEFT JOIN devices pd ON pd.device_id = a.previous_device_id
  LEFT JOIN users h ON h.id = a.handled_by`,
  arrivedAt: 'created_at',
  toView: toDeviceAlertView,
};

/** The flags `$1` (open wanted) and `$2` (handled wanted) of a supervision list's WHERE. */
const statusFlags = (status: SupervisionFilter['status']): [number, number] => [
  status === 'handled' ? 0 : 1,
  status === 'open' ? 0 : 1,
];

export class SupervisionTx {
  constructor(private readonly sql: SqlExecutor) {}

  async insertQuarantine(item: QuarantineRecord): Promise<void> {
    await this.sql.run(QUARANTINE.insert, QUARANTINE.values(item));
  }

  /**
   * Open ones, handled ones or all, as `status` says (QUAR3): newest first, the handled ones
   * alone by when they were handled (what someone just followed up comes first).
   */
  listQuarantine(filter: SupervisionFilter): Promise<QuarantineView[]> {
    return this.#list(QUARANTINE_LIST, filter);
  }

  getQuarantineItem(id: string): Promise<QuarantineView | undefined> {
    return this.#get(QUARANTINE_LIST, id);
  }

  /** Marks an open item handled (QUAR3); false when it does not exist or was already handled. */
  markQuarantineHandled(id: string, by: { userId: string; at: number }): Promise<boolean> {
    return this.#markHandled(QUARANTINE_LIST, id, by);
  }

  /** Inserts the alert unless the new device already has one; true when inserted. */
  async insertDeviceAlert(alert: DeviceAlertRecord): Promise<boolean> {
    const inserted = await this.sql.run(
      `${DEVICE_ALERTS.insert} ON CONFLICT (new_device_id) DO NOTHING`,
      DEVICE_ALERTS.values(alert),
    );
    return inserted > 0;
  }

  /** Open ones, handled ones or all, as `status` says; ordered as listQuarantine. */
  listDeviceAlerts(filter: SupervisionFilter): Promise<DeviceAlertView[]> {
    return this.#list(DEVICE_ALERT_LIST, filter);
  }

  getDeviceAlert(id: string): Promise<DeviceAlertView | undefined> {
    return this.#get(DEVICE_ALERT_LIST, id);
  }

  /** Marks an open alert handled; false when it does not exist or was already handled. */
  markDeviceAlertHandled(id: string, by: { userId: string; at: number }): Promise<boolean> {
    return this.#markHandled(DEVICE_ALERT_LIST, id, by);
  }

  async #list<View>(list: Supervised<View>, filter: SupervisionFilter): Promise<View[]> {
    const { alias: x } = list;
    const rows = await this.sql.all<Row>(
      `${list.view}
       WHERE (${x}.handled_at IS NULL AND $1 = 1) OR (${x}.handled_at IS NOT NULL AND $2 = 1)
       ORDER BY CASE WHEN $4 = 1 THEN ${x}.handled_at END DESC, ${x}.${list.arrivedAt} DESC, ${x}.id LIMIT $3`,
      [...statusFlags(filter.status), filter.limit, filter.status === 'handled' ? 1 : 0],
    );
    return rows.map(list.toView);
  }

  async #get<View>(list: Supervised<View>, id: string): Promise<View | undefined> {
    const rows = await this.sql.all<Row>(`${list.view} WHERE ${list.alias}.id = $1`, [id]);
    return rows[0] === undefined ? undefined : list.toView(rows[0]);
  }

  /** The first handler and time stay: marking a handled item again changes nothing. */
  async #markHandled<View>(
    list: Supervised<View>,
    id: string,
    by: { userId: string; at: number },
  ): Promise<boolean> {
    const changed = await this.sql.run(
      `UPDATE ${list.table} SET handled_at = $2, handled_by = $3 WHERE id = $1 AND handled_at IS NULL`,
      [id, by.at, by.userId],
    );
    return changed > 0;
  }
}
