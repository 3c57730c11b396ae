/**
 * The complete budget diagnosis in one click (RPT1 `diagnoses`): records a `budget_diagnosis`
 * action for today through the actions log (at most one a day), and undoes it the way the log
 * cancels any action (a cancellation revision), so the report and the history stay one story.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Dossier } from '../../../domain/dossier/dossier';
import { formatDate, t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import {
  diagnosisFields,
  diagnosisOn,
  lastDiagnosis,
  undoDiagnosisFields,
} from '../../../state/followup/diagnosis';
import type { DossierModel } from '../../../state/workspace/dossier-model';
import { describeWriteError } from '../../../state/workspace/workspace-model';

export function DiagnosisButton({
  model,
  dossier,
  today,
}: {
  model: DossierModel;
  dossier: Dossier;
  today: string;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirmation, setConfirmation] = useState<{ text: string; n: number }>({ text: '', n: 0 });
  const statusRef = useRef<HTMLParagraphElement>(null);
  // The button pressed disappears: the focus goes to what happened, not to the page body.
  useEffect(() => {
    if (confirmation.n > 0) statusRef.current?.focus();
  }, [confirmation]);
  const todays = diagnosisOn(dossier.actions, today);
  const last = lastDiagnosis(dossier.actions);
  const run = async (write: () => Promise<unknown>, done: string) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await write();
      setConfirmation((c) => ({ text: done, n: c.n + 1 }));
    } catch (cause) {
      setError(describeWriteError(cause));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="card" aria-labelledby="followup-diagnosis-title" data-testid="diagnosis">
      <h2 id="followup-diagnosis-title">{t('followup.diagnosis.title')}</h2>
      <p class="hint">{t('followup.diagnosis.hint')}</p>
      <p>
        {todays
          ? t('followup.diagnosis.doneToday', { date: formatDate(today) })
          : last
            ? t('followup.diagnosis.last', { date: formatDate(last.date) })
            : t('followup.diagnosis.never')}
      </p>
      {todays ? (
        <button
          type="button"
          disabled={busy}
          onClick={() =>
            run(
              () =>
                model.addRow(
                  'action',
                  undoDiagnosisFields(todays, t('followup.diagnosis.undoReason'), Date.now()),
                ),
              t('followup.diagnosis.undone'),
            )
          }
        >
          {t('followup.diagnosis.undo')}
        </button>
      ) : (
        <button
          type="button"
          class="primary"
          disabled={busy}
          onClick={() =>
            run(async () => {
              // Read again at the click: a second click (or another tab) must not count twice.
              const fields = diagnosisFields(dossier.actions, today);
              if (fields) await model.addRow('action', fields);
            }, t('followup.diagnosis.recorded'))
          }
        >
          {t('followup.diagnosis.record')}
        </button>
      )}
      <p role="status" class="save-status" tabIndex={-1} ref={statusRef}>
        {confirmation.text}
      </p>
      {error && (
        <p role="alert" class="error">
          {t('followup.failed', { reason: t(error as MessageKey) })}
        </p>
      )}
    </section>
  );
}
