import { useEffect } from 'preact/hooks';
import { networkEn } from '../../../i18n/catalogues/network-en';
import { networkFr } from '../../../i18n/catalogues/network-fr';
import { provideLazyCatalogue, t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import { useAppState } from '../../../state/app-state';
import { type NetworkSection, networkModelFor } from '../../../state/network-model';
import { PageTitle } from '../../components/page-title';
import { PlanWorklist } from './plan-worklist';
import { ReportForm } from './report-form';
import { ReportView } from './report-view';
import './network.css';

// The page's strings come with its chunk (ADR 0015), not with the app's first load.
provideLazyCatalogue({ fr: networkFr, en: networkEn });

const SECTIONS: readonly NetworkSection[] = ['report', 'plans'];

/**
 * /network: the network's figures (issue 15, docs/reports-and-plans.md). The activity report of a
 * period and welcome points, with its charts and downloads, and the plans to follow across the
 * network. Online only, for coordinators and admins; others get a plain refusal.
 */
export function NetworkPage() {
  const state = useAppState();
  const model = networkModelFor(state);
  const online = state.isOnline.value;
  const allowed = model.allowed.value;
  const section = model.section.value;

  // The worklist loads when its tab is first shown, and again when the connection comes back.
  useEffect(() => {
    if (allowed && online && section === 'plans' && !model.plans.loaded.value) void model.plans.load();
  }, [allowed, online, section, model]);

  if (!allowed) {
    const known = state.sync.sessionLoaded.value;
    const signedIn = state.sync.session.value !== null;
    return (
      <div class="network-page">
        <PageTitle>{t('network.title')}</PageTitle>
        {known && (
          <section class="card" aria-labelledby="network-refused">
            <h2 id="network-refused">{t('network.refused.title')}</h2>
            <p data-testid="network-refused">
              {signedIn ? t('network.refused.text') : t('network.refused.signIn')}
            </p>
            {!signedIn && <a href="/login">{t('network.refused.login')}</a>}
          </section>
        )}
      </div>
    );
  }

  const report = model.report;
  const error = online ? (section === 'report' ? report.error.value : model.plans.error.value) : 'offline';
  const loading = section === 'report' ? report.loading.value : model.plans.loading.value;
  const select = (next: NetworkSection) => {
    model.section.value = next;
  };

  return (
    <div class="network-page">
      <PageTitle>{t('network.title')}</PageTitle>
      <p class="no-print">{t('network.intro')}</p>
      <div
        role="tablist"
        aria-label={t('network.sections')}
        class="network-sections no-print"
        onKeyDown={(event) => {
          if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
          event.preventDefault();
          const next = section === 'report' ? 'plans' : 'report';
          select(next);
          document.getElementById(`network-section-${next}`)?.focus();
        }}
      >
        {SECTIONS.map((s) => (
          <button
            key={s}
            type="button"
            role="tab"
            id={`network-section-${s}`}
            aria-selected={s === section}
            aria-controls={`network-panel-${s}`}
            tabIndex={s === section ? 0 : -1}
            onClick={() => select(s)}
          >
            {t(`network.section.${s}` as MessageKey)}
          </button>
        ))}
      </div>
      <p role="status" class="network-live" data-testid="network-status">
        {loading ? t('network.loading') : ''}
      </p>
      {error !== null && (
        <p class="notice" role="alert" data-testid="network-error">
          {t(`network.error.${error}` as MessageKey)}
        </p>
      )}
      {section === 'report' ? (
        <div id="network-panel-report" role="tabpanel" aria-labelledby="network-section-report">
          <ReportForm
            model={report}
            welcomePoints={state.sync.welcomePoints.value}
            today={state.workspace.today()}
            online={online}
          />
          <ReportView model={report} online={online} />
        </div>
      ) : (
        <div id="network-panel-plans" role="tabpanel" aria-labelledby="network-section-plans">
          <PlanWorklist
            model={model.plans}
            online={online}
            welcomePoints={state.sync.welcomePoints.value}
            welcomePointName={state.sync.welcomePointName}
            selfId={state.sync.session.value?.user.id ?? null}
          />
        </div>
      )}
    </div>
  );
}
