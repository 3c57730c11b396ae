/**
 * The wording of the client plan (client-plan.ts), in French (the reference) and English, and
 * the cent note a letter prints under its plan. docs/decisions/0021-document-wording-home.md.
 */
import type { PluralForms } from '../../plural';
import type { DocumentLocale } from '../document-model';

export const CLIENT_PLAN_TEXT = {
  fr: {
    title: 'Votre plan de remboursement',
    subtitle: '{name} · {scenario}',
    firstMonthly: 'À payer le premier mois',
    duration: 'Durée',
    months: { one: '{count} mois', other: '{count} mois' },
    from: 'À partir de {month}',
    totalPaid: 'Total remboursé',
    writeOff: 'Effacé à la fin',
    byCreditor: 'Par créancier',
    colCreditor: 'Créancier',
    colMonthly: 'Chaque mois',
    colMonths: 'Durée',
    colTotal: 'Total payé',
    schedule: 'Mois par mois',
    scheduleGroup: 'Mois par mois ({n} sur {total})',
    monthTotal: 'Total du mois',
    segment: '{amount} (mois {from} à {to})',
    segmentOne: '{amount} (mois {from})',
    andThen: 'puis',
    changed:
      'Attention : les dettes ont changé depuis l’enregistrement de ce scénario. Ce plan est recalculé avec les dettes d’aujourd’hui.',
    centNote:
      'Les montants peuvent varier d’un centime d’un mois à l’autre : le tableau mois par mois donne le montant exact.',
    /** The same note in a letter, which has no month-by-month table. */
    letterCentNote: 'Les montants peuvent varier d’un centime d’un mois à l’autre.',
    notFeasible: 'Ce plan ne rembourse pas toutes les dettes dans la durée prévue : il en reste à la fin.',
    footer: '{name} · Plan du {date}',
  },
  en: {
    title: 'Your repayment plan',
    subtitle: '{name} · {scenario}',
    firstMonthly: 'To pay in the first month',
    duration: 'Length',
    months: { one: '{count} month', other: '{count} months' },
    from: 'From {month}',
    totalPaid: 'Total repaid',
    writeOff: 'Written off at the end',
    byCreditor: 'By creditor',
    colCreditor: 'Creditor',
    colMonthly: 'Each month',
    colMonths: 'Length',
    colTotal: 'Total paid',
    schedule: 'Month by month',
    scheduleGroup: 'Month by month ({n} of {total})',
    monthTotal: 'Month total',
    segment: '{amount} (months {from} to {to})',
    segmentOne: '{amount} (month {from})',
    andThen: 'then',
    changed:
      'Warning: the debts have changed since this scenario was saved. This plan is recomputed with today’s debts.',
    centNote:
      'Amounts may differ by one cent from one month to the next: the month-by-month table gives the exact amount.',
    letterCentNote: 'Amounts may differ by one cent from one month to the next.',
    notFeasible: 'This plan does not repay every debt within its length: some remains owed at the end.',
    footer: '{name} · Plan of {date}',
  },
} as const satisfies Record<DocumentLocale, Record<string, string | PluralForms>>;
