import { useAppState } from '../../../state/app-state';
import { budgetDiagnosisView } from '../../../state/budget/budget-view';
import { ChargeLines } from '../budget/charge-lines';
import { DiagnosisPanel } from '../budget/diagnosis-panel';
import { MoneyChart } from '../budget/money-chart';
import { ResourceLines } from '../budget/resource-lines';
import { DiagnosisButton } from '../followup/diagnosis';
import '../budget/budget.css';
import type { DossierTabProps } from './dossier-page';

/**
 * The Budget tab: resources and charges line by line, the live diagnosis with the "why" of each
 * figure, where the money goes, and "Diagnostic complet réalisé" for the activity report.
 */
export function BudgetTab({ model, dossier }: DossierTabProps) {
  const view = budgetDiagnosisView(dossier, model.diagnosis.value);
  const { isAdmin, workspace } = useAppState();
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
          {/* Where the diagnosis is done: one click records it for the activity report (RPT1). */}
          <DiagnosisButton model={model} dossier={dossier} today={workspace.today()} />
        </div>
      </div>
    </div>
  );
}
