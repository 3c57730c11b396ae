import { t } from '../../i18n/i18n';
import { useAppState } from '../../state/app-state';
import { useDisclosure } from './disclosure';
import { formatMoment } from './sync-format';
import './sync-status.css';

const HINTS = {
  online: 'status.onlineHint',
  unreachable: 'status.unreachableHint',
  offline: 'status.offlineHint',
} as const;

/**
 * The status area of the header: a pill that says whether the last request reached the sync
 * server (`state.connection`, not `navigator.onLine` alone) and how many changes wait; a tap on
 * it shows the details (the same text is a live region, announced also while closed); a "sync
 * now" button; and, when `withAccount`, who is signed in (on narrow screens that link is in the
 * header's menu).
 */
export function SyncStatus({ withAccount }: { withAccount: boolean }) {
  const state = useAppState();
  const { sync } = state;
  const details = useDisclosure();
  const connection = state.connection.value;
  const pending = sync.pendingCount.value;
  const session = sync.session.value;
  const last = sync.lastSuccessAt.value;
  const running = sync.inProgress.value;
  const pendingText = pending === 0 ? t('sync.status.allSent') : t('sync.status.pending', { count: pending });
  return (
    <section
      class="sync-status"
      aria-label={t('sync.status.label')}
      data-testid={sync.enabled ? 'sync-status' : undefined}
      // Machine-readable state for tests and support: when the last sync succeeded (Unix ms).
      data-last-success={last ?? undefined}
      data-running={running ? 'true' : 'false'}
      data-connection={connection}
    >
      <div class="sync-pill-area" ref={details.root}>
        <button
          type="button"
          ref={details.button}
          class={`connection ${connection}`}
          aria-expanded={details.open}
          aria-controls="sync-details"
          data-testid="connection-status"
          onClick={details.toggle}
        >
          <span aria-hidden="true" class="dot" />
          <span class="connection-label">{t(`status.${connection}`)}</span>
          {sync.enabled && pending > 0 && (
            <>
              <span aria-hidden="true" class="pending-badge">
                {pending}
              </span>
              <span class="visually-hidden">{`, ${pendingText}`}</span>
            </>
          )}
        </button>
        <div id="sync-details" class={details.open ? 'sync-details open' : 'sync-details'}>
          {/* One live region: a change of connection or of the changes waiting is announced. */}
          <div role="status" class="sync-status-text">
            <p class="connection-hint">
              <strong>{t(`status.${connection}`)}</strong> · {t(HINTS[connection])}
            </p>
            {sync.enabled && (
              <p>
                <span class={pending > 0 ? 'sync-pending' : 'sync-clear'}>{pendingText}</span>{' '}
                <span class="sync-last">
                  {running
                    ? t('sync.status.running')
                    : last === null
                      ? t('sync.status.never')
                      : t('sync.status.lastSuccess', { when: formatMoment(last) })}
                </span>
              </p>
            )}
          </div>
          {sync.pullActive.value && <PullProgress />}
        </div>
      </div>
      {sync.enabled && session !== null && (
        <>
          <button
            type="button"
            class="sync-now"
            aria-label={t('sync.now')}
            title={t('sync.now')}
            disabled={running}
            onClick={() => void sync.syncNow()}
          >
            <SyncIcon />
          </button>
          {withAccount && <AccountLink compact />}
        </>
      )}
    </section>
  );
}

/**
 * Signed out: the way in, in plain sight. On a server without any account yet it is the first
 * start (creating the first admin), which the login page then shows.
 */
export function SignInLink() {
  const { sync } = useAppState();
  if (!sync.enabled || !sync.sessionLoaded.value || sync.session.value !== null) return null;
  return (
    <a href="/login" class="header-signin">
      {sync.firstStartNeeded.value ? t('sync.firstStart') : t('sync.login')}
    </a>
  );
}

/**
 * Who is signed in; it opens the login page (sign out, change of user). In the header's row the
 * words before the name are for screen readers only (the icon says it), to keep one row.
 */
export function AccountLink({ compact }: { compact: boolean }) {
  const { sync } = useAppState();
  const session = sync.session.value;
  if (session === null) return null;
  const name = session.user.displayName;
  const full = t('sync.status.signedInAs', { name });
  const prefix = full.endsWith(name) ? full.slice(0, full.length - name.length) : '';
  return (
    <a href="/login" class="account-link" title={full}>
      {compact && prefix !== '' ? (
        <>
          <PersonIcon />
          <span class="visually-hidden">{prefix}</span>
          <span class="account-name">{name}</span>
        </>
      ) : (
        full
      )}
    </a>
  );
}

function PersonIcon() {
  return (
    <svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="22" height="22">
      <circle cx="12" cy="8" r="4" fill="currentColor" />
      <path fill="currentColor" d="M4 21a8 8 0 0 1 16 0z" />
    </svg>
  );
}

function PullProgress() {
  const { sync } = useAppState();
  return (
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
  );
}

/** Two circling arrows: "sync now". Decorative: the button carries the words. */
function SyncIcon() {
  return (
    <svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="24" height="24">
      <path
        fill="none"
        stroke="currentColor"
        stroke-width="2.5"
        stroke-linecap="round"
        d="M20 12a8 8 0 0 1-14.3 4.9M4 12a8 8 0 0 1 14.3-4.9"
      />
      <path fill="currentColor" d="M19.5 2.5v6.5H13zM4.5 21.5V15H11z" />
    </svg>
  );
}
