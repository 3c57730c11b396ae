/**
 * The actions log: the typed form of a new action (fields depend on its kind), the answer a
 * creditor or an office gives later, and the log newest first.
 */
import { IsoDateSchema } from '../../domain/dates';
import {
  type ActionKind,
  ActionStatusSchema,
  AnswerSchema,
  BdfDecisionSchema,
  ProducedDocumentKindSchema,
} from '../../domain/dossier/action';
import type { ActionRow, FieldsOf } from '../../domain/dossier/rows';
import { parseEurosToCents } from '../../domain/user-input';
import type { FieldErrors, Validation } from '../form-model';

export const ACTION_KINDS: readonly ActionKind[] = [
  'mediation_request',
  'grace_period',
  'tax_relief_request',
  'bdf_filing',
  'bdf_decision',
  'micro_credit_application',
  'budget_workshop',
  'document_produced',
];

/** Kinds that wait for an answer from a creditor or an office. */
export const ANSWERABLE_KINDS: ReadonlySet<ActionKind> = new Set<ActionKind>([
  'mediation_request',
  'grace_period',
  'tax_relief_request',
  'micro_credit_application',
]);

export const ACTION_FIELDS = [
  'kind',
  'date',
  'status',
  'details',
  'creditorId',
  'months',
  'office',
  'amount',
  'decision',
  'filingId',
  'lender',
  'topic',
  'documentKind',
  'title',
] as const;
export type ActionField = (typeof ACTION_FIELDS)[number];

/** Which extra fields each kind shows. */
export const KIND_FIELDS: Readonly<Record<ActionKind, readonly ActionField[]>> = {
  mediation_request: ['creditorId'],
  grace_period: ['creditorId', 'months'],
  tax_relief_request: ['office', 'amount'],
  bdf_filing: [],
  bdf_decision: ['decision', 'filingId'],
  micro_credit_application: ['lender', 'amount'],
  budget_workshop: ['topic'],
  document_produced: ['documentKind', 'title'],
};

export function actionInitial(today: string): Record<ActionField, string> {
  return {
    kind: 'mediation_request',
    date: today,
    status: 'sent',
    details: '',
    creditorId: '',
    months: '',
    office: '',
    amount: '',
    decision: 'admissible',
    filingId: '',
    lender: '',
    topic: '',
    documentKind: 'letter_to_creditor',
    title: '',
  };
}

function text(
  values: Record<ActionField, string>,
  field: ActionField,
  max: number,
  errors: FieldErrors<ActionField>,
) {
  const value = values[field].trim();
  if (value.length > max) errors[field] = 'error.tooLong';
  return value === '' ? undefined : value;
}

export function validateAction(
  values: Record<ActionField, string>,
): Validation<ActionField, FieldsOf<'action'>> {
  const errors: FieldErrors<ActionField> = {};
  const kind = ACTION_KINDS.find((k) => k === values.kind);
  if (!kind) errors.kind = 'error.required';
  const date = values.date.trim();
  if (date === '') errors.date = 'error.required';
  else if (!IsoDateSchema.safeParse(date).success) errors.date = 'error.date.invalid';
  const status = ActionStatusSchema.safeParse(values.status);
  if (!status.success) errors.status = 'error.required';
  const details = text(values, 'details', 4000, errors);
  const optional = (field: ActionField, max = 200) => text(values, field, max, errors);
  let amountCents: number | undefined;
  if (values.amount.trim() !== '') {
    const parsed = parseEurosToCents(values.amount);
    if (parsed.ok) amountCents = parsed.value;
    else errors.amount = `error.amount.${parsed.error}`;
  }
  let months: number | undefined;
  if (kind === 'grace_period' && values.months.trim() !== '') {
    const n = Number(values.months.trim());
    if (!Number.isInteger(n) || n < 1 || n > 24) errors.months = 'followup.error.graceMonths';
    else months = n;
  }
  const decision = BdfDecisionSchema.safeParse(values.decision);
  if (kind === 'bdf_decision' && !decision.success) errors.decision = 'error.required';
  const documentKind = ProducedDocumentKindSchema.safeParse(values.documentKind);
  if (kind === 'document_produced' && !documentKind.success) errors.documentKind = 'error.required';
  if (!kind || Object.keys(errors).length > 0) return { ok: false, errors };

  const base = { date, status: status.data ?? 'planned', ...(details ? { details } : {}) } as const;
  const creditorId = values.creditorId.trim() || undefined;
  const some = <K extends string, V>(key: K, value: V | undefined) =>
    (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;
  switch (kind) {
    case 'mediation_request':
      return { ok: true, value: { ...base, kind, ...some('creditorId', creditorId) } };
    case 'grace_period':
      return {
        ok: true,
        value: { ...base, kind, ...some('creditorId', creditorId), ...some('months', months) },
      };
    case 'tax_relief_request':
      return {
        ok: true,
        value: { ...base, kind, ...some('office', optional('office')), ...some('amountCents', amountCents) },
      };
    case 'bdf_filing':
      return { ok: true, value: { ...base, kind } };
    case 'bdf_decision':
      return {
        ok: true,
        value: {
          ...base,
          kind,
          decision: decision.data ?? 'other',
          ...some('filingId', values.filingId.trim() || undefined),
        },
      };
    case 'micro_credit_application':
      return {
        ok: true,
        value: { ...base, kind, ...some('lender', optional('lender')), ...some('amountCents', amountCents) },
      };
    case 'budget_workshop':
      return { ok: true, value: { ...base, kind, ...some('topic', optional('topic')) } };
    case 'document_produced':
      return {
        ok: true,
        value: {
          ...base,
          kind,
          documentKind: documentKind.data ?? 'other',
          ...some('title', optional('title')),
        },
      };
  }
}

export type AnswerField = 'date' | 'outcome' | 'details';
export type AnswerValue = NonNullable<Extract<FieldsOf<'action'>, { kind: 'mediation_request' }>['answer']>;

export function answerInitial(today: string): Record<AnswerField, string> {
  return { date: today, outcome: 'accepted', details: '' };
}

export function validateAnswer(values: Record<AnswerField, string>): Validation<AnswerField, AnswerValue> {
  const errors: FieldErrors<AnswerField> = {};
  const date = values.date.trim();
  if (date === '') errors.date = 'error.required';
  else if (!IsoDateSchema.safeParse(date).success) errors.date = 'error.date.invalid';
  const details = values.details.trim();
  if (details.length > 4000) errors.details = 'error.tooLong';
  const parsed = AnswerSchema.safeParse({ date, outcome: values.outcome, ...(details ? { details } : {}) });
  if (!parsed.success && Object.keys(errors).length === 0) errors.outcome = 'error.required';
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, value: parsed.data };
}

/** The log, newest first (by date, then by creation: ids are time-ordered UUIDv7). */
export function actionsNewestFirst(rows: readonly ActionRow[]): ActionRow[] {
  return rows
    .filter((r) => !r.deleted)
    .sort((a, b) => b.date.localeCompare(a.date) || b.id.localeCompare(a.id));
}
