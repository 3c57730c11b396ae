import { formatDate, t } from '../../../i18n/i18n';
import { useAppState } from '../../../state/app-state';
import type { WorkspaceModel } from '../../../state/workspace/workspace-model';
import { SyncConflictBadge } from '../../components/sync-conflict-badge';

type Summary = NonNullable<WorkspaceModel['list']['results']['value']>[number];

function localIsoDate(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function appointmentText(next: string | undefined): string {
  if (!next) return t('dossiers.noAppointment');
  const [date = '', time = ''] = next.split('T');
  return time ? t('dossiers.appointmentAt', { date: formatDate(date), time }) : formatDate(date);
}

/** One card per dossier, most recent activity first; the name opens the dossier. */
export function DossierList({ summaries }: { summaries: readonly Summary[] }) {
  const { sync } = useAppState();
  return (
    <ul class="dossier-list" data-testid="dossier-list">
      {summaries.map((summary) => {
        const household = summary.household;
        const name = summary.displayName || t('dossier.unnamed');
        return (
          <li key={summary.householdId} class="dossier-row">
            <a class="dossier-link" href={`/dossiers/${summary.householdId}/intake`}>
              {name}
            </a>
            <SyncConflictBadge householdId={summary.householdId} />
            <dl class="dossier-facts">
              <div>
                <dt>{t('dossiers.col.track')}</dt>
                <dd>
                  {household.track ? t(`dossier.track.${household.track}`) : t('dossier.track.undecided')}
                </dd>
              </div>
              <div>
                <dt>{t('dossiers.col.status')}</dt>
                <dd>{t(`dossier.status.${household.status}`)}</dd>
              </div>
              <div>
                <dt>{t('dossiers.col.next')}</dt>
                <dd>{appointmentText(summary.nextAppointment)}</dd>
              </div>
              <div>
                <dt>{t('dossiers.col.activity')}</dt>
                <dd>{formatDate(localIsoDate(summary.activityAt))}</dd>
              </div>
              {household.reference && (
                <div>
                  <dt>{t('dossiers.col.reference')}</dt>
                  <dd>{household.reference}</dd>
                </div>
              )}
              {household.welcomePointId && (
                <div>
                  <dt>{t('dossiers.filter.welcomePoint')}</dt>
                  <dd>{sync.welcomePointName(household.welcomePointId)}</dd>
                </div>
              )}
            </dl>
          </li>
        );
      })}
    </ul>
  );
}
