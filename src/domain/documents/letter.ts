/**
 * Creditor letters: the values a template is filled with (from the dossier, the diagnosis, the
 * saved plan and what the counsellor typed on the letter form), `fillTemplate`, and the letter
 * document built from the text as the counsellor left it after editing.
 */
import type { Diagnosis } from '../budget/diagnose';
import type { IsoDate } from '../dates';
import type { Dossier } from '../dossier/dossier';
import type { Cents } from '../money';
import { centNote, creditorName, segmentsText } from './client-plan';
import { type Block, type DocumentDescription, type DocumentLocale, fileNameOf } from './document-model';
import {
  addressLines,
  type DebtWithCreditor,
  debtLabel,
  debtsWithCreditors,
  householdDisplayName,
} from './dossier-facts';
import { longDate, money, monthLabel } from './format';
import { letterFigures, offerSentence } from './letter-figures';
import type { SavedPlan } from './saved-plan';
import { LETTER_DUE_SENTENCE, LETTER_TEXT } from './templates/letter-text';
import {
  isPlaceholder,
  type LetterKind,
  type LetterTemplate,
  type Placeholder,
} from './templates/template-types';
import { fill, WORDING } from './templates/wording';

const PLACEHOLDER_PATTERN = /\{\{\s*([A-Za-z][\w.]*)\s*\}\}/g;

export interface FilledTemplate {
  readonly text: string;
  /** Names the template uses that are not in PLACEHOLDERS (a typo in a template): left as typed. */
  readonly unknown: readonly string[];
  /** Known names with no value for this dossier: left as {{name}} for the counsellor to complete. */
  readonly missing: readonly Placeholder[];
}

/**
 * Replaces each {{name}} with its value. Unknown names and names without a value stay in the
 * text as typed, and are reported (each once, in order of appearance).
 * @param text - a template's subject or body
 * @param values - the value of each placeholder; undefined or blank = missing
 * @example fillTemplate('Bonjour {{household.name}}', { 'household.name': 'Awa Diallo' }).text // 'Bonjour Awa Diallo'
 */
export function fillTemplate(
  text: string,
  values: Partial<Record<Placeholder, string | undefined>>,
): FilledTemplate {
  const unknown: string[] = [];
  const missing: Placeholder[] = [];
  const filled = text.replace(PLACEHOLDER_PATTERN, (whole, name: string) => {
    if (!isPlaceholder(name)) {
      if (!unknown.includes(name)) unknown.push(name);
      return whole;
    }
    const value = values[name];
    if (value === undefined || value.trim() === '') {
      if (!missing.includes(name)) missing.push(name);
      return whole;
    }
    return value;
  });
  return { text: filled, unknown, missing };
}

/**
 * The placeholders still in a text (the counsellor has not completed them).
 * @example unresolvedPlaceholders('Réf. {{debt.reference}}') // ['debt.reference']
 */
export function unresolvedPlaceholders(text: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(PLACEHOLDER_PATTERN)) {
    const name = match[1] ?? '';
    if (!out.includes(name)) out.push(name);
  }
  return out;
}

/**
 * What the counsellor types on the letter form for this letter only. The debt's reference, the
 * creditor's address and the first unpaid date are stored on the rows (Debts tab) and read from
 * the dossier.
 */
export interface LetterFormInput {
  readonly kind: LetterKind;
  readonly debtId: string;
  /** What happened, in the client's words. */
  readonly reason?: string;
  readonly graceMonths?: number;
}

/** The reference to quote for a debt: the debt's own, else the one on its creditor. */
export function debtReferenceOf(entry: DebtWithCreditor | undefined): string | undefined {
  return entry?.debt.reference?.trim() || entry?.creditor?.reference?.trim() || undefined;
}

export interface LetterContext {
  readonly dossier: Dossier;
  readonly diagnosis: Diagnosis | null;
  /** The saved plan (rescheduling requests). */
  readonly plan: SavedPlan | null;
  readonly locale: DocumentLocale;
  readonly today: IsoDate;
}

/**
 * The value of every placeholder for a letter about one debt.
 * @example letterValues(context, { kind: 'grace_period_request', debtId, graceMonths: 3 })['grace.months'] // '3'
 */
export function letterValues(
  context: LetterContext,
  form: LetterFormInput,
): Partial<Record<Placeholder, string | undefined>> {
  const { dossier, diagnosis, plan, locale, today } = context;
  const m = (cents: Cents) => money(cents, locale);
  const entry = debtsWithCreditors(dossier).find((e) => e.debt.id === form.debtId);
  // Every repayment figure of the letter comes from one source (letter-figures.ts).
  const figures = letterFigures(diagnosis, plan, form.debtId);
  const proposal = figures.proposal;
  const planValues =
    plan && proposal.kind === 'pay'
      ? {
          'plan.name': plan.name,
          'plan.monthly': m(proposal.monthlyCents),
          'plan.months': String(proposal.months),
          'plan.start': monthLabel(proposal.startDate, locale),
          'plan.total': m(proposal.totalCents),
        }
      : {};
  const instalmentCents = entry ? entry.debt.instalmentMonthlyCents + entry.debt.insuranceMonthlyCents : 0;
  const amountOf = (cents: Cents | null) => (cents === null ? undefined : m(cents));
  return {
    'household.name': householdDisplayName(dossier, locale),
    'household.reference': dossier.household.reference,
    'creditor.name': entry?.creditor?.name,
    'debt.label': entry ? debtLabel(entry.debt, locale) : undefined,
    // A missing reference never blocks a letter: it prints "à compléter" for the client or the
    // counsellor to write in by hand (the creditor finds the file by name and amount anyway).
    'debt.reference': entry ? (debtReferenceOf(entry) ?? WORDING[locale].common.toComplete) : undefined,
    'debt.outstanding': entry ? m(entry.outstandingCents) : undefined,
    'debt.arrears': entry ? m(entry.debt.arrearsCents) : undefined,
    'debt.instalment': entry ? m(instalmentCents) : undefined,
    // A debt with no instalment (rent arrears, a tax debt) is stated by what is owed: a letter
    // never tells a creditor "the instalment is 0,00 €".
    'debt.dueSentence': entry
      ? instalmentCents > 0
        ? fill(LETTER_DUE_SENTENCE[locale].instalment, { amount: m(instalmentCents) })
        : fill(LETTER_DUE_SENTENCE[locale].owed, { amount: m(entry.outstandingCents) })
      : undefined,
    'budget.resources': amountOf(figures.resourcesCents),
    'budget.charges': amountOf(figures.fixedChargesCents),
    'budget.capacity': amountOf(figures.affordableMonthlyCents),
    'plan.offer': offerSentence(figures, locale),
    'grace.months': form.graceMonths ? String(form.graceMonths) : undefined,
    reason: form.reason?.trim() || undefined,
    today: longDate(today, locale),
    ...planValues,
  };
}

/** The template filled for a letter: subject and body, with what is missing. */
export function draftLetter(
  template: LetterTemplate,
  context: LetterContext,
  form: LetterFormInput,
): { subject: FilledTemplate; body: FilledTemplate } {
  const values = letterValues(context, form);
  return { subject: fillTemplate(template.subject, values), body: fillTemplate(template.body, values) };
}

export interface LetterDocumentInput {
  readonly dossier: Dossier;
  readonly locale: DocumentLocale;
  readonly today: IsoDate;
  readonly kind: LetterKind;
  readonly debtId: string;
  /** The subject and body as the counsellor left them. */
  readonly subject: string;
  readonly body: string;
  /** Attached as a table for a rescheduling request. */
  readonly plan?: SavedPlan | null;
}

/**
 * The letter document: sender, recipient, place and date, subject, the edited body, the
 * signature, and the proposed plan for this creditor when there is one.
 */
export function buildLetter(input: LetterDocumentInput): DocumentDescription {
  const { dossier, locale, today } = input;
  const x = LETTER_TEXT[locale];
  const name = householdDisplayName(dossier, locale);
  const entry = debtsWithCreditors(dossier).find((e) => e.debt.id === input.debtId);
  const recipient = [
    entry?.creditor?.name ?? WORDING[locale].common.toComplete,
    ...(entry?.creditor?.address ?? '')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean),
  ];
  const city = dossier.household.address?.city;
  const date = longDate(today, locale);
  const paragraphs = input.body
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter(Boolean);
  const blocks: Block[] = [
    {
      kind: 'address',
      align: 'left',
      lines: [name, ...addressLines(dossier), ...(dossier.household.phone ? [dossier.household.phone] : [])],
    },
    { kind: 'address', align: 'right', lines: recipient },
    {
      kind: 'address',
      align: 'right',
      lines: [city ? fill(x.placeDate, { city, date }) : fill(x.dateOnly, { date })],
    },
    { kind: 'paragraph', tone: 'strong', text: fill(x.subject, { subject: input.subject.trim() }) },
    ...paragraphs.map((text): Block => ({ kind: 'paragraph', text })),
    { kind: 'address', align: 'right', lines: [name] },
  ];
  const sections: DocumentDescription['sections'][number][] = [{ blocks }];
  const creditorPlan = input.plan?.creditors.find((c) => entry && c.debtIds.includes(entry.debt.id));
  if (
    input.kind === 'rescheduling_request' &&
    input.plan &&
    creditorPlan &&
    creditorPlan.segments.length > 0
  ) {
    const plan = input.plan;
    const at = (month: number) => monthLabel(plan.monthDates[month - 1] ?? plan.startDate, locale);
    sections.push({
      title: `${x.planTitle} · ${creditorName(dossier, creditorPlan.creditorId, locale)}`,
      blocks: [
        { kind: 'paragraph', text: segmentsText(creditorPlan.segments, locale) },
        ...(creditorPlan.segments.some((seg) => seg.varies)
          ? [{ kind: 'paragraph' as const, text: centNote(locale) }]
          : []),
        {
          kind: 'table',
          columns: [
            { label: x.colPeriod, align: 'left', weight: 2.4 },
            { label: x.colMonthly, align: 'right' },
            { label: x.colTotal, align: 'right' },
          ],
          rows: creditorPlan.segments.map((s) => [
            fill(s.fromMonth === s.toMonth ? x.periodOne : x.period, {
              from: s.fromMonth,
              to: s.toMonth,
              start: at(s.fromMonth),
              end: at(s.toMonth),
            }),
            money(s.amountCents, locale),
            money(s.totalCents, locale),
          ]),
          footer: [WORDING[locale].common.total, '', money(creditorPlan.paidCents, locale)],
        },
      ],
    });
  }
  const title = x.title[input.kind];
  return {
    kind: 'letter',
    locale,
    audience: 'creditor',
    title,
    footer: fill(x.footer, { name, title, date }),
    fileName: fileNameOf([title, entry?.creditor?.name ?? '', today]),
    sections,
  };
}
