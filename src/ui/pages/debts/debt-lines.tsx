/**
 * The debts of the Debts tab, each a one-line summary (kind and creditor, amount owed, its key
 * fact) that opens on tap to the fields that matter for its kind, the others that hold a value
 * behind "Plus de détails", its documents, and its Edit and Remove buttons.
 */
import {
  EXCLUDED_FROM_PLAN,
  monthlyServiceCents,
  outstandingCents,
} from '../../../domain/budget/debt-summary';
import type { Dossier } from '../../../domain/dossier/dossier';
import type { DebtRow } from '../../../domain/dossier/rows';
import { formatDate, formatMoney, formatPercent, t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import { lineFormId } from '../../../state/budget/line-form';
import type { DebtField } from '../../../state/debts/debt-form';
import { cardFields, debtKindOf } from '../../../state/debts/debt-kinds';
import type { DossierModel } from '../../../state/workspace/dossier-model';
import { Disclosure } from '../../components/more-details';
import { LineList, type LineView } from '../budget/line-list';
import { DebtEditor } from './debt-editor';
import { DocumentsChecklist } from './documents-checklist';

function rateText(bps: number): string {
  return formatPercent(bps / 10_000, { min: 2, max: 2 });
}

function yesNo(value: boolean | undefined): string {
  return value === undefined ? t('debts.card.notSaid') : value ? t('common.yes') : t('common.no');
}

/** The label of each field on the card (the form's words). */
const FIELD_LABEL: Record<DebtField, MessageKey> = {
  creditorId: 'debts.field.creditor',
  product: 'debts.field.product',
  label: 'debts.field.label',
  reference: 'debts.field.reference',
  firstUnpaidOn: 'debts.field.firstUnpaidOn',
  capitalRemaining: 'debts.field.capitalRemaining',
  arrears: 'debts.field.arrears',
  amountDueNow: 'debts.field.amountDueNow',
  accruedInterest: 'debts.field.accruedInterest',
  nominalRate: 'debts.field.nominalRate',
  remainingTerm: 'debts.field.remainingTerm',
  instalment: 'debts.field.instalment',
  insurance: 'debts.field.insurance',
  balloon: 'debts.field.balloon',
  isJoint: 'debts.field.isJoint',
  guarantor: 'debts.field.guarantor',
  enforcementInProgress: 'debts.field.enforcement',
  isProfessional: 'debts.field.isProfessional',
};

/** A stored field as the card reads it ("Non précisé" when blank). */
function factText(debt: DebtRow, field: DebtField): string {
  const notSaid = t('debts.card.notSaid');
  const money = (cents: number | undefined) => (cents === undefined ? notSaid : formatMoney(cents));
  switch (field) {
    case 'creditorId':
    case 'product':
      return '';
    case 'label':
      return debt.label ?? notSaid;
    case 'reference':
      return debt.reference ?? notSaid;
    case 'firstUnpaidOn':
      return debt.firstUnpaidOn ? formatDate(debt.firstUnpaidOn) : notSaid;
    case 'capitalRemaining':
      return money(debt.capitalRemainingCents);
    case 'arrears':
      return money(debt.arrearsCents);
    case 'amountDueNow':
      return money(debt.amountDueNowCents);
    case 'accruedInterest':
      return money(debt.accruedInterestCents);
    case 'nominalRate':
      return rateText(debt.nominalRateBps);
    case 'remainingTerm':
      return debt.remainingTermMonths === undefined
        ? notSaid
        : t('debts.card.months', { count: debt.remainingTermMonths });
    case 'instalment':
      return money(debt.instalmentMonthlyCents);
    case 'insurance':
      return money(debt.insuranceMonthlyCents);
    case 'balloon':
      return money(debt.balloonCents);
    case 'isJoint':
      return yesNo(debt.isJoint);
    case 'guarantor':
      return debt.guarantor ? t(`debts.guarantor.${debt.guarantor}` as MessageKey) : notSaid;
    case 'enforcementInProgress':
      return yesNo(debt.enforcementInProgress);
    case 'isProfessional':
      return yesNo(debt.isProfessional);
  }
}

/** The fact on the one-line summary, after the amount owed (null when there is nothing to say). */
function keyFactText(debt: DebtRow): string | null {
  if (debt.arrearsCents > 0) return t('debts.card.arrearsFlag', { amount: formatMoney(debt.arrearsCents) });
  if (debt.enforcementInProgress) return t('debts.card.enforcementShort');
  const monthly = monthlyServiceCents(debt);
  if (debtKindOf(debt.product).keyFact === 'instalment' && monthly > 0) {
    return t('debts.card.monthlyShort', { amount: formatMoney(monthly) });
  }
  return null;
}

function Facts({ debt, fields }: { debt: DebtRow; fields: readonly DebtField[] }) {
  return (
    <dl class="facts debt-facts">
      {fields.map((field) => (
        <div key={field} class="debt-fact">
          <dt>{t(FIELD_LABEL[field])}</dt>
          <dd>{factText(debt, field)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** How the list shows one debt: its summary row (a heading, so debts are navigable by heading) and its card. */
function debtLine(model: DossierModel, dossier: Dossier, debt: DebtRow): LineView {
  const creditor = dossier.creditors.find((c) => c.id === debt.creditorId && !c.deleted);
  const creditorName = creditor?.name ?? t('debts.creditor.unknown');
  const product = t(`debts.product.${debt.product}` as MessageKey);
  const owed = outstandingCents(debt);
  const hasArrears = debt.arrearsCents > 0;
  const keyFact = keyFactText(debt);
  const { primary, more } = cardFields(debt);
  return {
    class: hasArrears ? 'card debt-card debt-card-arrears' : 'card debt-card',
    testId: `debt-card-${debt.id}`,
    headingLevel: 3,
    formId: lineFormId('debt', model.householdId, debt.id),
    name: t('debts.card.name', { product, creditor: creditorName }),
    headline: (
      <>
        <span class="line-title">{t('debts.card.title', { product, creditor: creditorName })}</span>
        {keyFact && (
          <span class="line-details">
            <span class={hasArrears ? 'debt-arrears-on' : undefined}>
              {hasArrears && <span aria-hidden="true">⚠ </span>}
              {keyFact}
            </span>
          </span>
        )}
        <span class="line-headline-amount">{formatMoney(owed)}</span>
      </>
    ),
    remove: () => model.removeRow('debt', debt.id),
    summary: (
      <div class="debt-details">
        <p class="line-details">
          {creditor
            ? `${creditor.name} (${t(`debts.category.${creditor.category}` as MessageKey)})`
            : creditorName}
        </p>
        {EXCLUDED_FROM_PLAN.has(debt.product) && <p class="notice">{t('debts.card.excluded')}</p>}
        <Facts debt={debt} fields={primary} />
        {more.length > 0 && (
          <Disclosure id={`debt-${debt.id}-more`} label={t('debts.more')}>
            <Facts debt={debt} fields={more} />
          </Disclosure>
        )}
        <DocumentsChecklist model={model} debt={debt} />
      </div>
    ),
  };
}

/** The debts of the Debts tab: one card per debt, and the form to add one (its creditor too). */
export function DebtLines({ model, dossier }: { model: DossierModel; dossier: Dossier }) {
  return (
    <LineList
      titleId="debts-list-title"
      title={t('debts.list.title')}
      emptyText={t('debts.list.empty')}
      emptyClass="card"
      listClass="debt-cards"
      addLabel={t('debts.add')}
      newFormId={lineFormId('debt', model.householdId, undefined)}
      newLineClass="card"
      rows={dossier.debts.filter((d) => !d.deleted)}
      line={(debt) => debtLine(model, dossier, debt)}
      editor={(row, onSaved, onClose) => (
        <DebtEditor model={model} dossier={dossier} row={row} onSaved={onSaved} onClose={onClose} />
      )}
    />
  );
}
