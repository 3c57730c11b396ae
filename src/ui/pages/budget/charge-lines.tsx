/** The charges of the Budget tab: stored lines, each editable, and a form to add one. */
import { toMonthlyCents } from '../../../domain/budget/monthly-amount';
import type { Dossier } from '../../../domain/dossier/dossier';
import type { ChargeRow } from '../../../domain/dossier/rows';
import { ChargeModeSchema, ChargeTypeSchema } from '../../../domain/household/charge';
import { ForfaitKindSchema } from '../../../domain/parameters/commission-forfaits';
import { formatMoney, t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import { useAppState } from '../../../state/app-state';
import { type ChargeField, chargeFormSpec } from '../../../state/budget/charge-form';
import { createLineForm, lineFormId } from '../../../state/budget/line-form';
import type { FormModel } from '../../../state/form-model';
import type { DossierModel } from '../../../state/workspace/dossier-model';
import { SelectField } from '../../components/fields/select-field';
import { TextField } from '../../components/fields/text-field';
import { errorText, LineEditor, NewLine, StoredLine, useFormModel, yesNoOptions } from './line-editing';
import { frequencyOptions, LineAmount, MonthlyPreview } from './resource-lines';

function ChargeFields({ form, idPrefix }: { form: FormModel<ChargeField, unknown>; idPrefix: string }) {
  const v = form.values.value;
  const e = form.errors.value;
  const edit = (field: ChargeField) => (text: string) => void form.edit(field, text);
  const id = (field: string) => `${idPrefix}-${field}`;
  return (
    <>
      <SelectField
        id={id('type')}
        label={t('budget.field.chargeType')}
        value={v.type}
        options={ChargeTypeSchema.options.map((value) => ({
          value,
          label: t(`budget.chargeType.${value}` as MessageKey),
        }))}
        onChange={edit('type')}
        error={errorText(e.type)}
      />
      <div class="amount-pair">
        <TextField
          id={id('amount')}
          label={t('budget.field.chargeAmount')}
          hint={t('budget.field.amountHint')}
          value={v.amount}
          inputMode="decimal"
          unit="€"
          onInput={edit('amount')}
          error={errorText(e.amount)}
        />
        <SelectField
          id={id('frequency')}
          label={t('budget.field.frequency')}
          value={v.frequency}
          options={frequencyOptions()}
          onChange={edit('frequency')}
          error={errorText(e.frequency)}
        />
      </div>
      <MonthlyPreview amount={v.amount} frequency={v.frequency} id={id('monthly')} />
      <SelectField
        id={id('mode')}
        label={t('budget.field.mode')}
        value={v.mode}
        options={ChargeModeSchema.options.map((value) => ({
          value,
          label: t(`budget.mode.${value}` as MessageKey),
        }))}
        onChange={edit('mode')}
        error={errorText(e.mode)}
      />
      {v.mode === 'capped_real' && (
        <TextField
          id={id('cap')}
          label={t('budget.field.cap')}
          hint={t('budget.field.capHint')}
          value={v.cap}
          inputMode="decimal"
          unit="€"
          onInput={edit('cap')}
          error={errorText(e.cap)}
        />
      )}
      {v.mode === 'forfait' && (
        <SelectField
          id={id('forfait')}
          label={t('budget.field.forfaitKind')}
          value={v.forfaitKind}
          placeholder={t('budget.field.forfaitDefault')}
          options={ForfaitKindSchema.options.map((value) => ({
            value,
            label: t(`budget.forfait.${value}` as MessageKey),
          }))}
          onChange={edit('forfaitKind')}
          error={errorText(e.forfaitKind)}
        />
      )}
      <SelectField
        id={id('proof')}
        label={t('budget.field.hasProof')}
        value={v.hasProof}
        options={yesNoOptions(true)}
        onChange={edit('hasProof')}
        error={errorText(e.hasProof)}
      />
      <TextField
        id={id('label')}
        label={`${t('budget.field.label')} ${t('common.optional')}`}
        value={v.label}
        onInput={edit('label')}
        error={errorText(e.label)}
      />
    </>
  );
}

function ChargeEditor({
  model,
  row,
  onSaved,
  onClose,
}: {
  model: DossierModel;
  row?: ChargeRow;
  onSaved: () => void;
  onClose?: () => void;
}) {
  const { drafts } = useAppState();
  const form = useFormModel(() => createLineForm(chargeFormSpec, { model, drafts, row }));
  return (
    <LineEditor
      form={form}
      legend={row ? t('budget.form.editTitle') : t('budget.charges.add')}
      submitLabel={row ? t('budget.form.saveLine') : t('budget.charges.add')}
      onSaved={onSaved}
      {...(onClose ? { onClose } : {})}
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
  const rows = dossier.charges.filter((c) => !c.deleted);
  const total = rows.reduce((sum, c) => sum + toMonthlyCents(c.amountCents, c.frequency), 0);
  return (
    <section class="card budget-lines" aria-labelledby="budget-charges-title">
      <h2 id="budget-charges-title">{t('budget.charges.title')}</h2>
      {rows.length === 0 ? (
        <p>{t('budget.charges.empty')}</p>
      ) : (
        <>
          <ul class="line-list">
            {rows.map((row) => (
              <StoredLine
                key={row.id}
                formId={lineFormId('charge', model.householdId, row.id)}
                name={chargeName(row)}
                remove={() => model.removeRow('charge', row.id)}
                summary={
                  <>
                    <p class="line-title">{chargeName(row)}</p>
                    <LineAmount amountCents={row.amountCents} frequency={row.frequency} />
                    <p class="line-details">
                      {[
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
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </p>
                  </>
                }
                editor={(done, close) => (
                  <ChargeEditor model={model} row={row} onSaved={done} onClose={close} />
                )}
              />
            ))}
          </ul>
          <p class="line-total">{t('budget.charges.total', { amount: formatMoney(total) })}</p>
        </>
      )}
      <h3>{t('budget.charges.add')}</h3>
      <NewLine render={(onSaved) => <ChargeEditor model={model} onSaved={onSaved} />} />
    </section>
  );
}
