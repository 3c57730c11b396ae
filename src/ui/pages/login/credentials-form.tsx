/**
 * The one form that asks for credentials: the sign-in form and the first-start form (which also
 * asks the name shown to others) are this component with other labels, checks and sending. It
 * holds what is typed and the wait; the page says what is missing, sends, and words the refusal.
 */
import { useState } from 'preact/hooks';
import { PasswordField } from '../../components/fields/password-field';
import { TextField } from '../../components/fields/text-field';

export type CredentialErrors = Partial<Record<'username' | 'password' | 'displayName' | 'form', string>>;

/** What the person typed, as typed (the page trims what it sends). */
export interface Credentials {
  displayName: string;
  username: string;
  password: string;
}

export interface CredentialsFormProps {
  /** Prefix of the field ids: `<idPrefix>-display-name`, `<idPrefix>-username`, `<idPrefix>-password`. */
  idPrefix: string;
  class?: string;
  labels: {
    /** Given: the form asks the name shown to others first (first start). */
    displayName?: string;
    username: string;
    usernameHint?: string;
    password: string;
    passwordHint?: string;
    submit: string;
    /** The submit button's words while the form waits (default: `submit`). */
    submitting?: string;
  };
  /** 'new-password' lets the browser offer a strong password on first start. */
  passwordAutoComplete: 'current-password' | 'new-password';
  /** The errors shown; the form sets them, the page may also clear them. */
  errors: CredentialErrors;
  onErrors: (errors: CredentialErrors) => void;
  /** What is missing or malformed, found before anything is sent. */
  check: (typed: Credentials) => CredentialErrors;
  /** Sends; the errors of a refusal, or undefined when it went through. */
  send: (typed: Credentials) => Promise<CredentialErrors | undefined>;
}

export function CredentialsForm(props: CredentialsFormProps) {
  const { idPrefix, errors, labels } = props;
  const [displayName, setDisplayName] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    const typed = { displayName, username, password };
    const missing = props.check(typed);
    props.onErrors(missing);
    if (Object.keys(missing).length > 0) return;
    setBusy(true);
    const refused = await props.send(typed);
    setBusy(false);
    if (refused === undefined) setPassword('');
    else props.onErrors(refused);
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate class={props.class}>
      {labels.displayName !== undefined && (
        <TextField
          id={`${idPrefix}-display-name`}
          label={labels.displayName}
          value={displayName}
          onInput={setDisplayName}
          error={errors.displayName}
          autoComplete="name"
        />
      )}
      <TextField
        id={`${idPrefix}-username`}
        label={labels.username}
        hint={labels.usernameHint}
        value={username}
        onInput={setUsername}
        error={errors.username}
        autoComplete="username"
      />
      <PasswordField
        id={`${idPrefix}-password`}
        label={labels.password}
        hint={labels.passwordHint}
        value={password}
        onInput={setPassword}
        error={errors.password}
        autoComplete={props.passwordAutoComplete}
      />
      {errors.form && (
        <p class="field-error" role="alert">
          {errors.form}
        </p>
      )}
      <button type="submit" class="primary" disabled={busy}>
        {busy ? (labels.submitting ?? labels.submit) : labels.submit}
      </button>
    </form>
  );
}
