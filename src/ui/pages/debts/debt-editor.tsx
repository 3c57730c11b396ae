/**
 * The form of one debt: the creditor (or a new one typed here), the kind, the fields that matter
 * for that kind (src/state/debts/debt-kinds.ts), and every other field behind "Plus de détails".
 */
import { Fragment, type JSX } from 'preact';
import type { Dossier } from '../../../domain/dossier/dossier';
import type { DebtRow } from '../../../domain/dossier/rows';
import { CreditorCategorySchema } from '../../../domain/household/creditor';
import { DebtProductSchema } from '../../../domain/household/debt';
import { t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import { useAppState } from '../../../state/app-state';
import { createDebtEntryForm, type DebtEntryField, NEW_CREDITOR } from '../../../state/debts/debt-entry-form';
import { DEBT_FIELDS, type DebtField, GUARANTOR_OPTIONS } from '../../../state/debts/debt-form';
import { isPrimaryField } from '../../../state/debts/debt-kinds';
import type { FormModel } from '../../../state/form-model';
import { choices } from '../../components/fields/choices';
import { SelectField } from '../../components/fields/select-field';
import { TextAreaField } from '../../components/fields/text-area-field';
import { TextField } from '../../components/fields/text-field';
import { Disclosure } from '../../components/more-details';
import { AmountField } from '../budget/line-amount';
import { LineEditor, type LineEditorSlot, useFormModel, yesNoOptions } from '../budget/line-editing';
import { type LineFields, lineFields } from '../budget/line-fields';

type Fields = LineFields<DebtEntryField>;

const optional = (label: MessageKey) => `${t(label)} ${t('common.optional')}`;

/** Each field of the debt as the form shows it (creditor and kind are drawn apart). */
function debtField(fields: Fields, field: DebtField): JSX.Element | null {
  const amount = (label: MessageKey, hint?: MessageKey, isOptional = false) => (
    <AmountField
      {...fields.text(field)}
      label={isOptional ? optional(label) : t(label)}
      hint={hint ? t(hint) : undefined}
    />
  );
  switch (field) {
    case 'creditorId':
    case 'product':
      return null;
    case 'label':
      return <TextField {...fields.text('label')} label={optional('debts.field.label')} />;
    case 'reference':
      return (
        <TextField
          {...fields.text('reference')}
          label={optional('debts.field.reference')}
          hint={t('debts.field.referenceHint')}
        />
      );
    case 'firstUnpaidOn':
      return (
        <TextField
          {...fields.text('firstUnpaidOn', 'firstUnpaid')}
          type="date"
          label={optional('debts.field.firstUnpaidOn')}
          hint={t('debts.field.firstUnpaidOnHint')}
        />
      );
    case 'capitalRemaining':
      return amount('debts.field.capitalRemaining', 'debts.field.capitalHint');
    case 'arrears':
      return amount('debts.field.arrears', 'debts.field.arrearsHint');
    case 'amountDueNow':
      return amount('debts.field.amountDueNow', 'debts.field.amountDueNowHint');
    case 'accruedInterest':
      return amount('debts.field.accruedInterest', undefined, true);
    case 'nominalRate':
      return (
        <TextField
          {...fields.text('nominalRate', 'rate')}
          label={t('debts.field.nominalRate')}
          hint={t('debts.field.nominalRateHint')}
          inputMode="decimal"
          unit="%"
        />
      );
    case 'remainingTerm':
      return (
        <TextField
          {...fields.text('remainingTerm', 'term')}
          label={optional('debts.field.remainingTerm')}
          inputMode="numeric"
          unit={t('debts.field.remainingTermUnit')}
        />
      );
    case 'instalment':
      return amount('debts.field.instalment');
    case 'insurance':
      return amount('debts.field.insurance');
    case 'balloon':
      return amount('debts.field.balloon', undefined, true);
    case 'isJoint':
      return (
        <SelectField
          {...fields.choice('isJoint', 'joint')}
          label={t('debts.field.isJoint')}
          options={yesNoOptions(false)}
        />
      );
    case 'guarantor':
      return (
        <SelectField
          {...fields.choice('guarantor')}
          label={t('debts.field.guarantor')}
          placeholder={t('debts.card.notSaid')}
          options={choices(GUARANTOR_OPTIONS, 'debts.guarantor')}
        />
      );
    case 'enforcementInProgress':
      return (
        <SelectField
          {...fields.choice('enforcementInProgress', 'enforcement')}
          label={t('debts.field.enforcement')}
          options={yesNoOptions(false)}
        />
      );
    case 'isProfessional':
      return (
        <SelectField
          {...fields.choice('isProfessional', 'professional')}
          label={t('debts.field.isProfessional')}
          hint={t('debts.field.professionalHint')}
          options={yesNoOptions(true)}
        />
      );
  }
}

/** The new creditor's fields, inside the debt's form. */
function NewCreditorFields({ fields }: { fields: Fields }) {
  return (
    <fieldset class="new-creditor">
      <legend>{t('debts.newCreditor.legend')}</legend>
      <TextField {...fields.text('newCreditorName', 'creditor-name')} label={t('debts.creditor.name')} />
      <SelectField
        {...fields.choice('newCreditorCategory', 'creditor-category')}
        label={t('debts.creditor.category')}
        options={choices(CreditorCategorySchema.options, 'debts.category')}
      />
      <TextAreaField
        {...fields.text('newCreditorAddress', 'creditor-address')}
        label={optional('debts.creditor.address')}
        hint={t('debts.creditor.addressHint')}
        rows={3}
      />
      <TextField
        {...fields.text('newCreditorReference', 'creditor-reference')}
        label={optional('debts.creditor.reference')}
        hint={t('debts.creditor.referenceHint')}
      />
    </fieldset>
  );
}

export function DebtEditor({
  model,
  dossier,
  row,
  onSaved,
  onClose,
}: LineEditorSlot<DebtRow> & { dossier: Dossier }) {
  const { drafts } = useAppState();
  const creditors = dossier.creditors.filter((c) => !c.deleted);
  const form = useFormModel(() =>
    createDebtEntryForm({
      model,
      drafts,
      row,
      creditorIds: creditors.map((c) => c.id),
      // The only creditor is the likely one; with none yet, the creditor is typed here.
      defaultCreditorId:
        creditors.length === 1 ? (creditors[0]?.id ?? '') : creditors.length === 0 ? NEW_CREDITOR : '',
    }),
  );
  const idPrefix = row ? `debt-${row.id}` : 'debt-new';
  const fields = lineFields(form as FormModel<DebtEntryField, unknown>, idPrefix);
  const errors = form.errors.value;
  const product = fields.values.product;
  const primary = DEBT_FIELDS.filter((f) => isPrimaryField(product, f));
  const more = DEBT_FIELDS.filter((f) => !isPrimaryField(product, f));
  return (
    <LineEditor
      form={form}
      legend={row ? t('debts.edit.legend') : t('debts.add')}
      submitLabel={row ? t('debts.save') : t('debts.add')}
      onSaved={onSaved}
      onClose={onClose}
    >
      <div class="debt-form-fields">
        <SelectField
          {...fields.choice('creditorId', 'creditor')}
          label={t('debts.field.creditor')}
          placeholder={t('debts.card.notSaid')}
          options={[
            ...creditors.map((c) => ({ value: c.id, label: c.name })),
            ...(row ? [] : [{ value: NEW_CREDITOR, label: t('debts.newCreditor.option') }]),
          ]}
        />
        <SelectField
          {...fields.choice('product')}
          label={t('debts.field.product')}
          options={choices(DebtProductSchema.options, 'debts.product')}
        />
      </div>
      {!row && fields.values.creditorId === NEW_CREDITOR && <NewCreditorFields fields={fields} />}
      <div class="debt-form-fields">
        {primary.map((f) => (
          <Fragment key={f}>{debtField(fields, f)}</Fragment>
        ))}
      </div>
      <Disclosure
        id={`${idPrefix}-more`}
        label={t('debts.more')}
        mustOpen={more.some((f) => errors[f] !== undefined)}
      >
        <div class="debt-form-fields">
          {more.map((f) => (
            <Fragment key={f}>{debtField(fields, f)}</Fragment>
          ))}
        </div>
      </Disclosure>
    </LineEditor>
  );
}
