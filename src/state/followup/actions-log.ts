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
import { type RevisionThread, revisionThreads } from '../../domain/dossier/revisions';
import type { ActionRow, FieldsOf } from '../../domain/dossier/rows';
import { ROW_META_KEYS } from '../../domain/sync/row-meta';
import { centsToInputText, parseEurosToCents } from '../../domain/user-input';
import type { FieldErrors, Validation } from '../form-model';

export const ACTION_KINDS: readonly ActionKind[] = [
  'budget_diagnosis',
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
  budget_diagnosis: [],
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
    case 'budget_diagnosis':
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

export type ActionThread = RevisionThread<ActionRow>;

/** The first record of a thread: its place in the log does not move when it is corrected. */
function firstId(thread: ActionThread): string {
  return thread.history.at(-1)?.id ?? thread.current.id;
}

/**
 * The log, newest first: one entry per action, as its latest revision, with the versions it
 * replaced (by date, then by creation of the first record: ids are time-ordered UUIDv7).
 */
export function actionThreads(rows: readonly ActionRow[]): ActionThread[] {
  return revisionThreads(rows).sort(
    (a, b) => b.current.date.localeCompare(a.current.date) || firstId(b).localeCompare(firstId(a)),
  );
}

/** The live actions as they read now (a corrected or cancelled action once, at its latest). */
export function currentActions(rows: readonly ActionRow[]): ActionRow[] {
  return actionThreads(rows).map((thread) => thread.current);
}

/** The form's text for a recorded action: a correction starts from what was recorded. */
export function actionValues(action: ActionRow, today: string): Record<ActionField, string> {
  const values = actionInitial(today);
  values.kind = action.kind;
  values.date = action.date;
  values.status = action.status;
  values.details = action.details ?? '';
  switch (action.kind) {
    case 'mediation_request':
      values.creditorId = action.creditorId ?? '';
      break;
    case 'grace_period':
      values.creditorId = action.creditorId ?? '';
      values.months = action.months === undefined ? '' : String(action.months);
      break;
    case 'tax_relief_request':
      values.office = action.office ?? '';
      values.amount = action.amountCents === undefined ? '' : centsToInputText(action.amountCents);
      break;
    case 'micro_credit_application':
      values.lender = action.lender ?? '';
      values.amount = action.amountCents === undefined ? '' : centsToInputText(action.amountCents);
      break;
    case 'bdf_decision':
      values.decision = action.decision;
      values.filingId = action.filingId ?? '';
      break;
    case 'budget_workshop':
      values.topic = action.topic ?? '';
      break;
    case 'document_produced':
      values.documentKind = action.documentKind;
      values.title = action.title ?? '';
      break;
    case 'bdf_filing':
    case 'budget_diagnosis':
      break;
  }
  return values;
}

export const REVISION_REASON_MAX_LENGTH = 2000;

/** Error key of the reason typed for a correction or a cancellation, or null. */
export function revisionReasonError(text: string): string | null {
  if (text.trim() === '') return 'followup.error.revisionReason';
  if (text.trim().length > REVISION_REASON_MAX_LENGTH) return 'error.tooLong';
  return null;
}

/** The action's own fields, without its sync metadata or the revision it was. */
function ownFields(action: ActionRow): FieldsOf<'action'> {
  const fields: Record<string, unknown> = { ...action };
  for (const key of [...ROW_META_KEYS, 'supersedes', 'revision']) delete fields[key];
  return fields as FieldsOf<'action'>;
}

/**
 * A correction: the corrected action as a new revision that replaces `action`. An answer already
 * recorded stays with it while the action still takes one.
 * @param corrected - the fields as the counsellor corrected them (validateAction)
 * @param reason - why, in the counsellor's words
 * @param writtenAt - Unix ms
 */
export function correctionFields(
  action: ActionRow,
  corrected: FieldsOf<'action'>,
  reason: string,
  writtenAt: number,
): FieldsOf<'action'> {
  const answer = 'answer' in action ? action.answer : undefined;
  const keepsAnswer =
    answer !== undefined && ANSWERABLE_KINDS.has(corrected.kind) && !('answer' in corrected);
  return {
    ...corrected,
    ...(keepsAnswer ? { answer } : {}),
    supersedes: action.id,
    revision: { kind: 'correction', reason: reason.trim(), writtenAt },
  } as FieldsOf<'action'>;
}

/**
 * A cancellation: the action as it was, marked cancelled, as a new revision that replaces it (a
 * new row may start in any status, so a done or answered action can be cancelled too).
 */
export function cancellationFields(action: ActionRow, reason: string, writtenAt: number): FieldsOf<'action'> {
  return {
    ...ownFields(action),
    status: 'cancelled',
    supersedes: action.id,
    revision: { kind: 'cancellation', reason: reason.trim(), writtenAt },
  } as FieldsOf<'action'>;
}
