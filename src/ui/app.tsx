import { LocationProvider, Route, Router } from 'preact-iso';
import { t } from '../i18n/i18n';
import { type AppState, AppStateContext } from '../state/app-state';
import { AppHeader } from './components/app-header';
import { LostDeviceNotice } from './components/lost-device-notice';
import { SyncBanner } from './components/sync-banner';
import { UpdateBanner } from './components/update-banner';
import { WipedScreen } from './components/wiped-screen';
import { lazyWithWords } from './lazy-page';
import { DossiersPage } from './pages/dossiers-page';
import { LockGate } from './pages/lock/lock-gate';
import { NotFoundPage } from './pages/not-found-page';

// The first screen (the dossier list) ships in the initial JavaScript; every other page is its
// own chunk, loaded on first visit (and precached by the service worker, so offline too).
const DossierPage = lazyWithWords(() => import('./pages/dossier/dossier-page'), 'DossierPage');
const NewDossierPage = lazyWithWords(() => import('./pages/new-dossier-page'), 'NewDossierPage');
const ConflictsPage = lazyWithWords(() => import('./pages/conflicts/conflicts-page'), 'ConflictsPage');
const SettingsPage = lazyWithWords(() => import('./pages/settings-page'), 'SettingsPage');
const AdminPage = lazyWithWords(() => import('./pages/admin/admin-page'), 'AdminPage');
const LoginPage = lazyWithWords(() => import('./pages/login/login-page'), 'LoginPage');
const SupervisionPage = lazyWithWords(
  () => import('./pages/supervision/supervision-page'),
  'SupervisionPage',
);

const WorkshopsPage = lazyWithWords(() => import('./pages/workshops/workshops-page'), 'WorkshopsPage');

const CoordinationPage = lazyWithWords(
  () => import('./pages/coordination/coordination-page'),
  'CoordinationPage',
);

const PlansPage = lazyWithWords(() => import('./pages/plans/plans-page'), 'PlansPage');
const NetworkPage = lazyWithWords(() => import('./pages/network/network-page'), 'NetworkPage');

export const ROUTES = { home: '/', dossiers: '/dossiers', settings: '/settings' } as const;

export function App({ state }: { state: AppState }) {
  return (
    <AppStateContext.Provider value={state}>
      <LocationProvider>
        <LockGate>
          <a class="skip-link" href="#main">
            {t('app.skipToContent')}
          </a>
          <AppHeader />
          <UpdateBanner />
          <LostDeviceNotice />
          <SyncBanner />
          <main id="main" tabIndex={-1}>
            {(state.wipedNotice?.value ?? null) !== null ? (
              <WipedScreen />
            ) : (
              <Router>
                <Route path={ROUTES.home} component={DossiersPage} />
                <Route path={ROUTES.dossiers} component={DossiersPage} />
                <Route path="/dossiers/new" component={NewDossierPage} />
                <Route path="/dossiers/:id/conflicts" component={ConflictsPage} />
                <Route path="/dossiers/:id/:tab?" component={DossierPage} />
                <Route path={ROUTES.settings} component={SettingsPage} />
                <Route path="/login" component={LoginPage} />
                <Route path="/admin" component={AdminPage} />
                <Route path="/supervision" component={SupervisionPage} />
                <Route path="/coordination" component={CoordinationPage} />
                <Route path="/network" component={NetworkPage} />
                <Route path="/workshops" component={WorkshopsPage} />
                <Route path="/plans" component={PlansPage} />
                <Route default component={NotFoundPage} />
              </Router>
            )}
          </main>
        </LockGate>
      </LocationProvider>
    </AppStateContext.Provider>
  );
}
