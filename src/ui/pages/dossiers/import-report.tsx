import { t } from '../../../i18n/i18n';
import type { ImportReport } from '../../../state/intake/transfer-file';

/** What an import did, in plain words. */
export function ImportReportView({ report }: { report: ImportReport }) {
  return (
    <div class="notice">
      <p class="big">{t('transfer.report.title')}</p>
      <ul>
        <li>{t('transfer.report.households', { count: report.householdIds.length })}</li>
        <li>{t('transfer.report.created', { count: report.created })}</li>
        <li>{t('transfer.report.updated', { count: report.updated })}</li>
        <li>{t('transfer.report.unchanged', { count: report.unchanged })}</li>
        {report.skippedNewerLocal.length > 0 && (
          <li>
            <strong>{t('transfer.report.skipped', { count: report.skippedNewerLocal.length })}</strong>
          </li>
        )}
        {report.conflicts.length > 0 && (
          <li>
            <strong>{t('transfer.report.conflicts', { count: report.conflicts.length })}</strong>
          </li>
        )}
      </ul>
      {report.skippedNewerLocal.length === 0 && report.conflicts.length === 0 && (
        <p>{t('transfer.report.nothingOverwritten')}</p>
      )}
    </div>
  );
}
