/**
 * What the sync model shows the screens, apart from its signals: the checks of the first-start
 * form, the kinds of failure (as i18n key suffixes), the outcomes of a login and of a change of
 * user, the session as the screens see it, and whether a failure reached the server (which the
 * header's status follows). Re-exported by sync-model.ts.
 */
import { PasswordSchema, type User, UsernameSchema, type WelcomePoint } from '../domain/sync/protocol';
import { SyncError } from '../sync/sync-errors';

/** Checks of the first-start form, with the server's own rules. */
export function validUsername(value: string): boolean {
  return UsernameSchema.safeParse(value).success;
}
export function validPassword(value: string): boolean {
  return PasswordSchema.safeParse(value).success;
}

/** Why the last run failed, as an i18n key suffix: `sync.error.<kind>`. */
export type SyncErrorKind =
  | 'offline'
  | 'server'
  | 'unauthorized'
  | 'forbidden'
  | 'rejected'
  | 'lost-changes'
  | 'outdated-app'
  | 'device-wipe'
  | 'not-logged-in'
  | 'unknown';

export type LoginFailure =
  | 'credentials'
  | 'rate-limited'
  | 'device-taken'
  | 'offline'
  | 'invalid'
  | 'server'
  | 'already-done';

export interface LoginOutcome {
  ok: boolean;
  error?: LoginFailure;
  retryAfterSeconds?: number;
}

/** What changing user would remove, for the confirmation. */
export interface SwitchPreview {
  /** Changes not yet on the server: while > 0 the change is refused. */
  pending: number;
  /** Who typed them, when it is the last person signed in; null when unknown or several. */
  pendingBy: string | null;
  dossiers: number;
  /** Forms started and not saved. */
  drafts: number;
}

export type SwitchOutcome =
  | { ok: true }
  | { ok: false; reason: 'pending'; pending: number; by: string | null }
  | { ok: false; reason: 'failed' };

export interface SyncSessionView {
  user: User;
  deviceId: string;
  expiresAt: number;
  /**
   * The welcome points the person may place a household in, by name (AUTH10): every one for
   * coordinators and admins. From a session saved by an older app, the person's own ids stand
   * in for names.
   */
  welcomePoints: WelcomePoint[];
}

export function errorKind(error: unknown): SyncErrorKind {
  if (error instanceof SyncError) return error.kind;
  return 'unknown';
}

/**
 * Whether a failed run reached the server: no answer (`offline`) or an answer of a server that
 * cannot serve (`server`: 5xx, 429, 408) did not; a refusal (401, 403, 4xx) did. Undefined when
 * nothing was asked (`not-logged-in`) or the failure says nothing about the server (`unknown`).
 */
export function runReachedServer(kind: SyncErrorKind): boolean | undefined {
  if (kind === 'offline' || kind === 'server') return false;
  if (kind === 'not-logged-in' || kind === 'unknown') return undefined;
  return true;
}

/** The same for a failed login or first start. */
export function loginReachedServer(kind: LoginFailure | undefined): boolean {
  return kind !== 'offline' && kind !== 'server';
}
