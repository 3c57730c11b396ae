/**
 * Shared pieces of the line-by-line screens (budget and debts): a form model per line created
 * once and its draft restored, the editor frame (draft notice, save and close buttons, honest
 * save status), and a stored line that opens its editor by itself when a draft was left behind.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { FieldsOf } from '../../../domain/dossier/rows';
import { t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import { useAppState } from '../../../state/app-state';
import { createLineForm, type LineEntity, type LineFormSpec } from '../../../state/budget/line-form';
import type { FormModel } from '../../../state/form-model';
import type { DossierModel } from '../../../state/workspace/dossier-model';
import { describeWriteError } from '../../../state/workspace/workspace-model';
import { useOpenWhenDrafted } from '../../components/open-when-drafted';

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
  /** The one-line summary on the button that opens the line: name, amount, key fact. */
  headline: ComponentChildren;
  /** What the opened line shows above its buttons (its details). */
  summary: ComponentChildren;
  remove: () => Promise<void>;
  editor: (done: () => void, close: () => void) => ComponentChildren;
  /** Why the line cannot be removed now (e.g. a creditor with debts); removal is refused with it. */
  removeBlockedReason?: string | undefined;
  /** The summary button sits in a heading of this level (debts are navigable by heading). */
  headingLevel?: 3 | undefined;
  class?: string;
  testId?: string;
}

/** The first field of a form inside `root`, where focus goes when the form opens. */
export function focusFirstField(root: HTMLElement | null): void {
  root?.querySelector<HTMLElement>('input:not([type="hidden"]), select, textarea')?.focus();
}

/**
 * Where the focus goes right after the next render: `focusNext.current = target` asks for it, and
 * `find` names the element of each target ('form': a form, whose first field takes it). A layout
 * effect, so that a later paint does not find the request before the DOM it aims at; a request
 * whose element is not there yet waits for the render that brings it.
 */
function useFocusAfterRender<T extends string>(find: (target: T) => HTMLElement | null) {
  const focusNext = useRef<T | null>(null);
  useLayoutEffect(() => {
    const target = focusNext.current;
    const element = target === null ? null : find(target);
    if (target === null || !element) return;
    focusNext.current = null;
    if (target === 'form') focusFirstField(element);
    else element.focus();
  });
  return focusNext;
}

/**
 * A stored line, shown as a one-line summary button (aria-expanded) that opens it: its details
 * with Edit and Remove buttons. The editor opens on Edit with focus on its first field, or by
 * itself when the device holds a draft for it (typed before a crash or a reload). After a save,
 * focus goes back to the line; after closing without saving, to the Edit button.
 */
export function StoredLine({
  formId,
  name,
  headline,
  summary,
  remove,
  editor,
  removeBlockedReason,
  headingLevel,
  class: className,
  testId,
}: StoredLineProps) {
  const [expanded, setExpanded] = useState(false);
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState<{ kind: 'saved' | 'failed'; text: string } | null>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const editRef = useRef<HTMLButtonElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const focusNext = useFocusAfterRender<'form' | 'toggle' | 'edit'>((target) =>
    target === 'form'
      ? (bodyRef.current?.querySelector<HTMLElement>('.line-editor') ?? null)
      : target === 'edit'
        ? editRef.current
        : toggleRef.current,
  );
  useOpenWhenDrafted(formId, () => {
    setExpanded(true);
    setOpen(true);
  });
  const bodyId = `${formId.replace(/[^\w-]/g, '-')}-body`;
  const toggle = (
    <button
      type="button"
      class="line-toggle"
      ref={toggleRef}
      aria-expanded={expanded}
      aria-controls={expanded ? bodyId : undefined}
      onClick={() => setExpanded(!expanded)}
    >
      <span class="line-toggle-text">{headline}</span>
      <span class="line-toggle-mark" aria-hidden="true">
        {expanded ? '▴' : '▾'}
      </span>
    </button>
  );
  return (
    <li
      class={`stored-line${expanded ? ' stored-line-open' : ''}${className ? ` ${className}` : ''}`}
      data-testid={testId}
    >
      {headingLevel === 3 ? <h3 class="line-toggle-heading">{toggle}</h3> : toggle}
      {expanded && (
        <div class="stored-line-body" id={bodyId} ref={bodyRef}>
          <div class="stored-line-summary">{summary}</div>
          {open ? (
            editor(
              () => {
                setOpen(false);
                setMessage({ kind: 'saved', text: t('common.saved') });
                focusNext.current = 'toggle';
              },
              () => {
                setOpen(false);
                focusNext.current = 'edit';
              },
            )
          ) : (
            <div class="stored-line-actions">
              <button
                type="button"
                ref={editRef}
                onClick={() => {
                  setMessage(null);
                  setOpen(true);
                  focusNext.current = 'form';
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
                    // The line and its buttons go: the focus goes to the list's title (focusable
                    // with tabIndex -1) rather than falling back to the page.
                    toggleRef.current
                      ?.closest('section')
                      ?.querySelector<HTMLElement>('h2[tabindex]')
                      ?.focus();
                  } catch (cause) {
                    setMessage({
                      kind: 'failed',
                      text: t('budget.line.removeFailed', {
                        reason: t(describeWriteError(cause) as MessageKey),
                      }),
                    });
                  }
                }}
              >
                {t('budget.line.remove', { name })}
              </button>
            </div>
          )}
        </div>
      )}
      <p class={message?.kind === 'failed' ? 'save-status error' : 'save-status'} role="status">
        {message?.text}
      </p>
    </li>
  );
}

/**
 * A "new line" form behind its button: the button opens it with focus on its first field (or
 * it opens by itself when the device holds its draft); after a save it closes, the confirmation
 * takes the focus and the next opening starts blank; closing without saving drops the draft and
 * gives the focus back to the button.
 */
export function NewLine({
  formId,
  label,
  render,
}: {
  /** Draft id of the new line's form (lineFormId without a row id). */
  formId: string;
  /** The button's text, the same as the form's legend and its submit button. */
  label: string;
  render: (onSaved: () => void, onClose: () => void) => ComponentChildren;
}) {
  const [open, setOpen] = useState(false);
  const [added, setAdded] = useState(false);
  const openerRef = useRef<HTMLButtonElement>(null);
  const formRef = useRef<HTMLDivElement>(null);
  const confirmRef = useRef<HTMLParagraphElement>(null);
  const focusNext = useFocusAfterRender<'form' | 'opener' | 'confirmation'>((target) =>
    target === 'form' ? formRef.current : target === 'opener' ? openerRef.current : confirmRef.current,
  );
  useOpenWhenDrafted(formId, () => setOpen(true));
  return (
    <div class="new-line">
      {open ? (
        <div ref={formRef}>
          {render(
            () => {
              setOpen(false);
              setAdded(true);
              focusNext.current = 'confirmation';
            },
            () => {
              setOpen(false);
              focusNext.current = 'opener';
            },
          )}
        </div>
      ) : (
        <button
          type="button"
          class="add-line"
          ref={openerRef}
          onClick={() => {
            setAdded(false);
            setOpen(true);
            focusNext.current = 'form';
          }}
        >
          {label}
        </button>
      )}
      <p class="save-status" role="status" tabIndex={-1} ref={confirmRef}>
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
