/** The creditors of the Debts tab: stored lines, each editable, and a form to add one. */
import type { Dossier } from '../../../domain/dossier/dossier';
import type { CreditorRow } from '../../../domain/dossier/rows';
import { CreditorCategorySchema } from '../../../domain/household/creditor';
import { t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import { lineFormId } from '../../../state/budget/line-form';
import { creditorFormSpec } from '../../../state/debts/creditor-form';
import type { DossierModel } from '../../../state/workspace/dossier-model';
import { SelectField } from '../../components/fields/select-field';
import { TextAreaField } from '../../components/fields/text-area-field';
import { TextField } from '../../components/fields/text-field';
import { LineEditor, type LineEditorSlot, NewLine, StoredLine, useLineForm } from '../budget/line-editing';
import { lineFields } from '../budget/line-fields';

function CreditorEditor({ model, row, onSaved, onClose }: LineEditorSlot<CreditorRow>) {
  const form = useLineForm(creditorFormSpec, model, row);
  const fields = lineFields(form, row ? `creditor-${row.id}` : 'creditor-new');
  const optional = (label: MessageKey) => `${t(label)} ${t('common.optional')}`;
  return (
    <LineEditor
      form={form}
      legend={row ? t('budget.form.editTitle') : t('debts.creditors.add')}
      submitLabel={row ? t('budget.form.saveLine') : t('debts.creditors.add')}
      onSaved={onSaved}
      onClose={onClose}
    >
      <TextField {...fields.text('name')} label={t('debts.creditor.name')} />
      <SelectField
        {...fields.choice('category')}
        label={t('debts.creditor.category')}
        options={CreditorCategorySchema.options.map((value) => ({
          value,
          label: t(`debts.category.${value}` as MessageKey),
        }))}
      />
      <TextAreaField
        {...fields.text('address')}
        label={optional('debts.creditor.address')}
        hint={t('debts.creditor.addressHint')}
        rows={3}
      />
      <TextField
        {...fields.text('reference')}
        label={optional('debts.creditor.reference')}
        hint={t('debts.creditor.referenceHint')}
      />
    </LineEditor>
  );
}

export function CreditorLines({ model, dossier }: { model: DossierModel; dossier: Dossier }) {
  const rows = dossier.creditors.filter((c) => !c.deleted);
  const debts = dossier.debts.filter((d) => !d.deleted);
  return (
    <section class="card" aria-labelledby="debts-creditors-title">
      <h2 id="debts-creditors-title" tabIndex={-1}>
        {t('debts.creditors.title')}
      </h2>
      {rows.length === 0 ? (
        <p>{t('debts.creditors.empty')}</p>
      ) : (
        <ul class="line-list">
          {rows.map((row) => {
            const count = debts.filter((d) => d.creditorId === row.id).length;
            return (
              <StoredLine
                key={row.id}
                formId={lineFormId('creditor', model.householdId, row.id)}
                name={row.name}
                remove={() => model.removeRow('creditor', row.id)}
                removeBlockedReason={count > 0 ? t('debts.creditors.inUse') : undefined}
                headline={
                  <>
                    <span class="line-title">{row.name}</span>
                    <span class="line-details">
                      {t(`debts.category.${row.category}` as MessageKey)} ·{' '}
                      {t('debts.creditors.debts', { count })}
                    </span>
                  </>
                }
                summary={
                  <>
                    <p class="line-details">
                      {t(`debts.category.${row.category}` as MessageKey)} ·{' '}
                      {t('debts.creditors.debts', { count })}
                      {row.reference
                        ? ` · ${t('debts.creditor.referenceShort', { reference: row.reference })}`
                        : ''}
                    </p>
                    {row.address && <p class="line-details creditor-address">{row.address}</p>}
                  </>
                }
                editor={(done, close) => (
                  <CreditorEditor model={model} row={row} onSaved={done} onClose={close} />
                )}
              />
            );
          })}
        </ul>
      )}
      <NewLine
        formId={lineFormId('creditor', model.householdId, undefined)}
        label={t('debts.creditors.add')}
        render={(onSaved, onClose) => <CreditorEditor model={model} onSaved={onSaved} onClose={onClose} />}
      />
    </section>
  );
}
