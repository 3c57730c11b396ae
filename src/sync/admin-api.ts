/**
 * The administration API (/api/admin, admin role only, AUTH8) for the Administration screen:
 * welcome points, users and their sessions. It speaks through the same injected fetch, server
 * origin and saved session as the sync client (createSyncService wires all three), checks every
 * answer with the shared zod schemas, and turns each refusal into an AdminError whose `kind`
 * and `fields` the screen can put into words next to the right field.
 *
 * Online only: nothing is queued. A request that cannot reach the server fails with `offline`.
 */
import type { z } from 'zod';
import {
  type LegalParameterEntry,
  LegalParameterEntrySchema,
  type LegalParameterInput,
} from '../domain/parameters/legal-parameter-entries';
import { type AdminDevice, AdminDeviceSchema, type WipeMode } from '../domain/security/device-wipe';
import { type AccessLogPage, AccessLogPageSchema, type AccessLogQuery } from '../domain/sync/access-log';
import {
  type AdminLegalParameters,
  AdminLegalParametersSchema,
  type AdminSession,
  AdminSessionSchema,
  type NewUser,
  type UserPatch,
  type WelcomePointPatch,
} from '../domain/sync/admin';
import { type User, UserSchema, type WelcomePoint, WelcomePointSchema } from '../domain/sync/protocol';
import { AuthorizedFetchError, type AuthorizedTransport, authorizedFetch } from './authorized-fetch';

export type AdminErrorKind =
  /** The request did not reach the server (no network, server down). */
  | 'offline'
  /** Nobody is signed in on this device. */
  | 'not-logged-in'
  /** The session expired or was revoked: sign in again. */
  | 'unauthorized'
  /** The signed-in person is not an admin. */
  | 'forbidden'
  /** The user or welcome point no longer exists. */
  | 'not-found'
  /** The server refused the values: see `fields`. */
  | 'invalid'
  /** The server failed or answered something this app does not understand. */
  | 'server';

/** The form fields a refusal can point at. */
export type AdminField = 'name' | 'username' | 'displayName' | 'password' | 'role' | 'welcomePointIds';

/** Why a field was refused: `taken` (user name in use), `unknown` (welcome point), else `invalid`. */
export type AdminFieldReason = 'invalid' | 'taken' | 'unknown';

export type AdminFieldErrors = Partial<Record<AdminField, AdminFieldReason>>;

export class AdminError extends Error {
  constructor(
    readonly kind: AdminErrorKind,
    message: string,
    readonly fields: AdminFieldErrors = {},
    readonly status?: number,
  ) {
    super(message);
    this.name = 'AdminError';
  }
}

const FIELDS: readonly AdminField[] = [
  'name',
  'username',
  'displayName',
  'password',
  'role',
  'welcomePointIds',
];

function isField(value: string): value is AdminField {
  return (FIELDS as readonly string[]).includes(value);
}

interface ErrorBody {
  error?: string;
  message?: string;
  issues?: { path?: string; message?: string }[];
}

/** `/password` or `/welcomePointIds/0` → the field, from a server issue path. */
export function fieldOfPath(path: string | undefined): AdminField | undefined {
  const first = (path ?? '').split(/[/.]/).find((part) => part !== '');
  return first !== undefined && isField(first) ? first : undefined;
}

/** The fetch, server origin and session the admin client sends with (one authorized transport). */
export type AdminApiOptions = AuthorizedTransport;

export class AdminApi {
  constructor(private readonly options: AdminApiOptions) {}

  listWelcomePoints(): Promise<WelcomePoint[]> {
    return this.request('GET', '/welcome-points', undefined, WelcomePointSchema.array());
  }

  createWelcomePoint(name: string): Promise<WelcomePoint> {
    return this.request('POST', '/welcome-points', { name }, WelcomePointSchema);
  }

  updateWelcomePoint(id: string, patch: WelcomePointPatch): Promise<WelcomePoint> {
    return this.request('PATCH', `/welcome-points/${encodeURIComponent(id)}`, patch, WelcomePointSchema);
  }

  /** Archives (never deletes): households keep naming it. */
  async archiveWelcomePoint(id: string): Promise<void> {
    await this.request('DELETE', `/welcome-points/${encodeURIComponent(id)}`);
  }

  listUsers(): Promise<User[]> {
    return this.request('GET', '/users', undefined, UserSchema.array());
  }

  createUser(user: NewUser): Promise<User> {
    return this.request('POST', '/users', user, UserSchema);
  }

  getUser(id: string): Promise<User> {
    return this.request('GET', `/users/${encodeURIComponent(id)}`, undefined, UserSchema);
  }

  /** Disabling the user or changing the password also ends all their sessions (server side). */
  updateUser(id: string, patch: UserPatch): Promise<User> {
    return this.request('PATCH', `/users/${encodeURIComponent(id)}`, patch, UserSchema);
  }

  /** Deactivates (never deletes) and ends every session of the user. */
  async deactivateUser(id: string): Promise<void> {
    await this.request('DELETE', `/users/${encodeURIComponent(id)}`);
  }

  listSessions(userId: string): Promise<AdminSession[]> {
    return this.request(
      'GET',
      `/users/${encodeURIComponent(userId)}/sessions`,
      undefined,
      AdminSessionSchema.array(),
    );
  }

  async revokeSession(sessionId: string): Promise<void> {
    await this.request('DELETE', `/sessions/${encodeURIComponent(sessionId)}`);
  }

  /**
   * Ends every open session of a user (each device must sign in again), returns how many were
   * ended. The API revokes one session at a time, so this lists them and revokes the open ones.
   */
  async revokeUserSessions(userId: string, now: number = Date.now()): Promise<number> {
    const open = (await this.listSessions(userId)).filter((s) => s.revokedAt === null && s.expiresAt > now);
    for (const session of open) await this.revokeSession(session.id);
    return open.length;
  }

  /** A user's devices with their last contact and wipe state (WIPE3). */
  listDevices(userId: string): Promise<AdminDevice[]> {
    return this.request(
      'GET',
      `/users/${encodeURIComponent(userId)}/devices`,
      undefined,
      AdminDeviceSchema.array(),
    );
  }

  /** WIPE3: the device erases itself at its next contact ('withdrawn': after sending what it holds). */
  orderWipe(deviceId: string, mode: WipeMode): Promise<AdminDevice> {
    return this.request('POST', `/devices/${encodeURIComponent(deviceId)}/wipe`, { mode }, AdminDeviceSchema);
  }

  /** WIPE5: cancels an order the device has not carried out yet. */
  cancelWipe(deviceId: string): Promise<AdminDevice> {
    return this.request(
      'DELETE',
      `/devices/${encodeURIComponent(deviceId)}/wipe`,
      undefined,
      AdminDeviceSchema,
    );
  }

  /** The legal parameters, their version and the log of changes (ADR 0018). */
  listLegalParameters(): Promise<AdminLegalParameters> {
    return this.request('GET', '/legal-parameters', undefined, AdminLegalParametersSchema);
  }

  createLegalParameter(input: LegalParameterInput): Promise<LegalParameterEntry> {
    return this.request('POST', '/legal-parameters', input, LegalParameterEntrySchema);
  }

  /** Corrects an entry (same kind); the server logs the value before and after. */
  updateLegalParameter(id: string, input: LegalParameterInput): Promise<LegalParameterEntry> {
    return this.request(
      'PUT',
      `/legal-parameters/${encodeURIComponent(id)}`,
      input,
      LegalParameterEntrySchema,
    );
  }

  async removeLegalParameter(id: string): Promise<void> {
    await this.request('DELETE', `/legal-parameters/${encodeURIComponent(id)}`);
  }

  /** ALOG6: a page of the access log, newest first, filtered by household, person or period. */
  accessLog(query: AccessLogQuery): Promise<AccessLogPage> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
    const search = params.toString();
    return this.request(
      'GET',
      `/access-log${search === '' ? '' : `?${search}`}`,
      undefined,
      AccessLogPageSchema,
    );
  }

  private async request(method: string, path: string, body?: unknown): Promise<unknown>;
  private async request<T>(method: string, path: string, body: unknown, schema: z.ZodType<T>): Promise<T>;
  private async request<T>(
    method: string,
    path: string,
    body?: unknown,
    schema?: z.ZodType<T>,
  ): Promise<T | undefined> {
    let response: Response;
    try {
      response = await authorizedFetch(this.options, method, `/api/admin${path}`, body);
    } catch (error) {
      if (error instanceof AuthorizedFetchError) throw new AdminError(error.kind, error.message);
      throw error;
    }
    if (!response.ok) throw await refusal(method, path, response);
    if (schema === undefined) return undefined;
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      throw new AdminError('server', 'The server answered something that is not JSON', {}, response.status);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new AdminError('server', 'The server answered an unexpected shape', {}, response.status);
    }
    return parsed.data;
  }
}

async function refusal(method: string, path: string, response: Response): Promise<AdminError> {
  const status = response.status;
  let body: ErrorBody = {};
  try {
    body = (await response.json()) as ErrorBody;
  } catch {
    // No JSON body (a proxy's page): the status alone decides.
  }
  const message = body.message ?? body.error ?? `HTTP ${status}`;
  if (status === 401) return new AdminError('unauthorized', message, {}, status);
  if (status === 403) return new AdminError('forbidden', message, {}, status);
  if (status === 404) return new AdminError('not-found', message, {}, status);
  if (status === 409 && method === 'POST' && path === '/users') {
    return new AdminError('invalid', message, { username: 'taken' }, status);
  }
  if (status === 400 || status === 409) {
    const fields: AdminFieldErrors = {};
    for (const issue of body.issues ?? []) {
      const field = fieldOfPath(issue.path);
      if (field !== undefined) fields[field] = 'invalid';
    }
    if (/^Unknown welcome point/.test(message)) fields.welcomePointIds = 'unknown';
    return new AdminError('invalid', message, fields, status);
  }
  return new AdminError(
    status === 408 || status === 429 || status >= 500 ? 'server' : 'invalid',
    message,
    {},
    status,
  );
}
