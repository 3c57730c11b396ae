/** What the follow-up forms share: a form model per form, a form opened by its draft, and the status lines. */
import { useEffect, useMemo } from 'preact/hooks';
import { t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import { useAppState } from '../../../state/app-state';
import {
  createFormModel,
  type FormModel,
  type FormModelOptions,
  type FormStatus,
} from '../../../state/form-model';
import { describeWriteError } from '../../../state/workspace/workspace-model';

/** A form model for one form instance (draft under `formId`), its draft restored on mount. */
export function useForm<F extends string, T>(
  options: Omit<FormModelOptions<F, T>, 'drafts' | 'describeError'>,
): FormModel<F, T> {
  const { drafts } = useAppState();
  // One model per form id: the options of the first render are kept (the form holds the typing).
  const form = useMemo(
    () => createFormModel<F, T>({ ...options, drafts, describeError: describeWriteError }),
    [options.formId, drafts],
  );
  useEffect(() => {
    void form.load();
  }, [form]);
  return form;
}

/** The translated error of a field, if any. */
export function fieldError(key: string | undefined): string | undefined {
  return key ? t(key as MessageKey) : undefined;
}

/**
 * The wiring of a follow-up form's fields: each field's id (under `idPrefix`), its label (the
 * message `<labelPrefix>.<name>`), its typed text, its translated error and its edit, so a form
 * names a field once. `name` is the field's id suffix and label key when they differ from it.
 */
export function fieldBindings<F extends string>(
  values: Readonly<Record<F, string>>,
  errors: Readonly<Partial<Record<F, string>>>,
  edit: (field: F, value: string) => void,
  idPrefix: string,
  labelPrefix: string,
) {
  const bound = (field: F, name: string = field, label: string = name) => ({
    id: `${idPrefix}-${name}`,
    label: t(`${labelPrefix}.${label}` as MessageKey),
    value: values[field],
    error: fieldError(errors[field]),
  });
  return {
    /** Props of a text field or a text area. */
    typed: (field: F, name?: string, label?: string) => ({
      ...bound(field, name, label),
      onInput: (v: string) => edit(field, v),
    }),
    /** Props of a select. */
    chosen: (field: F, name?: string, label?: string) => ({
      ...bound(field, name, label),
      onChange: (v: string) => edit(field, v),
    }),
  };
}

/** Draft notice, saved/failed status of a form (never a false "saved"). */
/** What the status lines read of a form. */
export interface FormView {
  readonly status: { readonly value: FormStatus };
  readonly draftRestored: { readonly value: boolean };
}

export function FormStatusLine({ form, savedText }: { form: FormView; savedText: string }) {
  const status = form.status.value;
  return (
    <>
      <p role="status" class="save-status">
        {status.kind === 'saving' && t('common.saving')}
        {status.kind === 'saved' && savedText}
      </p>
      {status.kind === 'failed' && (
        <p role="alert" class="error">
          {t('followup.failed', { reason: t(status.reason as MessageKey) })}
        </p>
      )}
    </>
  );
}

export function DraftNotice({ form }: { form: FormView }) {
  return form.draftRestored.value ? (
    <p class="notice" role="status">
      {t('common.draftRestored')}
    </p>
  ) : null;
}
