import { LocationProvider, lazy, Route, Router } from 'preact-iso';
import { t } from '../i18n/i18n';
import { type AppState, AppStateContext } from '../state/app-state';
import { AppHeader } from './components/app-header';
import { LostDeviceNotice } from './components/lost-device-notice';
import { SyncBanner } from './components/sync-banner';
import { UpdateBanner } from './components/update-banner';
import { WipedScreen } from './components/wiped-screen';
import { withWords } from './lazy-page';
import { DossiersPage } from './pages/dossiers-page';
import { LockGate } from './pages/lock/lock-gate';
import { NotFoundPage } from './pages/not-found-page';

// The first screen (the dossier list) ships in the initial JavaScript; every other page is its
// own chunk, loaded on first visit (and precached by the service worker, so offline too).
const DossierPage = lazy(() => withWords(import('./pages/dossier/dossier-page')).then((m) => m.DossierPage));
const NewDossierPage = lazy(() =>
  withWords(import('./pages/new-dossier-page')).then((m) => m.NewDossierPage),
);
const ConflictsPage = lazy(() =>
  withWords(import('./pages/conflicts/conflicts-page')).then((m) => m.ConflictsPage),
);
const SettingsPage = lazy(() => withWords(import('./pages/settings-page')).then((m) => m.SettingsPage));
const AdminPage = lazy(() => withWords(import('./pages/admin/admin-page')).then((m) => m.AdminPage));
const LoginPage = lazy(() => withWords(import('./pages/login/login-page')).then((m) => m.LoginPage));
const SupervisionPage = lazy(() =>
  withWords(import('./pages/supervision/supervision-page')).then((m) => m.SupervisionPage),
);

const WorkshopsPage = lazy(() =>
  withWords(import('./pages/workshops/workshops-page')).then((m) => m.WorkshopsPage),
);

const CoordinationPage = lazy(() =>
  withWords(import('./pages/coordination/coordination-page')).then((m) => m.CoordinationPage),
);

const PlansPage = lazy(() => withWords(import('./pages/plans/plans-page')).then((m) => m.PlansPage));
const NetworkPage = lazy(() => withWords(import('./pages/network/network-page')).then((m) => m.NetworkPage));

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
