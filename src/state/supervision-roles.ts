import type { Role } from '../domain/sync/protocol';

/** Who may use the Supervision screen (the server checks it again on every request: AUTH8). */
export const SUPERVISOR_ROLES: readonly Role[] = ['coordinator', 'admin'];
