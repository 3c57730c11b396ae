/**
 * The unlock screen (LOCK3–LOCK5): whose tablet it is, the PIN or password field (focused), the
 * wait remaining after a wrong try and, near the end, how many tries are left. Works offline: the
 * key vault judges the secret on the device.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../../i18n/i18n';
import type { LockModel, VaultStatus } from '../../../state/lock/lock-model';
import { isLocalUser } from '../../../state/lock/lock-model';
import { FieldShell } from '../../components/fields/field-shell';

/** Tries left from which the screen warns (LOCK4: 10 in all). */
const WARN_FROM_TRIES_LEFT = 5;

/** Whole seconds until `at`, re-rendered each second while waiting. */
function useSecondsUntil(at: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    setNow(Date.now());
    if (at <= Date.now()) return undefined;
    const timer = setInterval(() => {
      const current = Date.now();
      setNow(current);
      if (current >= at) clearInterval(timer);
    }, 1_000);
    return () => clearInterval(timer);
  }, [at]);
  return Math.max(0, Math.ceil((at - now) / 1_000));
}

export function UnlockScreen({ lock, who }: { lock: LockModel; who: VaultStatus }) {
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  const waitSeconds = useSecondsUntil(who.nextTryAt);
  const pin = who.method === 'pin';

  useEffect(() => {
    field.current?.focus();
  }, []);

  async function submit(event: Event) {
    event.preventDefault();
    if (secret === '') {
      setError(t(pin ? 'lock.unlock.required.pin' : 'lock.unlock.required.password'));
      return;
    }
    if (waitSeconds > 0) return;
    setBusy(true);
    const outcome = await lock
      .unlock(secret)
      .catch(() => ({ ok: false as const, reason: 'failed' as const }));
    setBusy(false);
    setSecret('');
    if (outcome.ok) return;
    if (outcome.reason === 'wrong') setError(t(pin ? 'lock.unlock.wrong.pin' : 'lock.unlock.wrong.password'));
    else if (outcome.reason === 'failed') setError(t('lock.unlock.failed'));
    field.current?.focus();
  }

  const hint =
    who.wrongTries > 0 && who.triesLeft <= WARN_FROM_TRIES_LEFT
      ? t('lock.unlock.triesLeft', { count: who.triesLeft })
      : undefined;

  return (
    <section class="lock-screen" aria-labelledby="lock-title">
      <h1 id="lock-title">{t('lock.unlock.title')}</h1>
      <p data-testid="lock-whose">
        {isLocalUser(who.user)
          ? t('lock.unlock.whoseLocal')
          : t('lock.unlock.whose', { name: who.user.displayName, username: who.user.username })}
      </p>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <FieldShell
          id="unlock-secret"
          label={t(pin ? 'lock.unlock.pin' : 'lock.unlock.password')}
          hint={hint}
          error={error}
        >
          {(aria) => (
            <input
              ref={field}
              id="unlock-secret"
              name="unlock-secret"
              type="password"
              inputMode={pin ? 'numeric' : undefined}
              autoComplete="off"
              value={secret}
              onInput={(event) => {
                setSecret(event.currentTarget.value);
                setError(undefined);
              }}
              {...aria}
            />
          )}
        </FieldShell>
        <p role="status" class="lock-wait" data-testid="lock-wait">
          {waitSeconds > 0 ? t('lock.unlock.wait', { count: waitSeconds }) : ''}
        </p>
        <button type="submit" class="primary lock-submit" disabled={busy}>
          {busy ? t('lock.unlock.checking') : t('lock.unlock.submit')}
        </button>
      </form>
    </section>
  );
}
