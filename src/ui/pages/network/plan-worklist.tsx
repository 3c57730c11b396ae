/**
 * "Plans à suivre" (PLAN7): one list at a time, each tab with its count, filtered by welcome point,
 * a page at a time ("Voir plus"). Each line: the dossier's reference, its welcome point, its
 * counsellor, the status in words, the missed instalments and arrears in big figures, the next
 * due date and, under a formal notice, the day the plan lapses. No client's name: the server
 * gives none.
 */
import { useRef } from 'preact/hooks';
import type { PlanWorklistItem } from '../../../domain/plans/plan-monitoring';

import { formatDate, formatMoney, t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import type { PlanWorklistModel, WelcomePoint, WorklistTab } from '../../../state/network-model';
import { WORKLIST_TABS } from '../../../state/plan-worklist-model';
import { countText } from './network-words';

interface Props {
  model: PlanWorklistModel;
  online: boolean;
  welcomePoints: readonly WelcomePoint[];
  welcomePointName: (id: string) => string;
  selfId: string | null;
}

function Tabs({ model }: { model: PlanWorklistModel }) {
  const current = model.tab.value;
  const counts = model.counts.value;
  const list = useRef<HTMLDivElement>(null);
  // Arrow keys move between the tabs (the tabs pattern), Home and End to the first and last.
  const onKeyDown = (event: KeyboardEvent) => {
    const index = WORKLIST_TABS.indexOf(current);
    const moves: Record<string, number> = {
      ArrowRight: index + 1,
      ArrowLeft: index - 1,
      Home: 0,
      End: WORKLIST_TABS.length - 1,
    };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    const next = WORKLIST_TABS[(target + WORKLIST_TABS.length) % WORKLIST_TABS.length] ?? current;
    void model.setTab(next);
    list.current?.querySelector<HTMLElement>(`#worklist-tab-${next}`)?.focus();
  };
  return (
    <div
      role="tablist"
      aria-label={t('network.plans.lists')}
      class="worklist-tabs"
      ref={list}
      onKeyDown={onKeyDown}
    >
      {WORKLIST_TABS.map((tab) => {
        // The server leaves out the lists with nothing in them: once loaded, their badge says 0.
        const count = counts[tab] ?? (model.loaded.value ? 0 : undefined);
        return (
          <button
            key={tab}
            type="button"
            role="tab"
            id={`worklist-tab-${tab}`}
            aria-selected={tab === current}
            aria-controls="worklist-panel"
            tabIndex={tab === current ? 0 : -1}
            class="worklist-tab"
            onClick={() => void model.setTab(tab)}
          >
            {t(`network.plans.tab.${tab}` as MessageKey)}
            {count !== undefined && (
              <span class="badge" data-testid={`count-${tab}`}>
                {countText(count)}
              </span>
            )}
          </button>
        );
      })}
    </div>
  );
}

function counsellorText(id: string | null, selfId: string | null): string {
  if (id === null) return t('network.plans.noCounsellor');
  return t('network.plans.counsellor', { name: id === selfId ? t('network.plans.you') : id });
}

function PlanLine({
  item,
  welcomePointName,
  selfId,
}: {
  item: PlanWorklistItem;
  welcomePointName: (id: string) => string;
  selfId: string | null;
}) {
  const reference =
    item.householdReference === undefined
      ? t('network.plans.noReference')
      : t('network.plans.reference', { reference: item.householdReference });
  return (
    <li class="worklist-line card" data-testid="worklist-line">
      <div class="worklist-who">
        <h3>{reference}</h3>
        <p>
          {item.welcomePointId === null ? t('network.wp.noPoint') : welcomePointName(item.welcomePointId)}
          {' · '}
          {counsellorText(item.counsellorId, selfId)}
        </p>
        <p>
          {t(`network.plans.kind.${item.kind}` as MessageKey)}
          {' · '}
          <strong class={`plan-status status-${item.status}`}>
            {t(`network.plans.status.${item.status}` as MessageKey)}
          </strong>
          {item.failing && item.status !== 'lapsed' && item.status !== 'formal_notice' && (
            <>
              {' · '}
              <strong class="plan-status failing">{t('network.plans.failing')}</strong>
            </>
          )}
        </p>
      </div>
      <dl class="worklist-figures">
        <div class="big">
          <dt>{t('network.plans.missed')}</dt>
          <dd data-testid="missed">{countText(item.missedCount)}</dd>
        </div>
        <div class="big">
          <dt>{t('network.plans.arrears')}</dt>
          <dd data-testid="arrears">{formatMoney(item.arrearsCents)}</dd>
        </div>
        <div>
          <dt>{t('network.plans.nextDue')}</dt>
          <dd>{item.nextDueOn === null ? t('network.plans.noNextDue') : formatDate(item.nextDueOn)}</dd>
        </div>
        {item.lapsesOn !== null && (
          <div>
            <dt>{t('network.plans.lapsesOn')}</dt>
            <dd>{formatDate(item.lapsesOn)}</dd>
          </div>
        )}
        <div>
          <dt>{t('network.plans.endsOn')}</dt>
          <dd>{formatDate(item.endsOn)}</dd>
        </div>
      </dl>
    </li>
  );
}

export function PlanWorklist({ model, online, welcomePoints, welcomePointName, selfId }: Props) {
  const tab: WorklistTab = model.tab.value;
  const items = model.items.value;
  const total = model.counts.value[tab];
  const loading = model.loading.value;
  return (
    <div class="network-plans">
      <h2 class="visually-hidden">{t('network.section.plans')}</h2>
      <p>{t('network.plans.help')}</p>
      <div class="network-toolbar">
        {welcomePoints.length > 1 && (
          <div class="field">
            <label for="worklist-wp">{t('network.plans.wp')}</label>
            <select
              id="worklist-wp"
              value={model.welcomePointFilter.value ?? ''}
              onChange={(event) => void model.setWelcomePoint(event.currentTarget.value || null)}
            >
              <option value="">{t('network.plans.wpAll')}</option>
              {welcomePoints.map((wp) => (
                <option key={wp.id} value={wp.id}>
                  {wp.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <button type="button" disabled={!online || loading} onClick={() => void model.load()}>
          {t('network.plans.refresh')}
        </button>
      </div>
      <Tabs model={model} />
      <div
        id="worklist-panel"
        role="tabpanel"
        aria-labelledby={`worklist-tab-${tab}`}
        data-testid="worklist-panel"
      >
        <p class="hint">{t(`network.plans.tabHelp.${tab}` as MessageKey)}</p>
        {model.loaded.value && items.length === 0 && !loading && <p>{t('network.plans.empty')}</p>}
        {items.length > 0 && (
          <>
            <p role="status" data-testid="worklist-shown">
              {t('network.plans.shown', {
                shown: countText(items.length),
                total: countText(total ?? items.length),
              })}
            </p>
            <ul class="worklist-lines">
              {items.map((item) => (
                <PlanLine key={item.planId} item={item} welcomePointName={welcomePointName} selfId={selfId} />
              ))}
            </ul>
          </>
        )}
        {model.next.value !== undefined && (
          <button type="button" disabled={!online || loading} onClick={() => void model.loadMore()}>
            {t('network.plans.more')}
          </button>
        )}
      </div>
    </div>
  );
}
