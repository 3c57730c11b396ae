import { type WipeMode, WipeOrderBodySchema } from '../domain/security/device-wipe';

/**
 * The errors the sync client throws (a failed run, login or first start) and how an HTTP answer
 * that is not a success becomes one: the scheduler retries the `retryable` kinds with back-off,
 * the screens show the others.
 */

export type SyncErrorKind =
  | 'not-logged-in'
  | 'unauthorized'
  | 'forbidden'
  | 'offline'
  | 'server'
  | 'rejected'
  | 'lost-changes'
  | 'outdated-app'
  | 'device-wipe';

/** A failed run. `retryable` errors are retried with back-off; the others wait for the user. */
export class SyncError extends Error {
  constructor(
    readonly kind: SyncErrorKind,
    message: string,
    readonly status?: number,
    /** SEC3: how long the server asked to wait (a 429's or 503's Retry-After), ms. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'SyncError';
  }

  get retryable(): boolean {
    return this.kind === 'offline' || this.kind === 'server' || this.kind === 'rejected';
  }
}

/**
 * WIPE4 (docs/remote-wipe.md): the server ordered this device to erase itself. Not retried: the
 * sync service hands it to the wipe handler.
 */
export class DeviceWipeError extends SyncError {
  constructor(
    readonly mode: WipeMode,
    message: string,
  ) {
    super('device-wipe', message, 410);
    this.name = 'DeviceWipeError';
  }
}

export type LoginErrorKind =
  | 'credentials'
  | 'rate-limited'
  | 'device-taken'
  | 'offline'
  | 'invalid'
  | 'server';

export class LoginError extends Error {
  constructor(
    readonly kind: LoginErrorKind,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'LoginError';
  }
}

export type SetupErrorKind = 'already-done' | 'offline' | 'invalid' | 'server';

export class SetupError extends Error {
  constructor(
    readonly kind: SetupErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'SetupError';
  }
}

interface ErrorBody {
  error?: string;
  message?: string;
}

/** The message of an error answer: the server's `message`, else its `error`, else the status. */
export async function messageOf(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as ErrorBody;
    return body.message ?? body.error ?? `HTTP ${response.status}`;
  } catch {
    return `HTTP ${response.status}`;
  }
}

/**
 * Whether an answer is a refusal every request of a run passes on, even those whose other
 * failures the run ignores: the session is over (401) or the device must erase itself (410).
 */
export function endsTheRun(status: number): boolean {
  return status === 401 || status === 410;
}

/**
 * The SyncError of an answer that is not a success, its body read once: a wipe order (410 with
 * `code: 'device_wipe'`, WIPE4) becomes a DeviceWipeError, anything else `statusError`.
 */
export async function responseError(response: Response): Promise<SyncError> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  if (response.status === 410) {
    const order = WipeOrderBodySchema.safeParse(body);
    if (order.success) return new DeviceWipeError(order.data.mode, order.data.message);
  }
  const { message, error } = (typeof body === 'object' && body !== null ? body : {}) as ErrorBody;
  return statusError(
    response.status,
    message ?? error ?? `HTTP ${response.status}`,
    response.headers.get('retry-after'),
  );
}

/**
 * The SyncError of an HTTP status that is not a success. `retryAfter` is the answer's
 * Retry-After header (seconds; an HTTP date is not sent by this server and counts as none).
 */
export function statusError(status: number, message: string, retryAfter?: string | null): SyncError {
  if (status === 401) return new SyncError('unauthorized', message, status);
  if (status === 403) return new SyncError('forbidden', message, status);
  if (status >= 500 || status === 429 || status === 408)
    return new SyncError('server', message, status, retryAfterMs(retryAfter));
  return new SyncError('rejected', message, status);
}

function retryAfterMs(header: string | null | undefined): number | undefined {
  if (header === null || header === undefined || !/^\d{1,6}$/.test(header.trim())) return undefined;
  return Number(header.trim()) * 1000;
}
