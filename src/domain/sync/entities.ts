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
] as const;

export const EntityNameSchema = z.enum(ENTITY_NAMES);
export type EntityName = z.infer<typeof EntityNameSchema>;

/** The entities that belong to a household (everything but the household itself). */
export type ChildEntityName = Exclude<EntityName, 'household'>;
export const CHILD_ENTITY_NAMES = ENTITY_NAMES.filter((e): e is ChildEntityName => e !== 'household');

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
} as const satisfies Record<EntityName, string>;
export type EntityTableName = (typeof ENTITY_TABLES)[EntityName];
