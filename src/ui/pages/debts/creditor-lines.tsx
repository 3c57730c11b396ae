/** The creditors of the Debts tab: stored lines, each editable, and a form to add one. */
import type { Dossier } from '../../../domain/dossier/dossier';
import type { CreditorRow } from '../../../domain/dossier/rows';
import { CreditorCategorySchema } from '../../../domain/household/creditor';
import { t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import { lineFormId } from '../../../state/budget/line-form';
import { creditorFormSpec } from '../../../state/debts/creditor-form';
import type { DossierModel } from '../../../state/workspace/dossier-model';
import { choices } from '../../components/fields/choices';
import { SelectField } from '../../components/fields/select-field';
import { TextAreaField } from '../../components/fields/text-area-field';
import { TextField } from '../../components/fields/text-field';
import { LineEditor, type LineEditorSlot, useLineForm } from '../budget/line-editing';
import { lineFields } from '../budget/line-fields';
import { LineList } from '../budget/line-list';

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
        options={choices(CreditorCategorySchema.options, 'debts.category')}
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
  const debts = dossier.debts.filter((d) => !d.deleted);
  return (
    <LineList
      sectionClass="card"
      titleId="debts-creditors-title"
      title={t('debts.creditors.title')}
      emptyText={t('debts.creditors.empty')}
      addLabel={t('debts.creditors.add')}
      newFormId={lineFormId('creditor', model.householdId, undefined)}
      rows={dossier.creditors.filter((c) => !c.deleted)}
      editor={(row, onSaved, onClose) => (
        <CreditorEditor model={model} row={row} onSaved={onSaved} onClose={onClose} />
      )}
      line={(row) => {
        const count = debts.filter((d) => d.creditorId === row.id).length;
        const facts = `${t(`debts.category.${row.category}` as MessageKey)} · ${t('debts.creditors.debts', { count })}`;
        return {
          formId: lineFormId('creditor', model.householdId, row.id),
          name: row.name,
          remove: () => model.removeRow('creditor', row.id),
          removeBlockedReason: count > 0 ? t('debts.creditors.inUse') : undefined,
          headline: (
            <>
              <span class="line-title">{row.name}</span>
              <span class="line-details">{facts}</span>
            </>
          ),
          summary: (
            <>
              <p class="line-details">
                {facts}
                {row.reference
                  ? ` · ${t('debts.creditor.referenceShort', { reference: row.reference })}`
                  : ''}
              </p>
              {row.address && <p class="line-details creditor-address">{row.address}</p>}
            </>
          ),
        };
      }}
    />
  );
}
