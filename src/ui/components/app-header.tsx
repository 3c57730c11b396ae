import { useEffect } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { isLocale, t } from '../../i18n/i18n';
import type { AppMessageKey } from '../../i18n/messages-fr';
import { useAppState } from '../../state/app-state';
import { Brand } from './brand';
import { useDisclosure, useMediaQuery } from './disclosure';
import { AccountLink, SignInLink, SyncStatus } from './sync-status';
import './app-header.css';

interface NavItem {
  href: string;
  label: AppMessageKey;
  matches: readonly string[];
}

const NAV_ITEMS: readonly NavItem[] = [
  { href: '/dossiers', label: 'nav.dossiers', matches: ['/', '/dossiers'] },
  { href: '/settings', label: 'nav.settings', matches: ['/settings'] },
];
/**
 * The coordinators' screens (coordinators and admins; the server refuses the others anyway):
 * Supervision, the duplicates console and the network's figures. In the wide row they sit
 * behind one "Coordination" entry, so that an admin's entries still fit on one row at 1280 px
 * (a 10-inch tablet in landscape); in the menu of a narrow screen they are listed like the others.
 */
const COORDINATION_ITEMS: readonly NavItem[] = [
  { href: '/supervision', label: 'nav.supervision', matches: ['/supervision'] },
  { href: '/coordination', label: 'nav.coordination', matches: ['/coordination'] },
  { href: '/network', label: 'nav.network', matches: ['/network'] },
];
/** Budget workshops (WS1): every signed-in role records them, volunteer to admin. */
const WORKSHOPS_ITEM: NavItem = { href: '/workshops', label: 'nav.workshops', matches: ['/workshops'] };
/** The counsellor's plans (PLAN8): counsellors, coordinators and admins. */
const PLANS_ITEM: NavItem = { href: '/plans', label: 'nav.plans', matches: ['/plans'] };
/** Shown to administrators only (the session's role). */
const ADMIN_ITEM: NavItem = { href: '/admin', label: 'nav.admin', matches: ['/admin'] };

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
  // A coordinator's or an admin's row holds more entries: app-header.css makes room for them.
  const crowded = useAppState().isSupervisor.value;
  return (
    <header class={`app-header ${wide ? 'wide' : 'narrow'}${crowded ? ' crowded' : ''}`}>
      <Brand />
      {wide && <MainNav grouped />}
      <SyncStatus withAccount={wide} />
      {wide && <SignInLink />}
      {wide && <LockButton compact />}
      <HeaderMenu>
        {!wide && <MainNav grouped={false} />}
        {!wide && <AccountLink compact={false} />}
        {!wide && <LockButton compact={false} />}
        <LanguageSwitch />
      </HeaderMenu>
      {/* Narrow and signed out: a row of its own under the name, the status and the menu. */}
      {!wide && <SignInLink />}
    </header>
  );
}

function NavLink({ item, path }: { item: NavItem; path: string }) {
  return (
    <a href={item.href} aria-current={item.matches.includes(path) ? 'page' : undefined}>
      {t(item.label)}
      {item.href === PLANS_ITEM.href && <PlansBadge />}
    </a>
  );
}

/** @param grouped - the coordinators' entries behind one disclosure (the wide row) */
function MainNav({ grouped }: { grouped: boolean }) {
  const state = useAppState();
  const { path } = useLocation();
  const supervisor = state.isSupervisor.value;
  const followsPlans = state.followsPlans.value;
  // Dossiers, then Ateliers (signed in: a session belongs to one of the person's welcome points).
  const before = [
    ...NAV_ITEMS.slice(0, 1),
    ...(state.sync.session.value !== null ? [WORKSHOPS_ITEM] : []),
    ...(followsPlans ? [PLANS_ITEM] : []),
    ...NAV_ITEMS.slice(1),
  ];
  const after = state.isAdmin.value ? [ADMIN_ITEM] : [];
  const flat = [...before, ...(supervisor && !grouped ? COORDINATION_ITEMS : []), ...after];
  return (
    <nav aria-label={t('nav.label')} class="main-nav">
      <ul>
        {(grouped ? before : flat).map((item) => (
          <li key={item.href}>
            <NavLink item={item} path={path} />
          </li>
        ))}
        {grouped && supervisor && <NavGroup items={COORDINATION_ITEMS} path={path} />}
        {grouped &&
          after.map((item) => (
            <li key={item.href}>
              <NavLink item={item} path={path} />
            </li>
          ))}
      </ul>
    </nav>
  );
}

/**
 * Several entries behind one button (a disclosure, like the menu): the button says which page
 * of the group is open, if any; Escape, a click outside or leaving the page closes it.
 */
function NavGroup({ items, path }: { items: readonly NavItem[]; path: string }) {
  const group = useDisclosure<HTMLLIElement>();
  const current = items.find((item) => item.matches.includes(path));
  return (
    <li class="nav-group" ref={group.root}>
      <button
        type="button"
        ref={group.button}
        class={current === undefined ? 'nav-group-button' : 'nav-group-button current'}
        aria-expanded={group.open}
        aria-controls="nav-group-coordination"
        onClick={group.toggle}
      >
        {t('nav.coordinationGroup')}
        {current !== undefined && <span class="visually-hidden"> ({t(current.label)})</span>}
        <svg aria-hidden="true" focusable="false" viewBox="0 0 12 12" width="12" height="12">
          <path d="M2 4l4 4 4-4" stroke="currentColor" stroke-width="2" fill="none" />
        </svg>
      </button>
      <ul id="nav-group-coordination" class="nav-group-panel" hidden={!group.open}>
        {items.map((item) => (
          <li key={item.href}>
            <NavLink item={item} path={path} />
          </li>
        ))}
      </ul>
    </li>
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

/**
 * LOCK11: "Verrouiller", while the app is unlocked. In the wide row a padlock (its accessible name
 * stays "Verrouiller") keeps an admin's entries on one row at 1280 px; in the menu, the word.
 */
function LockButton({ compact }: { compact: boolean }) {
  const { lock } = useAppState();
  if (lock === undefined || lock.state.value.kind !== 'unlocked') return null;
  return (
    <button
      type="button"
      class={compact ? 'lock-button compact' : 'lock-button'}
      title={compact ? t('lock.button') : undefined}
      onClick={() => void lock.lock()}
    >
      <svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="20" height="20">
        <rect
          x="5"
          y="11"
          width="14"
          height="10"
          rx="2"
          fill="none"
          stroke="currentColor"
          stroke-width="2.5"
        />
        <path d="M8 11V8a4 4 0 0 1 8 0v3" fill="none" stroke="currentColor" stroke-width="2.5" />
      </svg>
      <span class={compact ? 'visually-hidden' : undefined}>{t('lock.button')}</span>
    </button>
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
