/**
 * How a wipe order reaches a device (WIPE4, WIPE5, docs/remote-wipe.md): every authenticated
 * request of a device with a waiting order is answered 410 `{ code: 'device_wipe', mode }`, but
 * for the few routes the order itself needs:
 *
 * - `POST /api/auth/device-wiped`, the confirmation, for both modes;
 * - `POST /api/sync/push` for a 'withdrawn' device only: it sends what it holds before erasing.
 *   A 'lost' device may neither push nor pull: whoever holds it now is not its user.
 *
 * A deactivated user (WIPE9) keeps the sessions of their devices under a waiting order for
 * exactly these routes; any other device of theirs (an order already carried out) gets 401.
 */
import { DEVICE_WIPE_CODE, type WipeMode } from '../../../src/domain/security/device-wipe';
import { HttpError } from '../http-errors';

const ALLOWED: Record<WipeMode, ReadonlySet<string>> = {
  lost: new Set(['POST /api/auth/device-wiped']),
  withdrawn: new Set(['POST /api/auth/device-wiped', 'POST /api/sync/push']),
};

export function wipeAllows(mode: WipeMode, method: string, routeUrl: string | undefined): boolean {
  return ALLOWED[mode].has(`${method} ${routeUrl ?? ''}`);
}

export function deviceWipeOrder(mode: WipeMode): HttpError {
  return new HttpError(
    410,
    mode === 'lost'
      ? 'This device was declared lost: erase its data without sending anything'
      : 'Access from this device was withdrawn: send what it holds, then erase its data',
    { code: DEVICE_WIPE_CODE, mode },
  );
}
