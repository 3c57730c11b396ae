/**
 * The complete budget diagnosis (RPT1 `diagnoses`): one click records a `budget_diagnosis` action
 * for today, at most one a day, undone by the actions log's own cancellation revision so the report
 * (RPT1a) and the history read it like any other action.
 */
import type { ActionRow, FieldsOf } from '../../domain/dossier/rows';
import { cancellationFields, currentActions } from './actions-log';

/** The complete diagnosis recorded for `today` and not cancelled, or null. */
export function diagnosisOn(actions: readonly ActionRow[], today: string): ActionRow | null {
  return (
    currentActions(actions).find(
      (a) => a.kind === 'budget_diagnosis' && a.date === today && a.status !== 'cancelled',
    ) ?? null
  );
}

/** The last complete diagnosis not cancelled (any day), or null: "last done on …". */
export function lastDiagnosis(actions: readonly ActionRow[]): ActionRow | null {
  return (
    currentActions(actions).find((a) => a.kind === 'budget_diagnosis' && a.status !== 'cancelled') ?? null
  );
}

/**
 * The action to record for today's diagnosis, or null when one is already recorded today (once a
 * day at most: a second click must not count twice).
 */
export function diagnosisFields(actions: readonly ActionRow[], today: string): FieldsOf<'action'> | null {
  if (diagnosisOn(actions, today)) return null;
  return { kind: 'budget_diagnosis', date: today, status: 'done' };
}

/** The revision that undoes today's diagnosis (a cancellation, with the reason given). */
export function undoDiagnosisFields(
  action: ActionRow,
  reason: string,
  writtenAt: number,
): FieldsOf<'action'> {
  return cancellationFields(action, reason, writtenAt);
}
