/**
 * What the Documents screen asks for, as typed on its form (one draft per dossier, saved on
 * every keystroke: the choice of document and the letter's own text), and the description it
 * turns into with the documents kit. What belongs to the dossier (references, addresses, first
 * unpaid dates, legal protection, cause, document ticks) is read from the stored rows, never
 * from this draft. Pure functions over the kit: the model calls them, the tests check them.
 */

import type { DocumentsKit } from '../../documents/kit';
import type { Diagnosis } from '../../domain/budget/diagnose';
import type { IsoDate } from '../../domain/dates';
import type { DocumentDescription, DocumentLocale } from '../../domain/documents/document-model';
import type { ForclusionCheck } from '../../domain/documents/forclusion';
import type { FilledTemplate } from '../../domain/documents/letter';
import type { SavedPlan } from '../../domain/documents/saved-plan';
import type { LetterKind } from '../../domain/documents/templates/template-types';
import type { ProducedDocumentKindSchema } from '../../domain/dossier/action';
import type { Dossier } from '../../domain/dossier/dossier';

export type DocumentChoice = 'budget_sheet' | 'letter' | 'bdf_preparation' | 'client_plan';
export const DOCUMENT_CHOICES: readonly DocumentChoice[] = [
  'budget_sheet',
  'letter',
  'bdf_preparation',
  'client_plan',
];
export const LETTER_KINDS: readonly LetterKind[] = [
  'rescheduling_request',
  'grace_period_request',
  'tax_relief_request',
];

/** The form's text, by field. */
export type DocumentFields = Record<string, string>;

export function initialFields(locale: DocumentLocale): DocumentFields {
  return {
    docLocale: locale,
    choice: 'budget_sheet',
    letterKind: 'rescheduling_request',
    debtId: '',
    scenarioId: '',
    reason: '',
    graceMonths: '3',
    subject: '',
    body: '',
    bodyEdited: '',
    forclusionConfirmed: '',
  };
}

export function fieldOf(values: DocumentFields, name: string): string {
  return values[name] ?? '';
}

export function isLetterKind(value: string): value is LetterKind {
  return (LETTER_KINDS as readonly string[]).includes(value);
}

export function isChoice(value: string): value is DocumentChoice {
  return (DOCUMENT_CHOICES as readonly string[]).includes(value);
}

/** The action log's document kind for each document (action.ts ProducedDocumentKind). */
export const LOGGED_KIND: Record<DocumentChoice, (typeof ProducedDocumentKindSchema)['options'][number]> = {
  budget_sheet: 'budget_summary',
  letter: 'letter_to_creditor',
  bdf_preparation: 'bdf_file',
  // No 'client_plan' kind in action.ts: the closest is 'other', with the title saying what it is.
  client_plan: 'other',
};

export interface DocumentContext {
  readonly kit: DocumentsKit;
  readonly dossier: Dossier;
  readonly diagnosis: Diagnosis | null;
  readonly today: IsoDate;
  readonly values: DocumentFields;
}

function docLocale(values: DocumentFields): DocumentLocale {
  return values.docLocale === 'en' ? 'en' : 'fr';
}

/** The letter's debt: the one chosen, else the first live debt. */
export function letterDebtId(dossier: Dossier, values: DocumentFields): string {
  const live = dossier.debts.filter((d) => !d.deleted);
  const chosen = live.find((d) => d.id === values.debtId);
  return (chosen ?? live[0])?.id ?? '';
}

/** The scenario for the plan: the one chosen on the form, else the dossier's chosen one. */
export function planOf(kit: DocumentsKit, dossier: Dossier, values: DocumentFields): SavedPlan | null {
  const rows = dossier.scenarios.filter((s) => !s.deleted);
  const row = rows.find((s) => s.id === values.scenarioId) ?? kit.chosenScenario(dossier);
  if (!row) return null;
  const result = kit.savedPlan(dossier, row);
  return result.ok ? result.plan : null;
}

export interface LetterDraft {
  readonly kind: LetterKind;
  readonly debtId: string;
  /** What the template gives with the current fields. */
  readonly template: { readonly subject: FilledTemplate; readonly body: FilledTemplate };
  /** The text that will be produced: the counsellor's edit, else the template's. */
  readonly subject: string;
  readonly body: string;
  /** Placeholders still in the text: producing is refused until they are completed. */
  readonly unresolved: readonly string[];
  readonly forclusion: ForclusionCheck;
  readonly plan: SavedPlan | null;
}

export function letterDraft(context: DocumentContext): LetterDraft {
  const { kit, dossier, diagnosis, today, values } = context;
  const locale = docLocale(values);
  const kind = isLetterKind(values.letterKind ?? '')
    ? (values.letterKind as LetterKind)
    : 'rescheduling_request';
  const debtId = letterDebtId(dossier, values);
  const plan = kind === 'rescheduling_request' ? planOf(kit, dossier, values) : null;
  const months = Number.parseInt(fieldOf(values, 'graceMonths'), 10);
  const template = kit.draftLetter(
    kit.letterTemplate(kind, locale),
    { dossier, diagnosis, plan, locale, today },
    {
      kind,
      debtId,
      reason: fieldOf(values, 'reason'),
      ...(Number.isInteger(months) && months > 0 ? { graceMonths: months } : {}),
    },
  );
  const edited = values.bodyEdited === '1';
  const subject = edited ? fieldOf(values, 'subject') : template.subject.text;
  const body = edited ? fieldOf(values, 'body') : template.body.text;
  const debt = dossier.debts.find((d) => d.id === debtId && !d.deleted);
  const forclusion: ForclusionCheck =
    debt && kind !== 'tax_relief_request' ? kit.checkDebtForclusion(debt, today) : { kind: 'not-applicable' };
  return {
    kind,
    debtId,
    template,
    subject,
    body,
    unresolved: [...new Set([...kit.unresolvedPlaceholders(subject), ...kit.unresolvedPlaceholders(body)])],
    forclusion,
    plan,
  };
}

/** Why a document cannot be produced yet (an i18n key of the documents catalogue), or null. */
export type Blocker =
  | 'documents.blocked.noDiagnosis'
  | 'documents.blocked.noDebt'
  | 'documents.blocked.unresolved'
  | 'documents.blocked.forclusion'
  | 'documents.blocked.noPlan';

export type Described = { ok: true; description: DocumentDescription } | { ok: false; blocker: Blocker };

/**
 * The description of the chosen document, or why it cannot be produced yet.
 */
export function describe(context: DocumentContext, choice: DocumentChoice): Described {
  const { kit, dossier, diagnosis, today, values } = context;
  const locale = docLocale(values);
  switch (choice) {
    case 'budget_sheet':
      if (!diagnosis) return { ok: false, blocker: 'documents.blocked.noDiagnosis' };
      return { ok: true, description: kit.buildBudgetSheet({ dossier, diagnosis, locale, today }) };
    case 'client_plan': {
      const plan = planOf(kit, dossier, values);
      if (!plan) return { ok: false, blocker: 'documents.blocked.noPlan' };
      return { ok: true, description: kit.buildClientPlan({ dossier, plan, locale, today }) };
    }
    case 'bdf_preparation':
      return {
        ok: true,
        description: kit.buildBdfPreparation({ dossier, locale, today }),
      };
    case 'letter': {
      const draft = letterDraft(context);
      if (!draft.debtId) return { ok: false, blocker: 'documents.blocked.noDebt' };
      if (draft.unresolved.length > 0) return { ok: false, blocker: 'documents.blocked.unresolved' };
      if (draft.forclusion.kind === 'warning' && values.forclusionConfirmed !== '1') {
        return { ok: false, blocker: 'documents.blocked.forclusion' };
      }
      return {
        ok: true,
        description: kit.buildLetter({
          dossier,
          locale,
          today,
          kind: draft.kind,
          debtId: draft.debtId,
          subject: draft.subject,
          body: draft.body,
          plan: draft.plan,
        }),
      };
    }
  }
}
