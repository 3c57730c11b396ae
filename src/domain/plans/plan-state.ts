/**
 * The monitored state of a plan (docs/reports-and-plans.md PLAN2–PLAN4): one pure function the
 * server runs for the coordinators' worklists (plan_states) and the device runs offline for the
 * counsellor's reminders (PLAN8), so both always agree.
 */
import { addDays, addMonths, type IsoDate } from '../dates';
import { formalNoticeRuleOn } from '../parameters/parameters-on';
import type { Plan, PlanPayment } from './plan';
import type { PlanState, PlanStatus, PlanThresholds } from './plan-monitoring';
import { planSchedule } from './plan-schedule';

/**
 * The record that holds for each instalment, by due date (PLAN2): the latest `recordedOn`, then
 * the greatest id, so every device and the server pick the same one whatever order rows came in.
 * Records of another plan are ignored.
 */
export function latestPaymentRecords(
  planId: string,
  payments: readonly PlanPayment[],
): Map<IsoDate, PlanPayment> {
  const out = new Map<IsoDate, PlanPayment>();
  for (const payment of payments) {
    if (payment.planId !== planId) continue;
    const held = out.get(payment.dueOn);
    if (
      held === undefined ||
      payment.recordedOn > held.recordedOn ||
      (payment.recordedOn === held.recordedOn && payment.id > held.id)
    ) {
      out.set(payment.dueOn, payment);
    }
  }
  return out;
}

/** A BdF plan (conventional or imposed measures): the R732-2 lapse applies (PLAN3). */
export function isBdfPlan(plan: Pick<Plan, 'kind'>): boolean {
  return plan.kind !== 'amicable';
}

/** The day the review falls due (PLAN3): reviewEveryMonths after the last review, or the start. */
export function reviewDueOn(
  plan: Pick<Plan, 'firstDueOn' | 'lastReviewOn'>,
  thresholds: PlanThresholds,
): IsoDate {
  return addMonths(plan.lastReviewOn ?? plan.firstDueOn, thresholds.reviewEveryMonths);
}

interface NoticeClock {
  /** Unanswered and within its days: status formal_notice. */
  active: boolean;
  /** Unanswered past its days (BdF plans only). */
  lapsed: boolean;
  /** The last day of the notice's period (BdF plans, notice not settled in time). */
  lapsesOn?: IsoDate;
  /** The next day the clock changes with no new record. */
  changesOn?: IsoDate;
}

/**
 * The formal notice clock (R732-2): a notice received on N and not settled by the end of N +
 * lapseDays (the day of the notice does not count) makes a BdF plan lapse on the day after. A
 * settlement dated before the notice answers an earlier one; one dated after the period is too late.
 */
function noticeClock(plan: Plan, today: IsoDate, lapseDays: number): NoticeClock {
  const noticeOn = plan.formalNoticeOn;
  if (noticeOn === undefined) return { active: false, lapsed: false };
  if (noticeOn > today) return { active: false, lapsed: false, changesOn: noticeOn };
  const lapsesOn = isBdfPlan(plan) ? addDays(noticeOn, lapseDays) : undefined;
  const settledOn = plan.formalNoticeSettledOn;
  const settled = settledOn !== undefined && settledOn >= noticeOn && settledOn <= today;
  const settledInTime = settled && (lapsesOn === undefined || (settledOn as IsoDate) <= lapsesOn);
  if (settledInTime) return { active: false, lapsed: false };
  if (lapsesOn !== undefined && today > lapsesOn) return { active: false, lapsed: true, lapsesOn };
  return {
    active: true,
    lapsed: false,
    ...(lapsesOn === undefined ? {} : { lapsesOn, changesOn: addDays(lapsesOn, 1) }),
  };
}

/**
 * The state of `plan` on `today`.
 * @param payments - the plan's payment records (others are ignored)
 * @param today - the reference day (Europe/Paris on the server)
 * @param thresholds - the association's thresholds (PLAN5)
 * @param lapseDays - the formal notice's days, from `formalNoticeRuleOn(plan.formalNoticeOn)` (R732-2)
 */
export function planState(
  plan: Plan,
  payments: readonly PlanPayment[],
  today: IsoDate,
  thresholds: PlanThresholds,
  lapseDays: number,
): PlanState {
  const schedule = planSchedule(plan);
  const endsOn = (schedule[schedule.length - 1] as { dueOn: IsoDate }).dueOn;
  const records = latestPaymentRecords(plan.id, payments);
  // Days after today on which the state changes with no new record (recheckOn is the first).
  const changes: IsoDate[] = [];

  let missedCount = 0;
  let arrearsCents = 0;
  let everyInstalmentCounted = true;
  for (const instalment of schedule) {
    const record = records.get(instalment.dueOn);
    // PLAN2: with no record, missed from the day after its grace.
    const missedFrom = addDays(instalment.dueOn, thresholds.graceDays + 1);
    if (record === undefined && today < missedFrom) {
      everyInstalmentCounted = false;
      changes.push(missedFrom);
      continue;
    }
    const unpaid = record === undefined || record.status === 'missed';
    const paidCents = unpaid ? 0 : record.amountCents;
    // A suspension instalment (0 €) owes nothing: never missed, never in arrears.
    if (unpaid && instalment.dueCents > 0) missedCount += 1;
    arrearsCents += Math.max(0, instalment.dueCents - paidCents);
  }

  const next = schedule.find((instalment) => instalment.dueOn >= today);
  if (next !== undefined) changes.push(addDays(next.dueOn, 1));

  const notice = noticeClock(plan, today, lapseDays);
  if (notice.changesOn !== undefined) changes.push(notice.changesOn);

  const endedEarly = plan.endedOn !== undefined && plan.endedOn <= today;
  if (plan.endedOn !== undefined && plan.endedOn > today) changes.push(plan.endedOn);
  const ended = endedEarly || (everyInstalmentCounted && arrearsCents === 0);

  const reviewOn = reviewDueOn(plan, thresholds);
  if (reviewOn > today) changes.push(reviewOn);
  const endingSoonFrom = addMonths(endsOn, -thresholds.endingSoonMonths);
  if (endingSoonFrom > today) changes.push(endingSoonFrom);

  const status: PlanStatus = ended
    ? 'ended'
    : notice.lapsed
      ? 'lapsed'
      : notice.active
        ? 'formal_notice'
        : missedCount >= thresholds.lateAfterMissed
          ? 'late'
          : today >= reviewOn
            ? 'review_due'
            : today >= endingSoonFrom
              ? 'ending_soon'
              : 'on_track';
  // PLAN4; an ended plan is no longer followed, so never failing.
  const failing =
    status !== 'ended' && (missedCount >= thresholds.failingAfterMissed || notice.active || notice.lapsed);
  const recheckOn = status === 'ended' ? undefined : changes.filter((day) => day > today).sort()[0];

  return {
    status,
    failing,
    missedCount,
    arrearsCents,
    ...(next === undefined ? {} : { nextDueOn: next.dueOn }),
    endsOn,
    ...(notice.lapsesOn === undefined ? {} : { lapsesOn: notice.lapsesOn }),
    ...(recheckOn === undefined ? {} : { recheckOn }),
  };
}

/**
 * planState with the formal notice's days read from the legal parameter in force on the day of
 * the notice (R732-2, `formalNoticeRuleOn`): what the server and the device call.
 * @throws MissingParameterError('planFormalNotice') for a notice no record covers
 */
export function planStateOn(
  plan: Plan,
  payments: readonly PlanPayment[],
  today: IsoDate,
  thresholds: PlanThresholds,
): PlanState {
  const lapseDays = plan.formalNoticeOn === undefined ? 0 : formalNoticeRuleOn(plan.formalNoticeOn).lapseDays;
  return planState(plan, payments, today, thresholds, lapseDays);
}
