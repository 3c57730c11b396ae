/** Amounts of the line screens: the euro field, the amount-per-period pair, and how a stored amount reads. */
import { type Frequency, FrequencySchema, toMonthlyCents } from '../../../domain/budget/monthly-amount';
import { parseEurosToCents } from '../../../domain/user-input';
import { formatMoney, t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import { choices } from '../../components/fields/choices';
import { SelectField } from '../../components/fields/select-field';
import { TextField, type TextFieldProps } from '../../components/fields/text-field';
import type { LineFields } from './line-fields';

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
  return choices(FrequencySchema.options, 'budget.frequency');
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

/** A field of euros: the numeric keypad on tablets and the "€" unit after it. */
export function AmountField(props: Omit<TextFieldProps, 'inputMode' | 'unit'>) {
  return <TextField {...props} inputMode="decimal" unit="€" />;
}

/** The amount of a resource or a charge with its period, then what it makes per month. */
export function AmountPerPeriod({
  fields,
  label,
}: {
  fields: LineFields<'amount' | 'frequency'>;
  label: string;
}) {
  return (
    <>
      <div class="amount-pair">
        <AmountField {...fields.text('amount')} label={label} hint={t('budget.field.amountHint')} />
        <SelectField
          {...fields.choice('frequency')}
          label={t('budget.field.frequency')}
          options={frequencyOptions()}
        />
      </div>
      <MonthlyPreview
        amount={fields.values.amount}
        frequency={fields.values.frequency}
        id={fields.id('monthly')}
      />
    </>
  );
}
