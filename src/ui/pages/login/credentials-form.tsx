/**
 * The user name, password and whole-form error that the sign-in and first-start forms share:
 * one place for their labels, hints, autocomplete and error wiring.
 */
import { FieldShell } from '../../components/fields/field-shell';
import { TextField } from '../../components/fields/text-field';

export type CredentialErrors = Partial<Record<'username' | 'password' | 'displayName' | 'form', string>>;

export interface CredentialFieldsProps {
  /** Prefix of the field ids: `<idPrefix>-username`, `<idPrefix>-password`. */
  idPrefix: string;
  username: string;
  onUsername: (value: string) => void;
  password: string;
  onPassword: (value: string) => void;
  errors: CredentialErrors;
  labels: { username: string; password: string; usernameHint?: string; passwordHint?: string };
  /** 'new-password' lets the browser offer a strong password on first start. */
  passwordAutoComplete: 'current-password' | 'new-password';
}

export function CredentialFields(props: CredentialFieldsProps) {
  const { idPrefix, errors, labels } = props;
  const passwordId = `${idPrefix}-password`;
  return (
    <>
      <TextField
        id={`${idPrefix}-username`}
        label={labels.username}
        hint={labels.usernameHint}
        value={props.username}
        onInput={props.onUsername}
        error={errors.username}
        autoComplete="username"
      />
      <FieldShell id={passwordId} label={labels.password} hint={labels.passwordHint} error={errors.password}>
        {(aria) => (
          <input
            id={passwordId}
            name={passwordId}
            type="password"
            autoComplete={props.passwordAutoComplete}
            value={props.password}
            onInput={(event) => props.onPassword(event.currentTarget.value)}
            {...aria}
          />
        )}
      </FieldShell>
      {errors.form && (
        <p class="field-error" role="alert">
          {errors.form}
        </p>
      )}
    </>
  );
}
