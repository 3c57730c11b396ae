/**
 * The wording of the client's budget sheet (budget-sheet.ts), in French (the reference) and
 * English: plain words for fragile readers. docs/decisions/0021-document-wording-home.md.
 */
import type { DocumentLocale } from '../document-model';

export const BUDGET_SHEET_TEXT = {
  fr: {
    title: 'Votre budget',
    subtitle: '{name} · {date}',
    monthTitle: 'Chaque mois',
    inTitle: 'Ce qui entre',
    outTitle: 'Ce qui sort',
    debtsTitle: 'Vos dettes',
    meaningTitle: 'Ce que cela veut dire',
    resources: 'Ressources',
    fixedCharges: 'Charges fixes',
    instalments: 'Crédits et dettes à payer',
    leftToLive: 'Reste après charges et crédits',
    leftToLiveNote: 'Pour la nourriture, les vêtements et la vie de tous les jours.',
    capacity: 'Remboursement selon la commission',
    capacityNote:
      'Calcul de la commission de surendettement avec son budget de vie courante ({livingCosts}), sans les crédits : ce qu’elle pourrait vous demander chaque mois.',
    capacityNoteWhy:
      'La commission compte son budget de vie courante ({livingCosts}) et pas vos crédits ; le reste ci-dessus compte vos charges déclarées et vos crédits : c’est pourquoi les deux diffèrent.',
    perMonth: '{amount} par mois',
    colWhat: 'Quoi',
    colCreditor: 'À qui',
    colOwed: 'Reste dû',
    colMonthly: 'Par mois',
    noDebts: 'Aucune dette n’est notée dans le dossier.',
    deficit:
      'Vos ressources ne couvrent pas le budget de vie courante retenu par la commission ({livingCosts}) : il manque {deficit} chaque mois, sans compter les crédits. Il n’est pas possible de rembourser les dettes pour l’instant.',
    tooMuch:
      'Vos crédits et dettes vous coûtent {instalments} par mois. C’est plus que le remboursement selon la commission ({capacity}). Il faut demander aux créanciers d’étaler les paiements.',
    fits: 'Vos crédits et dettes ({instalments} par mois) tiennent dans le remboursement selon la commission ({capacity}).',
    nothing: 'Pour l’instant, vous ne pouvez rien rembourser sans manquer du nécessaire.',
    totalDebts: 'Vous devez en tout {total}.',
    footer: '{name} · Budget du {date}',
  },
  en: {
    title: 'Your budget',
    subtitle: '{name} · {date}',
    monthTitle: 'Each month',
    inTitle: 'What comes in',
    outTitle: 'What goes out',
    debtsTitle: 'Your debts',
    meaningTitle: 'What it means',
    resources: 'Income',
    fixedCharges: 'Fixed costs',
    instalments: 'Loans and debts to pay',
    leftToLive: 'Left after costs and loans',
    leftToLiveNote: 'For food, clothes and everyday life.',
    capacity: 'Repayment by the commission’s count',
    capacityNote:
      'Worked out by the over-indebtedness commission with its living-costs budget ({livingCosts}), loans not counted: what it could ask you to pay each month.',
    capacityNoteWhy:
      'The commission counts its living-costs budget ({livingCosts}) and not your loans; what is left above counts the costs you declare and your loans: that is why the two differ.',
    perMonth: '{amount} a month',
    colWhat: 'What',
    colCreditor: 'To whom',
    colOwed: 'Still owed',
    colMonthly: 'A month',
    noDebts: 'No debt is recorded in the case.',
    deficit:
      'Your income does not cover the living-costs budget set by the commission ({livingCosts}): {deficit} is missing each month, loans not counted. Debts cannot be repaid for now.',
    tooMuch:
      'Your loans and debts cost {instalments} a month. That is more than the repayment by the commission’s count ({capacity}). The creditors must be asked to spread the payments.',
    fits: 'Your loans and debts ({instalments} a month) fit within the repayment by the commission’s count ({capacity}).',
    nothing: 'For now you cannot repay anything without going short of essentials.',
    totalDebts: 'In all you owe {total}.',
    footer: '{name} · Budget of {date}',
  },
} as const satisfies Record<DocumentLocale, Record<string, string>>;
