/**
 * The wiring of a line form's fields: each field's id (under the editor's prefix), its typed text,
 * its translated error and its edit, so an editor names a field once instead of five times.
 */
import type { FormModel } from '../../../state/form-model';
import { errorText } from './line-editing';

export function lineFields<F extends string>(form: FormModel<F, unknown>, idPrefix: string) {
  const values = form.values.value;
  const errors = form.errors.value;
  const id = (name: string) => `${idPrefix}-${name}`;
  // `name` is the field's id suffix when it differs from the field (e.g. `start` for `startDate`).
  const bound = (field: F, name: string) => ({
    id: id(name),
    value: values[field],
    error: errorText(errors[field]),
  });
  return {
    values,
    id,
    /** Props of a text field. */
    text: (field: F, name: string = field) => ({
      ...bound(field, name),
      onInput: (text: string) => void form.edit(field, text),
    }),
    /** Props of a select. */
    choice: (field: F, name: string = field) => ({
      ...bound(field, name),
      onChange: (text: string) => void form.edit(field, text),
    }),
  };
}

export type LineFields<F extends string> = ReturnType<typeof lineFields<F>>;
