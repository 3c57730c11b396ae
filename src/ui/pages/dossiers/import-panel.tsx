import { useRef, useState } from 'preact/hooks';
import { t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import { useAppState } from '../../../state/app-state';
import { type ImportOutcome, importText } from '../../../state/intake/transfer-file';
import { PasswordField } from '../../components/fields/password-field';
import { ImportReportView } from './import-report';

type ImportStatus = { kind: 'idle' } | { kind: 'working' } | ImportOutcome;

/**
 * Reads a transfer file chosen on this device and imports it; a sealed file first asks for the
 * passphrase its sender chose (ENC10). Says plainly what happened.
 */
export function ImportPanel() {
  const { workspace } = useAppState();
  const [status, setStatus] = useState<ImportStatus>({ kind: 'idle' });
  const [passphrase, setPassphrase] = useState('');
  const fileText = useRef<string | null>(null);

  async function importWith(text: string, typed?: string) {
    setStatus({ kind: 'working' });
    const outcome = await importText(workspace, text, typed);
    fileText.current = outcome.kind === 'needsPassphrase' ? text : null;
    if (outcome.kind !== 'needsPassphrase') setPassphrase('');
    setStatus(outcome);
    if (outcome.kind === 'needsPassphrase') document.getElementById('transfer-import-passphrase')?.focus();
  }

  async function onFile(input: HTMLInputElement) {
    const file = input.files?.[0];
    if (!file) return;
    let text: string;
    try {
      text = await file.text();
    } catch {
      setStatus({ kind: 'failed', reason: 'transfer.error.read' });
      return;
    }
    await importWith(text);
    input.value = '';
  }

  function onSubmitPassphrase(event: Event) {
    event.preventDefault();
    if (fileText.current !== null) void importWith(fileText.current, passphrase);
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
      {status.kind === 'needsPassphrase' && (
        <form onSubmit={onSubmitPassphrase}>
          <PasswordField
            id="transfer-import-passphrase"
            label={t('transfer.passphrase.import.label')}
            hint={t('transfer.passphrase.import.hint')}
            value={passphrase}
            onInput={setPassphrase}
            error={status.wrong ? t('transfer.error.wrongPassphrase') : undefined}
            autoComplete="current-password"
          />
          <button type="submit">{t('transfer.passphrase.import.submit')}</button>
        </form>
      )}
      <div role="status" data-testid="import-result">
        {status.kind === 'working' && <p>{t('transfer.importing')}</p>}
        {status.kind === 'imported' && <ImportReportView report={status.report} />}
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
