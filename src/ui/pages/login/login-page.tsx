import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import { useAppState } from '../../../state/app-state';
import { type LoginOutcome, validPassword, validUsername } from '../../../state/sync-model';
import { TextField } from '../../components/fields/text-field';
import { PageTitle } from '../../components/page-title';
import { CredentialFields, type CredentialErrors as Errors } from './credential-fields';
import { SwitchUser } from './switch-user';
import './login-page.css';

function outcomeError(outcome: LoginOutcome): string {
  if (outcome.error === 'rate-limited') {
    return t('login.error.rate-limited', { seconds: outcome.retryAfterSeconds ?? 60 });
  }
  return t(`login.error.${outcome.error ?? 'server'}` as MessageKey);
}

/** The first-start form: creates the first admin (POST /api/setup), then signs in. */
function SetupForm({ onDone }: { onDone: () => void }) {
  const { sync } = useAppState();
  const [displayName, setDisplayName] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    const next: Errors = {};
    if (displayName.trim() === '') next.displayName = t('setup.error.displayName');
    if (!validUsername(username.trim())) next.username = t('setup.error.username');
    if (!validPassword(password)) next.password = t('setup.error.password');
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    setBusy(true);
    const outcome = await sync.setup({
      displayName: displayName.trim(),
      username: username.trim(),
      password,
    });
    setBusy(false);
    if (outcome.ok) onDone();
    else setErrors({ form: outcomeError(outcome) });
  }

  return (
    <section class="login-setup" aria-labelledby="setup-title">
      <h2 id="setup-title">{t('setup.title')}</h2>
      <p>{t('setup.intro')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <TextField
          id="setup-display-name"
          label={t('setup.displayName')}
          value={displayName}
          onInput={setDisplayName}
          error={errors.displayName}
          autoComplete="name"
        />
        <CredentialFields
          idPrefix="setup"
          username={username}
          onUsername={setUsername}
          password={password}
          onPassword={setPassword}
          errors={errors}
          labels={{
            username: t('setup.username'),
            usernameHint: t('setup.usernameHint'),
            password: t('setup.password'),
            passwordHint: t('setup.passwordHint'),
          }}
          passwordAutoComplete="new-password"
        />
        <button type="submit" class="primary" disabled={busy}>
          {t('setup.submit')}
        </button>
      </form>
    </section>
  );
}

/**
 * /login: user name and password, errors next to the fields; the first-start form when the
 * server says no account exists (or on demand when the server cannot tell). On a shared tablet
 * it names the last person signed in and offers to change user (ADR 0009).
 */
export function LoginPage() {
  const { sync } = useAppState();
  const { route } = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [setupNeeded, setSetupNeeded] = useState<boolean | undefined>(undefined);
  const [showSetup, setShowSetup] = useState(false);
  const session = sync.session.value;
  const lastUser = sync.lastUser.value;
  const [switched, setSwitched] = useState(false);
  /** The server said this device belongs to someone else: offer the change of user. */
  const [deviceTaken, setDeviceTaken] = useState(false);

  useEffect(() => {
    let live = true;
    void sync.setupNeeded().then((needed) => {
      if (live) setSetupNeeded(needed);
    });
    return () => {
      live = false;
    };
  }, [sync]);

  async function submit(event: Event) {
    event.preventDefault();
    const next: Errors = {};
    if (username.trim() === '') next.username = t('login.required.username');
    if (password === '') next.password = t('login.required.password');
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    setBusy(true);
    const outcome = await sync.login(username, password);
    setBusy(false);
    if (outcome.ok) {
      setPassword('');
      setSwitched(false);
      route('/dossiers');
      return;
    }
    if (outcome.error === 'device-taken') setDeviceTaken(true);
    // Wrong credentials belong to the password field; the others to the whole form.
    if (outcome.error === 'credentials') setErrors({ password: outcomeError(outcome) });
    else setErrors({ form: outcomeError(outcome) });
  }

  return (
    <div class="login-page">
      <PageTitle>{t('login.title')}</PageTitle>
      {session !== null && (
        <section class="login-signed-in" aria-label={t('sync.status.label')}>
          <p>
            {t('login.signedIn', {
              name: session.user.displayName,
              role: t(`login.role.${session.user.role}`),
            })}
          </p>
          <p>{t('login.signedInHint')}</p>
          <button type="button" onClick={() => void sync.logout()}>
            {t('sync.logout')}
          </button>
        </section>
      )}
      {switched && (
        <p role="status" class="login-switched">
          {t('switch.done')}
        </p>
      )}
      {session === null && setupNeeded !== true && (
        <>
          {lastUser === null ? (
            <p>{t('login.intro')}</p>
          ) : (
            <div class="login-last-user">
              <p>{t('login.lastUser', { name: lastUser.displayName })}</p>
              <p>{t('login.lastUserHint', { name: lastUser.displayName })}</p>
            </div>
          )}
          <form onSubmit={(e) => void submit(e)} noValidate class="login-form">
            <CredentialFields
              idPrefix="login"
              username={username}
              onUsername={setUsername}
              password={password}
              onPassword={setPassword}
              errors={errors}
              labels={{ username: t('login.username'), password: t('login.password') }}
              passwordAutoComplete="current-password"
            />
            <button type="submit" class="primary" disabled={busy}>
              {busy ? t('login.submitting') : t('login.submit')}
            </button>
          </form>
          {setupNeeded === undefined && !showSetup && (
            <p>
              <button type="button" class="link-button" onClick={() => setShowSetup(true)}>
                {t('setup.show')}
              </button>
            </p>
          )}
        </>
      )}
      {session === null && (setupNeeded === true || showSetup) && (
        <SetupForm onDone={() => route('/dossiers')} />
      )}
      <SwitchUser
        offer={deviceTaken}
        onDone={() => {
          setDeviceTaken(false);
          setErrors({});
          setSwitched(true);
        }}
      />
    </div>
  );
}
