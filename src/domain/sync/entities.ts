/**
 * The synced entities. Each is its own table on the device and its own kind of row on the
 * server (sync-design §9.2); mutations name the entity, never the table.
 */
import { z } from 'zod';

export const ENTITY_NAMES = [
  'household',
  'member',
  'resource',
  'charge',
  'asset',
  'creditor',
  'debt',
  'note',
  'action',
  'scenario',
  'appointment',
  'consent',
  'plan',
  'plan_payment',
  'microcredit',
  'workshop',
] as const;

export const EntityNameSchema = z.enum(ENTITY_NAMES);
export type EntityName = z.infer<typeof EntityNameSchema>;

/**
 * The root entities: each row is its own scope (`householdId === id`) and carries the welcome
 * point that decides who sees it. A household, and a workshop session (a collective action of a
 * welcome point, docs/reports-and-plans.md WS1).
 */
export const ROOT_ENTITY_NAMES = ['household', 'workshop'] as const;
export type RootEntityName = (typeof ROOT_ENTITY_NAMES)[number];
export function isRootEntity(entity: EntityName): entity is RootEntityName {
  return (ROOT_ENTITY_NAMES as readonly string[]).includes(entity);
}

/** The entities that belong to a household (everything but the roots). */
export type ChildEntityName = Exclude<EntityName, RootEntityName>;
export const CHILD_ENTITY_NAMES = ENTITY_NAMES.filter((e): e is ChildEntityName => !isRootEntity(e));

/** Device table of each entity, and for a child entity its dossier collection (DOSSIER_COLLECTIONS). */
export const ENTITY_TABLES = {
  household: 'households',
  member: 'members',
  resource: 'resources',
  charge: 'charges',
  asset: 'assets',
  creditor: 'creditors',
  debt: 'debts',
  note: 'notes',
  action: 'actions',
  scenario: 'scenarios',
  appointment: 'appointments',
  consent: 'consents',
  plan: 'plans',
  plan_payment: 'planPayments',
  microcredit: 'microcredits',
  workshop: 'workshops',
} as const satisfies Record<EntityName, string>;
export type EntityTableName = (typeof ENTITY_TABLES)[EntityName];
