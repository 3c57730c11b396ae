import { useEffect, useRef } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import type { Dossier } from '../../../domain/dossier/dossier';
import { t } from '../../../i18n/i18n';
import { useAppState } from '../../../state/app-state';
import type { DossierModel } from '../../../state/workspace/dossier-model';
import {
  dismissMergeNotice,
  followMerge,
  mergeNoticeFor,
  openDossier,
} from '../../../state/workspace/dossier-registry';
import { PageTitle } from '../../components/page-title';
import { SyncConflictBadge } from '../../components/sync-conflict-badge';
import { DocumentsTab } from '../documents/documents-tab';
import { BudgetTab } from './budget-tab';
import { DebtsTab } from './debts-tab';
import { DOSSIER_TABS, type DossierTab, dossierPath, isDossierTab, TAB_LABELS } from './dossier-tabs';
import { FollowupTab } from './followup-tab';
import { IntakeTab } from './intake-tab';
import { ScenariosTab } from './scenarios-tab';

export interface DossierTabProps {
  model: DossierModel;
  dossier: Dossier;
}

const TAB_COMPONENTS: Record<DossierTab, (props: DossierTabProps) => preact.JSX.Element> = {
  intake: IntakeTab,
  budget: BudgetTab,
  debts: DebtsTab,
  scenarios: ScenariosTab,
  documents: DocumentsTab,
  followup: FollowupTab,
};

/** The applicant's name as typed at intake, for titles. */
export function householdName(dossier: Dossier): string {
  const applicant =
    dossier.members.find((m) => m.role === 'applicant' && !m.deleted) ??
    dossier.members.find((m) => !m.deleted);
  if (!applicant) return t('dossier.unnamed');
  return [applicant.firstName, applicant.lastName].filter(Boolean).join(' ') || t('dossier.unnamed');
}

/** One dossier: its name and track, tabs for its parts, the chosen part. */
export function DossierPage() {
  const { params } = useRoute();
  const householdId = params.id ?? '';
  const tab: DossierTab = isDossierTab(params.tab) ? params.tab : 'intake';
  const { workspace } = useAppState();
  const model = openDossier(workspace, householdId);
  useEffect(() => model.start(), [model]);
  const { route } = useLocation();
  const load = model.load.value;
  // MERGE8: a dossier a coordinator merged (open when the pull learnt it, or a link to its old
  // address) moves to the survivor, replacing this address in the history, with a notice there.
  const survivorId = load.kind === 'merged' ? load.survivorId : undefined;
  useEffect(() => {
    if (survivorId === undefined) return;
    followMerge(workspace, householdId, survivorId);
    route(dossierPath(survivorId, tab), true);
  }, [survivorId, householdId, tab, workspace, route]);
  useEffect(() => dismissMergeNotice(workspace, householdId), [workspace, householdId]);
  const mergeNotice = mergeNoticeFor(workspace, householdId);
  const tabList = useRef<HTMLUListElement>(null);
  const ready = model.load.value.kind === 'ready';
  // On a phone the tab row scrolls sideways: bring the current tab into it (sideways only, so
  // the page itself does not jump).
  useEffect(() => {
    const list = tabList.current;
    const current = list?.querySelector<HTMLElement>('[aria-current="page"]');
    if (!list || !current) return;
    const left = current.offsetLeft - list.offsetLeft;
    if (left < list.scrollLeft || left + current.offsetWidth > list.scrollLeft + list.clientWidth) {
      list.scrollLeft = Math.max(0, left - (list.clientWidth - current.offsetWidth) / 2);
    }
  }, [tab, ready]);
  // Tabs hidden on either side are hinted at by a fade on that side (styles.css, .tabs).
  useEffect(() => {
    const list = tabList.current;
    const nav = list?.parentElement;
    if (!list || !nav) return;
    const mark = () => {
      nav.toggleAttribute('data-more-before', list.scrollLeft > 1);
      nav.toggleAttribute('data-more-after', list.scrollLeft + list.clientWidth < list.scrollWidth - 1);
    };
    mark();
    list.addEventListener('scroll', mark, { passive: true });
    window.addEventListener('resize', mark);
    return () => {
      list.removeEventListener('scroll', mark);
      window.removeEventListener('resize', mark);
    };
  }, [ready]);

  if (model.error.value) {
    return (
      <section class="page">
        <PageTitle>{t('dossier.tab.intake')}</PageTitle>
        <p class="error" role="alert">
          {t('dossier.loadFailed', { reason: String(model.error.value) })}
        </p>
      </section>
    );
  }
  if (load.kind !== 'ready') {
    return (
      <section class="page">
        <p role="status">
          {load.kind === 'loading'
            ? t('dossier.loading')
            : load.kind === 'merged'
              ? t('dossier.merged.moving')
              : t('dossier.missing')}
        </p>
      </section>
    );
  }
  const { dossier } = load;
  const Tab = TAB_COMPONENTS[tab];
  const track = dossier.household.track;
  return (
    <section class="page dossier">
      <PageTitle documentTitle={t('dossier.documentTitle', { tab: t(TAB_LABELS[tab]) })}>
        {`${householdName(dossier)} · ${t(TAB_LABELS[tab])}`}
      </PageTitle>
      <p class="dossier-track">
        {track ? t(`dossier.track.${track}`) : t('dossier.track.undecided')} ·{' '}
        {t(`dossier.status.${dossier.household.status}`)}
        {dossier.household.reference ? ` · ${dossier.household.reference}` : ''}
      </p>
      {mergeNotice && (
        <p class="notice" role="status" data-testid="merge-notice">
          {t('dossier.merged.notice')}
        </p>
      )}
      <SyncConflictBadge householdId={householdId} />
      <nav aria-label={t('dossier.tabs.label')} class="tabs">
        <ul ref={tabList}>
          {DOSSIER_TABS.map((name) => (
            <li key={name}>
              <a href={dossierPath(householdId, name)} aria-current={name === tab ? 'page' : undefined}>
                {t(TAB_LABELS[name])}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <Tab model={model} dossier={dossier} />
    </section>
  );
}
