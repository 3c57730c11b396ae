/**
 * What coordinators and admins follow up on the server (the Supervision screen): quarantined
 * mutations (QUAR1, QUAR3) and device alerts (DEV1), over the sync client's authenticated
 * requests. Every answer is checked against the shared schemas before the state layer sees it.
 */
import {
  type DeviceAlert,
  DeviceAlertListSchema,
  DeviceAlertSchema,
  type QuarantineItem,
  QuarantineItemSchema,
  QuarantineListSchema,
  type SupervisionStatus,
} from '../domain/sync/protocol';
import type { SyncClient } from './sync-client';
import { SyncError } from './sync-errors';

/** Which items to list: the open ones (the default), the handled ones, or all (QUAR3). */
export interface ListOptions {
  status?: SupervisionStatus;
}

export interface SupervisionApi {
  /** Items newest first, open ones unless `status` says otherwise. */
  listQuarantine(options?: ListOptions): Promise<QuarantineItem[]>;
  markQuarantineHandled(id: string): Promise<QuarantineItem>;
  /** Alerts newest first, open ones unless `status` says otherwise. */
  listDeviceAlerts(options?: ListOptions): Promise<DeviceAlert[]>;
  markDeviceAlertHandled(id: string): Promise<DeviceAlert>;
}

interface Schema<T> {
  safeParse(body: unknown): { success: true; data: T } | { success: false };
}

function parsed<T>(schema: Schema<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (!result.success) throw new SyncError('server', 'The server answered with something unreadable');
  return result.data;
}

const status = (options?: ListOptions): SupervisionStatus => options?.status ?? 'open';

/**
 * Every method throws a SyncError: `not-logged-in`, `offline`, `unauthorized` (session expired),
 * `forbidden` (not a coordinator or admin), `rejected` (e.g. 404), `server`.
 */
export function createSupervisionApi(client: Pick<SyncClient, 'authorizedRequest'>): SupervisionApi {
  return {
    async listQuarantine(options) {
      const body = await client.authorizedRequest('GET', `/api/quarantine?status=${status(options)}`);
      return parsed(QuarantineListSchema, body).items;
    },
    async markQuarantineHandled(id) {
      const body = await client.authorizedRequest(
        'POST',
        `/api/quarantine/${encodeURIComponent(id)}/handled`,
      );
      return parsed(QuarantineItemSchema, body);
    },
    async listDeviceAlerts(options) {
      const body = await client.authorizedRequest('GET', `/api/device-alerts?status=${status(options)}`);
      return parsed(DeviceAlertListSchema, body).alerts;
    },
    async markDeviceAlertHandled(id) {
      const body = await client.authorizedRequest(
        'POST',
        `/api/device-alerts/${encodeURIComponent(id)}/handled`,
      );
      return parsed(DeviceAlertSchema, body);
    },
  };
}
