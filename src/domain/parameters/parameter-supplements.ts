/**
 * Parameter supplements: dated records a coordinator enters in the settings when a figure the
 * built-in catalogue lacks, or only estimates [U], is published (e.g. the RSA decree of
 * April 2026). They carry the same meta as a built-in record (dates, legal basis, sources,
 * confidence). A supplement covering a date takes precedence over the built-in record of that
 * date; its id is prefixed with `local:` in every stamp and explanation, so a stored diagnosis
 * says which figures produced it. See docs/parameters.md.
 */
import { z } from 'zod';
import type { IsoDate } from '../dates';
import { ForfaitAmountsSchema, type ForfaitEntry } from './commission-forfaits';
import type { LegalInterestRate } from './legal-interest-rates';
import { ParameterMetaSchema } from './parameter-meta';
import { RSA_COMPOSITION_RULES, type RsaAmounts } from './rsa-amounts';
import type { SeizureScale } from './seizure-scales';

/** Prefix of the id of a supplement record in stamps and explanations. */
export const SUPPLEMENT_ID_PREFIX = 'local:';

/** A positive amount in integer euro cents. */
const PositiveCentsSchema = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
/** A rate in basis points (2.62 % = 262), from 0 to 100 %. */
const BpsSchema = z.number().int().min(0).max(10_000);

const SupplementMetaSchema = ParameterMetaSchema.extend({
  /** The coordinator's id, without prefix: letters, digits, '.', '_' and '-'. */
  id: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "expected letters, digits, '.', '_' or '-' (no prefix)")
    .max(80),
  /** Links to the text; an admin entry may give none (its legal basis is the source). */
  sourceUrls: z.array(z.string().url()),
});

type WithWindow = { readonly validFrom: IsoDate; readonly validTo: IsoDate | null };

const windowIsOrdered = (r: WithWindow) => r.validTo === null || r.validFrom <= r.validTo;
const windowMessage = { message: 'validFrom must not be after validTo', path: ['validTo'] };

export const RsaAmountsSupplementSchema = SupplementMetaSchema.extend({
  /** Montant forfaitaire for one person (metropolitan France and DROM except Mayotte), cents. */
  baseMonthlyCents: PositiveCentsSchema,
  /** Montant forfaitaire for one person in Mayotte, cents; null or absent when not known. */
  mayotteBaseMonthlyCents: PositiveCentsSchema.nullable().optional(),
}).refine(windowIsOrdered, windowMessage);

export const LegalInterestRateSupplementSchema = SupplementMetaSchema.extend({
  /** Claims held by natural persons not acting for professional needs, basis points. */
  individualCreditorBps: BpsSchema,
  /** All other cases, basis points. */
  otherCreditorBps: BpsSchema,
}).refine(windowIsOrdered, windowMessage);

export const SeizureScaleSupplementSchema = SupplementMetaSchema.extend({
  /** Upper bounds of the six bands, annual cents, no dependent, strictly increasing. */
  thresholdsAnnualCents: z
    .tuple([
      PositiveCentsSchema,
      PositiveCentsSchema,
      PositiveCentsSchema,
      PositiveCentsSchema,
      PositiveCentsSchema,
      PositiveCentsSchema,
    ])
    .refine((t) => t.every((v, i) => i === 0 || (t[i - 1] ?? 0) < v), 'thresholds must increase strictly'),
  /** Added to every threshold per dependent, annual cents. */
  incrementPerDependentAnnualCents: PositiveCentsSchema,
}).refine(windowIsOrdered, windowMessage);

export const CommissionForfaitsSupplementSchema = SupplementMetaSchema.extend({
  /** Département code ('67', '2A', '974'), or null for a national figure. */
  departement: z
    .string()
    .regex(/^(\d{2}|2A|2B|97\d)$/)
    .nullable(),
  amounts: z.object({
    base: ForfaitAmountsSchema.optional(),
    habitation: ForfaitAmountsSchema.optional(),
    chauffage: ForfaitAmountsSchema.optional(),
  }),
}).refine(windowIsOrdered, windowMessage);

const SUPPLEMENT_KINDS = ['rsaAmounts', 'legalInterestRates', 'seizureScales', 'commissionForfaits'] as const;

/**
 * What a coordinator may enter: for each kind, records whose windows do not overlap. Ids are
 * unique across all kinds.
 */
export const ParameterSupplementsSchema = z
  .object({
    rsaAmounts: z.array(RsaAmountsSupplementSchema).optional(),
    legalInterestRates: z.array(LegalInterestRateSupplementSchema).optional(),
    seizureScales: z.array(SeizureScaleSupplementSchema).optional(),
    commissionForfaits: z.array(CommissionForfaitsSupplementSchema).optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    const seen = new Map<string, string>();
    for (const kind of SUPPLEMENT_KINDS) {
      const records: readonly (WithWindow & { readonly id: string; readonly departement?: string | null })[] =
        value[kind] ?? [];
      records.forEach((record, index) => {
        const where = seen.get(record.id);
        if (where !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: [kind, index, 'id'],
            message: `duplicate supplement id "${record.id}" (already used in ${where})`,
          });
        }
        seen.set(record.id, `${kind}[${index}]`);
        for (let other = 0; other < index; other += 1) {
          const earlier = records[other];
          // Forfaits are per département: two départements may share dates.
          const samePlace = (earlier?.departement ?? null) === (record.departement ?? null);
          if (earlier && samePlace && windowsOverlap(earlier, record)) {
            ctx.addIssue({
              code: 'custom',
              path: [kind, index, 'validFrom'],
              message: `supplement "${record.id}" (${windowText(record)}) overlaps "${earlier.id}" (${windowText(earlier)}): one ${kind} record per date`,
            });
          }
        }
      });
    }
  });

export type ParameterSupplements = z.infer<typeof ParameterSupplementsSchema>;

function windowsOverlap(a: WithWindow, b: WithWindow): boolean {
  const aEndsBeforeB = a.validTo !== null && a.validTo < b.validFrom;
  const bEndsBeforeA = b.validTo !== null && b.validTo < a.validFrom;
  return !aEndsBeforeB && !bEndsBeforeA;
}

function windowText(r: WithWindow): string {
  return `${r.validFrom} to ${r.validTo ?? 'open end'}`;
}

const localId = (id: string) => `${SUPPLEMENT_ID_PREFIX}${id}`;

/**
 * The RSA supplement records as catalogue records (prefixed ids, composition rules of R262-1).
 * @param supplements - validated supplements, or undefined
 * @example supplementRsaAmounts({ rsaAmounts: [record] })[0].id // 'local:rsa-2026-04'
 */
export function supplementRsaAmounts(supplements: ParameterSupplements | undefined): RsaAmounts[] {
  return (supplements?.rsaAmounts ?? []).map((r) => ({
    id: localId(r.id),
    validFrom: r.validFrom,
    validTo: r.validTo,
    legalBasis: r.legalBasis,
    sourceUrls: r.sourceUrls,
    confidence: r.confidence,
    baseMonthlyCents: r.baseMonthlyCents,
    mayotteBaseMonthlyCents: r.mayotteBaseMonthlyCents ?? null,
    ...RSA_COMPOSITION_RULES,
  }));
}

/**
 * The legal-interest-rate supplement records as catalogue records (prefixed ids).
 * @param supplements - validated supplements, or undefined
 * @example supplementLegalInterestRates({ legalInterestRates: [record] })[0].id // 'local:legal-rate-2026-s2'
 */
export function supplementLegalInterestRates(
  supplements: ParameterSupplements | undefined,
): LegalInterestRate[] {
  return (supplements?.legalInterestRates ?? []).map((r) => ({ ...r, id: localId(r.id) }));
}

/**
 * The seizure-scale supplement records as catalogue records (prefixed ids).
 * @param supplements - validated supplements, or undefined
 * @example supplementSeizureScales({ seizureScales: [record] })[0].id // 'local:seizure-scale-2027'
 */
export function supplementSeizureScales(supplements: ParameterSupplements | undefined): SeizureScale[] {
  return (supplements?.seizureScales ?? []).map((r) => ({ ...r, id: localId(r.id) }));
}

/**
 * The commission-forfait supplement records in force on a date, as forfait table entries
 * (prefixed ids), the département's before the national ones.
 * @param supplements - validated supplements, or undefined
 * @param on - reference date
 * @example supplementForfaitEntries({ commissionForfaits: [record] }, '2026-05-01')[0].id // 'local:forfaits-67-2026'
 */
export function supplementForfaitEntries(
  supplements: ParameterSupplements | undefined,
  on: IsoDate,
): ForfaitEntry[] {
  return (supplements?.commissionForfaits ?? [])
    .filter((r) => r.validFrom <= on && (r.validTo === null || on <= r.validTo))
    .map((r) => ({
      id: localId(r.id),
      departement: r.departement,
      year: Number(r.validFrom.slice(0, 4)),
      isNationalDefault: false,
      source: r.legalBasis,
      amounts: r.amounts,
    }));
}
