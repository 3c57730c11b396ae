/**
 * The device's side of the server's key copy and of the wipe confirmation (issue 16,
 * docs/remote-wipe.md WIPE1, WIPE2, WIPE6) over the authorized transport: `KeyEscrow` for the
 * lock model, and `confirmDeviceWiped` for the wipe handler.
 */
import type { DeviceWipedReport } from '../domain/security/device-wipe';
import type { KeyEscrow } from '../domain/security/key-escrow';
import { type AuthorizedTransport, authorizedFetch } from './authorized-fetch';
import { responseError } from './sync-errors';

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * KeyEscrow over `PUT` and `GET /api/auth/device-key`.
 * @throws AuthorizedFetchError when nobody is signed in or the server cannot be reached; a
 *   SyncError for a refusal (a DeviceWipeError when the device was declared lost, WIPE2)
 */
export function createDeviceKeyApi(transport: AuthorizedTransport): KeyEscrow {
  return {
    async deposit(key) {
      const response = await authorizedFetch(transport, 'PUT', '/api/auth/device-key', {
        key: toBase64(key),
      });
      if (!response.ok) throw await responseError(response);
    },
    async recover() {
      const response = await authorizedFetch(transport, 'GET', '/api/auth/device-key');
      if (response.status === 404) return undefined;
      if (!response.ok) throw await responseError(response);
      const body = (await response.json()) as { key?: unknown };
      if (typeof body.key !== 'string') throw new Error('The server answered without a key');
      return fromBase64(body.key);
    },
  };
}

/** How a confirmation ended: received, or to be sent again later (no answer, or a 5xx). */
export type ConfirmOutcome = 'done' | 'retry';

/**
 * WIPE6: tells the server the device erased itself, with what was still unsent. The token is
 * the one of the erased session (the session itself is gone from the device by then). A 401
 * (already confirmed: the session was revoked) or a 409 (no order waits any more) is final too.
 */
export async function confirmDeviceWiped(
  transport: Omit<AuthorizedTransport, 'session'>,
  token: string,
  report: DeviceWipedReport,
): Promise<ConfirmOutcome> {
  let response: Response;
  try {
    response = await transport.fetch(`${transport.baseUrl ?? ''}/api/auth/device-wiped`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(report),
      cache: 'no-store',
    });
  } catch {
    return 'retry';
  }
  return response.status >= 500 || response.status === 429 ? 'retry' : 'done';
}
