/**
 * What the screens show of a plan (docs/reports-and-plans.md PLAN1–PLAN4, PLAN8): its schedule
 * with what is recorded against each instalment, its state and its reminders. The state and the
 * reminders are the domain's (planState, planReminders), the same the server keeps: this file
 * only gathers them for display.
 */
import { addDays, type IsoDate } from '../../domain/dates';
import type { PlanPaymentRow, PlanRow } from '../../domain/dossier/rows';
import { formalNoticeRuleOn } from '../../domain/parameters/parameters-on';
import type { PlanPayment } from '../../domain/plans/plan';
import type { PlanState, PlanThresholds } from '../../domain/plans/plan-monitoring';
import { type PlanReminder, planReminders } from '../../domain/plans/plan-reminders';
import { type Instalment, planSchedule } from '../../domain/plans/plan-schedule';
import { latestPaymentRecords, planState, planStateOn } from '../../domain/plans/plan-state';

/** One instalment and the record that holds for it (PLAN2), if any. */
export interface InstalmentView extends Instalment {
  record?: PlanPayment;
}

export interface PlanView {
  plan: PlanRow;
  state: PlanState;
  reminders: PlanReminder[];
  instalments: InstalmentView[];
  /** Sum of every instalment, cents. */
  totalCents: number;
  /** The day the plan lapses if the formal notice is not answered (the day after its last day). */
  lapsesOnDay?: IsoDate;
}

/**
 * The domain's state of the plan (planStateOn: the formal notice's days in force on the day of the
 * notice). A notice dated before the legal records start (a row typed elsewhere) is read with the
 * days in force today rather than leaving the plan without a state.
 */
export function planStateFor(
  plan: PlanRow,
  payments: readonly PlanPayment[],
  today: IsoDate,
  thresholds: PlanThresholds,
): PlanState {
  try {
    return planStateOn(plan, payments, today, thresholds);
  } catch {
    return planState(plan, payments, today, thresholds, formalNoticeRuleOn(today).lapseDays);
  }
}

/** Payment rows of one plan, without tombstones. */
export function paymentsOf(plan: PlanRow, payments: readonly PlanPaymentRow[]): PlanPaymentRow[] {
  return payments.filter((p) => p.planId === plan.id && !p.deleted);
}

/**
 * The view of `plan` on `today`.
 * @param payments - payment rows of the dossier (those of other plans are left out)
 */
export function planView(
  plan: PlanRow,
  payments: readonly PlanPaymentRow[],
  today: IsoDate,
  thresholds: PlanThresholds,
): PlanView {
  const own = paymentsOf(plan, payments);
  const state = planStateFor(plan, own, today, thresholds);
  const records = latestPaymentRecords(plan.id, own);
  const instalments = planSchedule(plan).map((instalment) => {
    const record = records.get(instalment.dueOn);
    return record ? { ...instalment, record } : instalment;
  });
  return {
    plan,
    state,
    reminders: planReminders(state, plan, today, thresholds),
    instalments,
    totalCents: instalments.reduce((sum, i) => sum + i.dueCents, 0),
    ...(state.status === 'formal_notice' && state.lapsesOn !== undefined
      ? { lapsesOnDay: addDays(state.lapsesOn, 1) }
      : {}),
  };
}

/**
 * The instalments to show first: those past due with no payment (missed or waiting for a record),
 * then the next `ahead` ones from today.
 */
export function instalmentsToShow(view: PlanView, today: IsoDate, ahead = 3): InstalmentView[] {
  const pastOpen = view.instalments.filter(
    (i) => i.dueOn < today && i.dueCents > 0 && (i.record === undefined || i.record.status === 'missed'),
  );
  const coming = view.instalments.filter((i) => i.dueOn >= today).slice(0, ahead);
  return [...pastOpen, ...coming];
}

/** The plans of a dossier, in force first (the newest first), then the ended ones. */
export function dossierPlanViews(
  plans: readonly PlanRow[],
  payments: readonly PlanPaymentRow[],
  today: IsoDate,
  thresholds: PlanThresholds,
): PlanView[] {
  return plans
    .filter((p) => !p.deleted)
    .map((p) => planView(p, payments, today, thresholds))
    .sort(
      (a, b) =>
        Number(a.state.status === 'ended') - Number(b.state.status === 'ended') ||
        b.plan.firstDueOn.localeCompare(a.plan.firstDueOn),
    );
}
