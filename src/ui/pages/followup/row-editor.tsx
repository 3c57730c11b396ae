/** The one frame of every follow-up form (actions, answers, revisions, appointments, notes, track). */
import type { ComponentChildren } from 'preact';
import { t } from '../../../i18n/i18n';
import { DraftNotice, FormStatusLine, type FormView } from './form-bits';

/** What the editor drives of a form model (src/state/form-model.ts). */
export interface EditedForm extends FormView {
  /** Validates and saves (the model passes the draft's receipt to the save); falsy when nothing was saved. */
  submit(): Promise<unknown>;
  discard(): Promise<void>;
}

export interface RowEditorProps {
  form: EditedForm;
  /** Visible heading of the form, also its accessible name. */
  title?: string;
  /** Accessible name of a form that shows no heading. */
  label?: string;
  submitText: string;
  savedText: string;
  /**
   * An editor opened from a list: it closes after a save, and its close button drops the draft
   * first (so the form does not reopen by itself on the next visit).
   */
  onClose?: () => void;
  /** A form that stays on the page: what follows a save. */
  afterSave?: () => unknown;
  children: ComponentChildren;
}

/**
 * The frame every follow-up form shares: name, draft notice, the fields, save (and close for an
 * editor opened from a list), then the saved/failed status. One frame, so every form words and
 * announces its state the same way.
 */
export function RowEditor({
  form,
  title,
  label,
  submitText,
  savedText,
  onClose,
  afterSave,
  children,
}: RowEditorProps) {
  const submit = (
    <button type="submit" class="primary">
      {submitText}
    </button>
  );
  return (
    <form
      noValidate
      class={onClose ? 'subform' : undefined}
      aria-label={title ?? label}
      onSubmit={async (event) => {
        event.preventDefault();
        if (await form.submit()) await (onClose ?? afterSave)?.();
      }}
    >
      {title !== undefined && <h3>{title}</h3>}
      <DraftNotice form={form} />
      {children}
      {onClose ? (
        <div class="row-actions">
          {submit}
          <button
            type="button"
            onClick={() => {
              void form.discard();
              onClose();
            }}
          >
            {t('followup.appointments.closeForm')}
          </button>
        </div>
      ) : (
        submit
      )}
      <FormStatusLine form={form} savedText={savedText} />
    </form>
  );
}
