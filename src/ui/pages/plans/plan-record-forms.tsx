/** The forms of what is recorded against a plan: an instalment's payment, and the plan's events. */
import type { IsoDate } from '../../../domain/dates';
import type { FieldsOf, PatchOf, PlanRow } from '../../../domain/dossier/rows';
import { PlanPaymentSourceSchema, PlanPaymentStatusSchema } from '../../../domain/plans/plan';
import { formatDate, formatMoney, t } from '../../../i18n/i18n';
import {
  END_REASONS,
  type EventField,
  eventInitial,
  type InstalmentRef,
  type PaymentField,
  type PlanEvent,
  paymentInitial,
  validateEvent,
  validatePayment,
} from '../../../state/plans/plan-records';
import type { DossierModel } from '../../../state/workspace/dossier-model';
import { choices } from '../../components/fields/choices';
import { SelectField } from '../../components/fields/select-field';
import { TextAreaField } from '../../components/fields/text-area-field';
import { TextField } from '../../components/fields/text-field';
import { fieldBindings, useForm } from '../followup/form-bits';
import { RowEditor } from '../followup/row-editor';

/** Records (or corrects: a later record replaces the earlier one, PLAN2) one instalment's payment. */
export function PaymentForm({
  model,
  plan,
  instalment,
  today,
  onDone,
}: {
  model: DossierModel;
  plan: PlanRow;
  instalment: InstalmentRef;
  today: IsoDate;
  onDone: () => void;
}) {
  const formId = `plan_payment:${plan.id}:${instalment.dueOn}`;
  const form = useForm<PaymentField, FieldsOf<'plan_payment'>>({
    formId,
    initial: paymentInitial(instalment, today),
    validate: (values) => validatePayment(values, { planId: plan.id, instalment, today }),
    save: async (fields, receipt) => {
      await model.addRow('plan_payment', fields, receipt);
    },
  });
  const values = form.values.value;
  const { typed, chosen } = fieldBindings(
    values,
    form.errors.value,
    (field, value) => void form.edit(field, value),
    `payment-${plan.id}-${instalment.dueOn}`,
    'plans.payment.field',
  );
  return (
    <RowEditor
      form={form}
      title={t('plans.payment.title', {
        date: formatDate(instalment.dueOn),
        amount: formatMoney(instalment.dueCents),
      })}
      submitText={t('common.save')}
      savedText={t('plans.payment.saved')}
      onClose={onDone}
    >
      <div class="followup-grid">
        <SelectField
          {...chosen('status')}
          options={choices(PlanPaymentStatusSchema.options, 'plans.payment.status')}
        />
        {values.status !== 'missed' && (
          <>
            <TextField {...typed('amount')} inputMode="decimal" unit="€" />
            <TextField {...typed('paidOn')} type="date" />
          </>
        )}
        <SelectField
          {...chosen('source')}
          options={choices(PlanPaymentSourceSchema.options, 'plans.payment.source')}
        />
      </div>
      <TextAreaField {...typed('details')} />
    </RowEditor>
  );
}

/** A dated event of the plan: formal notice, its settlement, a review, the end. */
export function PlanEventForm({
  model,
  plan,
  event,
  today,
  onDone,
}: {
  model: DossierModel;
  plan: PlanRow;
  event: PlanEvent;
  today: IsoDate;
  onDone: () => void;
}) {
  const form = useForm<EventField, PatchOf<'plan'>>({
    formId: `plan:${plan.id}:${event}`,
    initial: eventInitial(today),
    validate: (values) => validateEvent(event, values, plan, today),
    save: async (patch, receipt) => {
      await model.updateRow('plan', plan.id, patch, receipt);
    },
  });
  const { typed, chosen } = fieldBindings(
    form.values.value,
    form.errors.value,
    (field, value) => void form.edit(field, value),
    `plan-${plan.id}-${event}`,
    'plans.event.field',
  );
  return (
    <RowEditor
      form={form}
      title={t(`plans.event.title.${event}`)}
      submitText={t('common.save')}
      savedText={t('plans.event.saved')}
      onClose={onDone}
    >
      {event === 'formalNotice' && <p class="hint">{t('plans.event.help.formalNotice')}</p>}
      <div class="followup-grid">
        <TextField {...typed('date')} type="date" />
        {event === 'end' && (
          <SelectField
            {...chosen('reason')}
            options={choices(END_REASONS, 'plans.endReason')}
            placeholder={t('plans.event.reasonChoose')}
          />
        )}
      </div>
    </RowEditor>
  );
}
