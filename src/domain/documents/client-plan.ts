/**
 * The client plan: the chosen scenario's schedule, per creditor and month by month, with
 * totals. Large type (audience 'client'); creditors in groups of four columns so the month
 * table stays readable on A4 portrait.
 */
import type { IsoDate } from '../dates';
import type { Dossier } from '../dossier/dossier';
import type { Cents } from '../money';
import { plural } from '../plural';
import { type Block, type DocumentDescription, type DocumentLocale, fileNameOf } from './document-model';
import { householdDisplayName, live } from './dossier-facts';
import { longDate, money, monthLabel } from './format';
import type { CreditorPlan, PlanSegment, SavedPlan } from './saved-plan';
import { CLIENT_PLAN_TEXT } from './templates/client-plan-text';
import { fill, WORDING } from './templates/wording';

/** Creditors per month table: beyond four the columns become too narrow for large type. */
export const CREDITORS_PER_TABLE = 4;

/** The note printed in a letter when a creditor's amount moves by a cent. */
export function centNote(locale: DocumentLocale): string {
  return CLIENT_PLAN_TEXT[locale].letterCentNote;
}

/** "120,00 € (mois 1 à 12), puis 80,00 € (mois 13 à 40)". */
export function segmentsText(segments: readonly PlanSegment[], locale: DocumentLocale): string {
  const x = CLIENT_PLAN_TEXT[locale];
  return segments
    .map((s) =>
      fill(s.fromMonth === s.toMonth ? x.segmentOne : x.segment, {
        amount: money(s.amountCents, locale),
        from: s.fromMonth,
        to: s.toMonth,
      }),
    )
    .join(`, ${x.andThen} `);
}

export function creditorName(dossier: Dossier, creditorId: string, locale: DocumentLocale): string {
  return live(dossier.creditors).find((c) => c.id === creditorId)?.name ?? WORDING[locale].common.toComplete;
}

export interface ClientPlanInput {
  readonly dossier: Dossier;
  readonly plan: SavedPlan;
  readonly locale: DocumentLocale;
  readonly today: IsoDate;
}

/**
 * The client plan.
 * @example buildClientPlan({ dossier, plan, locale: 'fr', today }).sections.length // 3 or more
 */
export function buildClientPlan(input: ClientPlanInput): DocumentDescription {
  const { dossier, plan, locale, today } = input;
  const x = CLIENT_PLAN_TEXT[locale];
  const w = WORDING[locale];
  const m = (cents: Cents) => money(cents, locale);
  const name = householdDisplayName(dossier, locale);
  const paying = plan.creditors.filter((c) => c.paidCents > 0 || c.writeOffCents > 0);
  const firstMonthly = plan.monthlyTotals.find((a) => a > 0) ?? 0;

  const warnings: Block[] = [];
  if (plan.changedSinceSaved) warnings.push({ kind: 'paragraph', tone: 'warning', text: x.changed });
  if (!plan.feasible) warnings.push({ kind: 'paragraph', tone: 'warning', text: x.notFeasible });

  const figures = [
    { label: x.firstMonthly, value: m(firstMonthly) },
    {
      label: x.duration,
      value: plural(x.months, locale, plan.months),
      note: fill(x.from, { month: monthLabel(plan.startDate, locale) }),
    },
    { label: x.totalPaid, value: m(plan.totalPaidCents) },
    ...(plan.writeOffCents > 0 ? [{ label: x.writeOff, value: m(plan.writeOffCents) }] : []),
  ];

  const summaryRows = paying.map((c: CreditorPlan) => [
    creditorName(dossier, c.creditorId, locale),
    segmentsText(c.segments, locale),
    c.lastMonth === null ? '0' : plural(x.months, locale, c.lastMonth),
    m(c.paidCents),
  ]);

  const groups: CreditorPlan[][] = [];
  for (let i = 0; i < paying.length; i += CREDITORS_PER_TABLE)
    groups.push(paying.slice(i, i + CREDITORS_PER_TABLE));
  const scheduleSections = groups.map((group, index) => ({
    title: groups.length > 1 ? fill(x.scheduleGroup, { n: index + 1, total: groups.length }) : x.schedule,
    blocks: [
      {
        kind: 'table' as const,
        columns: [
          { label: w.common.month, align: 'left' as const, weight: 1.9 },
          ...group.map((c) => ({
            label: creditorName(dossier, c.creditorId, locale),
            align: 'right' as const,
          })),
          { label: x.monthTotal, align: 'right' as const },
        ],
        rows: plan.monthDates.map((date, i) => [
          `${i + 1}. ${monthLabel(date, locale)}`,
          ...group.map((c) => m(c.monthly[i] ?? 0)),
          m(plan.monthlyTotals[i] ?? 0),
        ]),
        footer: [w.common.total, ...group.map((c) => m(c.paidCents)), m(plan.totalPaidCents)],
      },
    ],
  }));

  return {
    kind: 'client_plan',
    locale,
    audience: 'client',
    title: x.title,
    subtitle: fill(x.subtitle, { name, scenario: plan.name }),
    footer: fill(x.footer, { name, date: longDate(today, locale) }),
    fileName: fileNameOf([x.title, name, today]),
    sections: [
      { blocks: [...warnings, { kind: 'keyFigures', items: figures }] },
      {
        title: x.byCreditor,
        blocks: [
          ...(paying.some((c) => c.segments.some((seg) => seg.varies))
            ? [{ kind: 'paragraph' as const, text: x.centNote }]
            : []),
          {
            kind: 'table',
            columns: [
              { label: x.colCreditor, align: 'left', weight: 1.3 },
              { label: x.colMonthly, align: 'left', weight: 2.2 },
              { label: x.colMonths, align: 'right', weight: 0.8 },
              { label: x.colTotal, align: 'right' },
            ],
            rows: summaryRows,
            footer: [w.common.total, '', plural(x.months, locale, plan.months), m(plan.totalPaidCents)],
          },
        ],
      },
      ...scheduleSections,
    ],
  };
}
