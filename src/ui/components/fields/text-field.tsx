import { FieldShell } from './field-shell';

export interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  hint?: string | undefined;
  error?: string | undefined;
  type?: 'text' | 'tel' | 'email' | 'date' | 'search';
  /** 'decimal' brings the numeric keypad on tablets for amounts. */
  inputMode?: 'text' | 'decimal' | 'numeric' | 'tel' | 'email';
  autoComplete?: string;
  /** Shown after the field, e.g. "€" or "%". */
  unit?: string;
}

export function TextField(props: TextFieldProps) {
  return (
    <FieldShell id={props.id} label={props.label} hint={props.hint} error={props.error}>
      {(aria) => (
        <span class={props.unit ? 'input-with-unit' : undefined}>
          <input
            id={props.id}
            name={props.id}
            // Preact 11 types input attributes per type; the union of our types is valid for each.
            type={(props.type ?? 'text') as 'text'}
            inputMode={props.inputMode}
            autoComplete={props.autoComplete ?? 'off'}
            value={props.value}
            onInput={(event) => props.onInput(event.currentTarget.value)}
            {...aria}
          />
          {props.unit && <span aria-hidden="true">{props.unit}</span>}
        </span>
      )}
    </FieldShell>
  );
}
