import { useEffect, useMemo } from 'preact/hooks';
import { t } from '../../../i18n/i18n';
import { useAppState } from '../../../state/app-state';
import { balanceSeries, scenarioRows } from '../../../state/scenarios/comparison-view';
import { orientationGap } from '../../../state/scenarios/orientation';
import { createScenariosModel } from '../../../state/scenarios/scenarios-model';
import { BalanceChart } from '../scenarios/balance-chart';
import { OrientationHintCard } from '../scenarios/orientation-hint';
import { ParamsForm } from '../scenarios/params-form';
import { choiceLabel, ResultsTable } from '../scenarios/results-table';
import { SavedScenarios, SaveScenarioForm } from '../scenarios/saved-scenarios';
import type { DossierTabProps } from './dossier-page';
import '../scenarios/scenarios.css';

/** Compare the repayment scenarios of the dossier, adjust them, save the chosen one. */
export function ScenariosTab({ model, dossier }: DossierTabProps) {
  const { workspace, drafts } = useAppState();
  const state = useMemo(
    () =>
      createScenariosModel({
        model,
        drafts,
        today: workspace.today(),
        simulation: workspace.simulation,
      }),
    [model, drafts, workspace],
  );
  useEffect(() => state.start(), [state]);

  const shown = state.shown.value;
  state.setDefaultName((index) => {
    const outcome = shown?.comparison.outcomes[index];
    if (!outcome) return String(index + 1);
    return choiceLabel(outcome.spec.kind === 'payoff' ? outcome.spec.strategy : outcome.spec.kind);
  });
  const status = state.status.value;
  const waiting = !shown && state.current.value !== null;

  return (
    <div class="scenarios-tab">
      <p>{t('scenarios.intro')}</p>
      {!state.hasDebts.value && <p class="notice">{t('scenarios.noDebts')}</p>}
      <ParamsForm state={state} />
      <section aria-labelledby="scenario-results-title" aria-busy={waiting ? 'true' : 'false'}>
        <h2 id="scenario-results-title">{t('scenarios.results.title')}</h2>
        <p role="status" class="save-status">
          {waiting && status.kind !== 'failed' ? t('scenarios.running') : ''}
        </p>
        {status.kind === 'failed' && (
          <p role="alert" class="error">
            {t('scenarios.failed', { reason: status.reason })}
          </p>
        )}
        {!shown && state.hasDebts.value && state.current.value === null && (
          <p class="notice">{t('scenarios.stale')}</p>
        )}
        {shown && (
          <>
            <ResultsTable rows={scenarioRows(shown.input, shown.comparison, dossier)} />
            <OrientationHintCard
              hint={shown.comparison.orientation}
              gap={orientationGap({
                shownHint: shown.comparison.orientation,
                shownContext: shown.input,
                dossier,
                capacity: state.capacity.value,
                today: workspace.today(),
              })}
            />
            <section class="card" aria-labelledby="balance-chart-heading">
              <h3 id="balance-chart-heading">{t('scenarios.chart.title')}</h3>
              <BalanceChart series={balanceSeries(shown.input, shown.comparison)} />
            </section>
            <SaveScenarioForm state={state} />
          </>
        )}
      </section>
      <SavedScenarios state={state} dossier={dossier} />
    </div>
  );
}
