import { t } from '../../i18n/i18n';
import { useAppState } from '../../state/app-state';
import { formatAge } from './sync-format';
import './sync-status.css';

/**
 * The failure banner: shown when changes wait and the last run failed (or nobody is signed in),
 * with the age of the oldest unsynced change, what went wrong, and what to do.
 */
export function SyncBanner() {
  const { sync } = useAppState();
  if (!sync.enabled) return null;
  const pending = sync.pendingCount.value;
  const error = sync.lastError.value;
  const signedOut = sync.session.value === null;
  // AUTH6b: changes to a dossier that moved to another welcome point are kept by the server for
  // a coordinator, and the dossier leaves this device (PULL10): they get their own words.
  const leftScope = sync.quarantined.value.filter((q) => q.reason === 'left-scope').length;
  // RIGHT13: changes to a dossier erased at the person's request are dropped: said plainly.
  const erased = sync.quarantined.value.filter((q) => q.reason === 'erased-household').length;
  const quarantined = sync.quarantined.value.length - leftScope - erased;
  const notices = quarantined + leftScope + erased;
  if (pending === 0 && notices === 0) return null;
  if (pending > 0 && error === null && !signedOut && notices === 0) return null;
  const age = formatAge(sync.oldestPendingAgeMs.value ?? 0);
  return (
    <section class="banner sync-banner" role="alert" data-testid="sync-banner">
      {pending > 0 && (error !== null || signedOut) && (
        <>
          <h2 class="sync-banner-title">{t('sync.banner.title')}</h2>
          <p class="sync-banner-age">
            {t('sync.banner.waiting', { count: pending, age })} {t('sync.banner.safe')}
          </p>
          <p>
            {signedOut && error === null
              ? t('sync.banner.loginNeeded')
              : t(`sync.error.${error ?? 'not-logged-in'}`)}
          </p>
          <div class="banner-actions">
            {signedOut || error === 'unauthorized' ? (
              <a class="button primary" href="/login">
                {t('sync.login')}
              </a>
            ) : (
              <button type="button" class="primary" onClick={() => void sync.syncNow()}>
                {t('sync.banner.retry')}
              </button>
            )}
          </div>
        </>
      )}
      {quarantined > 0 && <p>{t('sync.quarantine', { count: quarantined })}</p>}
      {leftScope > 0 && <p>{t('sync.quarantine.leftScope', { count: leftScope })}</p>}
      {erased > 0 && <p>{t('sync.quarantine.erased', { count: erased })}</p>}
    </section>
  );
}
