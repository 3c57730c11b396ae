import { useAppState } from '../../../state/app-state';
import { budgetDiagnosisView } from '../../../state/budget/budget-view';
import { ChargeLines } from '../budget/charge-lines';
import { DiagnosisPanel } from '../budget/diagnosis-panel';
import { MoneyChart } from '../budget/money-chart';
import { ResourceLines } from '../budget/resource-lines';
import '../budget/budget.css';
import type { DossierTabProps } from './dossier-page';

/**
 * The Budget tab: resources and charges line by line, the live diagnosis with the "why" of each
 * figure, and where the money goes.
 */
export function BudgetTab({ model, dossier }: DossierTabProps) {
  const view = budgetDiagnosisView(dossier, model.diagnosis.value);
  const { isAdmin } = useAppState();
  return (
    <div class="budget-tab">
      <div class="budget-columns">
        <div class="budget-inputs">
          <ResourceLines model={model} dossier={dossier} />
          <ChargeLines model={model} dossier={dossier} />
        </div>
        <div class="budget-results">
          <DiagnosisPanel view={view} canEnterLegalParameters={isAdmin.value} />
          {view.kind === 'ok' && <MoneyChart diagnosis={view.diagnosis} />}
        </div>
      </div>
    </div>
  );
}
