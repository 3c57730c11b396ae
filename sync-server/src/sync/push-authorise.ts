/**
 * Who may push what (AUTH6, AUTH6b, AUTH6c, AUTH10, MERGE9): split from push.ts, which applies
 * the batch once this check has passed.
 */
import { ROOT_ENTITY_NAMES } from '../../../src/domain/sync/entities';
import { clearsWelcomePoint } from '../../../src/domain/sync/welcome-point-rule';
import { forbidden } from '../http-errors';
import type { HouseholdScope, StoredRow } from '../stores/store-tx';
import type { PushCaller } from './push';
import { inScope } from './scope';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * AUTH6: every new mutation's household must be in the caller's scope, or nothing is applied.
 * AUTH6b: a household that WAS in the caller's scope until a move took it out is not a forgery:
 * the device made its change before it heard of the move. Such mutations are returned, to be
 * quarantined one by one (`left-scope`), and the rest of the batch goes on.
 */
export function authorise(
  caller: PushCaller,
  mutations: readonly Record<string, unknown>[],
  households: Map<string, HouseholdScope>,
  rows: Map<string, StoredRow>,
  leftScope: ReadonlySet<string>,
  /** MERGE9: survivors the caller reaches through a household merged into them. */
  viaMerged: ReadonlySet<string> = new Set(),
): Set<Record<string, unknown>> {
  const allowed = (h: HouseholdScope): boolean => inScope(caller.scope, h) || viaMerged.has(h.id);
  const simulated = new Map(households);
  const rowsById = new Map<string, StoredRow[]>();
  for (const row of rows.values()) rowsById.set(row.id, [...(rowsById.get(row.id) ?? []), row]);
  const outOfScope = new Set<Record<string, unknown>>();
  let current: Record<string, unknown> | undefined;
  const denied = (id: string): void => {
    if (leftScope.has(id) && current !== undefined) {
      outOfScope.add(current);
      return;
    }
    throw forbidden(`Household ${id} is outside your welcome points: nothing was applied`);
  };
  for (const m of mutations) {
    current = m;
    const hid = typeof m.householdId === 'string' ? m.householdId : undefined;
    if (typeof m.entityId === 'string') {
      for (const row of rowsById.get(m.entityId) ?? []) {
        const owner = simulated.get(row.householdId);
        if (owner !== undefined && !allowed(owner)) denied(row.householdId);
      }
    }
    if (hid === undefined) continue;
    const known = simulated.get(hid);
    if (known !== undefined && !allowed(known)) denied(hid);
    const patch = isRecord(m.patch) ? m.patch : {};
    // A root's welcome point decides its scope (AUTH6, AUTH10): a household's, a workshop's (WS1).
    const root = typeof m.entity === 'string' && (ROOT_ENTITY_NAMES as readonly string[]).includes(m.entity);
    if (root && 'welcomePointId' in patch) {
      const wp = patch.welcomePointId;
      // AUTH6c: emptying the welcome point is quarantined (plan), so the household stays put.
      if (known !== undefined && clearsWelcomePoint(known.welcomePointId, wp)) continue;
      const target: HouseholdScope = {
        id: hid,
        welcomePointId: typeof wp === 'string' ? wp : null,
        createdBy: known?.createdBy ?? caller.user.id,
      };
      if (!inScope(caller.scope, target)) denied(hid);
      simulated.set(hid, target);
    } else if (known === undefined && root) {
      simulated.set(hid, { id: hid, welcomePointId: null, createdBy: caller.user.id });
    }
  }
  return outOfScope;
}
