/**
 * The sync client's HTTP plumbing: the injected `fetch` (window.fetch in the app, a fetch over
 * the Fastify app's `inject` or a real server in tests) and the one JSON POST the login, setup,
 * push and pull requests share (no HTTP cache, the bearer token when there is one).
 */

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** Where the client's requests go. */
export interface SyncHttp {
  fetch: FetchLike;
  /** Server origin ('' for the same origin as the app). */
  baseUrl: string;
}

/** POSTs `body` as JSON; rejects only when no HTTP answer came back (offline). */
export function postJson(http: SyncHttp, path: string, body: unknown, token?: string): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  return http.fetch(`${http.baseUrl}${path}`, {
    method: 'POST',
    headers,
    body: JSON.stringify(body),
    cache: 'no-store',
  });
}
