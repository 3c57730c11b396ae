/** The resources of the Budget tab: stored lines, each editable, and a form to add one. */
import { type Frequency, FrequencySchema, toMonthlyCents } from '../../../domain/budget/monthly-amount';
import type { Dossier } from '../../../domain/dossier/dossier';
import type { ResourceRow } from '../../../domain/dossier/rows';
import { ResourceTypeSchema } from '../../../domain/household/resource';
import { parseEurosToCents } from '../../../domain/user-input';
import { formatDate, formatMoney, t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import { useAppState } from '../../../state/app-state';
import { createLineForm, lineFormId } from '../../../state/budget/line-form';
import { type ResourceField, resourceFormSpec } from '../../../state/budget/resource-form';
import type { FormModel } from '../../../state/form-model';
import type { DossierModel } from '../../../state/workspace/dossier-model';
import { SelectField } from '../../components/fields/select-field';
import { TextField } from '../../components/fields/text-field';
import { errorText, LineEditor, NewLine, StoredLine, useFormModel, yesNoOptions } from './line-editing';

/** A stored line's amount per period and, when not monthly, its monthly equivalent. */
export function LineAmount({ amountCents, frequency }: { amountCents: number; frequency: Frequency }) {
  return (
    <p class="line-amount">
      {t('budget.line.perPeriod', { amount: formatMoney(amountCents), frequency: frequencyLabel(frequency) })}
      {frequency !== 'monthly' && (
        <span class="line-monthly">
          {' · '}
          {t('budget.line.monthly', { amount: formatMoney(toMonthlyCents(amountCents, frequency)) })}
        </span>
      )}
    </p>
  );
}

export function frequencyLabel(frequency: Frequency): string {
  return t(`budget.frequency.${frequency}` as MessageKey);
}

export function frequencyOptions() {
  return FrequencySchema.options.map((value) => ({
    value,
    label: t(`budget.frequency.${value}` as MessageKey),
  }));
}

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

/** "Soit 714,55 € par mois." under an amount field, once the amount reads as a number. */
export function MonthlyPreview({ amount, frequency, id }: { amount: string; frequency: string; id: string }) {
  const parsed = parseEurosToCents(amount);
  const valid = FrequencySchema.safeParse(frequency);
  if (!parsed.ok || !valid.success) return null;
  return (
    <p class="monthly-preview" id={id} aria-live="polite">
      {t('budget.form.monthlyPreview', { amount: formatMoney(toMonthlyCents(parsed.value, valid.data)) })}
    </p>
  );
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
  const v = form.values.value;
  const e = form.errors.value;
  const edit = (field: ResourceField) => (text: string) => void form.edit(field, text);
  const id = (field: string) => `${idPrefix}-${field}`;
  return (
    <>
      <SelectField
        id={id('type')}
        label={t('budget.field.resourceType')}
        value={v.type}
        options={ResourceTypeSchema.options.map((value) => ({
          value,
          label: t(`budget.resourceType.${value}` as MessageKey),
        }))}
        onChange={edit('type')}
        error={errorText(e.type)}
      />
      <SelectField
        id={id('owner')}
        label={t('budget.field.owner')}
        value={v.ownerMemberId}
        placeholder={t('budget.field.ownerHousehold')}
        options={memberChoices(dossier)}
        onChange={edit('ownerMemberId')}
        error={errorText(e.ownerMemberId)}
      />
      <div class="amount-pair">
        <TextField
          id={id('amount')}
          label={t('budget.field.amount')}
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
        id={id('regular')}
        label={t('budget.field.regular')}
        hint={t('budget.field.regularHint')}
        value={v.regular}
        options={yesNoOptions(false)}
        onChange={edit('regular')}
        error={errorText(e.regular)}
      />
      <div class="amount-pair">
        <TextField
          id={id('start')}
          type="date"
          label={`${t('budget.field.startDate')} ${t('common.optional')}`}
          value={v.startDate}
          onInput={edit('startDate')}
          error={errorText(e.startDate)}
        />
        <TextField
          id={id('end')}
          type="date"
          label={`${t('budget.field.endDate')} ${t('common.optional')}`}
          value={v.endDate}
          onInput={edit('endDate')}
          error={errorText(e.endDate)}
        />
      </div>
      <SelectField
        id={id('seizure')}
        label={t('budget.field.inSeizureBase')}
        value={v.inSeizureBase}
        options={yesNoOptions(false)}
        onChange={edit('inSeizureBase')}
        error={errorText(e.inSeizureBase)}
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

function ResourceEditor({
  model,
  dossier,
  row,
  onSaved,
  onClose,
}: {
  model: DossierModel;
  dossier: Dossier;
  row?: ResourceRow;
  onSaved: () => void;
  onClose?: () => void;
}) {
  const { drafts } = useAppState();
  const memberIds = dossier.members.filter((m) => !m.deleted).map((m) => m.id);
  const form = useFormModel(() => createLineForm(resourceFormSpec(memberIds), { model, drafts, row }));
  return (
    <LineEditor
      form={form}
      legend={row ? t('budget.form.editTitle') : t('budget.resources.add')}
      submitLabel={row ? t('budget.form.saveLine') : t('budget.resources.add')}
      onSaved={onSaved}
      {...(onClose ? { onClose } : {})}
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
  const rows = dossier.resources.filter((r) => !r.deleted);
  const members = new Map(memberChoices(dossier).map((m) => [m.value, m.label]));
  const total = rows.reduce((sum, r) => sum + toMonthlyCents(r.amountCents, r.frequency), 0);
  return (
    <section class="card budget-lines" aria-labelledby="budget-resources-title">
      <h2 id="budget-resources-title">{t('budget.resources.title')}</h2>
      {rows.length === 0 ? (
        <p>{t('budget.resources.empty')}</p>
      ) : (
        <>
          <ul class="line-list">
            {rows.map((row) => (
              <StoredLine
                key={row.id}
                formId={lineFormId('resource', model.householdId, row.id)}
                name={resourceName(row)}
                remove={() => model.removeRow('resource', row.id)}
                summary={
                  <>
                    <p class="line-title">{resourceName(row)}</p>
                    <LineAmount amountCents={row.amountCents} frequency={row.frequency} />
                    <p class="line-details">
                      {[
                        row.ownerMemberId
                          ? t('budget.line.owner', { name: members.get(row.ownerMemberId) ?? '?' })
                          : t('budget.line.household'),
                        row.regular ? null : t('budget.line.irregular'),
                        row.inSeizureBase === false ? t('budget.line.notInSeizureBase') : null,
                        row.startDate ? t('budget.line.from', { date: formatDate(row.startDate) }) : null,
                        row.endDate ? t('budget.line.until', { date: formatDate(row.endDate) }) : null,
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </p>
                  </>
                }
                editor={(done, close) => (
                  <ResourceEditor model={model} dossier={dossier} row={row} onSaved={done} onClose={close} />
                )}
              />
            ))}
          </ul>
          <p class="line-total">{t('budget.resources.total', { amount: formatMoney(total) })}</p>
        </>
      )}
      <h3>{t('budget.resources.add')}</h3>
      <NewLine render={(onSaved) => <ResourceEditor model={model} dossier={dossier} onSaved={onSaved} />} />
    </section>
  );
}
