import { useEffect } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { isLocale, t } from '../../i18n/i18n';
import { useAppState } from '../../state/app-state';
import { Brand } from './brand';
import { useDisclosure, useMediaQuery } from './disclosure';
import { AccountLink, SignInLink, SyncStatus } from './sync-status';
import './app-header.css';

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
/** The coordinator's console (duplicates and merges): coordinators and admins, like Supervision. */
const COORDINATION_ITEM = {
  href: '/coordination',
  label: 'nav.coordination',
  matches: ['/coordination'],
} as const;
/** Budget workshops (WS1): every signed-in role records them, volunteer to admin. */
const WORKSHOPS_ITEM = { href: '/workshops', label: 'nav.workshops', matches: ['/workshops'] } as const;
/** The counsellor's plans (PLAN8): counsellors, coordinators and admins. */
const PLANS_ITEM = { href: '/plans', label: 'nav.plans', matches: ['/plans'] } as const;
/** Shown to administrators only (the session's role). */
const ADMIN_ITEM = { href: '/admin', label: 'nav.admin', matches: ['/admin'] } as const;

/**
 * From this width the navigation fits in the header's one row (a 10-inch tablet in landscape);
 * below it (a phone, a tablet in portrait) it goes into the menu with who is signed in. Where
 * matchMedia is missing (component tests) the wide layout is used.
 */
export const WIDE_HEADER_QUERY = '(min-width: 1200px)';

/**
 * The header, in one row: the name, the navigation (in the menu on narrow screens), the sync
 * status, and a menu with the secondary items (who is signed in, the language).
 */
export function AppHeader() {
  const wide = useMediaQuery(WIDE_HEADER_QUERY, true);
  return (
    <header class={wide ? 'app-header wide' : 'app-header narrow'}>
      <Brand />
      {wide && <MainNav />}
      <SyncStatus withAccount={wide} />
      {wide && <SignInLink />}
      <HeaderMenu>
        {!wide && <MainNav />}
        {!wide && <AccountLink compact={false} />}
        <LanguageSwitch />
      </HeaderMenu>
      {/* Narrow and signed out: a row of its own under the name, the status and the menu. */}
      {!wide && <SignInLink />}
    </header>
  );
}

function MainNav() {
  const state = useAppState();
  const { path } = useLocation();
  const followsPlans = state.followsPlans.value;
  const items = [
    // Dossiers, then Ateliers (signed in: a session belongs to one of the person's welcome points).
    ...NAV_ITEMS.slice(0, 1),
    ...(state.sync.session.value !== null ? [WORKSHOPS_ITEM] : []),
    ...(followsPlans ? [PLANS_ITEM] : []),
    ...NAV_ITEMS.slice(1),
    ...(state.isSupervisor.value ? [SUPERVISION_ITEM, COORDINATION_ITEM] : []),
    ...(state.isAdmin.value ? [ADMIN_ITEM] : []),
  ];
  return (
    <nav aria-label={t('nav.label')} class="main-nav">
      <ul>
        {items.map((item) => (
          <li key={item.href}>
            <a
              href={item.href}
              aria-current={(item.matches as readonly string[]).includes(path) ? 'page' : undefined}
            >
              {t(item.label)}
              {item.href === PLANS_ITEM.href && <PlansBadge />}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * How many of my plans need me (to act on, or a reminder due): started with the nav entry, so
 * the plans are read on the device while the header shows it.
 */
function PlansBadge() {
  const { plans } = useAppState();
  useEffect(() => plans.start(), [plans]);
  const count = plans.attentionCount.value;
  if (count === 0) return null;
  return (
    <span class="nav-badge">
      <span aria-hidden="true">{count}</span>
      <span class="visually-hidden">{` (${t('nav.plansAttention', { count })})`}</span>
    </span>
  );
}

/** A disclosure: "Menu" opens the panel below it; Escape closes it and the focus goes back. */
function HeaderMenu({ children }: { children: preact.ComponentChildren }) {
  const menu = useDisclosure();
  return (
    <div class="header-menu" ref={menu.root}>
      <button
        type="button"
        ref={menu.button}
        class="header-menu-button"
        aria-expanded={menu.open}
        aria-controls="header-menu-panel"
        onClick={menu.toggle}
      >
        <svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="22" height="22">
          <path stroke="currentColor" stroke-width="2.5" stroke-linecap="round" d="M4 6h16M4 12h16M4 18h16" />
        </svg>
        <span>{t('menu.label')}</span>
      </button>
      <div id="header-menu-panel" class="header-menu-panel" hidden={!menu.open}>
        {children}
      </div>
    </div>
  );
}

function LanguageSwitch() {
  const state = useAppState();
  return (
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
  );
}
