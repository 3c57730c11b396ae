/**
 * The budget sheet for the client: one page in plain words and large figures. What comes in,
 * what goes out, what the debts cost each month, what is left after costs and loans, the
 * repayment capacity by the commission's count (and why the two differ) and what it means.
 */
import type { Diagnosis } from '../budget/diagnose';
import type { IsoDate } from '../dates';
import type { Dossier } from '../dossier/dossier';
import type { Cents } from '../money';
import { type Block, type DocumentDescription, type DocumentLocale, fileNameOf } from './document-model';
import { debtLabel, debtsWithCreditors, householdDisplayName } from './dossier-facts';
import { longDate, money } from './format';
import { BUDGET_SHEET_TEXT } from './templates/budget-sheet-text';
import { fill, WORDING } from './templates/wording';

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
  const x = BUDGET_SHEET_TEXT[locale];
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
  const left = d.indicators.ravBeforePlanCents;
  const livingCosts = m(d.capacity.livingCostsCents);
  // The two figures come from two budgets: what is left uses the declared charges and the
  // current loans, the capacity the commission's living-costs budget without loans. When one
  // says money is missing and the other that some is there, one sentence says why.
  const opposite = (left < 0 && capacity > 0) || (left > 0 && capacity === 0);
  const meaning: Block[] = [];
  if (d.capacity.deficitCents > 0) {
    meaning.push({
      kind: 'paragraph',
      tone: 'warning',
      text: fill(x.deficit, { deficit: m(d.capacity.deficitCents), livingCosts }),
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
                value: fill(x.perMonth, { amount: m(left) }),
                note: x.leftToLiveNote,
              },
              {
                label: x.capacity,
                value: fill(x.perMonth, { amount: m(capacity) }),
                // Next to the figure, not in a paragraph of its own: the sheet stays one page.
                note: fill(opposite ? x.capacityNoteWhy : x.capacityNote, { livingCosts }),
              },
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
