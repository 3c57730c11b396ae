/**
 * /plans, "Mes plans" (docs/reports-and-plans.md PLAN8): the plans of the dossiers the counsellor
 * is in charge of (or every plan on the device), computed on the device, offline too, grouped by
 * what to do. Each row opens the dossier's follow-up tab.
 */
import { useEffect } from 'preact/hooks';
import { formatDate, formatMoney, t } from '../../../i18n/i18n';
import { useAppState } from '../../../state/app-state';
import type { MyPlanRow, PlanGroup } from '../../../state/plans/my-plans-model';
import { PageTitle } from '../../components/page-title';
import { dossierPath } from '../dossier/dossier-tabs';
import { reminderText, stateHeadline } from './plan-words';
import './plans.css';

const GROUPS: readonly PlanGroup[] = ['act', 'remind', 'onTrack'];

function PlanRowItem({ row }: { row: MyPlanRow }) {
  const { item, state } = row;
  const name = item.displayName || item.householdReference || t('plans.row.unnamed');
  return (
    <li data-testid="my-plan">
      <a href={dossierPath(item.householdId, 'followup')} aria-label={t('plans.row.open', { name })}>
        <strong>{name}</strong>
      </a>
      {item.householdReference && item.displayName && (
        <span class="plan-ref"> · {item.householdReference}</span>
      )}
      <p>
        <span class={`plan-badge status-${state.status}`}>{t(`plans.status.${state.status}`)}</span>{' '}
        {t(`plans.kind.${item.plan.kind}`)}
      </p>
      {row.group === 'act' && <p class="big">{stateHeadline(state, item.plan)}</p>}
      {row.reminders.length > 0 && (
        <ul class="plan-reminders">
          {row.reminders.map((r) => (
            <li key={r.code}>{reminderText(r)}</li>
          ))}
        </ul>
      )}
      {row.group === 'onTrack' && state.nextDueOn && (
        <p>
          {t('plans.facts.nextValue', {
            date: formatDate(state.nextDueOn),
            amount: formatMoney(row.nextDueCents ?? 0),
          })}
        </p>
      )}
    </li>
  );
}

export function PlansPage() {
  const state = useAppState();
  const model = state.plans;
  useEffect(() => model.start(), [model]);
  const signedIn = state.sync.session.value !== null;
  const plans = model.plans.value;
  const groups = model.groups.value;
  return (
    <div class="plans-page">
      <PageTitle>{t('plans.page.title')}</PageTitle>
      <p>{t('plans.page.intro')}</p>
      <label class="checkbox">
        <input
          type="checkbox"
          checked={model.showAll.value}
          onChange={(event) => {
            model.showAll.value = event.currentTarget.checked;
          }}
        />{' '}
        {t('plans.page.showAll')}
      </label>
      {!signedIn && !model.showAll.value && <p class="notice">{t('plans.page.signIn')}</p>}
      {!model.thresholdsFromServer.value && <p class="hint">{t('plans.page.defaults')}</p>}
      {model.error.value !== null && (
        <p role="alert" class="error">
          {t('plans.page.error')}
        </p>
      )}
      {plans === null ? (
        <p role="status">{t('plans.page.loading')}</p>
      ) : (
        GROUPS.map((group) => (
          <section
            key={group}
            class={`card plans-group plans-group-${group}`}
            aria-labelledby={`plans-${group}`}
          >
            <h2 id={`plans-${group}`}>{t(`plans.group.${group}`, { count: groups[group].length })}</h2>
            {groups[group].length === 0 ? (
              <p>{t(`plans.group.${group}Empty`)}</p>
            ) : (
              <ul class="followup-list">
                {groups[group].map((row) => (
                  <PlanRowItem key={row.item.plan.id} row={row} />
                ))}
              </ul>
            )}
          </section>
        ))
      )}
    </div>
  );
}
