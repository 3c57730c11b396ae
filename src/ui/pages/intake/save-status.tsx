import { t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import type { FormStatus } from '../../../state/form-model';

/** The honest state of a save: saving, saved on this device, or why nothing was saved. */
export function SaveStatus({ status, savedText }: { status: FormStatus; savedText?: string }) {
  return (
    <p role="status" class="save-status">
      {status.kind === 'saving' && t('common.saving')}
      {status.kind === 'saved' && <span class="ok-text">{savedText ?? t('common.saved')}</span>}
      {status.kind === 'failed' && (
        <span class="error">{t('common.saveFailed', { reason: t(status.reason as MessageKey) })}</span>
      )}
    </p>
  );
}
