/**
 * Réglages: the idle lock's delay (LOCK7), whole minutes from 1 to 30, the error next to the
 * field. Shown only when this app locks (a lock model exists).
 */
import { useState } from 'preact/hooks';
import { t } from '../../../i18n/i18n';
import { parseIdleMinutes } from '../../../state/lock/idle-setting';
import type { LockModel } from '../../../state/lock/lock-model';
import { TextField } from '../../components/fields/text-field';

export function IdleMinutesForm({ lock }: { lock: LockModel }) {
  const [typed, setTyped] = useState(() => String(lock.idleMinutes.value));
  const [error, setError] = useState<string | undefined>();
  const [saved, setSaved] = useState<number | undefined>();

  async function submit(event: Event) {
    event.preventDefault();
    const parsed = parseIdleMinutes(typed);
    setSaved(undefined);
    if (!parsed.ok) {
      setError(t('lock.settings.idleError'));
      return;
    }
    setError(undefined);
    await lock.setIdleMinutes(parsed.minutes);
    setSaved(parsed.minutes);
  }

  return (
    <form noValidate onSubmit={(event) => void submit(event)}>
      <TextField
        id="lock-idle-minutes"
        label={t('lock.settings.idle')}
        hint={t('lock.settings.idleHint')}
        value={typed}
        onInput={(value) => {
          setTyped(value);
          setSaved(undefined);
        }}
        error={error}
        inputMode="numeric"
        unit="min"
      />
      <button type="submit" class="primary">
        {t('lock.settings.save')}
      </button>
      <p role="status" class="save-status">
        {saved !== undefined && t('lock.settings.saved', { count: saved })}
      </p>
    </form>
  );
}
