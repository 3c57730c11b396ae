/** A plan's state and reminders in plain words (the dossier's plans and "Mes plans" say them alike). */
import { addDays } from '../../../domain/dates';
import type { PlanRow } from '../../../domain/dossier/rows';
import type { PlanState } from '../../../domain/plans/plan-monitoring';
import type { PlanReminder } from '../../../domain/plans/plan-reminders';
import { plansEn } from '../../../i18n/catalogues/plans-en';
import { plansFr } from '../../../i18n/catalogues/plans-fr';
import { formatDate, formatMoney, provideLazyCatalogue, t } from '../../../i18n/i18n';

// The plans' strings come with the chunks that show plans (the dossier page, the plans page).
provideLazyCatalogue({ fr: plansFr, en: plansEn });

/** The status in plain words, with its figures: "En retard : 2 mensualités, 340 €". */
export function stateHeadline(state: PlanState, plan: PlanRow): string {
  switch (state.status) {
    case 'late':
      return t('plans.state.late', { count: state.missedCount, amount: formatMoney(state.arrearsCents) });
    case 'formal_notice':
      return t('plans.state.notice', { date: formatDate(plan.formalNoticeOn ?? '') });
    case 'lapsed':
      return t('plans.state.lapsed', { date: formatDate(addDays(state.lapsesOn ?? '', 1)) });
    case 'review_due':
      return t('plans.status.review_due');
    case 'ending_soon':
      return t('plans.state.endingSoon', { date: formatDate(state.endsOn) });
    case 'ended':
      return plan.endedOn && plan.endReason
        ? t('plans.state.endedOn', {
            date: formatDate(plan.endedOn),
            reason: t(`plans.endReason.${plan.endReason}`),
          })
        : t('plans.state.ended');
    case 'on_track':
      return state.missedCount > 0 || state.arrearsCents > 0
        ? t('plans.status.on_track')
        : t('plans.state.onTrack');
  }
}

/** One reminder of a plan, in plain words. */
export function reminderText(reminder: PlanReminder): string {
  switch (reminder.code) {
    case 'plan_lapsed':
      return t('plans.reminder.plan_lapsed', { date: formatDate(addDays(reminder.lapsesOn, 1)) });
    case 'formal_notice':
      return reminder.lapsesOn
        ? t('plans.reminder.formal_notice', { date: formatDate(addDays(reminder.lapsesOn, 1)) })
        : t('plans.reminder.formal_notice_amicable', { date: formatDate(reminder.formalNoticeOn) });
    case 'instalments_missed':
      return t('plans.reminder.instalments_missed', {
        count: reminder.missedCount,
        amount: formatMoney(reminder.arrearsCents),
      });
    case 'instalment_due':
      return t('plans.reminder.instalment_due', {
        date: formatDate(reminder.dueOn),
        amount: formatMoney(reminder.dueCents),
      });
    case 'review_due':
      return t('plans.reminder.review_due', { date: formatDate(reminder.dueOn) });
    case 'plan_ends':
      return t('plans.reminder.plan_ends', { date: formatDate(reminder.endsOn) });
  }
}
