/**
 * "Changer d'utilisateur" on a shared tablet (ADR 0009): says what leaves the device, refuses in
 * plain words while the previous person's changes are not on the server, and empties the device
 * only after a confirmation. Everything goes through the sync model; nothing here touches data.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../../i18n/i18n';
import { useAppState } from '../../../state/app-state';
import type { SwitchPreview } from '../../../state/sync-model';

type Step =
  | { kind: 'closed' }
  | { kind: 'confirm'; preview: SwitchPreview }
  | { kind: 'refused'; pending: number; by: string | null }
  | { kind: 'failed' };

/**
 * Shown when the device names a previous person, or when the server said the device belongs to
 * someone else (`offer`: a device last used by an app version that did not record who).
 */
export function SwitchUser({ onDone, offer = false }: { onDone: () => void; offer?: boolean }) {
  const { sync } = useAppState();
  const last = sync.lastUser.value;
  const signedIn = sync.session.value !== null;
  const [step, setStep] = useState<Step>({ kind: 'closed' });
  const [busy, setBusy] = useState(false);
  /** A change that failed half-way (device emptied, drafts not) stays on offer until it succeeds. */
  const [unfinished, setUnfinished] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    // Move focus to the panel, so a screen reader reads what will happen.
    if (step.kind !== 'closed') heading.current?.focus();
  }, [step.kind]);

  if (last === null && !offer && !unfinished && step.kind === 'closed') return null;
  const name = last?.displayName ?? t('switch.previousPerson');

  async function open() {
    setBusy(true);
    const preview = await sync.switchPreview().catch(() => undefined);
    setBusy(false);
    if (preview === undefined) setStep({ kind: 'failed' });
    else if (preview.pending > 0)
      setStep({ kind: 'refused', pending: preview.pending, by: preview.pendingBy });
    else setStep({ kind: 'confirm', preview });
  }

  async function confirm() {
    setBusy(true);
    const outcome = await sync.switchUser();
    setBusy(false);
    if (outcome.ok) {
      setUnfinished(false);
      setStep({ kind: 'closed' });
      onDone();
    } else if (outcome.reason === 'pending') {
      setStep({ kind: 'refused', pending: outcome.pending, by: outcome.by });
    } else {
      setUnfinished(true);
      setStep({ kind: 'failed' });
    }
  }

  async function syncThenRetry() {
    setBusy(true);
    await sync.syncNow();
    setBusy(false);
    await open();
  }

  if (step.kind === 'closed') {
    return (
      <p class="login-switch-open">
        <button type="button" onClick={() => void open()} disabled={busy}>
          {t('switch.open')}
        </button>
      </p>
    );
  }

  const close = (
    <button type="button" onClick={() => setStep({ kind: 'closed' })} disabled={busy}>
      {step.kind === 'confirm' ? t('switch.cancel') : t('switch.close')}
    </button>
  );
  return (
    <section class="login-switch" aria-labelledby="switch-title">
      <h2 id="switch-title" tabIndex={-1} ref={heading}>
        {t('switch.title')}
      </h2>
      {step.kind === 'confirm' && (
        <>
          <p>{t('switch.intro')}</p>
          <ul>
            <li>{t('switch.dossiers', { count: step.preview.dossiers, name })}</li>
            {step.preview.drafts > 0 && <li>{t('switch.drafts', { count: step.preview.drafts })}</li>}
          </ul>
          <div class="login-switch-actions">
            <button type="button" onClick={() => void confirm()} disabled={busy}>
              {t('switch.confirm')}
            </button>
            {close}
          </div>
        </>
      )}
      {step.kind === 'refused' && (
        <>
          <div role="alert">
            <p>{t('switch.pending', { count: step.pending, name: step.by ?? t('switch.previousPerson') })}</p>
            <p>{t('switch.pendingHint', { name: step.by ?? t('switch.previousPerson') })}</p>
          </div>
          <div class="login-switch-actions">
            {signedIn && (
              <button type="button" class="primary" onClick={() => void syncThenRetry()} disabled={busy}>
                {t('sync.now')}
              </button>
            )}
            {close}
          </div>
        </>
      )}
      {step.kind === 'failed' && (
        <>
          <p role="alert">{t('switch.failed')}</p>
          <div class="login-switch-actions">{close}</div>
        </>
      )}
    </section>
  );
}
