/**
 * The wording of a creditor letter around its template (letter.ts, letter-figures.ts), in French
 * (the reference) and English: the document's title, subject line, place and date, the plan
 * table, the sentence saying what a debt costs and the offer in words. The letter bodies
 * themselves are the templates of this folder. docs/decisions/0021-document-wording-home.md.
 */
import type { DocumentLocale } from '../document-model';

export const LETTER_TEXT = {
  fr: {
    title: {
      rescheduling_request: 'Demande de rééchelonnement',
      grace_period_request: 'Demande de report d’échéances',
      tax_relief_request: 'Demande de remise gracieuse',
    },
    subject: 'Objet : {subject}',
    placeDate: 'À {city}, le {date}',
    dateOnly: 'Le {date}',
    planTitle: 'Plan proposé',
    colPeriod: 'Période',
    colMonthly: 'Par mois',
    colTotal: 'Total',
    period: 'Mois {from} à {to} ({start} à {end})',
    periodOne: 'Mois {from} ({start})',
    footer: '{name} · {title} · {date}',
  },
  en: {
    title: {
      rescheduling_request: 'Rescheduling request',
      grace_period_request: 'Payment holiday request',
      tax_relief_request: 'Tax relief request',
    },
    subject: 'Subject: {subject}',
    placeDate: '{city}, {date}',
    dateOnly: '{date}',
    planTitle: 'Proposed plan',
    colPeriod: 'Period',
    colMonthly: 'A month',
    colTotal: 'Total',
    period: 'Months {from} to {to} ({start} to {end})',
    periodOne: 'Month {from} ({start})',
    footer: '{name} · {title} · {date}',
  },
} as const;

/** How a letter states what one debt costs: its instalment, or what is owed when it has none. */
export const LETTER_DUE_SENTENCE = {
  fr: { instalment: 'La mensualité est de {amount}.', owed: 'Le montant dû est de {amount}.' },
  en: { instalment: 'The instalment is {amount} a month.', owed: 'The amount owed is {amount}.' },
} as const satisfies Record<DocumentLocale, Record<string, string>>;

/** The offer in words ({{plan.offer}}): what the household can afford and what it proposes. */
export const LETTER_OFFER = {
  fr: {
    pay: 'À partir de {start}, je peux consacrer {affordable} par mois au remboursement de l’ensemble de mes dettes. Je vous propose de vous rembourser {monthly} par mois pendant {months} mois, soit {total} au total, selon le plan ci-dessous.',
    nothingAffordable:
      'Une fois payées les charges indispensables de mon foyer, il ne me reste rien pour rembourser mes dettes : je ne peux rien vous verser pour le moment. Je vous demande de suspendre les paiements, sans frais, le temps que ma situation s’améliore.',
    nothingForThisCreditor:
      'Je peux consacrer {affordable} par mois au remboursement de mes dettes, mais cette somme va d’abord à d’autres dettes : je ne peux rien vous verser pour le moment. Je vous demande de suspendre les paiements, sans frais, le temps que les autres dettes soient remboursées.',
  },
  en: {
    pay: 'From {start}, I can put {affordable} a month towards repaying all my debts. I propose to repay you {monthly} a month for {months} months, that is {total} in all, according to the plan below.',
    nothingAffordable:
      'Once my household’s essential costs are paid, nothing is left to repay my debts: I cannot pay you anything for now. I ask you to suspend the payments, free of charge, while my situation improves.',
    nothingForThisCreditor:
      'I can put {affordable} a month towards repaying my debts, but this goes to other debts first: I cannot pay you anything for now. I ask you to suspend the payments, free of charge, until the other debts are repaid.',
  },
} as const satisfies Record<DocumentLocale, Record<string, string>>;
