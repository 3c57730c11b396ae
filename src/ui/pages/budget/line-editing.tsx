/**
 * Shared pieces of the line-by-line screens (budget and debts): a form model per line created
 * once and its draft restored, the editor frame (draft notice, save and close buttons, honest
 * save status), and a stored line that opens its editor by itself when a draft was left behind.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { FieldsOf } from '../../../domain/dossier/rows';
import { t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import { useAppState } from '../../../state/app-state';
import { createLineForm, type LineEntity, type LineFormSpec } from '../../../state/budget/line-form';
import type { FormModel } from '../../../state/form-model';
import type { DossierModel } from '../../../state/workspace/dossier-model';
import { describeWriteError } from '../../../state/workspace/workspace-model';

/** The translated text of an error code (a message key), or undefined. */
export function errorText(code: string | undefined): string | undefined {
  return code ? t(code as MessageKey) : undefined;
}

/** The form of one line (a new one when `row` is absent), created once, its draft restored. */
export function useLineForm<E extends LineEntity, F extends string>(
  spec: LineFormSpec<E, F>,
  model: DossierModel,
  row: (FieldsOf<E> & { id: string }) | undefined,
) {
  const { drafts } = useAppState();
  return useFormModel(() => createLineForm(spec, { model, drafts, row }));
}

/** Creates the form model once for the component's life and restores its draft. */
export function useFormModel<F extends string, T>(create: () => FormModel<F, T>): FormModel<F, T> {
  // One model per mounted editor: `create` is read once.
  const form = useMemo(create, []);
  useEffect(() => {
    void form.load();
  }, [form]);
  return form;
}

/** What every line's editor component takes: the stored row (absent for a new line), what follows a save, its close. */
export interface LineEditorSlot<R> {
  model: DossierModel;
  row?: R | undefined;
  onSaved: () => void;
  onClose?: (() => void) | undefined;
}

export interface LineEditorProps<F extends string, T> {
  form: FormModel<F, T>;
  legend: string;
  submitLabel: string;
  onSaved: (value: T) => void;
  /** Given for a stored line's editor: the button that drops the draft and closes it. */
  onClose?: (() => void) | undefined;
  children: ComponentChildren;
}

/** A line's form: its fields, the draft notice, the buttons and the save status. */
export function LineEditor<F extends string, T>({
  form,
  legend,
  submitLabel,
  onSaved,
  onClose,
  children,
}: LineEditorProps<F, T>) {
  const status = form.status.value;
  return (
    <form
      class="line-editor"
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        const saved = await form.submit();
        if (saved !== null) onSaved(saved);
      }}
    >
      <fieldset>
        <legend>{legend}</legend>
        {form.draftRestored.value && (
          <p class="notice" role="status">
            {t('common.draftRestored')}
          </p>
        )}
        <div class="line-editor-fields">{children}</div>
      </fieldset>
      <div class="line-editor-actions">
        <button type="submit" class="primary" disabled={status.kind === 'saving'}>
          {submitLabel}
        </button>
        {onClose && (
          <button
            type="button"
            onClick={async () => {
              await form.discard();
              onClose();
            }}
          >
            {t('budget.form.close')}
          </button>
        )}
      </div>
      <p class="save-status" role="status">
        {status.kind === 'saving' && t('common.saving')}
        {status.kind === 'failed' && t('common.saveFailed', { reason: t(status.reason as MessageKey) })}
      </p>
    </form>
  );
}

export interface StoredLineProps {
  /** Draft id of the line's editor, e.g. `resource:<id>`. */
  formId: string;
  /** The line's name, for "Edit …" / "Remove …" buttons. */
  name: string;
  summary: ComponentChildren;
  remove: () => Promise<void>;
  editor: (done: () => void, close: () => void) => ComponentChildren;
  /** Why the line cannot be removed now (e.g. a creditor with debts); removal is refused with it. */
  removeBlockedReason?: string | undefined;
  class?: string;
}

/**
 * A stored line: its summary with Edit and Remove buttons. The editor opens on Edit, or by
 * itself when the device holds a draft for it (typed before a crash or a reload).
 */
export function StoredLine({
  formId,
  name,
  summary,
  remove,
  editor,
  removeBlockedReason,
  class: className,
}: StoredLineProps) {
  const { drafts } = useAppState();
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState<{ kind: 'saved' | 'failed'; text: string } | null>(null);
  useEffect(() => {
    let alive = true;
    void drafts.load(formId).then((draft) => {
      if (alive && draft !== undefined) setOpen(true);
    });
    return () => {
      alive = false;
    };
  }, [drafts, formId]);
  return (
    <li class={className ? `stored-line ${className}` : 'stored-line'}>
      <div class="stored-line-summary">{summary}</div>
      {open ? (
        editor(
          () => {
            setOpen(false);
            setMessage({ kind: 'saved', text: t('common.saved') });
          },
          () => setOpen(false),
        )
      ) : (
        <div class="stored-line-actions">
          <button
            type="button"
            onClick={() => {
              setMessage(null);
              setOpen(true);
            }}
          >
            {t('budget.line.edit', { name })}
          </button>
          <button
            type="button"
            onClick={async () => {
              if (removeBlockedReason) {
                setMessage({ kind: 'failed', text: removeBlockedReason });
                return;
              }
              try {
                await remove();
              } catch (cause) {
                setMessage({
                  kind: 'failed',
                  text: t('budget.line.removeFailed', { reason: t(describeWriteError(cause) as MessageKey) }),
                });
              }
            }}
          >
            {t('budget.line.remove', { name })}
          </button>
        </div>
      )}
      <p class={message?.kind === 'failed' ? 'save-status error' : 'save-status'} role="status">
        {message?.text}
      </p>
    </li>
  );
}

/** A "new line" form that starts blank again after each save. */
export function NewLine({ render }: { render: (onSaved: () => void) => ComponentChildren }) {
  const [round, setRound] = useState(0);
  const [added, setAdded] = useState(false);
  return (
    <div class="new-line">
      <div key={round}>
        {render(() => {
          setAdded(true);
          setRound((r) => r + 1);
        })}
      </div>
      <p class="save-status" role="status">
        {added ? t('budget.line.added') : ''}
      </p>
    </div>
  );
}

/** Yes / no options for a select, with an optional "not stated". */
export function yesNoOptions(withNotSaid: boolean) {
  return [
    ...(withNotSaid ? [{ value: '', label: t('budget.field.notSaid') }] : []),
    { value: 'yes', label: t('common.yes') },
    { value: 'no', label: t('common.no') },
  ];
}
