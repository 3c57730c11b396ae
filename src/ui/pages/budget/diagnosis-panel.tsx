/**
 * The live diagnosis: the repayment capacity in very large type with the limit that binds, the
 * month's figures, each with a "Why?" disclosure (the engine's explanation in the current
 * locale, the legal articles, the legal texts of the figures used), the alerts in plain words;
 * or why there is none yet. No record id or rule-book reference reaches the screen.
 */
import type { Alert } from '../../../domain/budget/alert';
import type { Diagnosis } from '../../../domain/budget/diagnose';
import type { Explanation } from '../../../domain/budget/explanation';
import { ALERTS_ABOUT_LEGAL_PARAMETERS } from '../../../domain/budget/parameter-alerts';
import { citableRule, type SourceText } from '../../../domain/parameters/parameter-sources';
import { formatDate, formatMoney, formatPercent, locale, t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import type { BudgetDiagnosisView } from '../../../state/budget/budget-view';

/** "Why?" for one figure: the explanation text, the legal articles and the sources of its figures. */
export function Why({
  explanation,
  figureLabel,
  sources = [],
}: {
  explanation: Explanation | undefined;
  figureLabel: string;
  sources?: readonly SourceText[] | undefined;
}) {
  if (!explanation) return null;
  const rule = citableRule(explanation.rule);
  return (
    <details class="why">
      <summary>
        {t('budget.why')}
        <span class="budget-sr-only"> {figureLabel}</span>
      </summary>
      <p>{explanation.text[locale.value]}</p>
      {rule !== '' && <p class="why-meta">{t('budget.why.rule', { rule })}</p>}
      {sources.length > 0 && (
        <p class="why-meta">
          {t('legal.why.sources', { sources: sources.map((s) => s[locale.value]).join(' ; ') })}
        </p>
      )}
    </details>
  );
}

function percentFromBps(bps: number): string {
  return formatPercent(bps / 10_000, { max: 2 });
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

/**
 * Where the official value of a legal parameter is entered: a link for an admin, who can enter
 * it; everyone else is told who can.
 */
export function LegalParameterPointer({ canEnter }: { canEnter: boolean }) {
  return canEnter ? (
    <a class="legal-pointer" href="/admin#legal-parameters">
      {t('legal.enter.admin')}
    </a>
  ) : (
    <span class="legal-pointer">{t('legal.enter.others')}</span>
  );
}

function AlertItem({ alert, canEnterLegalParameters }: { alert: Alert; canEnterLegalParameters: boolean }) {
  const rule = citableRule(alert.rule);
  return (
    <li class={`budget-alert budget-alert-${alert.severity}`}>
      <strong>{t(`budget.alert.${alert.severity}` as MessageKey)}</strong> {alert.text[locale.value]}{' '}
      {rule !== '' && <span class="why-meta">{t('budget.alert.rule', { rule })}</span>}
      {ALERTS_ABOUT_LEGAL_PARAMETERS.includes(alert.code) && (
        <>
          {' '}
          <LegalParameterPointer canEnter={canEnterLegalParameters} />
        </>
      )}
    </li>
  );
}

function DiagnosisFigures({
  diagnosis: d,
  sources,
  canEnterLegalParameters,
}: {
  diagnosis: Diagnosis;
  sources: Readonly<Record<string, readonly SourceText[]>>;
  canEnterLegalParameters: boolean;
}) {
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
        <Why
          explanation={d.explanations.capacityMonthlyCents}
          figureLabel={capacityLabel}
          sources={sources.capacityMonthlyCents}
        />
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
              <Why
                explanation={d.explanations[f.explanation]}
                figureLabel={t(f.label)}
                sources={sources[f.explanation]}
              />
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
              <AlertItem
                key={`${alert.code}-${index}`}
                alert={alert}
                canEnterLegalParameters={canEnterLegalParameters}
              />
            ))}
        </ul>
      )}
    </>
  );
}

function severityRank(alert: Alert): number {
  return alert.severity === 'critical' ? 0 : alert.severity === 'warning' ? 1 : 2;
}

/** The name of a missing legal parameter in words ('commissionForfait.base' → a forfait). */
export function legalParameterName(parameter: string): string {
  const known = ['seizureScale', 'rsa.amounts', 'rsa.mayotteBaseAmount', 'legalInterestRate'];
  if (known.includes(parameter)) return t(`legal.name.${parameter}` as MessageKey);
  if (parameter.startsWith('commissionForfait')) return t('legal.name.commissionForfait');
  return t('legal.name.other');
}

export function DiagnosisPanel({
  view,
  canEnterLegalParameters,
}: {
  view: BudgetDiagnosisView;
  /** Whether the person signed in may enter legal parameters (an admin). */
  canEnterLegalParameters: boolean;
}) {
  return (
    <section class="card diagnosis" aria-labelledby="budget-diagnosis-title">
      <h2 id="budget-diagnosis-title">{t('budget.diagnosis.title')}</h2>
      {view.kind === 'ok' && (
        <DiagnosisFigures
          diagnosis={view.diagnosis}
          sources={view.sources}
          canEnterLegalParameters={canEnterLegalParameters}
        />
      )}
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
          {t('legal.missing', { parameter: legalParameterName(view.parameter), date: formatDate(view.date) })}{' '}
          <LegalParameterPointer canEnter={canEnterLegalParameters} />
        </p>
      )}
      {view.kind === 'error' && <p class="error">{t('budget.diagnosisError', { reason: view.message })}</p>}
    </section>
  );
}
