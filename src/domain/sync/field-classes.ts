/**
 * How concurrent edits of each field are resolved (sync-design §9.6). One table, read by the
 * server when it applies a push and by the device when it shows conflicts, so both agree.
 *
 * - `lww`: last writer wins (by HLC, then device id), the losing value kept in field history.
 * - `review`: the same provisional winner, plus an open conflict holding every competing value
 *   (money, identity, household composition): a person decides.
 * - `append-only`: never edited in place, so never in conflict (notes: a revision is a new row).
 * - `status`: a status machine; only the transitions of STATUS_TRANSITIONS are applied, others
 *   are quarantined (never silently applied).
 *
 * Rows themselves are class D ("sets"): adding a row never conflicts, removing is a tombstone.
 * Edit against delete keeps the edit and opens an `edit-vs-delete` conflict (§9.6, §9.7).
 */
import type { EntityName } from './entities';

export type FieldClass = 'lww' | 'review' | 'append-only' | 'status';

/** Entities whose rows are never edited in place: a change is a new revision row. */
export const APPEND_ONLY_ENTITIES: ReadonlySet<EntityName> = new Set<EntityName>(['note']);

/** Identity and composition fields (class B) beyond the money fields. */
export const REVIEW_FIELDS: Readonly<Partial<Record<EntityName, readonly string[]>>> = {
  household: ['address', 'welcomePointId'],
  // Household composition and identity: who the person is and their place in the household.
  member: ['role', 'firstName', 'lastName', 'birthDate', 'deleted', 'custody'],
  creditor: ['name'],
  debt: ['creditorId', 'nominalRateBps', 'remainingTermMonths'],
};

/**
 * Allowed transitions of each status machine: `from → [to…]`. Staying on the same value is
 * always allowed; a row's first status (on create) may be any value.
 */
export const STATUS_TRANSITIONS: Readonly<
  Partial<Record<EntityName, Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>>>
> = {
  household: {
    status: {
      intake: ['active', 'closed'],
      active: ['awaiting_decision', 'follow_up', 'closed'],
      awaiting_decision: ['active', 'follow_up', 'closed'],
      follow_up: ['active', 'closed'],
      // Reopening a closed dossier is a deliberate step back to active.
      closed: ['active'],
    },
  },
  action: {
    status: {
      planned: ['in_progress', 'sent', 'done', 'cancelled'],
      in_progress: ['sent', 'done', 'cancelled'],
      sent: ['answered', 'done', 'cancelled'],
      answered: ['done', 'in_progress'],
      done: ['in_progress'],
      cancelled: ['planned'],
    },
  },
  appointment: {
    status: {
      planned: ['done', 'missed', 'cancelled'],
      missed: ['planned'],
      cancelled: ['planned'],
      done: [],
    },
  },
};

/** Money fields hold integer cents and are named `…Cents` (ADR 0002). */
export function isMoneyField(field: string): boolean {
  return field.endsWith('Cents');
}

/**
 * The class of a field.
 * @example fieldClass('charge', 'amountCents') // 'review'
 * @example fieldClass('household', 'phone') // 'lww'
 * @example fieldClass('note', 'text') // 'append-only'
 */
export function fieldClass(entity: EntityName, field: string): FieldClass {
  if (
    APPEND_ONLY_ENTITIES.has(entity) &&
    field !== 'deleted' &&
    field !== 'deletedAt' &&
    field !== 'deletedBy'
  )
    return 'append-only';
  if (STATUS_TRANSITIONS[entity]?.[field] !== undefined) return 'status';
  if (isMoneyField(field)) return 'review';
  if (REVIEW_FIELDS[entity]?.includes(field)) return 'review';
  return 'lww';
}

/**
 * Whether a status machine allows `from → to`. Fields that are not status machines allow anything.
 * @example isAllowedTransition('household', 'status', 'intake', 'active') // true
 * @example isAllowedTransition('household', 'status', 'closed', 'intake') // false
 */
export function isAllowedTransition(entity: EntityName, field: string, from: unknown, to: unknown): boolean {
  const machine = STATUS_TRANSITIONS[entity]?.[field];
  if (machine === undefined || from === to || from === undefined || from === null) return true;
  if (typeof from !== 'string' || typeof to !== 'string') return false;
  return machine[from]?.includes(to) ?? false;
}
