/** The resources of the Budget tab: stored lines, each editable, and a form to add one. */
import type { Dossier } from '../../../domain/dossier/dossier';
import type { ResourceRow } from '../../../domain/dossier/rows';
import { ResourceTypeSchema } from '../../../domain/household/resource';
import { formatDate, t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import { type ResourceField, resourceFormSpec } from '../../../state/budget/resource-form';
import type { FormModel } from '../../../state/form-model';
import type { DossierModel } from '../../../state/workspace/dossier-model';
import { choices } from '../../components/fields/choices';
import { SelectField } from '../../components/fields/select-field';
import { TextField } from '../../components/fields/text-field';
import { AmountPerPeriod } from './line-amount';
import { LineEditor, type LineEditorSlot, useLineForm, yesNoOptions } from './line-editing';
import { lineFields } from './line-fields';
import { BudgetLines } from './line-list';

/** Members as "Who receives it" choices: first and last name, or "Person n". */
export function memberChoices(dossier: Dossier) {
  return dossier.members
    .filter((m) => !m.deleted)
    .map((m, index) => ({
      value: m.id,
      label:
        [m.firstName, m.lastName].filter(Boolean).join(' ') || t('budget.member.unnamed', { n: index + 1 }),
    }));
}

function ResourceFields({
  form,
  dossier,
  idPrefix,
}: {
  form: FormModel<ResourceField, unknown>;
  dossier: Dossier;
  idPrefix: string;
}) {
  const fields = lineFields(form, idPrefix);
  const optional = (label: MessageKey) => `${t(label)} ${t('common.optional')}`;
  return (
    <>
      <SelectField
        {...fields.choice('type')}
        label={t('budget.field.resourceType')}
        options={choices(ResourceTypeSchema.options, 'budget.resourceType')}
      />
      <SelectField
        {...fields.choice('ownerMemberId', 'owner')}
        label={t('budget.field.owner')}
        placeholder={t('budget.field.ownerHousehold')}
        options={memberChoices(dossier)}
      />
      <AmountPerPeriod fields={fields} label={t('budget.field.amount')} />
      <SelectField
        {...fields.choice('regular')}
        label={t('budget.field.regular')}
        hint={t('budget.field.regularHint')}
        options={yesNoOptions(false)}
      />
      <div class="amount-pair">
        <TextField
          {...fields.text('startDate', 'start')}
          type="date"
          label={optional('budget.field.startDate')}
        />
        <TextField {...fields.text('endDate', 'end')} type="date" label={optional('budget.field.endDate')} />
      </div>
      <SelectField
        {...fields.choice('inSeizureBase', 'seizure')}
        label={t('budget.field.inSeizureBase')}
        options={yesNoOptions(false)}
      />
      <TextField {...fields.text('label')} label={optional('budget.field.label')} />
    </>
  );
}

function ResourceEditor({
  model,
  dossier,
  row,
  onSaved,
  onClose,
}: LineEditorSlot<ResourceRow> & { dossier: Dossier }) {
  const memberIds = dossier.members.filter((m) => !m.deleted).map((m) => m.id);
  const form = useLineForm(resourceFormSpec(memberIds), model, row);
  return (
    <LineEditor
      form={form}
      legend={row ? t('budget.form.editTitle') : t('budget.resources.add')}
      submitLabel={row ? t('budget.form.saveLine') : t('budget.resources.add')}
      onSaved={onSaved}
      onClose={onClose}
    >
      <ResourceFields
        form={form as FormModel<ResourceField, unknown>}
        dossier={dossier}
        idPrefix={row ? `resource-${row.id}` : 'resource-new'}
      />
    </LineEditor>
  );
}

export function resourceName(row: ResourceRow): string {
  const type = t(`budget.resourceType.${row.type}` as MessageKey);
  return row.label ? `${type} (${row.label})` : type;
}

export function ResourceLines({ model, dossier }: { model: DossierModel; dossier: Dossier }) {
  const members = new Map(memberChoices(dossier).map((m) => [m.value, m.label]));
  return (
    <BudgetLines
      entity="resource"
      model={model}
      rows={dossier.resources}
      name={resourceName}
      details={(row) => [
        row.ownerMemberId
          ? t('budget.line.owner', { name: members.get(row.ownerMemberId) ?? '?' })
          : t('budget.line.household'),
        row.regular ? null : t('budget.line.irregular'),
        row.inSeizureBase === false ? t('budget.line.notInSeizureBase') : null,
        row.startDate ? t('budget.line.from', { date: formatDate(row.startDate) }) : null,
        row.endDate ? t('budget.line.until', { date: formatDate(row.endDate) }) : null,
      ]}
      editor={(row, onSaved, onClose) => (
        <ResourceEditor model={model} dossier={dossier} row={row} onSaved={onSaved} onClose={onClose} />
      )}
    />
  );
}
