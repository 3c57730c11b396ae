import { useState } from 'preact/hooks';
import { t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import { useAppState } from '../../../state/app-state';
import { type ImportOutcome, importText } from '../../../state/intake/transfer-file';

type ImportStatus = { kind: 'idle' } | { kind: 'working' } | ImportOutcome;

/** Reads a transfer file chosen on this device and imports it; says plainly what happened. */
export function ImportPanel() {
  const { workspace } = useAppState();
  const [status, setStatus] = useState<ImportStatus>({ kind: 'idle' });

  async function onFile(input: HTMLInputElement) {
    const file = input.files?.[0];
    if (!file) return;
    setStatus({ kind: 'working' });
    let text: string;
    try {
      text = await file.text();
    } catch {
      setStatus({ kind: 'failed', reason: 'transfer.error.read' });
      return;
    }
    setStatus(await importText(workspace, text));
    input.value = '';
  }

  return (
    <div class="import-panel">
      <div class="field">
        <label for="transfer-import">{t('transfer.import.label')}</label>
        <p id="transfer-import-hint" class="hint">
          {t('transfer.import.hint')}
        </p>
        <input
          id="transfer-import"
          type="file"
          accept="application/json,.json"
          aria-describedby="transfer-import-hint"
          onChange={(event) => void onFile(event.currentTarget)}
        />
      </div>
      <div role="status" data-testid="import-result">
        {status.kind === 'working' && <p>{t('transfer.importing')}</p>}
        {status.kind === 'imported' && (
          <div class="notice">
            <p class="big">{t('transfer.report.title')}</p>
            <ul>
              <li>{t('transfer.report.households', { count: status.report.householdIds.length })}</li>
              <li>{t('transfer.report.created', { count: status.report.created })}</li>
              <li>{t('transfer.report.updated', { count: status.report.updated })}</li>
              <li>{t('transfer.report.unchanged', { count: status.report.unchanged })}</li>
              {status.report.skippedNewerLocal.length > 0 && (
                <li>
                  <strong>
                    {t('transfer.report.skipped', { count: status.report.skippedNewerLocal.length })}
                  </strong>
                </li>
              )}
              {status.report.conflicts.length > 0 && (
                <li>
                  <strong>{t('transfer.report.conflicts', { count: status.report.conflicts.length })}</strong>
                </li>
              )}
            </ul>
            {status.report.skippedNewerLocal.length === 0 && status.report.conflicts.length === 0 && (
              <p>{t('transfer.report.nothingOverwritten')}</p>
            )}
          </div>
        )}
        {status.kind === 'failed' && (
          <div class="import-error">
            <p class="error">{t('transfer.error.title')}</p>
            <p class="error">{t(status.reason as MessageKey)}</p>
          </div>
        )}
      </div>
    </div>
  );
}
