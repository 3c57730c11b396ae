import { useLocation } from 'preact-iso';
import { isLocale, t } from '../../i18n/i18n';
import { useAppState } from '../../state/app-state';
import { Brand } from './brand';
import { SyncStatus } from './sync-status';

const NAV_ITEMS = [
  { href: '/dossiers', label: 'nav.dossiers', matches: ['/', '/dossiers'] },
  { href: '/settings', label: 'nav.settings', matches: ['/settings'] },
] as const;
/** Shown to coordinators and admins only (the server refuses the others anyway). */
const SUPERVISION_ITEM = {
  href: '/supervision',
  label: 'nav.supervision',
  matches: ['/supervision'],
} as const;
/** Shown to administrators only (the session's role). */
const ADMIN_ITEM = { href: '/admin', label: 'nav.admin', matches: ['/admin'] } as const;

export function AppHeader() {
  const state = useAppState();
  const { path } = useLocation();
  const online = state.isOnline.value;
  const items = [
    ...NAV_ITEMS,
    ...(state.isSupervisor.value ? [SUPERVISION_ITEM] : []),
    ...(state.isAdmin.value ? [ADMIN_ITEM] : []),
  ];
  return (
    <header class="app-header">
      <Brand />
      <nav aria-label={t('nav.label')}>
        <ul>
          {items.map((item) => (
            <li key={item.href}>
              <a
                href={item.href}
                aria-current={(item.matches as readonly string[]).includes(path) ? 'page' : undefined}
              >
                {t(item.label)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div class="header-tools">
        <SyncStatus />
        <p
          class={online ? 'connection online' : 'connection offline'}
          role="status"
          title={online ? t('status.onlineHint') : t('status.offlineHint')}
          data-testid="connection-status"
        >
          <span aria-hidden="true" class="dot" />
          {online ? t('status.online') : t('status.offline')}
        </p>
        <label class="lang-switch">
          <span>{t('lang.label')}</span>
          <select
            value={state.locale.value}
            onChange={(event) => {
              const next = event.currentTarget.value;
              if (isLocale(next)) void state.setLocale(next);
            }}
          >
            <option value="fr" lang="fr">
              {t('lang.fr')}
            </option>
            <option value="en" lang="en">
              {t('lang.en')}
            </option>
          </select>
        </label>
      </div>
    </header>
  );
}
