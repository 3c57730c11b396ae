/**
 * One authenticated request with the device's current session: the bearer header, no HTTP
 * cache, an optional JSON body. The screens' API clients (admin-api.ts, and supervision-api.ts
 * through SyncClient.authorizedRequest) each map its two failures and the HTTP status to their
 * own error type.
 */
import type { DeviceSession } from './session-store';
import type { FetchLike } from './sync-http';

export interface AuthorizedTransport {
  fetch: FetchLike;
  /** Server origin ('' for the same origin as the app). */
  baseUrl?: string;
  /** The device's current session (SessionStore.current). */
  session: () => DeviceSession | undefined;
}

/** Why no HTTP answer came back: nobody is signed in, or the server could not be reached. */
export class AuthorizedFetchError extends Error {
  constructor(
    readonly kind: 'not-logged-in' | 'offline',
    message: string,
  ) {
    super(message);
    this.name = 'AuthorizedFetchError';
  }
}

/** @throws AuthorizedFetchError; any HTTP answer, 4xx and 5xx included, is returned. */
export async function authorizedFetch(
  transport: AuthorizedTransport,
  method: string,
  path: string,
  body?: unknown,
): Promise<Response> {
  const session = transport.session();
  if (session === undefined)
    throw new AuthorizedFetchError('not-logged-in', 'Nobody is signed in on this device');
  const headers: Record<string, string> = { authorization: `Bearer ${session.token}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  try {
    return await transport.fetch(`${transport.baseUrl ?? ''}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      cache: 'no-store',
    });
  } catch (error) {
    throw new AuthorizedFetchError(
      'offline',
      error instanceof Error ? error.message : 'The server cannot be reached',
    );
  }
}
