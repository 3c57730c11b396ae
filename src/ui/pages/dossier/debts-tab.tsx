import { formatMoney, t } from '../../../i18n/i18n';
import { lineFormId } from '../../../state/budget/line-form';
import { debtTotals } from '../../../state/debts/debt-totals';
import { NewLine } from '../budget/line-editing';
import { CreditorLines } from '../debts/creditor-lines';
import { DebtCard } from '../debts/debt-card';
import { DebtEditor } from '../debts/debt-editor';
import '../budget/budget.css';
import '../debts/debts.css';
import type { DossierTabProps } from './dossier-page';

/**
 * The Debts tab: the totals, one summary row per debt that opens to the fields of its kind and
 * its supporting documents, the creditors, and forms to add both (a debt's form can create its
 * creditor too).
 */
export function DebtsTab({ model, dossier }: DossierTabProps) {
  const debts = dossier.debts.filter((d) => !d.deleted);
  const totals = debtTotals(debts);
  return (
    <div class="debts-tab">
      <section class="card" aria-labelledby="debts-totals-title">
        <h2 id="debts-totals-title">{t('debts.totals.title')}</h2>
        <dl class="debt-totals" data-testid="debt-totals">
          <div>
            <dt>{t('debts.totals.owed')}</dt>
            <dd>{formatMoney(totals.owedCents)}</dd>
          </div>
          <div class={totals.arrearsCents > 0 ? 'debt-totals-arrears' : undefined}>
            <dt>{t('debts.totals.arrears')}</dt>
            <dd>{formatMoney(totals.arrearsCents)}</dd>
          </div>
          <div>
            <dt>{t('debts.totals.monthly')}</dt>
            <dd>{formatMoney(totals.monthlyCents)}</dd>
          </div>
        </dl>
        <p>{t('debts.totals.count', { count: totals.count })}</p>
      </section>
      <section aria-labelledby="debts-list-title">
        <h2 id="debts-list-title" tabIndex={-1}>
          {t('debts.list.title')}
        </h2>
        {debts.length === 0 ? (
          <p class="card">{t('debts.list.empty')}</p>
        ) : (
          <ul class="debt-cards">
            {debts.map((debt) => (
              <DebtCard key={debt.id} model={model} dossier={dossier} debt={debt} />
            ))}
          </ul>
        )}
        <div class="card">
          <NewLine
            formId={lineFormId('debt', model.householdId, undefined)}
            label={t('debts.add')}
            render={(onSaved, onClose) => (
              <DebtEditor model={model} dossier={dossier} onSaved={onSaved} onClose={onClose} />
            )}
          />
        </div>
      </section>
      <CreditorLines model={model} dossier={dossier} />
    </div>
  );
}
