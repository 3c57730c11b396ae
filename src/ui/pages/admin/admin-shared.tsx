/**
 * Pieces the Administration sections share: the words for a failure and for a field refused,
 * the section frame (title, "done" live region, list or empty text, add form), the buttons of
 * a row (save/cancel, take away/give back), the confirmation box, and moving the focus once
 * Preact has drawn the next state.
 */
import type { ComponentChildren } from 'preact';
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

/** The failure of the last action, said at once (role alert). */
export function FailureAlert({ error }: { error: AdminActionError }) {
  return (
    <p class="error" role="alert">
      {failureMessage(error.kind)}
    </p>
  );
}

/** The buttons that end an edit in place: save (the form's submit) or cancel. */
export function SaveOrCancel({ busy, onCancel }: { busy: boolean; onCancel: () => void }) {
  return (
    <div class="admin-actions">
      <button type="submit" class="primary" disabled={busy}>
        {t('admin.save')}
      </button>
      <button type="button" onClick={onCancel}>
        {t('admin.cancel')}
      </button>
    </div>
  );
}

export interface TakeAwayButtonProps {
  id: string;
  /** Taken away already (archived, deactivated): the button gives it back. */
  takenAway: boolean;
  busy: boolean;
  takeAwayLabel: string;
  giveBackLabel: string;
  /** Opens the confirmation: taking away always asks first. */
  onTakeAway: () => void;
  /** Gives back at once: nothing is lost by it. */
  onGiveBack: () => void;
}

/** Archive or reopen, deactivate or reactivate: one button with the same id in both states. */
export function TakeAwayButton(props: TakeAwayButtonProps) {
  return props.takenAway ? (
    <button type="button" id={props.id} disabled={props.busy} onClick={props.onGiveBack}>
      {props.giveBackLabel}
    </button>
  ) : (
    <button type="button" id={props.id} onClick={props.onTakeAway}>
      {props.takeAwayLabel}
    </button>
  );
}

export interface AdminListSectionProps {
  /** Id of the section's title, which names the section and its list. */
  titleId: string;
  title: string;
  /** What the last action did, for the live region ("" before any). */
  done: string;
  emptyText: string;
  /** One `<li>` per item. */
  items: ComponentChildren[];
  /** The add form, after the list. */
  children: ComponentChildren;
}

/** A section of the screen: its title, what was just done, the list (or why it is empty), the add form. */
export function AdminListSection(props: AdminListSectionProps) {
  return (
    <section aria-labelledby={props.titleId}>
      <h2 id={props.titleId}>{props.title}</h2>
      <p class="admin-done" role="status">
        {props.done}
      </p>
      {props.items.length === 0 ? (
        <p>{props.emptyText}</p>
      ) : (
        <ul class="admin-list" aria-labelledby={props.titleId}>
          {props.items}
        </ul>
      )}
      {props.children}
    </section>
  );
}

export interface AddFormProps {
  /** Id of the form's title, which names the form. */
  titleId: string;
  title: string;
  submitLabel: string;
  /** An add is under way: the button waits. */
  pending: boolean;
  error: AdminActionError | undefined;
  onSubmit: (event: Event) => Promise<void>;
  /** The fields. */
  children: ComponentChildren;
}

/** The card that adds an item: its title, its fields, the submit button and the failure. */
export function AddForm(props: AddFormProps) {
  return (
    <form
      class="admin-form card"
      onSubmit={(e) => void props.onSubmit(e)}
      noValidate
      aria-labelledby={props.titleId}
    >
      <h3 id={props.titleId}>{props.title}</h3>
      {props.children}
      <button type="submit" class="primary" disabled={props.pending}>
        {props.submitLabel}
      </button>
      {props.error && <FailureAlert error={props.error} />}
    </form>
  );
}
