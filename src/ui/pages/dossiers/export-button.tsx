import { useId, useState } from 'preact/hooks';
import { t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import { useAppState } from '../../../state/app-state';
import { downloadBlob } from '../../../state/download';
import { exportFileName, exportText, passphraseLongEnough } from '../../../state/intake/transfer-file';
import { describeWriteError } from '../../../state/workspace/workspace-model';
import { PasswordField } from '../../components/fields/password-field';

type ExportStatus =
  | { kind: 'idle' }
  | { kind: 'working' }
  | { kind: 'done'; file: string; count: number }
  | { kind: 'failed'; reason: string };

/**
 * Exports some dossiers (or all) to a relais-<date>.json file sealed under a passphrase the
 * person chooses (ENC10), and says what the file holds.
 */
export function ExportButton({ ids, label }: { ids: readonly string[] | 'all'; label: MessageKey }) {
  const { workspace } = useAppState();
  const [status, setStatus] = useState<ExportStatus>({ kind: 'idle' });
  const [passphrase, setPassphrase] = useState('');
  const [tooShort, setTooShort] = useState(false);
  const fieldId = `transfer-passphrase-${useId()}`;

  async function run() {
    if (!passphraseLongEnough(passphrase)) {
      setTooShort(true);
      document.getElementById(fieldId)?.focus();
      return;
    }
    setStatus({ kind: 'working' });
    try {
      const { text, count } = await exportText(workspace, ids, passphrase);
      const file = exportFileName(workspace.today());
      downloadBlob(new Blob([text], { type: 'application/json' }), file);
      setPassphrase('');
      setStatus({ kind: 'done', file, count });
    } catch (cause) {
      setStatus({ kind: 'failed', reason: describeWriteError(cause) });
    }
  }

  return (
    <div class="export-button">
      <PasswordField
        id={fieldId}
        label={t('transfer.passphrase.export.label')}
        hint={t('transfer.passphrase.export.hint')}
        value={passphrase}
        onInput={(value) => {
          setPassphrase(value);
          setTooShort(false);
        }}
        error={tooShort ? t('transfer.passphrase.tooShort') : undefined}
        autoComplete="new-password"
      />
      <button type="button" onClick={() => void run()} disabled={status.kind === 'working'}>
        {t(label)}
      </button>
      <p role="status" class="save-status">
        {status.kind === 'working' && t('transfer.exporting')}
        {status.kind === 'done' && t('transfer.exported', { file: status.file, count: status.count })}
        {status.kind === 'failed' && (
          <span class="error">{t('transfer.exportFailed', { reason: t(status.reason as MessageKey) })}</span>
        )}
      </p>
    </div>
  );
}
