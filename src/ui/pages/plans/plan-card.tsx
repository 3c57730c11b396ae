/**
 * One plan of the dossier: its status in plain words and big figures, the formal notice clock,
 * the plan in figures, the instalments to follow with their payment forms, the whole schedule, and
 * the plan's events (formal notice, settlement, review, end).
 */
import { useState } from 'preact/hooks';
import type { IsoDate } from '../../../domain/dates';
import { formatDate, formatMoney, t } from '../../../i18n/i18n';
import { acceptsFormalNotice, hasOpenFormalNotice, type PlanEvent } from '../../../state/plans/plan-records';
import { type InstalmentView, instalmentsToShow, type PlanView } from '../../../state/plans/plan-view';
import type { DossierModel } from '../../../state/workspace/dossier-model';
import { PaymentForm, PlanEventForm } from './plan-record-forms';
import { reminderText, stateHeadline } from './plan-words';

const ALERT_STATUSES = new Set(['late', 'formal_notice', 'lapsed']);

function recordText(instalment: InstalmentView): string {
  const record = instalment.record;
  if (record === undefined) return t('plans.instalments.waiting');
  const what =
    record.status === 'missed'
      ? t('plans.record.missed')
      : t(`plans.record.${record.status}`, {
          date: formatDate(record.paidOn ?? record.recordedOn),
          amount: formatMoney(record.amountCents),
        });
  return `${what} (${t(`plans.record.source.${record.source}`)})`;
}

function NoticeClock({ view, today }: { view: PlanView; today: IsoDate }) {
  if (view.lapsesOnDay === undefined || view.state.lapsesOn === undefined) return null;
  const daysLeft = Math.round((Date.parse(view.state.lapsesOn) - Date.parse(today)) / 86_400_000) + 1;
  return (
    <div class="plan-clock" data-testid="plan-clock">
      <p class="big">{t('plans.state.lapsesOn', { date: formatDate(view.lapsesOnDay) })}</p>
      <p>{t('plans.state.daysLeft', { count: daysLeft })}</p>
    </div>
  );
}

function Facts({ view }: { view: PlanView }) {
  const { plan, state } = view;
  const next = view.instalments.find((i) => i.dueOn === state.nextDueOn);
  return (
    <dl class="plan-facts" aria-label={t('plans.facts.label')}>
      <div>
        <dt>{t('plans.facts.total')}</dt>
        <dd class="big">{formatMoney(view.totalCents)}</dd>
      </div>
      <div>
        <dt>{t('plans.facts.months')}</dt>
        <dd>{t('plans.facts.monthsValue', { count: view.instalments.length })}</dd>
      </div>
      <div>
        <dt>{t('plans.facts.next')}</dt>
        <dd>
          {next && state.status !== 'ended'
            ? t('plans.facts.nextValue', { date: formatDate(next.dueOn), amount: formatMoney(next.dueCents) })
            : t('plans.facts.none')}
        </dd>
      </div>
      <div>
        <dt>{t('plans.facts.endsOn')}</dt>
        <dd>{formatDate(state.endsOn)}</dd>
      </div>
      <div>
        <dt>{t('plans.facts.steps')}</dt>
        <dd>
          {plan.steps
            .map((s) => t('plans.facts.step', { months: s.months, amount: formatMoney(s.monthlyCents) }))
            .join(', ')}
        </dd>
      </div>
      {plan.reference && (
        <div>
          <dt>{t('plans.facts.reference')}</dt>
          <dd>{plan.reference}</dd>
        </div>
      )}
      {plan.lastReviewOn && (
        <div>
          <dt>{t('plans.facts.lastReview')}</dt>
          <dd>{formatDate(plan.lastReviewOn)}</dd>
        </div>
      )}
    </dl>
  );
}

function WholeSchedule({ view }: { view: PlanView }) {
  return (
    <details class="plan-schedule">
      <summary>{t('plans.instalments.all', { count: view.instalments.length })}</summary>
      <div class="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('plans.instalments.col.due')}</th>
              <th scope="col">{t('plans.instalments.col.amount')}</th>
              <th scope="col">{t('plans.instalments.col.record')}</th>
            </tr>
          </thead>
          <tbody>
            {view.instalments.map((i) => (
              <tr key={i.dueOn}>
                <td>{formatDate(i.dueOn)}</td>
                <td class="num">{formatMoney(i.dueCents)}</td>
                <td>{recordText(i)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

/** The plan's events that apply now, in the order a counsellor meets them. */
function eventsOf(view: PlanView): PlanEvent[] {
  if (view.plan.endedOn !== undefined) return [];
  return [
    ...(acceptsFormalNotice(view.plan) ? (['formalNotice'] as const) : []),
    ...(hasOpenFormalNotice(view.plan) ? (['noticeSettled'] as const) : []),
    'review',
    'end',
  ];
}

export function PlanCard({ model, view, today }: { model: DossierModel; view: PlanView; today: IsoDate }) {
  const { plan, state } = view;
  const [paying, setPaying] = useState<string | null>(null);
  const [event, setEvent] = useState<PlanEvent | null>(null);
  const headingId = `plan-${plan.id}-title`;
  const alert = ALERT_STATUSES.has(state.status);
  const ended = state.status === 'ended';
  const toShow = ended ? [] : instalmentsToShow(view, today);
  return (
    <article class={`plan-card${alert ? ' plan-alert' : ''}`} aria-labelledby={headingId} data-testid="plan">
      <h3 id={headingId}>
        {t('plans.heading', { kind: t(`plans.kind.${plan.kind}`), date: formatDate(plan.firstDueOn) })}
      </h3>
      <p class="plan-status">
        <span class={`plan-badge status-${state.status}`}>{t(`plans.status.${state.status}`)}</span>
      </p>
      <p class="big plan-headline" data-testid="plan-headline">
        {stateHeadline(state, plan)}
      </p>
      {state.status !== 'late' && !ended && state.missedCount > 0 && (
        <p class="plan-arrears">
          {t('plans.state.arrears', { count: state.missedCount, amount: formatMoney(state.arrearsCents) })}
        </p>
      )}
      <NoticeClock view={view} today={today} />
      {view.reminders
        .filter((r) => r.code === 'review_due')
        .map((r) => (
          <p key={r.code}>{reminderText(r)}</p>
        ))}
      <Facts view={view} />
      {!ended && (
        <>
          <h4>{t('plans.instalments.title')}</h4>
          {toShow.length === 0 ? (
            <p>{t('plans.instalments.none')}</p>
          ) : (
            <ul class="followup-list plan-instalments">
              {toShow.map((i) => {
                const date = formatDate(i.dueOn);
                return (
                  <li key={i.dueOn} data-testid="instalment">
                    <p>
                      <strong>{t('plans.instalments.due', { date, amount: formatMoney(i.dueCents) })}</strong>{' '}
                      · {recordText(i)}
                    </p>
                    {paying === i.dueOn ? (
                      <PaymentForm
                        model={model}
                        plan={plan}
                        instalment={i}
                        today={today}
                        onDone={() => setPaying(null)}
                      />
                    ) : (
                      <button type="button" onClick={() => setPaying(i.dueOn)}>
                        {t(i.record ? 'plans.instalments.correct' : 'plans.instalments.record', { date })}
                      </button>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </>
      )}
      <WholeSchedule view={view} />
      {event !== null ? (
        <PlanEventForm model={model} plan={plan} event={event} today={today} onDone={() => setEvent(null)} />
      ) : (
        <div class="row-actions">
          {eventsOf(view).map((e) => (
            <button key={e} type="button" onClick={() => setEvent(e)}>
              {t(`plans.event.${e}`)}
            </button>
          ))}
        </div>
      )}
    </article>
  );
}
