/**
 * What a counsellor records against a plan in force (docs/reports-and-plans.md PLAN2–PLAN3): a
 * payment of one instalment (paid, paid late or missed, seen by the counsellor or on the
 * household's word), a creditor's formal notice and its settlement, a review, the end.
 * Each is a form of text fields checked here into the row's fields or the plan's patch.
 */
import { type IsoDate, IsoDateSchema } from '../../domain/dates';
import type { FieldsOf, PatchOf, PlanRow } from '../../domain/dossier/rows';
import { formalNoticeRuleOn } from '../../domain/parameters/parameters-on';
import { PlanPaymentSourceSchema, PlanPaymentStatusSchema } from '../../domain/plans/plan';
import { centsToInputText, parseEurosToCents } from '../../domain/user-input';
import type { FieldErrors, FieldValues, Validation } from '../form-model';

export type PaymentField = 'status' | 'amount' | 'paidOn' | 'source' | 'details';

/** The instalment a payment is recorded against: its due date and what is due. */
export interface InstalmentRef {
  dueOn: IsoDate;
  dueCents: number;
}

/** Prefilled for the usual case: the amount due, paid on its due date, seen by the counsellor. */
export function paymentInitial(instalment: InstalmentRef, today: IsoDate): FieldValues<PaymentField> {
  return {
    status: 'paid',
    amount: centsToInputText(instalment.dueCents),
    paidOn: instalment.dueOn <= today ? instalment.dueOn : today,
    source: 'counsellor',
    details: '',
  };
}

/** A typed date, checked: required, a real date, not after today. */
function checkedDate(text: string, today: IsoDate): { date?: IsoDate; error?: string } {
  const date = text.trim();
  if (date === '') return { error: 'error.required' };
  if (!IsoDateSchema.safeParse(date).success) return { error: 'error.date.invalid' };
  if (date > today) return { error: 'error.date.future' };
  return { date };
}

/**
 * Checks a payment of `instalment` (PLAN2): `missed` records nothing paid; `paid` and `late` need
 * the amount and the day it was paid; `late` is paid after the due date.
 */
export function validatePayment(
  values: FieldValues<PaymentField>,
  context: { planId: string; instalment: InstalmentRef; today: IsoDate },
): Validation<PaymentField, FieldsOf<'plan_payment'>> {
  const errors: FieldErrors<PaymentField> = {};
  const status = PlanPaymentStatusSchema.safeParse(values.status);
  if (!status.success) errors.status = 'error.required';
  const source = PlanPaymentSourceSchema.safeParse(values.source);
  if (!source.success) errors.source = 'error.required';
  const details = values.details.trim();
  if (details.length > 2000) errors.details = 'error.tooLong';
  let amountCents = 0;
  let paidOn: IsoDate | undefined;
  if (status.success && status.data !== 'missed') {
    const amount = parseEurosToCents(values.amount);
    if (!amount.ok) errors.amount = `error.amount.${amount.error}`;
    else if (amount.value === 0) errors.amount = 'plans.error.amountZero';
    else amountCents = amount.value;
    const checked = checkedDate(values.paidOn, context.today);
    if (checked.error) errors.paidOn = checked.error;
    else paidOn = checked.date;
    if (paidOn !== undefined && status.data === 'late' && paidOn <= context.instalment.dueOn)
      errors.paidOn = 'plans.error.lateNotAfterDue';
  }
  if (!status.success || !source.success || Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      planId: context.planId,
      dueOn: context.instalment.dueOn,
      status: status.data,
      amountCents,
      ...(paidOn !== undefined ? { paidOn } : {}),
      source: source.data,
      recordedOn: context.today,
      ...(details ? { details } : {}),
    },
  };
}

/** Whether the formal notice's days (R732-2) are known on that day (the legal records' start). */
function hasNoticeRule(date: IsoDate): boolean {
  try {
    formalNoticeRuleOn(date);
    return true;
  } catch {
    return false;
  }
}

/** The events of a plan, each a dated change of the plan row. */
export type PlanEvent = 'formalNotice' | 'noticeSettled' | 'review' | 'end';
export type EventField = 'date' | 'reason';

export const END_REASONS = ['paid_off', 'superseded', 'abandoned'] as const;

export function eventInitial(today: IsoDate): FieldValues<EventField> {
  return { date: today, reason: '' };
}

/** A formal notice opens the R732-2 clock: Banque de France plans only (PLAN3). */
export function acceptsFormalNotice(plan: PlanRow): boolean {
  return plan.kind !== 'amicable' && plan.endedOn === undefined && !hasOpenFormalNotice(plan);
}

/** A formal notice received and not yet settled. */
export function hasOpenFormalNotice(plan: PlanRow): boolean {
  return plan.formalNoticeOn !== undefined && plan.formalNoticeSettledOn === undefined;
}

/**
 * Checks an event of `plan` into its patch: the date (not in the future; a settlement not before
 * its notice), and the reason of an end.
 */
export function validateEvent(
  event: PlanEvent,
  values: FieldValues<EventField>,
  plan: PlanRow,
  today: IsoDate,
): Validation<EventField, PatchOf<'plan'>> {
  const errors: FieldErrors<EventField> = {};
  const checked = checkedDate(values.date, today);
  if (checked.error) errors.date = checked.error;
  const date = checked.date;
  if (date !== undefined && event === 'noticeSettled' && plan.formalNoticeOn && date < plan.formalNoticeOn)
    errors.date = 'plans.error.settledBeforeNotice';
  if (date !== undefined && event === 'formalNotice' && plan.kind === 'amicable')
    errors.date = 'plans.error.noticeAmicable';
  else if (date !== undefined && event === 'formalNotice' && !hasNoticeRule(date))
    errors.date = 'plans.error.noLimit';
  const reason = END_REASONS.find((r) => r === values.reason);
  if (event === 'end' && reason === undefined) errors.reason = 'error.required';
  if (date === undefined || Object.keys(errors).length > 0) return { ok: false, errors };
  switch (event) {
    case 'formalNotice':
      // A new notice restarts the clock: the settlement of an earlier one no longer holds.
      return { ok: true, value: { formalNoticeOn: date, formalNoticeSettledOn: undefined } };
    case 'noticeSettled':
      return { ok: true, value: { formalNoticeSettledOn: date } };
    case 'review':
      return { ok: true, value: { lastReviewOn: date } };
    case 'end':
      return { ok: true, value: { endedOn: date, endReason: reason ?? 'paid_off' } };
  }
}
