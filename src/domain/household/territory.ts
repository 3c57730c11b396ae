/** Where the household lives: selects the RSA amount and the commission's forfait table. */
import { z } from 'zod';

/**
 * 'metropole' is metropolitan France; 'alsace_moselle' is metropolitan with the local
 * "faillite civile" regime; 'drom' the overseas départements other than Mayotte (same RSA
 * as metropolitan France); 'mayotte' has its own RSA amount.
 */
export const TerritorySchema = z.enum(['metropole', 'alsace_moselle', 'drom', 'mayotte']);
export type Territory = z.infer<typeof TerritorySchema>;

/** Département code: two digits, 2A/2B (Corsica) or 97x (overseas). */
export const DepartementSchema = z.string().regex(/^(\d{2}|2A|2B|97\d)$/, 'expected a département code');
export type Departement = z.infer<typeof DepartementSchema>;

export const HousingStatusSchema = z.enum([
  'tenant',
  'owner',
  'owner_with_mortgage',
  'hosted_free',
  'homeless',
  'care_home',
  'other',
]);
export type HousingStatus = z.infer<typeof HousingStatusSchema>;
