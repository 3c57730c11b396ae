import { useState } from 'preact/hooks';
import type { Dossier } from '../../../domain/dossier/dossier';
import type { ActionRow, FieldsOf } from '../../../domain/dossier/rows';
import { formatDate, formatMoney, t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import {
  ACTION_KINDS,
  type ActionField,
  ANSWERABLE_KINDS,
  type AnswerField,
  type AnswerValue,
  actionInitial,
  actionsNewestFirst,
  answerInitial,
  KIND_FIELDS,
  validateAction,
  validateAnswer,
} from '../../../state/followup/actions-log';
import type { DossierModel } from '../../../state/workspace/dossier-model';
import { SelectField } from '../../components/fields/select-field';
import { TextAreaField } from '../../components/fields/text-area-field';
import { TextField } from '../../components/fields/text-field';
import { choices, fieldError, useForm, useOpenWhenDrafted } from './form-bits';
import { RowEditor } from './row-editor';

const STATUSES = ['planned', 'in_progress', 'sent', 'answered', 'done', 'cancelled'] as const;
const DECISIONS = [
  'admissible',
  'inadmissible',
  'orientation_amicable_plan',
  'orientation_imposed_measures',
  'orientation_personal_recovery',
  'plan_agreed',
  'plan_failed',
  'measures_imposed',
  'personal_recovery_ordered',
  'other',
] as const;
const DOCUMENTS = [
  'consent_form',
  'budget_summary',
  'bdf_file',
  'letter_to_creditor',
  'scenario_comparison',
  'other',
] as const;
const OUTCOMES = ['accepted', 'partially_accepted', 'refused', 'counter_proposal', 'no_answer'] as const;

const kindLabel = (kind: string) => t(`followup.action.kind.${kind}` as MessageKey);

function ActionForm({
  model,
  dossier,
  today,
  onDone,
}: {
  model: DossierModel;
  dossier: Dossier;
  today: string;
  onDone: () => void;
}) {
  const form = useForm<ActionField, FieldsOf<'action'>>({
    formId: `action:new:${model.householdId}`,
    initial: actionInitial(today),
    validate: validateAction,
    save: async (fields, receipt) => {
      await model.addRow('action', fields, receipt);
    },
  });
  const values = form.values.value;
  const errors = form.errors.value;
  /** Id, label, value and error of a field: ids and labels are named after the field, or `name`. */
  const bound = (field: ActionField, name: string = field, label: string = name) => ({
    id: `action-${name}`,
    label: t(`followup.action.field.${label}` as MessageKey),
    value: values[field],
    error: fieldError(errors[field]),
  });
  const typed = (field: ActionField, name?: string) => ({
    ...bound(field, name),
    onInput: (v: string) => void form.edit(field, v),
  });
  const chosen = (field: ActionField, name?: string, label?: string) => ({
    ...bound(field, name, label),
    onChange: (v: string) => void form.edit(field, v),
  });
  const kind = ACTION_KINDS.find((k) => k === values.kind) ?? 'mediation_request';
  const extra = new Set(KIND_FIELDS[kind]);
  const creditors = dossier.creditors.filter((c) => !c.deleted);
  const filings = dossier.actions.filter((a) => !a.deleted && a.kind === 'bdf_filing');
  return (
    <RowEditor
      form={form}
      title={t('followup.actions.new')}
      submitText={t('common.save')}
      savedText={t('followup.actions.saved')}
      onClose={onDone}
    >
      <div class="followup-grid">
        <SelectField {...chosen('kind')} options={choices(ACTION_KINDS, 'followup.action.kind')} />
        <TextField {...typed('date')} type="date" />
        <SelectField {...chosen('status')} options={choices(STATUSES, 'followup.action.status')} />
        {extra.has('creditorId') && (
          <SelectField
            {...chosen('creditorId', 'creditor')}
            placeholder={t('common.none')}
            options={creditors.map((c) => ({ value: c.id, label: c.name }))}
          />
        )}
        {extra.has('months') && <TextField {...typed('months')} inputMode="numeric" />}
        {extra.has('office') && <TextField {...typed('office')} />}
        {extra.has('lender') && <TextField {...typed('lender')} />}
        {extra.has('amount') && <TextField {...typed('amount')} inputMode="decimal" unit="€" />}
        {extra.has('decision') && (
          <SelectField {...chosen('decision')} options={choices(DECISIONS, 'followup.decision')} />
        )}
        {extra.has('filingId') && (
          <SelectField
            {...chosen('filingId', 'filing')}
            placeholder={t('common.none')}
            options={filings.map((f) => ({ value: f.id, label: formatDate(f.date) }))}
          />
        )}
        {extra.has('topic') && <TextField {...typed('topic')} />}
        {extra.has('documentKind') && (
          <SelectField
            {...chosen('documentKind', 'document', 'documentKind')}
            options={choices(DOCUMENTS, 'followup.document')}
          />
        )}
        {extra.has('title') && <TextField {...typed('title')} />}
      </div>
      <TextAreaField {...typed('details')} />
    </RowEditor>
  );
}

function AnswerForm({
  model,
  action,
  today,
  onDone,
}: {
  model: DossierModel;
  action: ActionRow;
  today: string;
  onDone: () => void;
}) {
  const form = useForm<AnswerField, AnswerValue>({
    formId: `action:answer:${action.id}`,
    initial: answerInitial(today),
    validate: validateAnswer,
    save: async (answer, receipt) => {
      await model.updateRow('action', action.id, { answer, status: 'answered' }, receipt);
    },
  });
  const values = form.values.value;
  const errors = form.errors.value;
  const bound = (field: AnswerField) => ({
    id: `answer-${action.id}-${field}`,
    label: t(`followup.answer.field.${field}` as MessageKey),
    value: values[field],
    error: fieldError(errors[field]),
  });
  const edit = (field: AnswerField) => (v: string) => void form.edit(field, v);
  return (
    <RowEditor
      form={form}
      label={t('followup.answer.title', { name: kindLabel(action.kind) })}
      submitText={t('followup.answer.save')}
      savedText={t('common.saved')}
      onClose={onDone}
    >
      <div class="followup-grid">
        <TextField {...bound('date')} type="date" onInput={edit('date')} />
        <SelectField
          {...bound('outcome')}
          options={choices(OUTCOMES, 'followup.answer.outcome')}
          onChange={edit('outcome')}
        />
      </div>
      <TextAreaField {...bound('details')} onInput={edit('details')} />
    </RowEditor>
  );
}

function ActionFacts({ action, dossier }: { action: ActionRow; dossier: Dossier }) {
  const facts: string[] = [];
  const creditorName = (id?: string) => dossier.creditors.find((c) => c.id === id)?.name;
  switch (action.kind) {
    case 'mediation_request':
    case 'grace_period': {
      const name = creditorName(action.creditorId);
      if (name) facts.push(t('followup.action.creditor', { name }));
      if (action.kind === 'grace_period' && action.months)
        facts.push(t('followup.action.months', { count: action.months }));
      break;
    }
    case 'tax_relief_request':
      if (action.office) facts.push(t('followup.action.office', { office: action.office }));
      if (action.amountCents !== undefined)
        facts.push(t('followup.action.amount', { amount: formatMoney(action.amountCents) }));
      break;
    case 'micro_credit_application':
      if (action.lender) facts.push(t('followup.action.lender', { lender: action.lender }));
      if (action.amountCents !== undefined)
        facts.push(t('followup.action.amount', { amount: formatMoney(action.amountCents) }));
      break;
    case 'bdf_decision': {
      facts.push(
        t('followup.action.decision', { decision: t(`followup.decision.${action.decision}` as MessageKey) }),
      );
      const filing = dossier.actions.find((a) => a.id === action.filingId);
      if (filing) facts.push(t('followup.action.forFiling', { date: formatDate(filing.date) }));
      break;
    }
    case 'budget_workshop':
      if (action.topic) facts.push(t('followup.action.topic', { topic: action.topic }));
      break;
    case 'document_produced':
      facts.push(t(`followup.document.${action.documentKind}` as MessageKey));
      if (action.title) facts.push(t('followup.action.title', { title: action.title }));
      break;
    case 'bdf_filing':
      break;
  }
  return (
    <>
      {facts.map((f) => (
        <p key={f}>{f}</p>
      ))}
      {action.details && <p class="pre">{action.details}</p>}
    </>
  );
}

/** The actions log, newest first: add an action, record a creditor's answer. */
export function ActionsLog({
  model,
  dossier,
  today,
}: {
  model: DossierModel;
  dossier: Dossier;
  today: string;
}) {
  const [adding, setAdding] = useState(false);
  const [answering, setAnswering] = useState<string | null>(null);
  useOpenWhenDrafted(`action:new:${model.householdId}`, () => setAdding(true));
  const actions = actionsNewestFirst(dossier.actions);
  return (
    <section class="card" aria-labelledby="followup-actions-title">
      <h2 id="followup-actions-title">{t('followup.actions.title')}</h2>
      {adding ? (
        <ActionForm model={model} dossier={dossier} today={today} onDone={() => setAdding(false)} />
      ) : (
        <button type="button" onClick={() => setAdding(true)}>
          {t('followup.actions.add')}
        </button>
      )}
      {actions.length === 0 ? (
        <p>{t('followup.actions.empty')}</p>
      ) : (
        <ol class="followup-list" data-testid="actions-log">
          {actions.map((action) => {
            const answer = 'answer' in action ? action.answer : undefined;
            const name = kindLabel(action.kind);
            return (
              <li key={action.id} data-testid="action">
                <h3>
                  {name} · {formatDate(action.date)}
                </h3>
                <p>{t(`followup.action.status.${action.status}` as MessageKey)}</p>
                <ActionFacts action={action} dossier={dossier} />
                {ANSWERABLE_KINDS.has(action.kind) &&
                  (answer ? (
                    <div class="answer">
                      <p>
                        <strong>
                          {t('followup.answer.label', {
                            date: formatDate(answer.date),
                            outcome: t(`followup.answer.outcome.${answer.outcome}` as MessageKey),
                          })}
                        </strong>
                      </p>
                      {answer.details && <p class="pre">{answer.details}</p>}
                    </div>
                  ) : answering === action.id ? (
                    <AnswerForm
                      model={model}
                      action={action}
                      today={today}
                      onDone={() => setAnswering(null)}
                    />
                  ) : (
                    <>
                      <p class="hint">{t('followup.action.noAnswer')}</p>
                      <button type="button" onClick={() => setAnswering(action.id)}>
                        {t('followup.answer.record', { name })}
                      </button>
                    </>
                  ))}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
