/**
 * Lookup by date. A date that no record covers is an error that names the missing
 * parameter: the engine never falls back silently to the nearest year.
 */
import type { IsoDate } from '../dates';

/** Thrown when no parameter record covers the requested date (or key). */
export class MissingParameterError extends Error {
  override readonly name = 'MissingParameterError';
  /** Name of the missing parameter, e.g. 'rsa.baseAmount' or 'seizureScale'. */
  readonly parameter: string;
  /** The date that is not covered. */
  readonly date: IsoDate;

  constructor(parameter: string, date: IsoDate, detail?: string) {
    super(`No parameter "${parameter}" covers ${date}${detail ? ` (${detail})` : ''}`);
    this.parameter = parameter;
    this.date = date;
  }
}

/** A record with an inclusive validity window. */
export interface Dated {
  readonly validFrom: IsoDate;
  readonly validTo: IsoDate | null;
}

/**
 * Returns the record of `records` in force on `on`: the first one whose window covers it.
 * @param records - dated records (windows must not overlap within one source; supplements
 *   are placed before the built-in records so that they take precedence)
 * @param on - reference date 'YYYY-MM-DD'
 * @param parameter - parameter name used in the error
 * @throws MissingParameterError when no record covers `on`
 * @example findInForce(SEIZURE_SCALES, '2026-02-01', 'seizureScale').id // 'seizure-scale-2026'
 */
export function findInForce<T extends Dated>(records: readonly T[], on: IsoDate, parameter: string): T {
  const found = records.find((r) => r.validFrom <= on && (r.validTo === null || on <= r.validTo));
  if (!found) throw new MissingParameterError(parameter, on);
  return found;
}
