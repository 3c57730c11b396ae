import { useEffect, useRef } from 'preact/hooks';
import { coordinationEn } from '../../../i18n/catalogues/coordination-en';
import { coordinationFr } from '../../../i18n/catalogues/coordination-fr';
import { provideLazyCatalogue, t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import { useAppState } from '../../../state/app-state';
import { coordinationModelFor } from '../../../state/coordination-model';
import { PageTitle } from '../../components/page-title';
import { CandidateQueue } from './candidate-queue';
import { MergeHistory } from './merge-history';
import { PairReview } from './pair-review';
import './coordination.css';

// The console's strings come with its chunk (ADR 0015), not with the app's first load.
provideLazyCatalogue({ fr: coordinationFr, en: coordinationEn });

/**
 * /coordination: the coordinator's console (issue 14). The queue of possible duplicates, the
 * review of one pair and its merge or "not a duplicate", and the merge history with its undo.
 * Online only, for coordinators and admins; others get a plain refusal.
 */
export function CoordinationPage() {
  const state = useAppState();
  const model = coordinationModelFor(state);
  const online = state.isOnline.value;
  const allowed = model.allowed.value;
  const queueHeading = useRef<HTMLHeadingElement>(null);

  // Load on arrival, and again when the connection comes back.
  useEffect(() => {
    if (allowed && online) {
      void model.loadQueue();
      void model.loadLog();
    }
  }, [allowed, online, model]);

  if (!allowed && !state.sync.sessionLoaded.value)
    return (
      <div class="coordination-page">
        <PageTitle>{t('coordination.title')}</PageTitle>
      </div>
    );
  if (!allowed) {
    const signedIn = state.sync.session.value !== null;
    return (
      <div class="coordination-page">
        <PageTitle>{t('coordination.title')}</PageTitle>
        <section class="card" aria-labelledby="coordination-refused">
          <h2 id="coordination-refused">{t('coordination.refused.title')}</h2>
          <p data-testid="coordination-refused">
            {signedIn ? t('coordination.refused.text') : t('coordination.refused.signIn')}
          </p>
          {!signedIn && <a href="/login">{t('coordination.refused.login')}</a>}
        </section>
      </div>
    );
  }

  const error = online ? model.queueError.value : 'offline';
  const loading = model.queueLoading.value || model.logLoading.value;
  const welcomePointName = state.sync.welcomePointName;
  // After a decision or closing the review, the focus goes back to the queue's heading.
  const backToQueue = () => queueHeading.current?.focus();
  const decided = model.lastMerge.value !== null || model.lastNotDuplicate.value !== null;

  return (
    <div class="coordination-page">
      <PageTitle>{t('coordination.title')}</PageTitle>
      <p>{t('coordination.intro')}</p>
      <div class="coordination-toolbar">
        <button
          type="button"
          onClick={() => {
            void model.loadQueue();
            void model.loadLog();
          }}
          disabled={loading || !online}
        >
          {t('coordination.refresh')}
        </button>
        <p role="status" class="coordination-live" data-testid="coordination-status">
          {loading ? t('coordination.loading') : ''}
          {!loading && model.lastMerge.value !== null ? t('coordination.merged') : ''}
          {!loading && model.lastNotDuplicate.value !== null ? t('coordination.notDuplicateDone') : ''}
        </p>
      </div>
      {error !== null && (
        <p class="notice" role="alert" data-testid="coordination-error">
          {t(`coordination.error.${error}` as MessageKey)}
        </p>
      )}
      <PairReview
        model={model}
        online={online}
        welcomePointName={welcomePointName}
        onClose={() => void model.closeReview().then(backToQueue)}
      />
      <DecisionFocus decided={decided} target={queueHeading} />
      <CandidateQueue
        model={model}
        online={online}
        welcomePoints={state.sync.welcomePoints.value}
        headingRef={queueHeading}
      />
      <MergeHistory model={model} online={online} welcomePointName={welcomePointName} />
    </div>
  );
}

/** When a merge or "not a duplicate" closes the review, the focus goes to the queue's heading. */
function DecisionFocus({ decided, target }: { decided: boolean; target: { current: HTMLElement | null } }) {
  useEffect(() => {
    if (decided) target.current?.focus();
  }, [decided, target]);
  return null;
}
