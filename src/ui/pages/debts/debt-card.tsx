/** One card per debt: every field of the engine's model, arrears highlighted, its documents. */
import { EXCLUDED_FROM_PLAN } from '../../../domain/budget/debt-summary';
import type { Dossier } from '../../../domain/dossier/dossier';
import type { DebtRow } from '../../../domain/dossier/rows';
import { formatDate, formatMoney, intlTag, t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import { lineFormId } from '../../../state/budget/line-form';
import type { DossierModel } from '../../../state/workspace/dossier-model';
import { StoredLine } from '../budget/line-editing';
import { DebtEditor } from './debt-editor';
import { DocumentsChecklist } from './documents-checklist';

function rateText(bps: number): string {
  return new Intl.NumberFormat(intlTag(), {
    style: 'percent',
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(bps / 10_000);
}

function yesNo(value: boolean | undefined): string {
  return value === undefined ? t('debts.card.notSaid') : value ? t('common.yes') : t('common.no');
}

export function DebtCard({ model, dossier, debt }: { model: DossierModel; dossier: Dossier; debt: DebtRow }) {
  const creditor = dossier.creditors.find((c) => c.id === debt.creditorId && !c.deleted);
  const creditorName = creditor?.name ?? t('debts.creditor.unknown');
  const product = t(`debts.product.${debt.product}` as MessageKey);
  const money = (cents: number | undefined) =>
    cents === undefined ? t('debts.card.notSaid') : formatMoney(cents);
  const facts: Array<[MessageKey, string]> = [
    [
      'debts.field.creditor',
      creditor
        ? `${creditor.name} (${t(`debts.category.${creditor.category}` as MessageKey)})`
        : creditorName,
    ],
    ['debts.field.product', product],
    ['debts.field.label', debt.label ?? t('debts.card.notSaid')],
    ['debts.field.reference', debt.reference ?? t('debts.card.notSaid')],
    [
      'debts.field.firstUnpaidOn',
      debt.firstUnpaidOn ? formatDate(debt.firstUnpaidOn) : t('debts.card.notSaid'),
    ],
    ['debts.field.capitalRemaining', formatMoney(debt.capitalRemainingCents)],
    ['debts.field.amountDueNow', formatMoney(debt.amountDueNowCents)],
    ['debts.field.accruedInterest', money(debt.accruedInterestCents)],
    ['debts.field.nominalRate', rateText(debt.nominalRateBps)],
    ['debts.field.instalment', formatMoney(debt.instalmentMonthlyCents)],
    ['debts.field.insurance', formatMoney(debt.insuranceMonthlyCents)],
    [
      'debts.field.remainingTerm',
      debt.remainingTermMonths === undefined
        ? t('debts.card.notSaid')
        : t('debts.card.months', { count: debt.remainingTermMonths }),
    ],
    ['debts.field.balloon', money(debt.balloonCents)],
    ['debts.field.isJoint', yesNo(debt.isJoint)],
    [
      'debts.field.guarantor',
      debt.guarantor ? t(`debts.guarantor.${debt.guarantor}` as MessageKey) : t('debts.card.notSaid'),
    ],
    ['debts.field.enforcement', yesNo(debt.enforcementInProgress)],
    ['debts.field.isProfessional', yesNo(debt.isProfessional)],
  ];
  const title = t('debts.card.title', { product, creditor: creditorName });
  const hasArrears = debt.arrearsCents > 0;
  return (
    <StoredLine
      class={hasArrears ? 'card debt-card debt-card-arrears' : 'card debt-card'}
      formId={lineFormId('debt', model.householdId, debt.id)}
      name={t('debts.card.name', { product, creditor: creditorName })}
      remove={() => model.removeRow('debt', debt.id)}
      summary={
        <article aria-labelledby={`debt-${debt.id}-title`} data-testid={`debt-card-${debt.id}`}>
          <h3 id={`debt-${debt.id}-title`}>{title}</h3>
          <p class={hasArrears ? 'debt-arrears debt-arrears-on' : 'debt-arrears'}>
            {hasArrears && <span aria-hidden="true">⚠ </span>}
            {t('debts.card.arrearsFlag', { amount: formatMoney(debt.arrearsCents) })}
          </p>
          {EXCLUDED_FROM_PLAN.has(debt.product) && <p class="notice">{t('debts.card.excluded')}</p>}
          <dl class="facts debt-facts">
            {facts.map(([label, value]) => (
              <div key={label} class="debt-fact">
                <dt>{t(label)}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
          <DocumentsChecklist model={model} debt={debt} />
        </article>
      }
      editor={(done, close) => (
        <DebtEditor model={model} dossier={dossier} row={debt} onSaved={done} onClose={close} />
      )}
    />
  );
}
