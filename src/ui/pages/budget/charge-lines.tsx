/** The charges of the Budget tab: stored lines, each editable, and a form to add one. */
import type { Dossier } from '../../../domain/dossier/dossier';
import type { ChargeRow } from '../../../domain/dossier/rows';
import { ChargeModeSchema, ChargeTypeSchema } from '../../../domain/household/charge';
import { ForfaitKindSchema } from '../../../domain/parameters/commission-forfaits';
import { formatMoney, t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import { type ChargeField, chargeFormSpec } from '../../../state/budget/charge-form';
import type { FormModel } from '../../../state/form-model';
import type { DossierModel } from '../../../state/workspace/dossier-model';
import { choices } from '../../components/fields/choices';
import { SelectField } from '../../components/fields/select-field';
import { TextField } from '../../components/fields/text-field';
import { AmountField, AmountPerPeriod } from './line-amount';
import { LineEditor, type LineEditorSlot, useLineForm, yesNoOptions } from './line-editing';
import { lineFields } from './line-fields';
import { BudgetLines } from './line-list';

function ChargeFields({ form, idPrefix }: { form: FormModel<ChargeField, unknown>; idPrefix: string }) {
  const fields = lineFields(form, idPrefix);
  const mode = fields.values.mode;
  return (
    <>
      <SelectField
        {...fields.choice('type')}
        label={t('budget.field.chargeType')}
        options={choices(ChargeTypeSchema.options, 'budget.chargeType')}
      />
      <AmountPerPeriod fields={fields} label={t('budget.field.chargeAmount')} />
      <SelectField
        {...fields.choice('mode')}
        label={t('budget.field.mode')}
        options={choices(ChargeModeSchema.options, 'budget.mode')}
      />
      {mode === 'capped_real' && (
        <AmountField {...fields.text('cap')} label={t('budget.field.cap')} hint={t('budget.field.capHint')} />
      )}
      {mode === 'forfait' && (
        <SelectField
          {...fields.choice('forfaitKind', 'forfait')}
          label={t('budget.field.forfaitKind')}
          placeholder={t('budget.field.forfaitDefault')}
          options={choices(ForfaitKindSchema.options, 'budget.forfait')}
        />
      )}
      <SelectField
        {...fields.choice('hasProof', 'proof')}
        label={t('budget.field.hasProof')}
        options={yesNoOptions(true)}
      />
      <TextField {...fields.text('label')} label={`${t('budget.field.label')} ${t('common.optional')}`} />
    </>
  );
}

function ChargeEditor({ model, row, onSaved, onClose }: LineEditorSlot<ChargeRow>) {
  const form = useLineForm(chargeFormSpec, model, row);
  return (
    <LineEditor
      form={form}
      legend={row ? t('budget.form.editTitle') : t('budget.charges.add')}
      submitLabel={row ? t('budget.form.saveLine') : t('budget.charges.add')}
      onSaved={onSaved}
      onClose={onClose}
    >
      <ChargeFields
        form={form as FormModel<ChargeField, unknown>}
        idPrefix={row ? `charge-${row.id}` : 'charge-new'}
      />
    </LineEditor>
  );
}

export function chargeName(row: ChargeRow): string {
  const type = t(`budget.chargeType.${row.type}` as MessageKey);
  return row.label ? `${type} (${row.label})` : type;
}

export function ChargeLines({ model, dossier }: { model: DossierModel; dossier: Dossier }) {
  return (
    <BudgetLines
      entity="charge"
      model={model}
      rows={dossier.charges}
      name={chargeName}
      details={(row) => [
        t(`budget.mode.${row.mode}` as MessageKey),
        row.mode === 'capped_real' && row.capMonthlyCents !== undefined
          ? t('budget.line.cap', { amount: formatMoney(row.capMonthlyCents) })
          : null,
        row.mode === 'forfait' && row.forfaitKind
          ? t(`budget.forfait.${row.forfaitKind}` as MessageKey)
          : null,
        row.hasProof === true
          ? t('budget.line.proof')
          : row.hasProof === false
            ? t('budget.line.noProof')
            : null,
      ]}
      editor={(row, onSaved, onClose) => (
        <ChargeEditor model={model} row={row} onSaved={onSaved} onClose={onClose} />
      )}
    />
  );
}
