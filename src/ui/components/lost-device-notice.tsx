import { t } from '../../i18n/i18n';
import { useAppState } from '../../state/app-state';
import { formatMoment } from './sync-format';
import './sync-status.css';

/**
 * Scenario 34: the dossier database of this device disappeared. Says when the device last synced
 * and how many changes were waiting then, what to do (sign in again, import an exported file),
 * and stays until the person acknowledges it.
 */
export function LostDeviceNotice() {
  const { deviceLoss, sync } = useAppState();
  const lost = deviceLoss.lost.value;
  if (lost === null) return null;
  const signedOut = sync.enabled && sync.session.value === null;
  const oldest = formatMoment(lost.oldestPendingAt ?? lost.lastSyncAt ?? 0);
  return (
    <section
      class="banner sync-banner lost-device-notice"
      role="alert"
      aria-labelledby="lost-device-title"
      data-testid="lost-device-notice"
    >
      <h2 id="lost-device-title" class="sync-banner-title">
        {t('lostDevice.title')}
      </h2>
      <p>{t('lostDevice.what')}</p>
      <p class="sync-banner-age">
        {lost.lastSyncAt === null
          ? t('lostDevice.neverSynced')
          : t('lostDevice.lastSync', { when: formatMoment(lost.lastSyncAt) })}
      </p>
      <p>
        {lost.pendingCount === 0
          ? t('lostDevice.waitingNone')
          : t('lostDevice.waiting', { count: lost.pendingCount, when: oldest })}
      </p>
      <p>{t('lostDevice.todo')}</p>
      <ol>
        <li>{t('lostDevice.todoLogin')}</li>
        <li>{t('lostDevice.todoImport')}</li>
        <li>{t('lostDevice.todoCoordinator')}</li>
      </ol>
      <div class="banner-actions">
        {signedOut && (
          <a class="button primary" href="/login">
            {t('sync.login')}
          </a>
        )}
        <button type="button" onClick={() => void deviceLoss.acknowledge()}>
          {t('lostDevice.acknowledge')}
        </button>
      </div>
    </section>
  );
}
