/** The Debts tab of a dossier: the totals, the debts, the creditors. */
import { formatMoney, t } from '../../../i18n/i18n';
import { debtTotals } from '../../../state/debts/debt-totals';
import { CreditorLines } from '../debts/creditor-lines';
import { DebtLines } from '../debts/debt-lines';
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
      <DebtLines model={model} dossier={dossier} />
      <CreditorLines model={model} dossier={dossier} />
    </div>
  );
}
