import { useState } from 'preact/hooks';
import { t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import { useAppState } from '../../../state/app-state';
import { downloadBlob } from '../../../state/download';
import { exportFileName, exportText } from '../../../state/intake/transfer-file';
import { describeWriteError } from '../../../state/workspace/workspace-model';

type ExportStatus =
  | { kind: 'idle' }
  | { kind: 'working' }
  | { kind: 'done'; file: string; count: number }
  | { kind: 'failed'; reason: string };

/** Exports some dossiers (or all) to a relais-<date>.json file, and says what the file holds. */
export function ExportButton({ ids, label }: { ids: readonly string[] | 'all'; label: MessageKey }) {
  const { workspace } = useAppState();
  const [status, setStatus] = useState<ExportStatus>({ kind: 'idle' });

  async function run() {
    setStatus({ kind: 'working' });
    try {
      const { text, count } = await exportText(workspace, ids);
      const file = exportFileName(workspace.today());
      downloadBlob(new Blob([text], { type: 'application/json' }), file);
      setStatus({ kind: 'done', file, count });
    } catch (cause) {
      setStatus({ kind: 'failed', reason: describeWriteError(cause) });
    }
  }

  return (
    <div class="export-button">
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
