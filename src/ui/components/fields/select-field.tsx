import { FieldShell } from './field-shell';

export interface SelectFieldProps {
  id: string;
  label: string;
  value: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  onChange: (value: string) => void;
  hint?: string | undefined;
  error?: string | undefined;
  /** Label of an empty first choice; omit to force a value. */
  placeholder?: string;
}

export function SelectField(props: SelectFieldProps) {
  return (
    <FieldShell id={props.id} label={props.label} hint={props.hint} error={props.error}>
      {(aria) => (
        <select
          id={props.id}
          name={props.id}
          value={props.value}
          onChange={(event) => props.onChange(event.currentTarget.value)}
          {...aria}
        >
          {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
          {props.options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}
