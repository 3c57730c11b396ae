/**
 * The sign-in page and its first-start form, both the one credentials form (credentials-form.tsx)
 * with their own labels, checks and sending; the change of user is switch-user.tsx.
 */
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import { useAppState } from '../../../state/app-state';
import { type LoginOutcome, validPassword, validUsername } from '../../../state/sync-model';
import { PageTitle } from '../../components/page-title';
import { type CredentialErrors, type Credentials, CredentialsForm } from './credentials-form';
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
  const [errors, setErrors] = useState<CredentialErrors>({});

  function check({ displayName, username, password }: Credentials): CredentialErrors {
    const missing: CredentialErrors = {};
    if (displayName.trim() === '') missing.displayName = t('setup.error.displayName');
    if (!validUsername(username.trim())) missing.username = t('setup.error.username');
    if (!validPassword(password)) missing.password = t('setup.error.password');
    return missing;
  }

  async function send({ displayName, username, password }: Credentials) {
    const outcome = await sync.setup({
      displayName: displayName.trim(),
      username: username.trim(),
      password,
    });
    if (!outcome.ok) return { form: outcomeError(outcome) };
    onDone();
    return undefined;
  }

  return (
    <section class="login-setup" aria-labelledby="setup-title">
      <h2 id="setup-title">{t('setup.title')}</h2>
      <p>{t('setup.intro')}</p>
      <CredentialsForm
        idPrefix="setup"
        labels={{
          displayName: t('setup.displayName'),
          username: t('setup.username'),
          usernameHint: t('setup.usernameHint'),
          password: t('setup.password'),
          passwordHint: t('setup.passwordHint'),
          submit: t('setup.submit'),
        }}
        passwordAutoComplete="new-password"
        errors={errors}
        onErrors={setErrors}
        check={check}
        send={send}
      />
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
  const [errors, setErrors] = useState<CredentialErrors>({});
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

  function check({ username, password }: Credentials): CredentialErrors {
    const missing: CredentialErrors = {};
    if (username.trim() === '') missing.username = t('login.required.username');
    if (password === '') missing.password = t('login.required.password');
    return missing;
  }

  async function send({ username, password }: Credentials) {
    const outcome = await sync.login(username, password);
    if (outcome.ok) {
      setSwitched(false);
      route('/dossiers');
      return undefined;
    }
    if (outcome.error === 'device-taken') setDeviceTaken(true);
    // Wrong credentials belong to the password field; the others to the whole form.
    return outcome.error === 'credentials'
      ? { password: outcomeError(outcome) }
      : { form: outcomeError(outcome) };
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
          <CredentialsForm
            idPrefix="login"
            class="login-form"
            labels={{
              username: t('login.username'),
              password: t('login.password'),
              submit: t('login.submit'),
              submitting: t('login.submitting'),
            }}
            passwordAutoComplete="current-password"
            errors={errors}
            onErrors={setErrors}
            check={check}
            send={send}
          />
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
