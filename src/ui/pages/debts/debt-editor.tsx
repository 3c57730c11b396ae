/** The form of one debt: every field of the engine's model. */
import type { Dossier } from '../../../domain/dossier/dossier';
import type { DebtRow } from '../../../domain/dossier/rows';
import { DebtProductSchema } from '../../../domain/household/debt';
import { t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import { useAppState } from '../../../state/app-state';
import { createLineForm } from '../../../state/budget/line-form';
import { type DebtField, debtFormSpec, GUARANTOR_OPTIONS } from '../../../state/debts/debt-form';
import type { DossierModel } from '../../../state/workspace/dossier-model';
import { SelectField } from '../../components/fields/select-field';
import { TextField } from '../../components/fields/text-field';
import { errorText, LineEditor, useFormModel, yesNoOptions } from '../budget/line-editing';

export function DebtEditor({
  model,
  dossier,
  row,
  onSaved,
  onClose,
}: {
  model: DossierModel;
  dossier: Dossier;
  row?: DebtRow;
  onSaved: () => void;
  onClose?: () => void;
}) {
  const { drafts } = useAppState();
  const creditors = dossier.creditors.filter((c) => !c.deleted);
  const form = useFormModel(() =>
    createLineForm(
      debtFormSpec(
        creditors.map((c) => c.id),
        creditors.length === 1 ? creditors[0]?.id : '',
      ),
      { model, drafts, row },
    ),
  );
  const v = form.values.value;
  const e = form.errors.value;
  const prefix = row ? `debt-${row.id}` : 'debt-new';
  const id = (field: string) => `${prefix}-${field}`;
  const edit = (field: DebtField) => (text: string) => void form.edit(field, text);
  const amount = (field: DebtField, label: MessageKey, hint?: MessageKey, optional = false) => (
    <TextField
      id={id(field)}
      label={optional ? `${t(label)} ${t('common.optional')}` : t(label)}
      hint={hint ? t(hint) : undefined}
      value={v[field]}
      inputMode="decimal"
      unit="€"
      onInput={edit(field)}
      error={errorText(e[field])}
    />
  );
  return (
    <LineEditor
      form={form}
      legend={row ? t('debts.edit.legend') : t('debts.add')}
      submitLabel={row ? t('debts.save') : t('debts.add')}
      onSaved={onSaved}
      {...(onClose ? { onClose } : {})}
    >
      <div class="amount-pair">
        <SelectField
          id={id('creditor')}
          label={t('debts.field.creditor')}
          value={v.creditorId}
          placeholder={t('debts.card.notSaid')}
          options={creditors.map((c) => ({ value: c.id, label: c.name }))}
          onChange={edit('creditorId')}
          error={errorText(e.creditorId)}
        />
        <SelectField
          id={id('product')}
          label={t('debts.field.product')}
          value={v.product}
          options={DebtProductSchema.options.map((value) => ({
            value,
            label: t(`debts.product.${value}` as MessageKey),
          }))}
          onChange={edit('product')}
          error={errorText(e.product)}
        />
      </div>
      <TextField
        id={id('label')}
        label={`${t('debts.field.label')} ${t('common.optional')}`}
        value={v.label}
        onInput={edit('label')}
        error={errorText(e.label)}
      />
      <div class="amount-pair">
        <TextField
          id={id('reference')}
          label={`${t('debts.field.reference')} ${t('common.optional')}`}
          hint={t('debts.field.referenceHint')}
          value={v.reference}
          onInput={edit('reference')}
          error={errorText(e.reference)}
        />
        <TextField
          id={id('firstUnpaid')}
          type="date"
          label={`${t('debts.field.firstUnpaidOn')} ${t('common.optional')}`}
          hint={t('debts.field.firstUnpaidOnHint')}
          value={v.firstUnpaidOn}
          onInput={edit('firstUnpaidOn')}
          error={errorText(e.firstUnpaidOn)}
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
          id={id('rate')}
          label={t('debts.field.nominalRate')}
          hint={t('debts.field.nominalRateHint')}
          value={v.nominalRate}
          inputMode="decimal"
          unit="%"
          onInput={edit('nominalRate')}
          error={errorText(e.nominalRate)}
        />
        <TextField
          id={id('term')}
          label={`${t('debts.field.remainingTerm')} ${t('common.optional')}`}
          value={v.remainingTerm}
          inputMode="numeric"
          unit={t('debts.field.remainingTermUnit')}
          onInput={edit('remainingTerm')}
          error={errorText(e.remainingTerm)}
        />
      </div>
      <div class="amount-pair">
        {amount('instalment', 'debts.field.instalment')}
        {amount('insurance', 'debts.field.insurance')}
      </div>
      {amount('balloon', 'debts.field.balloon', undefined, true)}
      <div class="amount-pair">
        <SelectField
          id={id('joint')}
          label={t('debts.field.isJoint')}
          value={v.isJoint}
          options={yesNoOptions(false)}
          onChange={edit('isJoint')}
          error={errorText(e.isJoint)}
        />
        <SelectField
          id={id('guarantor')}
          label={t('debts.field.guarantor')}
          value={v.guarantor}
          placeholder={t('debts.card.notSaid')}
          options={GUARANTOR_OPTIONS.map((value) => ({
            value,
            label: t(`debts.guarantor.${value}` as MessageKey),
          }))}
          onChange={edit('guarantor')}
          error={errorText(e.guarantor)}
        />
      </div>
      <div class="amount-pair">
        <SelectField
          id={id('enforcement')}
          label={t('debts.field.enforcement')}
          value={v.enforcementInProgress}
          options={yesNoOptions(false)}
          onChange={edit('enforcementInProgress')}
          error={errorText(e.enforcementInProgress)}
        />
        <SelectField
          id={id('professional')}
          label={t('debts.field.isProfessional')}
          hint={t('debts.field.professionalHint')}
          value={v.isProfessional}
          options={yesNoOptions(true)}
          onChange={edit('isProfessional')}
          error={errorText(e.isProfessional)}
        />
      </div>
    </LineEditor>
  );
}
