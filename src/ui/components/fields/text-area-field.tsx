import { FieldShell } from './field-shell';

export interface TextAreaFieldProps {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  onBlur?: () => void;
  hint?: string | undefined;
  error?: string | undefined;
  rows?: number;
}

/** A multi-line field with its label, hint and error. */
export function TextAreaField(props: TextAreaFieldProps) {
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
