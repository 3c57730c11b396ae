import { useEffect, useMemo, useRef } from 'preact/hooks';
import type { WorkshopRow } from '../../../domain/dossier/rows';
import { trainingHours, workshopParticipants } from '../../../domain/workshops/training-hours';
import { t } from '../../../i18n/i18n';
import { useAppState } from '../../../state/app-state';
import { createFormModel } from '../../../state/form-model';
import {
  DURATION_MAX,
  DURATION_MIN,
  emptyWorkshopValues,
  facilitatorUserOf,
  participantIdsOf,
  validateWorkshopValues,
  type WorkshopField,
  type WorkshopFields,
  withoutParticipant,
  withParticipant,
  workshopValuesOf,
} from '../../../state/workshops/workshop-form';
import {
  allowedWorkshopWelcomePoints,
  WelcomePointNotAllowedError,
  type WorkshopsModel,
} from '../../../state/workshops/workshops-model';
import { describeWriteError } from '../../../state/workspace/workspace-model';
import { SelectField } from '../../components/fields/select-field';
import { TextAreaField } from '../../components/fields/text-area-field';
import { TextField } from '../../components/fields/text-field';
import { ParticipantPicker } from './participant-picker';
import { durationText, hoursNumber, workshopErrorText } from './workshop-text';

export interface WorkshopFormProps {
  model: WorkshopsModel;
  /** The session edited; none: a new one. */
  editing: WorkshopRow | undefined;
  onDone: (saved: boolean) => void;
}

const describe = (cause: unknown) =>
  cause instanceof WelcomePointNotAllowedError
    ? 'workshops.error.welcomePointNotAllowed'
    : describeWriteError(cause);

/** Records or edits a session (WS1); autosaved as a draft, saved to the device (offline too). */
export function WorkshopForm({ model, editing, onDone }: WorkshopFormProps) {
  const { drafts, workspace, sync } = useAppState();
  const allowed = allowedWorkshopWelcomePoints(model.welcomePoints.value, editing?.welcomePointId);
  const only = allowed.length === 1 ? allowed[0] : undefined;
  const formRef = useRef<HTMLFormElement>(null);
  const form = useMemo(
    () =>
      createFormModel<WorkshopField, WorkshopFields>({
        formId: editing === undefined ? 'workshop:new' : `workshop:${editing.id}`,
        drafts,
        initial:
          editing === undefined ? emptyWorkshopValues(workspace.today(), only) : workshopValuesOf(editing),
        validate: (values) =>
          validateWorkshopValues(
            values,
            allowedWorkshopWelcomePoints(model.welcomePoints.peek(), editing?.welcomePointId),
            facilitatorUserOf(editing, model.currentUserId.peek()),
          ),
        save: async (value, receipt) => {
          if (editing === undefined) await model.create(value, receipt);
          else await model.update(editing, value, receipt);
        },
        describeError: describe,
      }),
    [editing, drafts, workspace, model, only],
  );
  useEffect(() => {
    void form.load();
  }, [form]);

  const values = form.values.value;
  const errors = form.errors.value;
  const status = form.status.value;
  const edit = (field: WorkshopField, text: string) => void form.edit(field, text);
  const err = (field: WorkshopField) => workshopErrorText(errors[field]);
  const chosen = participantIdsOf(values);
  const me = sync.session.value?.user.displayName;
  const preview = previewOf(values, chosen);

  async function onSubmit(event: Event) {
    event.preventDefault();
    if (await form.submit()) {
      onDone(true);
      return;
    }
    setTimeout(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
  }

  async function onCancel() {
    await form.discard();
    onDone(false);
  }

  return (
    <form ref={formRef} class="workshop-form" noValidate onSubmit={(event) => void onSubmit(event)}>
      <h2 id="workshop-form-title" tabIndex={-1}>
        {editing === undefined ? t('workshops.form.newTitle') : t('workshops.form.editTitle')}
      </h2>
      {form.draftRestored.value && (
        <p class="notice" role="status">
          {t('common.draftRestored')}
        </p>
      )}
      <div class="workshop-grid">
        <TextField
          id="ws-date"
          type="date"
          label={t('workshops.field.date')}
          value={values.date}
          onInput={(v) => edit('date', v)}
          error={err('date')}
        />
        <SelectField
          id="ws-welcome-point"
          label={t('workshops.field.welcomePoint')}
          value={values.welcomePointId}
          placeholder={t('workshops.field.welcomePointChoose')}
          options={welcomePointOptions(model, allowed, values.welcomePointId)}
          onChange={(v) => edit('welcomePointId', v)}
          error={err('welcomePointId')}
        />
      </div>
      <fieldset class="facilitator">
        <legend>{t('workshops.field.facilitator')}</legend>
        <label class="radio">
          <input
            type="radio"
            name="ws-facilitator"
            value="me"
            checked={values.facilitator !== 'partner'}
            onChange={() => edit('facilitator', 'me')}
          />
          {me ? t('workshops.facilitator.me', { name: me }) : t('workshops.facilitator.meAnonymous')}
        </label>
        <label class="radio">
          <input
            type="radio"
            name="ws-facilitator"
            value="partner"
            checked={values.facilitator === 'partner'}
            onChange={() => edit('facilitator', 'partner')}
          />
          {t('workshops.facilitator.partner')}
        </label>
        {values.facilitator === 'partner' && (
          <TextField
            id="ws-facilitator-name"
            label={t('workshops.field.facilitatorName')}
            value={values.facilitatorName}
            onInput={(v) => edit('facilitatorName', v)}
            error={err('facilitatorName')}
          />
        )}
      </fieldset>
      <TextField
        id="ws-topic"
        label={t('workshops.field.topic')}
        hint={t('workshops.field.topicHint')}
        value={values.topic}
        onInput={(v) => edit('topic', v)}
        error={err('topic')}
      />
      <fieldset class="duration">
        <legend>{t('workshops.field.duration')}</legend>
        <p class="hint">
          {t('workshops.field.durationHint', {
            min: durationText(DURATION_MIN),
            max: durationText(DURATION_MAX),
          })}
        </p>
        <div class="duration-row">
          <TextField
            id="ws-duration-hours"
            label={t('workshops.field.durationHours')}
            inputMode="numeric"
            value={values.durationHours}
            onInput={(v) => edit('durationHours', v)}
            error={err('durationHours')}
          />
          <TextField
            id="ws-duration-minutes"
            label={t('workshops.field.durationMinutes')}
            inputMode="numeric"
            value={values.durationMinutes}
            onInput={(v) => edit('durationMinutes', v)}
            error={err('durationMinutes')}
          />
        </div>
      </fieldset>
      <ParticipantPicker
        model={model}
        chosen={chosen}
        onAdd={(id) => edit('participants', withParticipant(values, id))}
        onRemove={(id) => edit('participants', withoutParticipant(form.values.peek(), id))}
        error={err('participants')}
      />
      <TextField
        id="ws-anonymous"
        label={t('workshops.field.anonymous')}
        hint={t('workshops.field.anonymousHint')}
        inputMode="numeric"
        value={values.anonymousParticipants}
        onInput={(v) => edit('anonymousParticipants', v)}
        error={err('anonymousParticipants')}
      />
      <TextAreaField
        id="ws-details"
        label={t('workshops.field.details')}
        rows={3}
        value={values.details}
        onInput={(v) => edit('details', v)}
        error={err('details')}
      />
      {preview && (
        <p class="workshop-preview" data-testid="workshop-preview">
          {t('workshops.form.hours', {
            hours: hoursNumber(preview.hours),
            count: preview.participants,
            duration: durationText(preview.duration),
          })}
        </p>
      )}
      <div class="actions">
        <button type="submit" class="primary" disabled={status.kind === 'saving'}>
          {t('workshops.save')}
        </button>
        <button type="button" onClick={() => void onCancel()}>
          {t('workshops.cancel')}
        </button>
      </div>
      <div role="status" class="save-status">
        {status.kind === 'saving' && t('workshops.saving')}
        {status.kind === 'failed' && (
          <span class="error">
            {t('workshops.saveFailed', { reason: t(status.reason as 'storage.unknown') })}
          </span>
        )}
      </div>
      {Object.keys(errors).length > 0 && (
        <p class="error" role="alert">
          {t('workshops.formHasErrors')}
        </p>
      )}
    </form>
  );
}

function welcomePointOptions(model: WorkshopsModel, allowed: readonly string[], value: string) {
  const known = model.welcomePoints.value;
  const nameOf = (id: string) => known.find((wp) => wp.id === id)?.name ?? id;
  const ids = value !== '' && !allowed.includes(value) ? [...allowed, value] : allowed;
  return ids.map((id) => ({ value: id, label: nameOf(id) }));
}

/** The hours this session would count (WS3) while the form is being filled, when it reads. */
function previewOf(values: Record<WorkshopField, string>, chosen: string[]) {
  const hours = Number(values.durationHours || '0');
  const minutes = Number(values.durationMinutes || '0');
  const anonymous = Number(values.anonymousParticipants || '0');
  if (![hours, minutes, anonymous].every((n) => Number.isInteger(n) && n >= 0)) return undefined;
  const session = {
    durationMinutes: hours * 60 + minutes,
    participantHouseholdIds: chosen,
    anonymousParticipants: anonymous,
  };
  if (session.durationMinutes === 0 || chosen.length + anonymous === 0) return undefined;
  return {
    duration: session.durationMinutes,
    participants: workshopParticipants(session),
    hours: trainingHours([session]),
  };
}
