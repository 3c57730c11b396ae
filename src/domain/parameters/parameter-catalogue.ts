/**
 * Every dated record the engine can use, built-in and supplemented, by id: lets a result
 * find out which of the records it used are unconfirmed [U].
 */
import { CONSUMPTION_UNIT_SCALES, DEBT_RATIO_THRESHOLDS } from './budget-ratios';
import { LEGAL_INTEREST_RATES } from './legal-interest-rates';
import type { ParameterMeta } from './parameter-meta';
import {
  type ParameterSupplements,
  supplementLegalInterestRates,
  supplementRsaAmounts,
  supplementSeizureScales,
} from './parameter-supplements';
import { FORMAL_NOTICE_RULES, PLAN_DURATION_RULES } from './plan-rules';
import { RSA_AMOUNTS } from './rsa-amounts';
import { SEIZURE_SCALES } from './seizure-scales';

/** The parameter kinds, as named in MissingParameterError and in docs/parameters.md. */
export type ParameterKind =
  | 'rsa.amounts'
  | 'legalInterestRate'
  | 'seizureScale'
  | 'debtRatioThreshold'
  | 'consumptionUnitScale'
  | 'planDuration'
  | 'planFormalNotice';

export interface CatalogueEntry {
  readonly kind: ParameterKind;
  readonly record: ParameterMeta;
}

/**
 * All records by id, supplements included (their ids carry the 'local:' prefix).
 * @param supplements - the coordinator's validated supplements (optional)
 * @example parameterCatalogue().get('rsa-2026-04-estimate')?.record.confidence // 'U'
 */
export function parameterCatalogue(supplements?: ParameterSupplements): Map<string, CatalogueEntry> {
  const groups: [ParameterKind, readonly ParameterMeta[]][] = [
    ['rsa.amounts', [...supplementRsaAmounts(supplements), ...RSA_AMOUNTS]],
    ['legalInterestRate', [...supplementLegalInterestRates(supplements), ...LEGAL_INTEREST_RATES]],
    ['seizureScale', [...supplementSeizureScales(supplements), ...SEIZURE_SCALES]],
    ['debtRatioThreshold', DEBT_RATIO_THRESHOLDS],
    ['consumptionUnitScale', CONSUMPTION_UNIT_SCALES],
    ['planDuration', PLAN_DURATION_RULES],
    ['planFormalNotice', FORMAL_NOTICE_RULES],
  ];
  const byId = new Map<string, CatalogueEntry>();
  for (const [kind, records] of groups) for (const record of records) byId.set(record.id, { kind, record });
  return byId;
}

/**
 * The records of confidence 'U' among the ids a result used, in the order of `parameterIds`.
 * @param parameterIds - ids of the records used (e.g. a result's parameterSet.parameterIds)
 * @param supplements - the supplements the result was computed with (optional)
 * @example unconfirmedParameters(['rsa-2026-04-estimate', 'seizure-scale-2026']).map((e) => e.record.id) // ['rsa-2026-04-estimate']
 */
export function unconfirmedParameters(
  parameterIds: readonly string[],
  supplements?: ParameterSupplements,
): CatalogueEntry[] {
  const catalogue = parameterCatalogue(supplements);
  return [...new Set(parameterIds)]
    .map((id) => catalogue.get(id))
    .filter((e): e is CatalogueEntry => e !== undefined && e.record.confidence === 'U');
}
