import { LocationProvider, Route, Router } from 'preact-iso';
import { t } from '../i18n/i18n';
import { type AppState, AppStateContext } from '../state/app-state';
import { AppHeader } from './components/app-header';
import { SyncBanner } from './components/sync-banner';
import { UpdateBanner } from './components/update-banner';
import { ConflictsPage } from './pages/conflicts/conflicts-page';
import { DossierPage } from './pages/dossier/dossier-page';
import { DossiersPage } from './pages/dossiers-page';
import { LoginPage } from './pages/login/login-page';
import { NewDossierPage } from './pages/new-dossier-page';
import { NotFoundPage } from './pages/not-found-page';
import { SettingsPage } from './pages/settings-page';

export const ROUTES = { home: '/', dossiers: '/dossiers', settings: '/settings' } as const;

export function App({ state }: { state: AppState }) {
  return (
    <AppStateContext.Provider value={state}>
      <LocationProvider>
        <a class="skip-link" href="#main">
          {t('app.skipToContent')}
        </a>
        <AppHeader />
        <UpdateBanner />
        <SyncBanner />
        <main id="main" tabIndex={-1}>
          <Router>
            <Route path={ROUTES.home} component={DossiersPage} />
            <Route path={ROUTES.dossiers} component={DossiersPage} />
            <Route path="/dossiers/new" component={NewDossierPage} />
            <Route path="/dossiers/:id/conflicts" component={ConflictsPage} />
            <Route path="/dossiers/:id/:tab?" component={DossierPage} />
            <Route path={ROUTES.settings} component={SettingsPage} />
            <Route path="/login" component={LoginPage} />
            <Route default component={NotFoundPage} />
          </Router>
        </main>
      </LocationProvider>
    </AppStateContext.Provider>
  );
}
