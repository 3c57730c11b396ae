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
import { TextField } from '../../components/fields/text-field';
import {
  DraftNotice,
  FormStatusLine,
  fieldError,
  TextAreaField,
  useForm,
  useOpenWhenDrafted,
} from './form-bits';

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
  const edit = (field: ActionField) => (v: string) => void form.edit(field, v);
  const kind = ACTION_KINDS.find((k) => k === values.kind) ?? 'mediation_request';
  const extra = new Set(KIND_FIELDS[kind]);
  const creditors = dossier.creditors.filter((c) => !c.deleted);
  const filings = dossier.actions.filter((a) => !a.deleted && a.kind === 'bdf_filing');
  return (
    <form
      noValidate
      class="subform"
      aria-label={t('followup.actions.new')}
      onSubmit={async (event) => {
        event.preventDefault();
        if (await form.submit()) onDone();
      }}
    >
      <h3>{t('followup.actions.new')}</h3>
      <DraftNotice form={form} />
      <div class="followup-grid">
        <SelectField
          id="action-kind"
          label={t('followup.action.field.kind')}
          value={values.kind}
          options={ACTION_KINDS.map((k) => ({ value: k, label: kindLabel(k) }))}
          onChange={edit('kind')}
          error={fieldError(errors.kind)}
        />
        <TextField
          id="action-date"
          type="date"
          label={t('followup.action.field.date')}
          value={values.date}
          onInput={edit('date')}
          error={fieldError(errors.date)}
        />
        <SelectField
          id="action-status"
          label={t('followup.action.field.status')}
          value={values.status}
          options={STATUSES.map((s) => ({ value: s, label: t(`followup.action.status.${s}` as MessageKey) }))}
          onChange={edit('status')}
          error={fieldError(errors.status)}
        />
        {extra.has('creditorId') && (
          <SelectField
            id="action-creditor"
            label={t('followup.action.field.creditor')}
            value={values.creditorId}
            placeholder={t('common.none')}
            options={creditors.map((c) => ({ value: c.id, label: c.name }))}
            onChange={edit('creditorId')}
          />
        )}
        {extra.has('months') && (
          <TextField
            id="action-months"
            label={t('followup.action.field.months')}
            value={values.months}
            inputMode="numeric"
            onInput={edit('months')}
            error={fieldError(errors.months)}
          />
        )}
        {extra.has('office') && (
          <TextField
            id="action-office"
            label={t('followup.action.field.office')}
            value={values.office}
            onInput={edit('office')}
            error={fieldError(errors.office)}
          />
        )}
        {extra.has('lender') && (
          <TextField
            id="action-lender"
            label={t('followup.action.field.lender')}
            value={values.lender}
            onInput={edit('lender')}
            error={fieldError(errors.lender)}
          />
        )}
        {extra.has('amount') && (
          <TextField
            id="action-amount"
            label={t('followup.action.field.amount')}
            value={values.amount}
            inputMode="decimal"
            unit="€"
            onInput={edit('amount')}
            error={fieldError(errors.amount)}
          />
        )}
        {extra.has('decision') && (
          <SelectField
            id="action-decision"
            label={t('followup.action.field.decision')}
            value={values.decision}
            options={DECISIONS.map((d) => ({ value: d, label: t(`followup.decision.${d}` as MessageKey) }))}
            onChange={edit('decision')}
            error={fieldError(errors.decision)}
          />
        )}
        {extra.has('filingId') && (
          <SelectField
            id="action-filing"
            label={t('followup.action.field.filing')}
            value={values.filingId}
            placeholder={t('common.none')}
            options={filings.map((f) => ({ value: f.id, label: formatDate(f.date) }))}
            onChange={edit('filingId')}
          />
        )}
        {extra.has('topic') && (
          <TextField
            id="action-topic"
            label={t('followup.action.field.topic')}
            value={values.topic}
            onInput={edit('topic')}
            error={fieldError(errors.topic)}
          />
        )}
        {extra.has('documentKind') && (
          <SelectField
            id="action-document"
            label={t('followup.action.field.documentKind')}
            value={values.documentKind}
            options={DOCUMENTS.map((d) => ({ value: d, label: t(`followup.document.${d}` as MessageKey) }))}
            onChange={edit('documentKind')}
            error={fieldError(errors.documentKind)}
          />
        )}
        {extra.has('title') && (
          <TextField
            id="action-title"
            label={t('followup.action.field.title')}
            value={values.title}
            onInput={edit('title')}
            error={fieldError(errors.title)}
          />
        )}
      </div>
      <TextAreaField
        id="action-details"
        label={t('followup.action.field.details')}
        value={values.details}
        onInput={edit('details')}
        error={fieldError(errors.details)}
      />
      <div class="row-actions">
        <button type="submit" class="primary">
          {t('common.save')}
        </button>
        <button
          type="button"
          onClick={() => {
            void form.discard();
            onDone();
          }}
        >
          {t('followup.appointments.closeForm')}
        </button>
      </div>
      <FormStatusLine form={form} savedText={t('followup.actions.saved')} />
    </form>
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
  const name = kindLabel(action.kind);
  const id = (f: string) => `answer-${action.id}-${f}`;
  return (
    <form
      noValidate
      class="subform"
      aria-label={t('followup.answer.title', { name })}
      onSubmit={async (event) => {
        event.preventDefault();
        if (await form.submit()) onDone();
      }}
    >
      <DraftNotice form={form} />
      <div class="followup-grid">
        <TextField
          id={id('date')}
          type="date"
          label={t('followup.answer.field.date')}
          value={values.date}
          onInput={(v) => void form.edit('date', v)}
          error={fieldError(errors.date)}
        />
        <SelectField
          id={id('outcome')}
          label={t('followup.answer.field.outcome')}
          value={values.outcome}
          options={OUTCOMES.map((o) => ({
            value: o,
            label: t(`followup.answer.outcome.${o}` as MessageKey),
          }))}
          onChange={(v) => void form.edit('outcome', v)}
          error={fieldError(errors.outcome)}
        />
      </div>
      <TextAreaField
        id={id('details')}
        label={t('followup.answer.field.details')}
        value={values.details}
        onInput={(v) => void form.edit('details', v)}
        error={fieldError(errors.details)}
      />
      <div class="row-actions">
        <button type="submit" class="primary">
          {t('followup.answer.save')}
        </button>
        <button
          type="button"
          onClick={() => {
            void form.discard();
            onDone();
          }}
        >
          {t('followup.appointments.closeForm')}
        </button>
      </div>
      <FormStatusLine form={form} savedText={t('common.saved')} />
    </form>
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
        facts.push(t('followup.action.months', { n: action.months }));
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
