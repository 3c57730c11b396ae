/**
 * The live budget diagnosis of a dossier, as the screens need it: either the engine's result,
 * or the reason there is none yet (an incomplete household, a legal parameter missing for the date).
 */
import { type Diagnosis, diagnose } from '../../domain/budget/diagnose';
import type { DiagnosisOptions } from '../../domain/budget/diagnosis-options';
import type { IsoDate } from '../../domain/dates';
import { type Dossier, toHouseholdDocument } from '../../domain/dossier/dossier';
import { HouseholdSchema } from '../../domain/household/household';
import { MissingParameterError } from '../../domain/parameters/lookup';
import { parameterSourceText, type SourceText } from '../../domain/parameters/parameter-sources';

export type DiagnosisState =
  | {
      kind: 'ok';
      diagnosis: Diagnosis;
      /** The legal texts behind each explained figure (its records' sources), by figure name. */
      sources: Readonly<Record<string, readonly SourceText[]>>;
    }
  | { kind: 'incomplete'; issues: ReadonlyArray<{ path: string; message: string }> }
  | { kind: 'missing-parameter'; parameter: string; date: string }
  | { kind: 'error'; message: string };

export function diagnosisStateOf(dossier: Dossier, on: IsoDate, options?: DiagnosisOptions): DiagnosisState {
  const parsed = HouseholdSchema.safeParse(toHouseholdDocument(dossier));
  if (!parsed.success) {
    return {
      kind: 'incomplete',
      issues: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    };
  }
  try {
    const diagnosis = diagnose({ on, household: parsed.data, ...(options ? { options } : {}) });
    return { kind: 'ok', diagnosis, sources: sourcesOf(diagnosis, options) };
  } catch (error) {
    if (error instanceof MissingParameterError) {
      return { kind: 'missing-parameter', parameter: error.parameter, date: on };
    }
    return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
  }
}

/** Each explanation's records as their legal texts, for the "Why?" of the figure. */
function sourcesOf(diagnosis: Diagnosis, options: DiagnosisOptions | undefined) {
  const context = {
    on: diagnosis.on,
    supplements: options?.parameterSupplements,
    forfaitTable: options?.forfaitTable,
  };
  return Object.fromEntries(
    Object.entries(diagnosis.explanations).map(([figure, explanation]) => [
      figure,
      explanation.parameterIds
        .map((id) => parameterSourceText(id, context))
        .filter((s): s is SourceText => s !== undefined),
    ]),
  );
}
