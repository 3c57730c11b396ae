import { CoordinationError, type CoordinationErrorKind } from '../sync/coordination-api';

/** Why something failed, as an i18n key suffix: `coordination.error.<kind>`. */
export type CoordinationFailure = Exclude<CoordinationErrorKind, 'refused'>;

/** A failed request in plain words (a 409 refusal is read from the error's `refusal` instead). */
export function failureOf(error: unknown): CoordinationFailure {
  if (error instanceof CoordinationError && error.kind !== 'refused') return error.kind;
  return 'server';
}
