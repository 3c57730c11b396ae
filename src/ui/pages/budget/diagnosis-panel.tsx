/**
 * The live diagnosis: the repayment capacity in very large type with the limit that binds, the
 * month's figures, each with a "Why?" disclosure (the engine's explanation in the current
 * locale, the rule, the parameter ids), the alerts in plain words; or why there is none yet.
 */
import type { Alert } from '../../../domain/budget/alert';
import type { Diagnosis } from '../../../domain/budget/diagnose';
import type { Explanation } from '../../../domain/budget/explanation';
import { formatDate, formatMoney, intlTag, locale, t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import type { BudgetDiagnosisView } from '../../../state/budget/budget-view';

/** "Why?" for one figure: the explanation text, the rule and the parameters. */
export function Why({
  explanation,
  figureLabel,
}: {
  explanation: Explanation | undefined;
  figureLabel: string;
}) {
  if (!explanation) return null;
  return (
    <details class="why">
      <summary>
        {t('budget.why')}
        <span class="budget-sr-only"> {figureLabel}</span>
      </summary>
      <p>{explanation.text[locale.value]}</p>
      <p class="why-meta">{t('budget.why.rule', { rule: explanation.rule })}</p>
      <p class="why-meta">
        {explanation.parameterIds.length > 0
          ? t('budget.why.parameters', { ids: explanation.parameterIds.join(', ') })
          : t('budget.why.noParameters')}
      </p>
    </details>
  );
}

function percentFromBps(bps: number): string {
  return new Intl.NumberFormat(intlTag(), { style: 'percent', maximumFractionDigits: 2 }).format(
    bps / 10_000,
  );
}

interface Figure {
  id: string;
  label: MessageKey;
  value: string;
  explanation: string;
  negative?: boolean;
}

function figuresOf(d: Diagnosis): Figure[] {
  const figures: Figure[] = [
    {
      id: 'resources',
      label: 'budget.figure.resources',
      value: formatMoney(d.resources.totalMonthlyCents),
      explanation: 'monthlyResourcesCents',
    },
    {
      id: 'fixed',
      label: 'budget.figure.fixedCharges',
      value: formatMoney(d.charges.fixedChargesCents),
      explanation: 'fixedChargesCents',
    },
    {
      id: 'instalments',
      label: 'budget.figure.instalments',
      value: formatMoney(d.debts.instalmentsMonthlyCents),
      explanation: 'instalmentsMonthlyCents',
    },
    {
      id: 'rav',
      label: 'budget.figure.rav',
      value: formatMoney(d.indicators.ravBeforePlanCents),
      explanation: 'ravBeforePlanCents',
      negative: d.indicators.ravBeforePlanCents < 0,
    },
    {
      id: 'rav-uc',
      label: 'budget.figure.ravPerUc',
      value: formatMoney(d.indicators.ravBeforePlanPerUcCents),
      explanation: 'ravAfterPlanPerUcCents',
      negative: d.indicators.ravBeforePlanPerUcCents < 0,
    },
    {
      id: 'debt-ratio',
      label: 'budget.figure.debtRatio',
      value:
        d.indicators.debtRatioBps === null
          ? t('budget.figure.debtRatioNone')
          : percentFromBps(d.indicators.debtRatioBps),
      explanation: 'debtRatioBps',
    },
    {
      id: 'seizable',
      label: 'budget.figure.seizable',
      value: formatMoney(d.capacity.seizableMonthlyCents),
      explanation: 'seizableMonthlyCents',
    },
    {
      id: 'rsa',
      label: 'budget.figure.rsaFloor',
      value: formatMoney(d.capacity.rsaFloorCents),
      explanation: 'rsaMonthlyCents',
    },
    {
      id: 'living',
      label: 'budget.figure.livingCosts',
      value: formatMoney(d.capacity.livingCostsCents),
      explanation: 'livingCostsCents',
    },
  ];
  if (d.capacity.deficitCents > 0) {
    figures.push({
      id: 'deficit',
      label: 'budget.figure.deficit',
      value: formatMoney(d.capacity.deficitCents),
      explanation: 'deficitCents',
      negative: true,
    });
  }
  figures.push({
    id: 'plan',
    label: 'budget.figure.plan',
    value: t('budget.figure.planValue', { amount: formatMoney(d.debts.totalOutstandingCents) }),
    explanation: 'shortfallOverMaxMonthsCents',
  });
  return figures;
}

function AlertItem({ alert }: { alert: Alert }) {
  return (
    <li class={`budget-alert budget-alert-${alert.severity}`}>
      <strong>{t(`budget.alert.${alert.severity}` as MessageKey)}</strong> {alert.text[locale.value]}{' '}
      <span class="why-meta">{t('budget.alert.rule', { rule: alert.rule })}</span>
    </li>
  );
}

function DiagnosisFigures({ diagnosis: d }: { diagnosis: Diagnosis }) {
  const capacityLabel = t('budget.diagnosis.capacity');
  return (
    <>
      <p class="hint">{t('budget.diagnosis.on', { date: formatDate(d.on) })}</p>
      <div class="capacity" data-testid="capacity">
        <h3 id="budget-capacity-title">{capacityLabel}</h3>
        <p class="capacity-amount" aria-live="polite">
          <span class="capacity-value">{formatMoney(d.capacity.capacityMonthlyCents)}</span>{' '}
          <span class="capacity-unit">{t('budget.diagnosis.capacityPerMonth')}</span>
        </p>
        <p class="capacity-binding">
          {t(`budget.diagnosis.binding.${d.capacity.bindingLimit}` as MessageKey)}
        </p>
        {d.capacity.deficitCents > 0 && (
          <p class="capacity-deficit">
            {t('budget.diagnosis.deficit', {
              amount: formatMoney(d.capacity.deficitCents),
              livingCosts: formatMoney(d.capacity.livingCostsCents),
            })}
          </p>
        )}
        <Why explanation={d.explanations.capacityMonthlyCents} figureLabel={capacityLabel} />
      </div>
      <h3>{t('budget.diagnosis.figures')}</h3>
      <dl class="figures">
        {figuresOf(d).map((f) => (
          <div
            key={f.id}
            class={f.negative ? 'figure figure-negative' : 'figure'}
            data-testid={`figure-${f.id}`}
          >
            <dt>{t(f.label)}</dt>
            <dd>
              <span class="figure-value">{f.value}</span>
              <Why explanation={d.explanations[f.explanation]} figureLabel={t(f.label)} />
            </dd>
          </div>
        ))}
      </dl>
      <h3 id="budget-alerts-title">{t('budget.alerts.title')}</h3>
      {d.alerts.length === 0 ? (
        <p>{t('budget.alerts.none')}</p>
      ) : (
        <ul class="budget-alerts" aria-labelledby="budget-alerts-title">
          {[...d.alerts]
            .sort((a, b) => severityRank(a) - severityRank(b))
            .map((alert, index) => (
              <AlertItem key={`${alert.code}-${index}`} alert={alert} />
            ))}
        </ul>
      )}
    </>
  );
}

function severityRank(alert: Alert): number {
  return alert.severity === 'critical' ? 0 : alert.severity === 'warning' ? 1 : 2;
}

export function DiagnosisPanel({ view }: { view: BudgetDiagnosisView }) {
  return (
    <section class="card diagnosis" aria-labelledby="budget-diagnosis-title">
      <h2 id="budget-diagnosis-title">{t('budget.diagnosis.title')}</h2>
      {view.kind === 'ok' && <DiagnosisFigures diagnosis={view.diagnosis} />}
      {view.kind === 'incomplete' && (
        <div class="notice" data-testid="diagnosis-incomplete">
          <p>
            <strong>{t('budget.incomplete.title')}</strong>
          </p>
          <p>{t('budget.incomplete.intro')}</p>
          <ul>
            {view.reasons.map((reason) => (
              <li key={reason}>{t(reason as MessageKey)}</li>
            ))}
          </ul>
        </div>
      )}
      {view.kind === 'missing-parameter' && (
        <p class="notice">
          {t('budget.missingParameter', { parameter: view.parameter, date: formatDate(view.date) })}
        </p>
      )}
      {view.kind === 'error' && <p class="error">{t('budget.diagnosisError', { reason: view.message })}</p>}
    </section>
  );
}
