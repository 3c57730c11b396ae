/**
 * Legal parameters maintained by admins (Administration › Paramètres légaux, ADR 0018): an RSA
 * amount, a seizure scale, the legal interest rates or a commission's forfaits, each with the
 * date it applies from and the legal text it comes from. The server stores them, logs every
 * change and sends them to every device; the engine receives them as parameter supplements
 * (parameter-supplements.ts), which take precedence over the built-in records of the dates they
 * cover. The refusal rules live here once: the server's request schema and the admin form both
 * call `legalParameterProblems`.
 */

import { z } from 'zod';
import { addMonths, type IsoDate, IsoDateSchema } from '../dates';
import { isAllowedText } from '../sync/input-rules';
import type { ParameterSupplements } from './parameter-supplements';

export const LEGAL_PARAMETER_KINDS = [
  'rsaAmounts',
  'seizureScales',
  'legalInterestRates',
  'commissionForfaits',
] as const;
export type LegalParameterKind = (typeof LEGAL_PARAMETER_KINDS)[number];

/** The earliest date an entry may apply from. */
export const EARLIEST_EFFECTIVE_DATE = '2000-01-01';
/** How far ahead of today an entry may apply from, in months. */
export const LATEST_EFFECTIVE_MONTHS_AHEAD = 24;
/** The largest amount accepted, in cents (100 million euros): a typo, not a figure. */
const MAX_CENTS = 10_000_000_000;

/** Why an entry is refused; the admin form words each one, the server sends its English text. */
export const LEGAL_PARAMETER_PROBLEMS = {
  'negative-amount': 'the amount must not be negative',
  'zero-amount': 'the amount must be more than zero',
  'amount-too-large': 'the amount is too large',
  'rate-too-high': 'a rate cannot be more than 100 %',
  'date-before-2000': `the effective date must not be before ${EARLIEST_EFFECTIVE_DATE}`,
  'date-too-far': 'the effective date must not be more than two years ahead',
  'scale-not-increasing': 'each threshold of the scale must be higher than the one before',
  'source-required': 'give the legal text the value comes from',
  'control-character': 'the text must not contain control characters',
  'forfait-empty': 'give at least the basic forfait (forfait de base)',
} as const;
export type LegalParameterProblemCode = keyof typeof LEGAL_PARAMETER_PROBLEMS;

export interface LegalParameterProblem {
  /** Path of the field inside the entry, e.g. ['thresholdsAnnualCents', 2]. */
  readonly path: readonly (string | number)[];
  readonly code: LegalParameterProblemCode;
}

const Int = z.number().int().min(-MAX_CENTS).max(MAX_CENTS);
/** 'YYYY-MM-DD'; dates before 2000 or far ahead are refused by legalParameterProblems. */
const Common = {
  effectiveFrom: IsoDateSchema,
  /** The legal text the value comes from (decree, arrêté, article), shown in explanations. */
  source: z.string().max(500),
  sourceUrl: z.string().url().max(1000).nullable().optional(),
};

export const ForfaitAmountsInputSchema = z.object({
  firstPersonCents: Int,
  secondPersonCents: Int,
  perAdditionalPersonCents: Int,
});

export const LegalParameterInputBaseSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('rsaAmounts'),
    ...Common,
    baseMonthlyCents: Int,
    mayotteBaseMonthlyCents: Int.nullable().optional(),
  }),
  z.object({
    kind: z.literal('seizureScales'),
    ...Common,
    thresholdsAnnualCents: z.tuple([Int, Int, Int, Int, Int, Int]),
    incrementPerDependentAnnualCents: Int,
  }),
  z.object({
    kind: z.literal('legalInterestRates'),
    ...Common,
    individualCreditorBps: Int,
    otherCreditorBps: Int,
  }),
  z.object({
    kind: z.literal('commissionForfaits'),
    ...Common,
    /** Département code ('67', '2A', '974'), or null for a national figure. */
    departement: z
      .string()
      .regex(/^(\d{2}|2A|2B|97\d)$/)
      .nullable(),
    base: ForfaitAmountsInputSchema.nullable().optional(),
    habitation: ForfaitAmountsInputSchema.nullable().optional(),
    chauffage: ForfaitAmountsInputSchema.nullable().optional(),
  }),
]);
export type LegalParameterInput = z.infer<typeof LegalParameterInputBaseSchema>;

function amountProblem(cents: number, positive: boolean): LegalParameterProblemCode | undefined {
  if (cents < 0) return 'negative-amount';
  if (positive && cents === 0) return 'zero-amount';
  if (cents > MAX_CENTS) return 'amount-too-large';
  return undefined;
}

function rateProblem(bps: number): LegalParameterProblemCode | undefined {
  if (bps < 0) return 'negative-amount';
  if (bps > 10_000) return 'rate-too-high';
  return undefined;
}

/**
 * Everything wrong with an entry, field by field (empty when it may be saved).
 * @param input - the entry as typed (shape already checked)
 * @param today - today's date where the check runs (the domain never reads the clock)
 * @example legalParameterProblems({ kind: 'legalInterestRates', effectiveFrom: '1999-07-01', source: 'Arrêté', individualCreditorBps: 650, otherCreditorBps: 250 }, '2026-12-06')[0].code // 'date-before-2000'
 */
export function legalParameterProblems(input: LegalParameterInput, today: IsoDate): LegalParameterProblem[] {
  const problems: LegalParameterProblem[] = [];
  const add = (path: (string | number)[], code: LegalParameterProblemCode | undefined) => {
    if (code !== undefined) problems.push({ path, code });
  };
  if (input.effectiveFrom < EARLIEST_EFFECTIVE_DATE) add(['effectiveFrom'], 'date-before-2000');
  else if (input.effectiveFrom > addMonths(today, LATEST_EFFECTIVE_MONTHS_AHEAD))
    add(['effectiveFrom'], 'date-too-far');
  if (input.source.trim() === '') add(['source'], 'source-required');
  // NUL and other control characters: the one input rule of the sync service (INPUT1), so the
  // form says it next to the field before the server would refuse it.
  else if (!isAllowedText(input.source)) add(['source'], 'control-character');
  if (input.sourceUrl != null && !isAllowedText(input.sourceUrl)) add(['sourceUrl'], 'control-character');
  switch (input.kind) {
    case 'rsaAmounts':
      add(['baseMonthlyCents'], amountProblem(input.baseMonthlyCents, true));
      if (input.mayotteBaseMonthlyCents != null)
        add(['mayotteBaseMonthlyCents'], amountProblem(input.mayotteBaseMonthlyCents, true));
      break;
    case 'seizureScales':
      input.thresholdsAnnualCents.forEach((cents, i) => {
        const own = amountProblem(cents, true);
        const previous = input.thresholdsAnnualCents[i - 1];
        add(
          ['thresholdsAnnualCents', i],
          own ?? (previous !== undefined && cents <= previous ? 'scale-not-increasing' : undefined),
        );
      });
      add(['incrementPerDependentAnnualCents'], amountProblem(input.incrementPerDependentAnnualCents, true));
      break;
    case 'legalInterestRates':
      add(['individualCreditorBps'], rateProblem(input.individualCreditorBps));
      add(['otherCreditorBps'], rateProblem(input.otherCreditorBps));
      break;
    case 'commissionForfaits': {
      const kinds = (['base', 'habitation', 'chauffage'] as const).filter((k) => input[k] != null);
      // The basic forfait is the one every household counts; the others may be left out.
      if (input.base == null) add(['base', 'firstPersonCents'], 'forfait-empty');
      for (const kind of kinds) {
        const amounts = input[kind];
        if (!amounts) continue;
        for (const field of ['firstPersonCents', 'secondPersonCents', 'perAdditionalPersonCents'] as const)
          add([kind, field], amountProblem(amounts[field], false));
      }
      break;
    }
  }
  return problems;
}

/**
 * The request schema of a new or changed entry: the shape, then every refusal rule with its
 * reason (the server answers 400 with them).
 * @param today - today's date where the check runs, or a function read at each check (a server
 *   registers the schema once and validates for days)
 */
export function legalParameterInputSchema(today: IsoDate | (() => IsoDate)) {
  return LegalParameterInputBaseSchema.superRefine((input, ctx) => {
    for (const problem of legalParameterProblems(input, typeof today === 'function' ? today() : today)) {
      ctx.addIssue({
        code: 'custom',
        path: [...problem.path],
        message: LEGAL_PARAMETER_PROBLEMS[problem.code],
        params: { reason: problem.code },
      });
    }
  });
}

/** A stored entry as every device receives it. */
export const LegalParameterEntrySchema = z.intersection(
  LegalParameterInputBaseSchema,
  z.object({ id: z.string().min(1).max(100) }),
);
export type LegalParameterEntry = z.infer<typeof LegalParameterEntrySchema>;

/**
 * What `GET /api/legal-parameters` answers: the entries and their version (a counter the server
 * raises at each change), or only the version when the device already has it.
 */
export const LegalParametersResponseSchema = z.union([
  z.object({
    version: z.number().int().min(0),
    changed: z.literal(true),
    entries: z.array(LegalParameterEntrySchema),
  }),
  z.object({ version: z.number().int().min(0), changed: z.literal(false) }),
]);
export type LegalParametersResponse = z.infer<typeof LegalParametersResponseSchema>;

/** The entries as a device keeps them. */
export interface LegalParametersDocument {
  readonly version: number;
  readonly entries: readonly LegalParameterEntry[];
}

function dayBefore(date: IsoDate): IsoDate {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The last day of the legal period an entry starting on `from` belongs to: the RSA is revalued
 * every 1 April, the legal rates every semester, the seizure scale and the forfaits every year.
 * An entry never outlives its period, so a figure entered once does not silently stand in for
 * the next year's.
 */
function periodEnd(kind: LegalParameterKind, from: IsoDate): IsoDate {
  const year = Number(from.slice(0, 4));
  const month = Number(from.slice(5, 7));
  switch (kind) {
    case 'rsaAmounts':
      return month >= 4 ? `${year + 1}-03-31` : `${year}-03-31`;
    case 'legalInterestRates':
      return month <= 6 ? `${year}-06-30` : `${year}-12-31`;
    default:
      return `${year}-12-31`;
  }
}

const areaOf = (e: LegalParameterEntry) => (e.kind === 'commissionForfaits' ? (e.departement ?? '') : '');

/**
 * The entries as parameter supplements: each applies from its effective date until the day before
 * the next entry of the same kind (and département), and at most to the end of its legal period.
 * @param entries - the stored entries
 * @example supplementsFromLegalParameters([{ id: 'a', kind: 'rsaAmounts', effectiveFrom: '2026-04-01', source: 'Décret', baseMonthlyCents: 65_100 }]).rsaAmounts?.[0]?.validTo // '2027-03-31'
 */
export function supplementsFromLegalParameters(
  entries: readonly LegalParameterEntry[],
): ParameterSupplements {
  const sorted = [...entries].sort((a, b) =>
    a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0,
  );
  const windowOf = (e: LegalParameterEntry) => {
    const next = sorted.find(
      (o) => o.kind === e.kind && areaOf(o) === areaOf(e) && o.effectiveFrom > e.effectiveFrom,
    );
    const end = periodEnd(e.kind, e.effectiveFrom);
    const beforeNext = next === undefined ? end : dayBefore(next.effectiveFrom);
    // Dates compare as strings: the earlier of the two ends.
    const [validTo = end] = [beforeNext, end].sort();
    return { validFrom: e.effectiveFrom, validTo };
  };
  const meta = (e: LegalParameterEntry) => ({
    id: e.id,
    ...windowOf(e),
    legalBasis: e.source.trim(),
    sourceUrls: e.sourceUrl ? [e.sourceUrl] : [],
    confidence: 'C' as const,
  });
  const out: Required<ParameterSupplements> = {
    rsaAmounts: [],
    legalInterestRates: [],
    seizureScales: [],
    commissionForfaits: [],
  };
  for (const e of sorted) {
    switch (e.kind) {
      case 'rsaAmounts':
        out.rsaAmounts.push({
          ...meta(e),
          baseMonthlyCents: e.baseMonthlyCents,
          mayotteBaseMonthlyCents: e.mayotteBaseMonthlyCents ?? null,
        });
        break;
      case 'seizureScales':
        out.seizureScales.push({
          ...meta(e),
          thresholdsAnnualCents: e.thresholdsAnnualCents,
          incrementPerDependentAnnualCents: e.incrementPerDependentAnnualCents,
        });
        break;
      case 'legalInterestRates':
        out.legalInterestRates.push({
          ...meta(e),
          individualCreditorBps: e.individualCreditorBps,
          otherCreditorBps: e.otherCreditorBps,
        });
        break;
      case 'commissionForfaits':
        out.commissionForfaits.push({
          ...meta(e),
          departement: e.departement,
          amounts: {
            ...(e.base ? { base: e.base } : {}),
            ...(e.habitation ? { habitation: e.habitation } : {}),
            ...(e.chauffage ? { chauffage: e.chauffage } : {}),
          },
        });
        break;
    }
  }
  return out;
}
