/**
 * Pieces the Administration sections share: the words for a failure and for a field refused,
 * the confirmation box, and moving the focus once Preact has drawn the next state.
 */
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../../../i18n/i18n';
import type {
  AdminActionError,
  AdminFailure,
  AdminField,
  AdminFieldErrors,
} from '../../../state/admin-model';

export function failureMessage(kind: AdminFailure): string {
  return t(`admin.failure.${kind}`);
}

/** The text shown next to a field the app or the server refused, or undefined. */
export function fieldMessage(fields: AdminFieldErrors | undefined, field: AdminField): string | undefined {
  const reason = fields?.[field];
  if (reason === undefined) return undefined;
  if (reason === 'taken') return t('admin.field.taken');
  if (reason === 'unknown') return t('admin.field.unknown');
  return t(`admin.field.${field}`);
}

/** The failure of an action about `target`, when that is what it was about. */
export function errorFor(error: AdminActionError | null, target: string): AdminActionError | undefined {
  return error !== null && error.target === target ? error : undefined;
}

/** Focuses the element with this id after the next render (it may not exist yet). */
export function focusSoon(id: string): void {
  setTimeout(() => document.getElementById(id)?.focus(), 0);
}

/** The first field in error takes the focus, so the person lands on what to fix. */
export function focusFirstError(
  idPrefix: string,
  fields: AdminFieldErrors,
  order: readonly AdminField[],
): void {
  const first = order.find((field) => fields[field] !== undefined);
  if (first !== undefined) focusSoon(`${idPrefix}-${first}`);
}

export interface ConfirmBoxProps {
  id: string;
  question: string;
  yes: string;
  busy: boolean;
  onYes: () => void;
  onCancel: () => void;
  error?: string | undefined;
}

/** Asks before an action that takes something away (archive, deactivate, sign out). */
export function ConfirmBox({ id, question, yes, busy, onYes, onCancel, error }: ConfirmBoxProps) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div class="confirm-box">
      <p id={`${id}-question`} ref={ref} tabIndex={-1}>
        {question}
      </p>
      <div class="admin-actions">
        <button type="button" class="primary" disabled={busy} onClick={onYes}>
          {yes}
        </button>
        <button type="button" onClick={onCancel}>
          {t('admin.cancel')}
        </button>
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
