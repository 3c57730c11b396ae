import { FieldShell } from '../../components/fields/field-shell';

export interface TextAreaProps {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  onBlur?: () => void;
  hint?: string | undefined;
  error?: string | undefined;
  rows?: number;
}

/** A multi-line field with its label and hint (the shared fields have no textarea yet). */
export function TextArea(props: TextAreaProps) {
  return (
    <FieldShell id={props.id} label={props.label} hint={props.hint} error={props.error}>
      {(aria) => (
        <textarea
          id={props.id}
          name={props.id}
          rows={props.rows ?? 4}
          value={props.value}
          onInput={(event) => props.onInput(event.currentTarget.value)}
          {...(props.onBlur ? { onBlur: props.onBlur } : {})}
          {...aria}
        />
      )}
    </FieldShell>
  );
}
