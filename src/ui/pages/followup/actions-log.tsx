/** The actions log of the Suivi tab: the list of actions, the new-action form and a creditor's answer. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { AnswerOutcomeSchema } from '../../../domain/dossier/action';
import type { Dossier } from '../../../domain/dossier/dossier';
import type { ActionRow, FieldsOf } from '../../../domain/dossier/rows';
import { formatDate, t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import {
  type ActionField,
  ANSWERABLE_KINDS,
  type AnswerField,
  type AnswerValue,
  actionInitial,
  actionThreads,
  answerInitial,
  isObtained,
  validateAction,
  validateAnswer,
} from '../../../state/followup/actions-log';
import type { DossierModel } from '../../../state/workspace/dossier-model';
import { choices } from '../../components/fields/choices';
import { SelectField } from '../../components/fields/select-field';
import { TextAreaField } from '../../components/fields/text-area-field';
import { TextField } from '../../components/fields/text-field';
import { useOpenWhenDrafted } from '../../components/open-when-drafted';
import { ActionFacts, ActionFields, actionName, kindLabel, RevisionReason } from './action-fields';
import { ActionHistory, AnswerCorrectionForm, CancellationForm, CorrectionForm } from './action-revisions';
import { fieldBindings, useForm } from './form-bits';
import { RowEditor } from './row-editor';

function ActionForm({
  model,
  dossier,
  today,
  onSaved,
  onDone,
}: {
  model: DossierModel;
  dossier: Dossier;
  today: string;
  onSaved: (confirmation: string) => void;
  onDone: () => void;
}) {
  const form = useForm<ActionField, FieldsOf<'action'>>({
    formId: `action:new:${model.householdId}`,
    initial: actionInitial(today),
    validate: validateAction,
    save: async (fields, receipt) => {
      await model.addRow('action', fields, receipt);
      onSaved(t('followup.actions.confirm.added', { name: actionName(fields) }));
    },
  });
  return (
    <RowEditor
      form={form}
      title={t('followup.actions.new')}
      submitText={t('common.save')}
      savedText={t('followup.actions.saved')}
      onClose={onDone}
    >
      <ActionFields
        idPrefix="action"
        values={form.values.value}
        errors={form.errors.value}
        edit={(field, value) => void form.edit(field, value)}
        dossier={dossier}
      />
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
  const { typed, chosen } = fieldBindings(
    form.values.value,
    form.errors.value,
    (field, value) => void form.edit(field, value),
    `answer-${action.id}`,
    'followup.answer.field',
  );
  return (
    <RowEditor
      form={form}
      label={t('followup.answer.title', { name: kindLabel(action.kind) })}
      submitText={t('followup.answer.save')}
      savedText={t('common.saved')}
      onClose={onDone}
    >
      <div class="followup-grid">
        <TextField {...typed('date')} type="date" />
        <SelectField
          {...chosen('outcome')}
          options={choices(AnswerOutcomeSchema.options, 'followup.answer.outcome')}
        />
      </div>
      <TextAreaField {...typed('details')} />
    </RowEditor>
  );
}

/** Which form is open on which action of the log. */
type OpenForm = { actionId: string; form: 'answer' | 'correct' | 'correct-answer' | 'cancel' } | null;

/**
 * The actions log, newest first: add an action, record a creditor's answer, correct or cancel
 * an action (its earlier versions stay in its history). What was saved is confirmed in a live
 * region outside the forms, so the confirmation stays once the form has closed.
 */
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
  const [open, setOpen] = useState<OpenForm>(null);
  const [confirmation, setConfirmation] = useState<{ text: string; n: number }>({ text: '', n: 0 });
  const confirmationRef = useRef<HTMLParagraphElement>(null);
  useOpenWhenDrafted(`action:new:${model.householdId}`, () => setAdding(true));
  // After a save the form closes: the focus goes to what was saved, not to the page body.
  useEffect(() => {
    if (confirmation.n > 0) confirmationRef.current?.focus();
  }, [confirmation]);
  const onSaved = (text: string) => setConfirmation((c) => ({ text, n: c.n + 1 }));
  const openForm = (next: OpenForm) => {
    setConfirmation((c) => ({ text: '', n: c.n }));
    setOpen(next);
  };
  const threads = actionThreads(dossier.actions);
  return (
    <section class="card" aria-labelledby="followup-actions-title">
      <h2 id="followup-actions-title">{t('followup.actions.title')}</h2>
      <p
        role="status"
        class="save-status"
        tabIndex={-1}
        ref={confirmationRef}
        data-testid="actions-confirmation"
      >
        {confirmation.text}
      </p>
      {adding ? (
        <ActionForm
          model={model}
          dossier={dossier}
          today={today}
          onSaved={onSaved}
          onDone={() => setAdding(false)}
        />
      ) : (
        <button
          type="button"
          onClick={() => {
            setConfirmation((c) => ({ text: '', n: c.n }));
            setAdding(true);
          }}
        >
          {t('followup.actions.add')}
        </button>
      )}
      {threads.length === 0 ? (
        <p>{t('followup.actions.empty')}</p>
      ) : (
        <ol class="followup-list" data-testid="actions-log">
          {threads.map((thread) => {
            const action = thread.current;
            const answer = 'answer' in action ? action.answer : undefined;
            const name = kindLabel(action.kind);
            const named = actionName(action);
            const opened = open?.actionId === action.id ? open.form : null;
            // Closes that form only: a save that ends late must not close a form opened since.
            const close = () =>
              setOpen((current) =>
                current?.actionId === action.id && current.form === opened ? null : current,
              );
            return (
              <li
                key={action.id}
                data-testid="action"
                class={action.status === 'cancelled' ? 'action-cancelled' : undefined}
              >
                <h3>
                  {name} · {formatDate(action.date)}
                </h3>
                <p>{t(`followup.action.status.${action.status}` as MessageKey)}</p>
                <RevisionReason action={action} />
                <ActionFacts action={action} dossier={dossier} />
                {ANSWERABLE_KINDS.has(action.kind) &&
                  action.status !== 'cancelled' &&
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
                      {action.kind === 'grace_period' && isObtained(answer) && (
                        <p class="big">{t('followup.answer.obtained', { date: formatDate(answer.date) })}</p>
                      )}
                      {answer.details && <p class="pre">{answer.details}</p>}
                    </div>
                  ) : opened === 'answer' ? (
                    <AnswerForm model={model} action={action} today={today} onDone={close} />
                  ) : (
                    <>
                      <p class="hint">{t('followup.action.noAnswer')}</p>
                      <button type="button" onClick={() => openForm({ actionId: action.id, form: 'answer' })}>
                        {t('followup.answer.record', { name })}
                      </button>
                    </>
                  ))}
                {opened === 'correct' && (
                  <CorrectionForm
                    model={model}
                    dossier={dossier}
                    action={action}
                    today={today}
                    onSaved={onSaved}
                    onClose={close}
                  />
                )}
                {opened === 'correct-answer' && (
                  <AnswerCorrectionForm model={model} action={action} onSaved={onSaved} onClose={close} />
                )}
                {opened === 'cancel' && (
                  <CancellationForm model={model} action={action} onSaved={onSaved} onClose={close} />
                )}
                {opened === null && (
                  <div class="row-actions">
                    <button type="button" onClick={() => openForm({ actionId: action.id, form: 'correct' })}>
                      {t('followup.action.correct', { name: named })}
                    </button>
                    {answer && action.status !== 'cancelled' && (
                      <button
                        type="button"
                        onClick={() => openForm({ actionId: action.id, form: 'correct-answer' })}
                      >
                        {t('followup.answer.correct', { name: named })}
                      </button>
                    )}
                    {action.status !== 'cancelled' && (
                      <button type="button" onClick={() => openForm({ actionId: action.id, form: 'cancel' })}>
                        {t('followup.action.cancel', { name: named })}
                      </button>
                    )}
                  </div>
                )}
                <ActionHistory thread={thread} dossier={dossier} />
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
