/**
 * The setup screen (LOCK1, LOCK9): after an online sign-in on a device that holds no key for this
 * person, choose what unlocks Relais: a PIN of 6 digits or more, typed twice, or the account
 * password just typed at the sign-in (offered only then).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { pinProblem } from '../../../domain/security/unlock-secret';
import { t } from '../../../i18n/i18n';
import {
  isLocalUser,
  type LockModel,
  type UnlockMethod,
  type VaultUser,
} from '../../../state/lock/lock-model';
import { FieldShell } from '../../components/fields/field-shell';

type SetupErrors = Partial<Record<'pin' | 'again' | 'form', string>>;

function PinInput(props: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  error: string | undefined;
  onInput: (value: string) => void;
  inputRef?: preact.Ref<HTMLInputElement>;
}) {
  return (
    <FieldShell id={props.id} label={props.label} hint={props.hint} error={props.error}>
      {(aria) => (
        <input
          ref={props.inputRef}
          id={props.id}
          name={props.id}
          type="password"
          inputMode="numeric"
          autoComplete="off"
          value={props.value}
          onInput={(event) => props.onInput(event.currentTarget.value)}
          {...aria}
        />
      )}
    </FieldShell>
  );
}

export function SetupScreen(props: { lock: LockModel; user: VaultUser; passwordAvailable: boolean }) {
  const [method, setMethod] = useState<UnlockMethod>('pin');
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [errors, setErrors] = useState<SetupErrors>({});
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  // LOCK13: nobody has signed in yet: a code for the local profile, the sign-in one link away.
  const local = isLocalUser(props.user);

  useEffect(() => {
    first.current?.focus();
  }, []);

  function check(): SetupErrors {
    if (method === 'password') return {};
    const problem = pinProblem(pin);
    if (problem !== undefined) return { pin: t(`lock.setup.error.${problem}`) };
    if (again !== pin) return { again: t('lock.setup.error.mismatch') };
    return {};
  }

  async function submit(event: Event) {
    event.preventDefault();
    const found = check();
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    const done = await props.lock
      .completeSetup(method, method === 'pin' ? pin : undefined)
      .catch(() => false);
    setBusy(false);
    if (!done) setErrors({ form: t('lock.setup.error.failed') });
  }

  return (
    <section class="lock-screen" aria-labelledby="lock-setup-title">
      <h1 id="lock-setup-title">{t(local ? 'lock.setup.local.title' : 'lock.setup.title')}</h1>
      <p>{t(local ? 'lock.setup.local.intro' : 'lock.setup.intro')}</p>
      <form noValidate onSubmit={(event) => void submit(event)}>
        {props.passwordAvailable && (
          <fieldset class="lock-methods">
            <legend>{t('lock.setup.method')}</legend>
            {(['pin', 'password'] as const).map((choice) => (
              <label key={choice} class="lock-method">
                <input
                  type="radio"
                  name="lock-method"
                  value={choice}
                  checked={method === choice}
                  onChange={() => {
                    setMethod(choice);
                    setErrors({});
                  }}
                />
                {t(`lock.setup.method.${choice}`)}
              </label>
            ))}
          </fieldset>
        )}
        {method === 'pin' && (
          <>
            <PinInput
              id="setup-pin"
              label={t('lock.setup.pin')}
              hint={t('lock.setup.pinHint')}
              value={pin}
              error={errors.pin}
              onInput={setPin}
              inputRef={first}
            />
            <PinInput
              id="setup-pin-again"
              label={t('lock.setup.pinAgain')}
              value={again}
              error={errors.again}
              onInput={setAgain}
            />
          </>
        )}
        {errors.form && (
          <p class="field-error" role="alert">
            {errors.form}
          </p>
        )}
        <button type="submit" class="primary lock-submit" disabled={busy}>
          {busy ? t('lock.setup.saving') : t('lock.setup.submit')}
        </button>
      </form>
      {local && (
        <p>
          <a href="/login">{t('lock.setup.local.signIn')}</a>
        </p>
      )}
    </section>
  );
}
