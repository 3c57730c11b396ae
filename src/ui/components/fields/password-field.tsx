/**
 * A password input with its label, hint and error (FieldShell): the sign-in and first-start
 * forms and the Administration account forms all ask passwords through it.
 */
import { FieldShell } from './field-shell';

export interface PasswordFieldProps {
  id: string;
  label: string;
  hint?: string | undefined;
  value: string;
  onInput: (value: string) => void;
  error?: string | undefined;
  /** 'new-password' lets the browser offer a strong password; 'current-password' fills a saved one. */
  autoComplete: 'current-password' | 'new-password';
}

export function PasswordField(props: PasswordFieldProps) {
  return (
    <FieldShell id={props.id} label={props.label} hint={props.hint} error={props.error}>
      {(aria) => (
        <input
          id={props.id}
          name={props.id}
          type="password"
          autoComplete={props.autoComplete}
          value={props.value}
          onInput={(event) => props.onInput(event.currentTarget.value)}
          {...aria}
        />
      )}
    </FieldShell>
  );
}
