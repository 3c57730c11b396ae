import { t } from '../../i18n/i18n';
import { useAppState } from '../../state/app-state';

/** "New version available": shown when a new service worker waits; applied only on click. */
export function UpdateBanner() {
  const { update } = useAppState();
  if (!update.isAvailable.value) return null;
  return (
    <section class="banner update-banner" role="alert" aria-live="assertive" data-testid="update-banner">
      <p>{update.isApplying.value ? t('update.savingDrafts') : t('update.available')}</p>
      {update.hasFailed.value && <p class="error">{t('update.failed')}</p>}
      <div class="banner-actions">
        <button
          type="button"
          class="primary"
          disabled={update.isApplying.value}
          onClick={() => void update.apply()}
        >
          {t('update.apply')}
        </button>
        <button type="button" disabled={update.isApplying.value} onClick={() => update.dismiss()}>
          {t('update.later')}
        </button>
      </div>
    </section>
  );
}
