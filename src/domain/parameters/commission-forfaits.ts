/**
 * Flat rates ("forfaits") of the commission's budget vie courante (C. consom. R731-3). Each
 * departmental commission sets its own in its règlement intérieur, so this is an EDITABLE
 * table per département and year; the counsellor's entries are passed in with the dossier.
 * Only the 2024 national "forfait de base" was found [S]: it is the marked default, and a
 * diagnosis that uses it says so in an alert.
 */
import { z } from 'zod';
import { CentsSchema } from '../money';

export const ForfaitKindSchema = z.enum(['base', 'habitation', 'chauffage']);
export type ForfaitKind = z.infer<typeof ForfaitKindSchema>;

/** One flat rate: amount for the first person, the second, and each further person (cents/month). */
export const ForfaitAmountsSchema = z.object({
  firstPersonCents: CentsSchema,
  secondPersonCents: CentsSchema,
  perAdditionalPersonCents: CentsSchema,
});
export type ForfaitAmounts = z.infer<typeof ForfaitAmountsSchema>;

export const ForfaitEntrySchema = z.object({
  id: z.string().min(1),
  /** Département code ('67', '2A', '974'), or null for a national figure. */
  departement: z
    .string()
    .regex(/^(\d{2}|2A|2B|97\d)$/)
    .nullable(),
  year: z.number().int().min(2000).max(2100),
  /** True only for the built-in national default. */
  isNationalDefault: z.boolean(),
  source: z.string().min(1),
  amounts: z.object({
    base: ForfaitAmountsSchema.optional(),
    habitation: ForfaitAmountsSchema.optional(),
    chauffage: ForfaitAmountsSchema.optional(),
  }),
});
export type ForfaitEntry = z.infer<typeof ForfaitEntrySchema>;

/** The marked default: forfait de base "2024", 573 € single, 774 € couple, +201 € per person. */
export const NATIONAL_DEFAULT_FORFAITS: ForfaitEntry = {
  id: 'forfaits-national-2024',
  departement: null,
  year: 2024,
  isNationalDefault: true,
  source: 'https://aide-financiere.net/forfait-base-surendettement [S]',
  amounts: {
    base: { firstPersonCents: 57_300, secondPersonCents: 20_100, perAdditionalPersonCents: 20_100 },
  },
};

export interface ForfaitChoice {
  readonly entry: ForfaitEntry;
  /** True when no entry of the counsellor's table matched and the national default is used. */
  readonly usedNationalDefault: boolean;
}

/**
 * Chooses the forfait entry for a dossier: the admin's entry in force for the département
 * (Administration › Paramètres légaux), else the counsellor's entry for the département and
 * year, else the admin's national entry, else the counsellor's national entry for the year,
 * else the marked national default. The more precise place wins; at the same place the
 * admin's dated entry wins, as every parameter supplement does.
 * @param table - the counsellor's editable entries (may be empty)
 * @param departement - département code of the household
 * @param year - year of the reference date
 * @param inForce - the admin's entries in force on the reference date (supplementForfaitEntries)
 * @example chooseForfaits([], '67', 2026).usedNationalDefault // true
 */
export function chooseForfaits(
  table: readonly ForfaitEntry[],
  departement: string,
  year: number,
  inForce: readonly ForfaitEntry[] = [],
): ForfaitChoice {
  const candidates = [
    inForce.find((e) => e.departement === departement),
    table.find((e) => e.departement === departement && e.year === year),
    inForce.find((e) => e.departement === null),
    table.find((e) => e.departement === null && e.year === year),
  ];
  const found = candidates.find((e) => e !== undefined);
  if (found) return { entry: found, usedNationalDefault: false };
  return { entry: NATIONAL_DEFAULT_FORFAITS, usedNationalDefault: true };
}

/**
 * Amount of one flat rate for a household of `persons` people.
 * @param amounts - the flat rate
 * @param persons - people living in the household (at least 1)
 * @returns cents per month
 * @example forfaitForPersons({ firstPersonCents: 57_300, secondPersonCents: 20_100, perAdditionalPersonCents: 20_100 }, 4) // 117_600
 */
export function forfaitForPersons(amounts: ForfaitAmounts, persons: number): number {
  const n = Math.max(1, persons);
  return (
    amounts.firstPersonCents +
    (n >= 2 ? amounts.secondPersonCents : 0) +
    Math.max(0, n - 2) * amounts.perAdditionalPersonCents
  );
}
