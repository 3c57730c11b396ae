/**
 * The legal parameters the admins maintain reach the engine here (ADR 0018): the entries kept on
 * the device become the diagnosis's parameter supplements, so every dossier's diagnosis uses
 * an entered value from its effective date, online and offline.
 */
import type { Signal } from '@preact/signals';
import type { DiagnosisOptions } from '../domain/budget/diagnosis-options';
import {
  type LegalParametersDocument,
  supplementsFromLegalParameters,
} from '../domain/parameters/legal-parameter-entries';
import type { SyncService } from '../sync/sync-service';

/**
 * The diagnosis options with the device's legal parameters in place of the previous ones.
 * @param options - the current options (other choices are kept)
 * @param document - the entries kept on the device, or undefined (built-in records only)
 */
export function withLegalParameters(
  options: DiagnosisOptions | undefined,
  document: LegalParametersDocument | undefined,
): DiagnosisOptions | undefined {
  const { parameterSupplements: _previous, ...rest } = options ?? {};
  if (document === undefined || document.entries.length === 0)
    return Object.keys(rest).length === 0 ? undefined : rest;
  return { ...rest, parameterSupplements: supplementsFromLegalParameters(document.entries) };
}

/** Keeps `diagnosisOptions` following the device's legal parameters; returns the unsubscribe. */
export function followLegalParameters(
  service: SyncService | undefined,
  diagnosisOptions: Signal<DiagnosisOptions | undefined>,
): () => void {
  return (
    service?.observeLegalParameters?.((document) => {
      diagnosisOptions.value = withLegalParameters(diagnosisOptions.value, document);
    }) ?? (() => undefined)
  );
}
