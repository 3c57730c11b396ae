import { t } from '../../i18n/i18n';
import { useAppState } from '../../state/app-state';
import { formatMoment } from './sync-format';
import './sync-status.css';

/**
 * The sync status area of the header: changes waiting, last success, a progress bar while a
 * long pull runs, a "sync now" button and the sign-in link. Always visible when sync is set up.
 */
export function SyncStatus() {
  const { sync } = useAppState();
  if (!sync.enabled) return null;
  const pending = sync.pendingCount.value;
  const session = sync.session.value;
  const last = sync.lastSuccessAt.value;
  const running = sync.inProgress.value;
  return (
    <section
      class="sync-status"
      aria-label={t('sync.status.label')}
      data-testid="sync-status"
      // Machine-readable state for tests and support: when the last sync succeeded (Unix ms).
      data-last-success={last ?? undefined}
      data-running={running ? 'true' : 'false'}
    >
      <p role="status" class="sync-status-text">
        <span class={pending > 0 ? 'sync-pending' : 'sync-clear'}>
          {pending === 0 ? t('sync.status.allSent') : t('sync.status.pending', { count: pending })}
        </span>{' '}
        <span class="sync-last">
          {running
            ? t('sync.status.running')
            : last === null
              ? t('sync.status.never')
              : t('sync.status.lastSuccess', { when: formatMoment(last) })}
        </span>
      </p>
      {sync.pullActive.value && (
        <div class="sync-progress">
          <label for="sync-progress-bar">
            {sync.pullProgress.value === null
              ? t('sync.status.pulling', { count: sync.pulledRows.value })
              : t('sync.status.pullingPercent', {
                  count: sync.pulledRows.value,
                  percent: Math.floor(sync.pullProgress.value * 100),
                })}
          </label>
          {sync.pullProgress.value === null ? (
            <progress id="sync-progress-bar" aria-label={t('sync.status.progressLabel')} />
          ) : (
            <progress
              id="sync-progress-bar"
              aria-label={t('sync.status.progressLabel')}
              max={1}
              value={sync.pullProgress.value}
            />
          )}
        </div>
      )}
      <div class="sync-actions">
        {session === null ? (
          <a href="/login">{t('sync.login')}</a>
        ) : (
          <>
            <a href="/login" class="sync-user">
              {t('sync.status.signedInAs', { name: session.user.displayName })}
            </a>
            <button type="button" disabled={running} onClick={() => void sync.syncNow()}>
              {t('sync.now')}
            </button>
          </>
        )}
      </div>
    </section>
  );
}
