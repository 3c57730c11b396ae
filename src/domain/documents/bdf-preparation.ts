/**
 * The Banque de France dossier preparation: the dossier's data laid out in the order of the
 * declaration form (Cerfa 13594*02, domain-rules §1.2: identity of the filer and co-filer,
 * family, housing, professional situation, resources, charges, assets, debts by category with
 * creditor address and reference, cause of the over-indebtedness), for one filer or a couple;
 * the supporting documents with what is still missing; and the cases the online filing does
 * not accept (a co-filer, a person under guardianship: domain-rules §1.2 "Online filing").
 *
 * Everything comes from the stored dossier: the creditor's address and reference (creditor row),
 * the debt's reference (debt row), each filer's legal protection (member row), the cause and the
 * household-level document ticks (household row). What it does not hold (place of birth,
 * profession…) is printed "à compléter" so the counsellor and the client fill it on the form.
 *
 * Its words are in templates/bdf-preparation-text.ts; the checklist and the online-filing
 * warnings in bdf-checklist.ts; the form's debt categories in cerfa-debt-categories.ts.
 */

import { EXCLUDED_FROM_PLAN } from '../budget/debt-summary';
import { toMonthlyCents } from '../budget/monthly-amount';
import type { IsoDate } from '../dates';
import type { Dossier } from '../dossier/dossier';
import type { MemberRow } from '../dossier/rows';
import type { Cents } from '../money';
import { plural } from '../plural';
import {
  bdfChecklist,
  type GeneralDocument,
  onlineFilingPossible,
  onlineFilingWarnings,
} from './bdf-checklist';
import { CERFA_DEBT_CATEGORIES, cerfaDebtCategory } from './cerfa-debt-categories';
import {
  type Block,
  type DocumentDescription,
  type DocumentLocale,
  type DocumentSection,
  fileNameOf,
} from './document-model';
import {
  addressLines,
  applicantOf,
  coApplicantOf,
  type DebtWithCreditor,
  debtLabel,
  debtsWithCreditors,
  householdDisplayName,
  live,
  memberName,
} from './dossier-facts';
import { longDate, money, shortDate } from './format';
import { BDF_PREPARATION_TEXT } from './templates/bdf-preparation-text';
import { fill, WORDING } from './templates/wording';

export interface BdfPreparationInput {
  readonly dossier: Dossier;
  readonly locale: DocumentLocale;
  readonly today: IsoDate;
}

/** What every section reads: the dossier, the document's language and its words. */
interface Context {
  readonly dossier: Dossier;
  readonly locale: DocumentLocale;
  readonly today: IsoDate;
  readonly x: (typeof BDF_PREPARATION_TEXT)[DocumentLocale];
  readonly w: (typeof WORDING)[DocumentLocale];
  /** "à compléter": what the dossier does not hold, filled on the form. */
  readonly todo: string;
  readonly m: (cents: Cents) => string;
  readonly yesNo: (value: boolean | undefined) => string;
}

/** A label and its value: the identity, contact, housing and procedure tables. */
const TWO_COLUMNS = [
  { label: '', align: 'left' as const, weight: 1.2 },
  { label: '', align: 'left' as const, weight: 2 },
];

function filingBlocks({ dossier, x }: Context): Block[] {
  const warnings = onlineFilingWarnings(dossier);
  return [
    ...warnings.map((warning): Block => ({ kind: 'paragraph', tone: 'warning', text: x.warning[warning] })),
    { kind: 'paragraph', text: onlineFilingPossible(warnings) ? x.online : x.paper },
  ];
}

function identityBlocks({ dossier, x, todo }: Context): Block[] {
  const h = dossier.household;
  const co = coApplicantOf(dossier);
  const personRows = (person: MemberRow | undefined) => [
    [x.name, person ? memberName(person) || todo : todo],
    [x.birthDate, person ? shortDate(person.birthDate) : todo],
    [x.birthPlace, todo],
    [x.protection, person?.legalProtection ? x.protectionKind[person.legalProtection] : todo],
  ];
  const address = addressLines(dossier);
  const contactRows = [
    [x.address, address.length > 0 ? address.join(', ') : todo],
    [x.phone, h.phone ?? todo],
    [x.email, h.email ?? todo],
    [x.socialWorker, todo],
  ];
  return [
    { kind: 'table', caption: x.filer, columns: TWO_COLUMNS, rows: personRows(applicantOf(dossier)) },
    ...(co
      ? [{ kind: 'table' as const, caption: x.cofiler, columns: TWO_COLUMNS, rows: personRows(co) }]
      : []),
    { kind: 'table', caption: x.contact, columns: TWO_COLUMNS, rows: contactRows },
  ];
}

function familyBlocks({ dossier, x, w }: Context): Block[] {
  const members = live(dossier.members);
  const isCouple = members.some((mem) => mem.role === 'co_applicant' || mem.role === 'non_filing_spouse');
  const others = members.filter((mem) => mem.role !== 'applicant' && mem.role !== 'co_applicant');
  return [
    { kind: 'paragraph', text: fill(x.familyLine, { situation: isCouple ? x.couple : x.single }) },
    ...(others.length > 0
      ? [
          {
            kind: 'table' as const,
            columns: [
              { label: x.colPerson, align: 'left' as const, weight: 1.5 },
              { label: x.colRole, align: 'left' as const, weight: 1.3 },
              { label: x.colBirth, align: 'left' as const },
              { label: x.colCustody, align: 'left' as const, weight: 1.5 },
            ],
            rows: others.map((mem) => [
              memberName(mem) || '—',
              w.role[mem.role],
              shortDate(mem.birthDate),
              mem.custody ? x.custody[mem.custody] : x.custody.full,
            ]),
          },
        ]
      : []),
  ];
}

/** Resources in force today: one column per filer, and the household's (benefits, other members). */
function resourcesTable({ dossier, today, x, w, m }: Context): Block {
  const applicant = applicantOf(dossier);
  const co = coApplicantOf(dossier);
  const resourceColumns = co ? [x.filer, x.cofiler, x.household] : [x.filer, x.household];
  const columnOf = (owner: string | undefined) => {
    if (owner !== undefined && owner === applicant?.id) return 0;
    if (co && owner !== undefined && owner === co.id) return 1;
    return resourceColumns.length - 1;
  };
  const resourceTotals = new Map<string, number[]>();
  const columnTotals = resourceColumns.map(() => 0);
  for (const r of live(dossier.resources)) {
    if ((r.endDate && r.endDate < today) || (r.startDate && r.startDate > today)) continue;
    const monthly = toMonthlyCents(r.amountCents, r.frequency);
    const row = resourceTotals.get(r.type) ?? resourceColumns.map(() => 0);
    const col = columnOf(r.ownerMemberId);
    row[col] = (row[col] ?? 0) + monthly;
    columnTotals[col] = (columnTotals[col] ?? 0) + monthly;
    resourceTotals.set(r.type, row);
  }
  return {
    kind: 'table',
    columns: [
      { label: '', align: 'left', weight: 2 },
      ...resourceColumns.map((label) => ({ label, align: 'right' as const })),
    ],
    rows: [...resourceTotals].map(([type, amounts]) => [
      w.resource[type as keyof typeof w.resource],
      ...amounts.map((a) => (a > 0 ? m(a) : '')),
    ]),
    footer: [w.common.total, ...columnTotals.map((c) => m(c))],
  };
}

function chargesTable({ dossier, w, m }: Context): Block {
  const chargeTotals = new Map<string, number>();
  for (const c of live(dossier.charges)) {
    chargeTotals.set(c.type, (chargeTotals.get(c.type) ?? 0) + toMonthlyCents(c.amountCents, c.frequency));
  }
  return {
    kind: 'table',
    columns: [
      { label: '', align: 'left', weight: 2 },
      { label: w.common.perMonth, align: 'right' },
    ],
    rows: [...chargeTotals].map(([type, cents]) => [w.charge[type as keyof typeof w.charge], m(cents)]),
    footer: [w.common.total, m([...chargeTotals.values()].reduce((a, b) => a + b, 0))],
  };
}

function assetBlocks({ dossier, x, w, m }: Context): Block[] {
  const assetRows = live(dossier.assets).map((a) => {
    switch (a.kind) {
      case 'real_estate':
        return [
          a.label || (a.isMainResidence ? x.mainResidence : x.realEstate),
          m(a.valueCents),
          [fill(x.share, { share: a.shareBps / 100 }), ...(a.isIndivision ? [x.indivision] : [])].join(', '),
        ];
      case 'savings':
        return [w.savings[a.product], m(a.balanceCents), ''];
      case 'vehicle':
        return [a.label || x.vehicle, m(a.valueCents), a.isLeased ? x.leased : ''];
      default:
        return [a.label || x.otherAsset, m(a.valueCents), ''];
    }
  });
  if (assetRows.length === 0) return [{ kind: 'paragraph', text: x.noAssets }];
  return [
    {
      kind: 'table',
      columns: [
        { label: x.colAsset, align: 'left', weight: 1.5 },
        { label: x.colValue, align: 'right' },
        { label: x.colNote, align: 'left', weight: 1.5 },
      ],
      rows: assetRows,
    },
  ];
}

/** One table per form category, in page order, then the total and what no plan may include. */
function debtBlocks({ locale, x, todo, m, yesNo }: Context, entries: readonly DebtWithCreditor[]): Block[] {
  const byCategory = CERFA_DEBT_CATEGORIES.flatMap((category): Block[] => {
    const inCategory = entries.filter((e) => cerfaDebtCategory(e.debt.product) === category);
    if (inCategory.length === 0) return [];
    return [
      { kind: 'heading', text: x.category[category] },
      {
        kind: 'table',
        columns: [
          { label: x.colCreditor, align: 'left', weight: 1.5 },
          { label: x.colAddress, align: 'left', weight: 1.8 },
          { label: x.colReference, align: 'left', weight: 1.2 },
          { label: x.colArrears, align: 'right' },
          { label: x.colRemaining, align: 'right' },
          { label: x.colInstalment, align: 'right' },
          { label: x.colEnforcement, align: 'left', weight: 0.8 },
        ],
        rows: inCategory.map((e) => [
          `${e.creditor?.name ?? todo} (${debtLabel(e.debt, locale)})`,
          e.creditor?.address?.trim().replace(/\s*\n\s*/g, ', ') || todo,
          e.debt.reference?.trim() || e.creditor?.reference?.trim() || todo,
          m(e.debt.arrearsCents),
          m(e.outstandingCents),
          m(e.debt.instalmentMonthlyCents + e.debt.insuranceMonthlyCents),
          yesNo(e.debt.enforcementInProgress),
        ]),
      },
    ];
  });
  const total = entries.reduce((s, e) => s + e.outstandingCents, 0);
  const excluded = entries
    .filter((e) => EXCLUDED_FROM_PLAN.has(e.debt.product))
    .reduce((s, e) => s + e.outstandingCents, 0);
  return [
    ...byCategory,
    {
      kind: 'paragraph',
      tone: 'strong',
      text: fill(x.totalDebts, { total: m(total), excluded: m(excluded) }),
    },
  ];
}

/** How many documents are missing, the general ones, then each debt's under its creditor. */
function documentBlocks(
  { dossier, locale, x, w, todo }: Context,
  entries: readonly DebtWithCreditor[],
): Block[] {
  const checklist = bdfChecklist(dossier);
  const missingCount = checklist.filter((c) => !c.provided).length;
  const general = checklist.filter((c) => c.scope === 'general');
  return [
    {
      kind: 'paragraph',
      tone: missingCount > 0 ? 'warning' : 'normal',
      text: missingCount > 0 ? plural(x.documentsMissing, locale, missingCount) : x.documentsComplete,
    },
    {
      kind: 'checklist',
      items: general.map((c) => ({
        text: x.general[c.document as GeneralDocument],
        done: c.provided,
        ...(c.provided ? {} : { note: x.missing }),
      })),
    },
    ...entries.flatMap((e): Block[] => {
      const items = checklist.filter((c) => c.scope === e.debt.id);
      if (items.length === 0) return [];
      return [
        {
          kind: 'heading',
          text: fill(x.debtDocuments, {
            creditor: e.creditor?.name ?? todo,
            debt: debtLabel(e.debt, locale),
          }),
        },
        {
          kind: 'checklist',
          items: items.map((c) => ({
            text: w.debtDocument[c.document as keyof typeof w.debtDocument],
            done: c.provided,
            ...(c.provided ? {} : { note: x.missing }),
          })),
        },
      ];
    }),
  ];
}

function sections(c: Context): DocumentSection[] {
  const { x, w, todo, yesNo } = c;
  const h = c.dossier.household;
  const entries = debtsWithCreditors(c.dossier);
  return [
    { blocks: [{ kind: 'paragraph', text: x.intro }] },
    { title: x.filingTitle, blocks: filingBlocks(c) },
    { title: x.identity, blocks: identityBlocks(c) },
    { title: x.family, blocks: familyBlocks(c) },
    {
      title: x.housing,
      blocks: [
        {
          kind: 'table',
          columns: TWO_COLUMNS,
          rows: [
            [x.housingStatus, w.housing[h.housingStatus]],
            [x.eviction, yesNo(h.evictionProcedure)],
          ],
        },
      ],
    },
    { title: x.work, blocks: [{ kind: 'paragraph', text: fill(x.workLine, { todo }) }] },
    { title: x.resources, blocks: [resourcesTable(c)] },
    { title: x.charges, blocks: [chargesTable(c)] },
    { title: x.assets, blocks: assetBlocks(c) },
    { title: x.debts, blocks: debtBlocks(c, entries) },
    { title: x.cause, blocks: [{ kind: 'paragraph', text: h.indebtednessCause?.trim() || x.causeMissing }] },
    {
      title: x.procedures,
      blocks: [
        {
          kind: 'table',
          columns: TWO_COLUMNS,
          rows: [
            [x.enforcement, yesNo(entries.some((e) => e.debt.enforcementInProgress))],
            [x.eviction, yesNo(h.evictionProcedure)],
            [x.socialWorker, todo],
          ],
        },
      ],
    },
    { title: x.documents, blocks: documentBlocks(c, entries) },
  ];
}

/**
 * The Banque de France preparation document.
 * @example buildBdfPreparation({ dossier, locale: 'fr', today }).kind // 'bdf_preparation'
 */
export function buildBdfPreparation(input: BdfPreparationInput): DocumentDescription {
  const { dossier, locale, today } = input;
  const x = BDF_PREPARATION_TEXT[locale];
  const w = WORDING[locale];
  const todo = w.common.toComplete;
  const context: Context = {
    dossier,
    locale,
    today,
    x,
    w,
    todo,
    m: (cents) => money(cents, locale),
    yesNo: (value) => (value === undefined ? todo : value ? w.common.yes : w.common.no),
  };
  const name = householdDisplayName(dossier, locale);
  return {
    kind: 'bdf_preparation',
    locale,
    audience: 'counsellor',
    title: x.title,
    subtitle: fill(x.subtitle, { name }),
    footer: fill(x.footer, { name, date: longDate(today, locale) }),
    fileName: fileNameOf(['banque-de-france', name, today]),
    sections: sections(context),
  };
}
