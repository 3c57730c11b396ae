/**
 * /admin: the Administration screen (admin role). Five sections, Lieux d'accueil,
 * Utilisateurs, Paramètres légaux, Plans : seuils and Journal des accès, over the server's /api/admin. Online only: offline, it says so and keeps what
 * was typed. Anyone else reaching the address gets a plain "for administrators only" page.
 * A lazy chunk: its code and its strings load on first visit.
 */
import { useEffect } from 'preact/hooks';
import { adminEn } from '../../../i18n/catalogues/admin-en';
import { adminFr } from '../../../i18n/catalogues/admin-fr';
import { provideLazyCatalogue, t } from '../../../i18n/i18n';
import { accessLogModelFor } from '../../../state/access-log-model';
import { type AdminModel, adminModelFor } from '../../../state/admin-model';
import { useAppState } from '../../../state/app-state';
import { legalParametersAdminModelFor } from '../../../state/legal-parameters-admin-model';
import { planThresholdsModelFor } from '../../../state/plan-thresholds-model';
import { retentionModelFor } from '../../../state/retention-model';
import { PageTitle } from '../../components/page-title';
import { AccessLogSection } from './access-log-section';
import { failureMessage } from './admin-shared';
import { LegalParametersSection } from './legal-parameters-section';
import { PlanThresholdsSection } from './plan-thresholds-section';
import { RetentionSection } from './retention-section';
import { UsersSection } from './users-section';
import { WelcomePointsSection } from './welcome-points-section';
import './admin-page.css';

provideLazyCatalogue({ fr: adminFr, en: adminEn });

function Refused({ signedIn }: { signedIn: boolean }) {
  return (
    <div class="admin-page">
      <PageTitle>{t('admin.refused.title')}</PageTitle>
      <p class="notice">{t('admin.refused.body')}</p>
      <p>
        {signedIn ? (
          <a href="/dossiers">{t('admin.refused.back')}</a>
        ) : (
          <a href="/login">{t('admin.refused.signIn')}</a>
        )}
      </p>
    </div>
  );
}

function AdminScreen({ admin, selfId }: { admin: AdminModel; selfId: string | null }) {
  const state = useAppState();
  const { isOnline } = state;
  const load = admin.actions.load;
  const loadError = load.error.value;

  const online = isOnline.value;
  // On opening, and again when the connection comes back while the lists are still missing.
  useEffect(() => {
    if (!admin.loaded.value) void admin.load();
  }, [admin, online]);

  return (
    <div class="admin-page">
      <PageTitle>{t('admin.title')}</PageTitle>
      <p>{t('admin.intro')}</p>
      {!online && (
        <p class="notice" role="status" data-testid="admin-offline">
          {t('admin.offline')}
        </p>
      )}
      {loadError !== null && (
        <div role="alert" class="notice">
          <p>{t('admin.loadFailed', { reason: failureMessage(loadError.kind) })}</p>
        </div>
      )}
      {!admin.loaded.value && load.pending.value !== null && <p role="status">{t('admin.loading')}</p>}
      {(loadError !== null || admin.loaded.value) && (
        <p>
          <button type="button" disabled={load.pending.value !== null} onClick={() => void admin.load()}>
            {t('admin.reload')}
          </button>
        </p>
      )}
      {admin.loaded.value && (
        <>
          <WelcomePointsSection admin={admin} />
          <UsersSection admin={admin} selfId={selfId} />
          <LegalParametersSection model={legalParametersAdminModelFor(state)} />
          <PlanThresholdsSection model={planThresholdsModelFor(state)} online={online} />
          <AccessLogSection model={accessLogModelFor(state)} users={admin.users.value} online={online} />
          <RetentionSection model={retentionModelFor(state)} online={online} />
        </>
      )}
    </div>
  );
}

export function AdminPage() {
  const state = useAppState();
  const session = state.sync.session.value;
  // Before the saved session is read (the first paint), nobody is refused yet: the title only.
  if (!state.sync.sessionLoaded.value)
    return (
      <div class="admin-page">
        <PageTitle>{t('admin.title')}</PageTitle>
      </div>
    );
  if (!state.isAdmin.value) return <Refused signedIn={session !== null} />;
  return <AdminScreen admin={adminModelFor(state)} selfId={session?.user.id ?? null} />;
}
