/**
 * Correcting or cancelling a recorded action, and its history. Both write a new revision row that
 * replaces the action (state/followup/actions-log.ts): the earlier version stays in the history.
 */

import { AnswerOutcomeSchema } from '../../../domain/dossier/action';
import type { Dossier } from '../../../domain/dossier/dossier';
import type { ActionRow, FieldsOf } from '../../../domain/dossier/rows';
import { t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import {
  type ActionField,
  type ActionThread,
  type AnswerField,
  type AnswerValue,
  actionValues,
  answerCorrectionFields,
  answerValues,
  cancellationFields,
  correctionFields,
  kindsForCorrection,
  revisionReasonError,
  validateAction,
  validateAnswer,
} from '../../../state/followup/actions-log';
import type { FieldErrors } from '../../../state/form-model';
import type { DossierModel } from '../../../state/workspace/dossier-model';
import { choices } from '../../components/fields/choices';
import { SelectField } from '../../components/fields/select-field';
import { TextAreaField } from '../../components/fields/text-area-field';
import { TextField } from '../../components/fields/text-field';
import { ActionFacts, ActionFields, actionName, RevisionReason } from './action-fields';
import { fieldBindings, fieldError, useForm } from './form-bits';
import { RowEditor } from './row-editor';

type CorrectionField = ActionField | 'reason';
interface Correction {
  fields: FieldsOf<'action'>;
  reason: string;
}

interface RevisionFormProps {
  model: DossierModel;
  action: ActionRow;
  /** Called once the revision is stored, with the words to confirm it. */
  onSaved: (confirmation: string) => void;
  onClose: () => void;
}

/** The action's fields as recorded, to correct, and why. */
export function CorrectionForm({
  model,
  dossier,
  action,
  today,
  onSaved,
  onClose,
}: RevisionFormProps & { dossier: Dossier; today: string }) {
  // A legacy kind (micro-credit application, workshop) stays correctable, but is not offered to others.
  const kinds = kindsForCorrection(action.kind);
  const form = useForm<CorrectionField, Correction>({
    formId: `action:correct:${action.id}`,
    initial: { ...actionValues(action, today), reason: '' },
    validate: (values) => {
      const checked = validateAction(values, kinds);
      const reason = revisionReasonError(values.reason);
      if (checked.ok && reason === null)
        return { ok: true, value: { fields: checked.value, reason: values.reason } };
      const errors: FieldErrors<CorrectionField> = { ...(checked.ok ? {} : checked.errors) };
      if (reason !== null) errors.reason = reason;
      return { ok: false, errors };
    },
    save: async ({ fields, reason }, receipt) => {
      const revision = correctionFields(action, fields, reason, Date.now());
      await model.addRow('action', revision, receipt);
      onSaved(t('followup.actions.confirm.corrected', { name: actionName(revision) }));
    },
  });
  const values = form.values.value;
  const errors = form.errors.value;
  return (
    <RowEditor
      form={form}
      title={t('followup.correction.title', { name: actionName(action) })}
      submitText={t('followup.correction.save')}
      savedText={t('common.saved')}
      onClose={onClose}
    >
      <ActionFields
        idPrefix={`action-${action.id}`}
        values={values}
        errors={errors}
        edit={(field, value) => void form.edit(field, value)}
        dossier={dossier}
        kinds={kinds}
      />
      <TextAreaField
        id={`action-${action.id}-correction-reason`}
        label={t('followup.correction.reason')}
        hint={t('followup.correction.reason.hint')}
        value={values.reason}
        onInput={(v) => void form.edit('reason', v)}
        error={fieldError(errors.reason)}
      />
    </RowEditor>
  );
}

/** Why the action is cancelled: it stays in the log, marked cancelled, with its history. */
export function CancellationForm({ model, action, onSaved, onClose }: RevisionFormProps) {
  const form = useForm<'reason', string>({
    formId: `action:cancel:${action.id}`,
    initial: { reason: '' },
    validate: (values) => {
      const error = revisionReasonError(values.reason);
      return error === null ? { ok: true, value: values.reason } : { ok: false, errors: { reason: error } };
    },
    save: async (reason, receipt) => {
      await model.addRow('action', cancellationFields(action, reason, Date.now()), receipt);
      onSaved(t('followup.actions.confirm.cancelled', { name: actionName(action) }));
    },
  });
  return (
    <RowEditor
      form={form}
      label={t('followup.cancellation.title', { name: actionName(action) })}
      submitText={t('followup.cancellation.save')}
      savedText={t('common.saved')}
      onClose={onClose}
    >
      <TextAreaField
        id={`action-${action.id}-cancel-reason`}
        label={t('followup.cancellation.reason')}
        value={form.values.value.reason}
        onInput={(v) => void form.edit('reason', v)}
        error={fieldError(form.errors.value.reason)}
      />
    </RowEditor>
  );
}

type AnswerCorrectionField = AnswerField | 'reason';

/** The answer as recorded, to correct (its date, its outcome), and why: a correction revision. */
export function AnswerCorrectionForm({ model, action, onSaved, onClose }: RevisionFormProps) {
  const recorded = 'answer' in action ? action.answer : undefined;
  const form = useForm<AnswerCorrectionField, { answer: AnswerValue; reason: string }>({
    formId: `action:correct-answer:${action.id}`,
    initial: { ...(recorded ? answerValues(recorded) : { date: '', outcome: '', details: '' }), reason: '' },
    validate: (values) => {
      const checked = validateAnswer(values);
      const reason = revisionReasonError(values.reason);
      if (checked.ok && reason === null)
        return { ok: true, value: { answer: checked.value, reason: values.reason } };
      const errors: FieldErrors<AnswerCorrectionField> = { ...(checked.ok ? {} : checked.errors) };
      if (reason !== null) errors.reason = reason;
      return { ok: false, errors };
    },
    save: async ({ answer, reason }, receipt) => {
      await model.addRow('action', answerCorrectionFields(action, answer, reason, Date.now()), receipt);
      onSaved(t('followup.actions.confirm.corrected', { name: actionName(action) }));
    },
  });
  const { typed, chosen } = fieldBindings(
    form.values.value,
    form.errors.value,
    (field, value) => void form.edit(field, value),
    `answer-correct-${action.id}`,
    'followup.answer.field',
  );
  return (
    <RowEditor
      form={form}
      title={t('followup.answer.correctTitle', { name: actionName(action) })}
      submitText={t('followup.correction.save')}
      savedText={t('common.saved')}
      onClose={onClose}
    >
      <div class="followup-grid">
        <TextField {...typed('date')} type="date" />
        <SelectField
          {...chosen('outcome')}
          options={choices(AnswerOutcomeSchema.options, 'followup.answer.outcome')}
        />
      </div>
      <TextAreaField {...typed('details')} />
      <TextAreaField
        id={`answer-correct-${action.id}-reason`}
        label={t('followup.correction.reason')}
        hint={t('followup.correction.reason.hint')}
        value={form.values.value.reason}
        onInput={(v) => void form.edit('reason', v)}
        error={fieldError(form.errors.value.reason)}
      />
    </RowEditor>
  );
}

/** The versions an action replaced, newest first, each with why it was replaced. */
export function ActionHistory({ thread, dossier }: { thread: ActionThread; dossier: Dossier }) {
  if (thread.history.length === 0) return null;
  return (
    <details class="action-history">
      <summary>{t('followup.history.show', { name: actionName(thread.current) })}</summary>
      <ol data-testid="action-history">
        {thread.history.map((previous) => (
          <li key={previous.id}>
            <p>
              <strong>{actionName(previous)}</strong> ·{' '}
              {t(`followup.action.status.${previous.status}` as MessageKey)}
            </p>
            <ActionFacts action={previous} dossier={dossier} />
            <RevisionReason action={previous} />
          </li>
        ))}
      </ol>
    </details>
  );
}
