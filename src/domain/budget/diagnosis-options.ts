/**
 * Per-dossier choices of the diagnosis. The points the rules leave open ([U] in
 * domain-rules.md) are options here, with the default stated in docs/engine.md.
 */
import { z } from 'zod';
import { CentsSchema } from '../money';
import { ForfaitEntrySchema } from '../parameters/commission-forfaits';
import { type ParameterSupplements, ParameterSupplementsSchema } from '../parameters/parameter-supplements';

export const DiagnosisOptionsSchema = z.object({
  /** Debt-ratio numerator: credits only (HCSF, default) or credits + rent (older convention). */
  debtRatioIncludesRent: z.boolean().optional(),
  /**
   * Base of the seizure scale (domain-rules 2.4b): 'household' (all resources, default),
   * 'filers' (lines owned by the applicant and co-applicant, plus household-level benefits),
   * or 'selected-lines' (lines whose inSeizureBase is not false).
   */
  seizureBase: z.enum(['household', 'filers', 'selected-lines']).optional(),
  /** RSA floor for an isolated parent: standard amount (default) or RSA majoré [U]. */
  rsaFloorVariant: z.enum(['standard', 'majore-if-isolated']).optional(),
  /** Alert threshold for reste à vivre per consumption unit, cents/month [U]. */
  lowRavPerUcThresholdCents: CentsSchema.optional(),
  /** Main-residence exception (L731-2 al. 2): capacity above QS with explicit consent. */
  residenceException: z.object({ consent: z.boolean(), requestedMonthlyCents: CentsSchema }).optional(),
  /** The counsellor's editable commission forfaits (département × year). */
  forfaitTable: z.array(ForfaitEntrySchema).optional(),
  /**
   * The coordinator's dated records (RSA, legal interest rate, seizure scale), e.g. the
   * official RSA decree replacing the [U] estimate; they take precedence over the built-in
   * records of the dates they cover (docs/parameters.md).
   */
  parameterSupplements: ParameterSupplementsSchema.optional(),
});
export type DiagnosisOptions = z.infer<typeof DiagnosisOptionsSchema>;

/** Default alert threshold for reste à vivre per UC: 400 €/month, a practice value [U]. */
export const DEFAULT_LOW_RAV_PER_UC_CENTS = 40_000;

export interface ResolvedDiagnosisOptions {
  readonly debtRatioIncludesRent: boolean;
  readonly seizureBase: 'household' | 'filers' | 'selected-lines';
  readonly rsaFloorVariant: 'standard' | 'majore-if-isolated';
  readonly lowRavPerUcThresholdCents: number;
  readonly residenceException:
    | { readonly consent: boolean; readonly requestedMonthlyCents: number }
    | undefined;
  readonly forfaitTable: NonNullable<DiagnosisOptions['forfaitTable']>;
  readonly parameterSupplements: ParameterSupplements | undefined;
}

/**
 * Fills the defaults of the diagnosis options.
 * @param options - options as given (may be undefined)
 * @example resolveDiagnosisOptions(undefined).seizureBase // 'household'
 */
export function resolveDiagnosisOptions(options: DiagnosisOptions | undefined): ResolvedDiagnosisOptions {
  return {
    debtRatioIncludesRent: options?.debtRatioIncludesRent ?? false,
    seizureBase: options?.seizureBase ?? 'household',
    rsaFloorVariant: options?.rsaFloorVariant ?? 'standard',
    lowRavPerUcThresholdCents: options?.lowRavPerUcThresholdCents ?? DEFAULT_LOW_RAV_PER_UC_CENTS,
    residenceException: options?.residenceException,
    forfaitTable: options?.forfaitTable ?? [],
    parameterSupplements: options?.parameterSupplements,
  };
}
