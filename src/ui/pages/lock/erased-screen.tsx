/**
 * After 10 wrong tries (LOCK4): the device's copy of the key is gone; the rows stay sealed. An
 * online sign-in brings the key back from the server's escrow (LOCK9), unless the server holds
 * none (never deposited, or the device was reported lost).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../../i18n/i18n';
import { useAppState } from '../../../state/app-state';
import type { VaultUser } from '../../../state/lock/lock-model';
import { isLocalUser } from '../../../state/lock/lock-model';
import { type CredentialErrors, type Credentials, CredentialsForm } from '../login/credentials-form';

export function ErasedScreen({ who, serverHasNoCopy }: { who: VaultUser; serverHasNoCopy: boolean }) {
  const { sync, isOnline } = useAppState();
  const [errors, setErrors] = useState<CredentialErrors>({});
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    heading.current?.focus();
  }, []);

  function check({ username, password }: Credentials): CredentialErrors {
    const missing: CredentialErrors = {};
    if (username.trim() === '') missing.username = t('login.required.username');
    if (password === '') missing.password = t('login.required.password');
    return missing;
  }

  async function send({ username, password }: Credentials): Promise<CredentialErrors | undefined> {
    const outcome = await sync.login(username.trim(), password);
    if (outcome.ok) return undefined;
    const message = t(
      outcome.error === 'rate-limited' ? 'login.error.server' : `login.error.${outcome.error ?? 'server'}`,
    );
    return outcome.error === 'credentials' ? { password: message } : { form: message };
  }

  return (
    <section class="lock-screen" aria-labelledby="lock-erased-title">
      <h1 id="lock-erased-title" ref={heading} tabIndex={-1}>
        {t('lock.erased.title')}
      </h1>
      <p data-testid="lock-whose">
        {isLocalUser(who)
          ? t('lock.unlock.whoseLocal')
          : t('lock.unlock.whose', { name: who.displayName, username: who.username })}
      </p>
      <p>{t('lock.erased.body')}</p>
      {serverHasNoCopy ? (
        <p role="alert">{t('lock.erased.noCopy')}</p>
      ) : (
        <>
          <p>
            <strong>{t('lock.erased.signIn')}</strong>
          </p>
          {!isOnline.value && <p role="status">{t('lock.erased.offline')}</p>}
          <CredentialsForm
            idPrefix="erased-login"
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
        </>
      )}
    </section>
  );
}
