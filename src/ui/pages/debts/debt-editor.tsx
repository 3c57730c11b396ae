/** The form of one debt: every field of the engine's model. */
import type { Dossier } from '../../../domain/dossier/dossier';
import type { DebtRow } from '../../../domain/dossier/rows';
import { DebtProductSchema } from '../../../domain/household/debt';
import { t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import { type DebtField, debtFormSpec, GUARANTOR_OPTIONS } from '../../../state/debts/debt-form';
import { SelectField } from '../../components/fields/select-field';
import { TextField } from '../../components/fields/text-field';
import { AmountField } from '../budget/line-amount';
import { LineEditor, type LineEditorSlot, useLineForm, yesNoOptions } from '../budget/line-editing';
import { lineFields } from '../budget/line-fields';

export function DebtEditor({
  model,
  dossier,
  row,
  onSaved,
  onClose,
}: LineEditorSlot<DebtRow> & { dossier: Dossier }) {
  const creditors = dossier.creditors.filter((c) => !c.deleted);
  const form = useLineForm(
    debtFormSpec(
      creditors.map((c) => c.id),
      creditors.length === 1 ? creditors[0]?.id : '',
    ),
    model,
    row,
  );
  const fields = lineFields(form, row ? `debt-${row.id}` : 'debt-new');
  const optional = (label: MessageKey) => `${t(label)} ${t('common.optional')}`;
  const amount = (field: DebtField, label: MessageKey, hint?: MessageKey, isOptional = false) => (
    <AmountField
      {...fields.text(field)}
      label={isOptional ? optional(label) : t(label)}
      hint={hint ? t(hint) : undefined}
    />
  );
  return (
    <LineEditor
      form={form}
      legend={row ? t('debts.edit.legend') : t('debts.add')}
      submitLabel={row ? t('debts.save') : t('debts.add')}
      onSaved={onSaved}
      onClose={onClose}
    >
      <div class="amount-pair">
        <SelectField
          {...fields.choice('creditorId', 'creditor')}
          label={t('debts.field.creditor')}
          placeholder={t('debts.card.notSaid')}
          options={creditors.map((c) => ({ value: c.id, label: c.name }))}
        />
        <SelectField
          {...fields.choice('product')}
          label={t('debts.field.product')}
          options={DebtProductSchema.options.map((value) => ({
            value,
            label: t(`debts.product.${value}` as MessageKey),
          }))}
        />
      </div>
      <TextField {...fields.text('label')} label={optional('debts.field.label')} />
      <div class="amount-pair">
        <TextField
          {...fields.text('reference')}
          label={optional('debts.field.reference')}
          hint={t('debts.field.referenceHint')}
        />
        <TextField
          {...fields.text('firstUnpaidOn', 'firstUnpaid')}
          type="date"
          label={optional('debts.field.firstUnpaidOn')}
          hint={t('debts.field.firstUnpaidOnHint')}
        />
      </div>
      <div class="amount-pair">
        {amount('capitalRemaining', 'debts.field.capitalRemaining', 'debts.field.capitalHint')}
        {amount('arrears', 'debts.field.arrears', 'debts.field.arrearsHint')}
      </div>
      <div class="amount-pair">
        {amount('amountDueNow', 'debts.field.amountDueNow', 'debts.field.amountDueNowHint')}
        {amount('accruedInterest', 'debts.field.accruedInterest', undefined, true)}
      </div>
      <div class="amount-pair">
        <TextField
          {...fields.text('nominalRate', 'rate')}
          label={t('debts.field.nominalRate')}
          hint={t('debts.field.nominalRateHint')}
          inputMode="decimal"
          unit="%"
        />
        <TextField
          {...fields.text('remainingTerm', 'term')}
          label={optional('debts.field.remainingTerm')}
          inputMode="numeric"
          unit={t('debts.field.remainingTermUnit')}
        />
      </div>
      <div class="amount-pair">
        {amount('instalment', 'debts.field.instalment')}
        {amount('insurance', 'debts.field.insurance')}
      </div>
      {amount('balloon', 'debts.field.balloon', undefined, true)}
      <div class="amount-pair">
        <SelectField
          {...fields.choice('isJoint', 'joint')}
          label={t('debts.field.isJoint')}
          options={yesNoOptions(false)}
        />
        <SelectField
          {...fields.choice('guarantor')}
          label={t('debts.field.guarantor')}
          placeholder={t('debts.card.notSaid')}
          options={GUARANTOR_OPTIONS.map((value) => ({
            value,
            label: t(`debts.guarantor.${value}` as MessageKey),
          }))}
        />
      </div>
      <div class="amount-pair">
        <SelectField
          {...fields.choice('enforcementInProgress', 'enforcement')}
          label={t('debts.field.enforcement')}
          options={yesNoOptions(false)}
        />
        <SelectField
          {...fields.choice('isProfessional', 'professional')}
          label={t('debts.field.isProfessional')}
          hint={t('debts.field.professionalHint')}
          options={yesNoOptions(true)}
        />
      </div>
    </LineEditor>
  );
}
