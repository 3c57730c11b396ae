/**
 * The budget sheet for the client: one page in plain words and large figures. What comes in,
 * what goes out, what the debts cost each month, what is left to live on, the repayment
 * capacity and what it means.
 */
import type { Diagnosis } from '../budget/diagnose';
import type { IsoDate } from '../dates';
import type { Dossier } from '../dossier/dossier';
import type { Cents } from '../money';
import { type Block, type DocumentDescription, type DocumentLocale, fileNameOf } from './document-model';
import { debtLabel, debtsWithCreditors, householdDisplayName } from './dossier-facts';
import { longDate, money } from './format';
import { fill, WORDING } from './wording';

const TEXT = {
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
    leftToLive: 'Il reste pour vivre',
    leftToLiveNote: 'Pour la nourriture, les vêtements et la vie de tous les jours.',
    capacity: 'Vous pouvez rembourser',
    capacityNote:
      'C’est le montant que la commission de surendettement pourrait vous demander chaque mois, en vous laissant de quoi vivre.',
    perMonth: '{amount} par mois',
    colWhat: 'Quoi',
    colCreditor: 'À qui',
    colOwed: 'Reste dû',
    colMonthly: 'Par mois',
    noDebts: 'Aucune dette n’est notée dans le dossier.',
    deficit:
      'Votre budget est en déficit : il manque {deficit} chaque mois pour payer les charges de la vie courante. Il n’est pas possible de rembourser les dettes pour l’instant.',
    tooMuch:
      'Vos crédits et dettes vous coûtent {instalments} par mois. C’est plus que ce que vous pouvez rembourser ({capacity}). Il faut demander aux créanciers d’étaler les paiements.',
    fits: 'Vos crédits et dettes ({instalments} par mois) tiennent dans ce que vous pouvez rembourser ({capacity}).',
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
    leftToLive: 'Left to live on',
    leftToLiveNote: 'For food, clothes and everyday life.',
    capacity: 'You can repay',
    capacityNote:
      'This is what the over-indebtedness commission could ask you to pay each month while leaving you enough to live on.',
    perMonth: '{amount} a month',
    colWhat: 'What',
    colCreditor: 'To whom',
    colOwed: 'Still owed',
    colMonthly: 'A month',
    noDebts: 'No debt is recorded in the case.',
    deficit:
      'Your budget is in deficit: {deficit} is missing each month to pay everyday costs. Debts cannot be repaid for now.',
    tooMuch:
      'Your loans and debts cost {instalments} a month. That is more than you can repay ({capacity}). The creditors must be asked to spread the payments.',
    fits: 'Your loans and debts ({instalments} a month) fit within what you can repay ({capacity}).',
    nothing: 'For now you cannot repay anything without going short of essentials.',
    totalDebts: 'In all you owe {total}.',
    footer: '{name} · Budget of {date}',
  },
} as const satisfies Record<DocumentLocale, Record<string, string>>;

function sumBy<K extends string>(items: readonly { key: K; cents: Cents }[]): Map<K, Cents> {
  const out = new Map<K, Cents>();
  for (const item of items) out.set(item.key, (out.get(item.key) ?? 0) + item.cents);
  return out;
}

export interface BudgetSheetInput {
  readonly dossier: Dossier;
  readonly diagnosis: Diagnosis;
  readonly locale: DocumentLocale;
  readonly today: IsoDate;
}

/**
 * The budget sheet.
 * @example buildBudgetSheet({ dossier, diagnosis, locale: 'fr', today: '2026-11-27' }).title // 'Votre budget'
 */
export function buildBudgetSheet(input: BudgetSheetInput): DocumentDescription {
  const { dossier, diagnosis: d, locale, today } = input;
  const x = TEXT[locale];
  const w = WORDING[locale];
  const m = (cents: Cents) => money(cents, locale);
  const name = householdDisplayName(dossier, locale);
  const date = longDate(today, locale);

  const resources = sumBy(
    d.resources.lines.filter((l) => l.monthlyCents > 0).map((l) => ({ key: l.type, cents: l.monthlyCents })),
  );
  const charges = sumBy(
    d.charges.lines.filter((l) => l.isFixed).map((l) => ({ key: l.type, cents: l.declaredMonthlyCents })),
  );
  const resourceRows = [...resources].map(([type, cents]) => [w.resource[type], m(cents)]);
  const chargeRows = [...charges].filter(([, c]) => c > 0).map(([type, cents]) => [w.charge[type], m(cents)]);
  const debts = debtsWithCreditors(dossier);

  const capacity = d.capacity.capacityMonthlyCents;
  const instalments = d.debts.instalmentsMonthlyCents;
  const meaning: Block[] = [];
  if (d.capacity.deficitCents > 0) {
    meaning.push({
      kind: 'paragraph',
      tone: 'warning',
      text: fill(x.deficit, { deficit: m(d.capacity.deficitCents) }),
    });
  } else if (capacity === 0) {
    meaning.push({ kind: 'paragraph', tone: 'warning', text: x.nothing });
  } else if (instalments > capacity) {
    meaning.push({
      kind: 'paragraph',
      tone: 'warning',
      text: fill(x.tooMuch, { instalments: m(instalments), capacity: m(capacity) }),
    });
  } else {
    meaning.push({
      kind: 'paragraph',
      text: fill(x.fits, { instalments: m(instalments), capacity: m(capacity) }),
    });
  }
  if (d.debts.totalOutstandingCents > 0) {
    meaning.push({
      kind: 'paragraph',
      text: fill(x.totalDebts, { total: m(d.debts.totalOutstandingCents) }),
    });
  }

  return {
    kind: 'budget_sheet',
    locale,
    audience: 'client',
    title: x.title,
    subtitle: fill(x.subtitle, { name, date }),
    footer: fill(x.footer, { name, date }),
    fileName: fileNameOf([x.title, name, today]),
    onePage: true,
    sections: [
      {
        blocks: [
          {
            kind: 'keyFigures',
            items: [
              { label: x.resources, value: fill(x.perMonth, { amount: m(d.resources.totalMonthlyCents) }) },
              { label: x.fixedCharges, value: fill(x.perMonth, { amount: m(d.charges.fixedChargesCents) }) },
              { label: x.instalments, value: fill(x.perMonth, { amount: m(instalments) }) },
              {
                label: x.leftToLive,
                value: fill(x.perMonth, { amount: m(d.indicators.ravBeforePlanCents) }),
                note: x.leftToLiveNote,
              },
              { label: x.capacity, value: fill(x.perMonth, { amount: m(capacity) }), note: x.capacityNote },
            ],
          },
          { kind: 'heading', text: x.meaningTitle },
          ...meaning,
        ],
      },
      {
        title: x.monthTitle,
        blocks: [
          {
            kind: 'table',
            columns: [
              { label: x.inTitle, align: 'left', weight: 1.6 },
              { label: x.colMonthly, align: 'right' },
              { label: x.outTitle, align: 'left', weight: 1.6 },
              { label: x.colMonthly, align: 'right' },
            ],
            rows: Array.from({ length: Math.max(resourceRows.length, chargeRows.length) }, (_, i) => [
              ...(resourceRows[i] ?? ['', '']),
              ...(chargeRows[i] ?? ['', '']),
            ]),
            footer: [
              w.common.total,
              m(d.resources.totalMonthlyCents),
              w.common.total,
              m(d.charges.fixedChargesCents),
            ],
          },
        ],
      },
      {
        title: x.debtsTitle,
        blocks:
          debts.length === 0
            ? [{ kind: 'paragraph', text: x.noDebts }]
            : [
                {
                  kind: 'table',
                  columns: [
                    { label: x.colCreditor, align: 'left', weight: 1.4 },
                    { label: x.colWhat, align: 'left', weight: 1.4 },
                    { label: x.colOwed, align: 'right' },
                    { label: x.colMonthly, align: 'right' },
                  ],
                  rows: debts.map((e) => [
                    e.creditor?.name ?? w.common.toComplete,
                    debtLabel(e.debt, locale),
                    m(e.outstandingCents),
                    m(e.debt.instalmentMonthlyCents + e.debt.insuranceMonthlyCents),
                  ]),
                  footer: [w.common.total, '', m(d.debts.totalOutstandingCents), m(instalments)],
                },
              ],
      },
    ],
  };
}
