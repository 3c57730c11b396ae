/** The appointments of the Suivi tab: the next one, the list, and the form to add or edit one. */
import { useState } from 'preact/hooks';
import { AppointmentStatusSchema, OrientationSchema } from '../../../domain/dossier/appointment';
import type { Dossier } from '../../../domain/dossier/dossier';
import type { AppointmentRow, FieldsOf } from '../../../domain/dossier/rows';
import { formatDate, t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import type { DraftReceipt } from '../../../state/drafts';
import {
  type AppointmentField,
  appointmentInitial,
  localDateTime,
  nextAppointment,
  orientationError,
  sortedAppointments,
  validateAppointment,
  walkInInitial,
} from '../../../state/followup/appointments';
import type { DossierModel } from '../../../state/workspace/dossier-model';
import { describeWriteError } from '../../../state/workspace/workspace-model';
import { choices } from '../../components/fields/choices';
import { SelectField } from '../../components/fields/select-field';
import { TextField } from '../../components/fields/text-field';
import { useOpenWhenDrafted } from '../../components/open-when-drafted';
import { fieldBindings, fieldError, useForm } from './form-bits';
import { RowEditor } from './row-editor';

function when(row: AppointmentRow): string {
  return t('followup.appointments.when', {
    date: formatDate(row.startsAt.slice(0, 10)),
    time: row.startsAt.slice(11, 16),
  });
}

const ORIENTATIONS = OrientationSchema.options;

function AppointmentForm({
  formId,
  row,
  initial,
  hint,
  title,
  save,
  onDone,
}: {
  formId: string;
  row?: AppointmentRow;
  /** The form's values when there is no row (a walk-in starts done, today, now). */
  initial?: Record<AppointmentField, string>;
  hint?: string;
  title: string;
  save: (fields: FieldsOf<'appointment'>, receipt: DraftReceipt | undefined) => Promise<unknown>;
  onDone: () => void;
}) {
  const form = useForm<AppointmentField, FieldsOf<'appointment'>>({
    formId,
    initial: initial ?? appointmentInitial(row),
    validate: validateAppointment,
    save: async (fields, receipt) => {
      await save(fields, receipt);
    },
  });
  const { typed, chosen } = fieldBindings(
    form.values.value,
    form.errors.value,
    (field, value) => void form.edit(field, value),
    formId.replace(/[^a-z0-9-]/gi, '-'),
    'followup.field',
  );
  return (
    <RowEditor
      form={form}
      title={title}
      submitText={t('common.save')}
      savedText={t('followup.appointments.saved')}
      onClose={onDone}
    >
      {hint && <p class="hint">{hint}</p>}
      <div class="followup-grid">
        <TextField {...typed('date')} type="date" />
        <TextField {...typed('time')} inputMode="numeric" />
        <TextField {...typed('duration')} inputMode="numeric" unit={t('followup.unit.minutes')} />
        <TextField {...typed('place')} />
        <TextField {...typed('purpose')} />
        {row && (
          <SelectField
            {...chosen('status')}
            options={choices(AppointmentStatusSchema.options, 'followup.appointment.status')}
          />
        )}
        {form.values.value.status === 'done' && (
          <SelectField
            {...chosen('orientation')}
            placeholder={t('followup.orientation.choose')}
            options={choices(ORIENTATIONS, 'followup.orientation')}
          />
        )}
      </div>
    </RowEditor>
  );
}

/** A planned appointment that took place: it becomes a consultation, with its orientation (RPT1). */
function ConsultationForm({
  model,
  row,
  onDone,
}: {
  model: DossierModel;
  row: AppointmentRow;
  onDone: () => void;
}) {
  const formId = `appointment:done:${row.id}`;
  const form = useForm<'orientation', FieldsOf<'appointment'>['orientation']>({
    formId,
    initial: { orientation: row.orientation ?? '' },
    validate: (values) => {
      const error = orientationError(values.orientation);
      if (error) return { ok: false, errors: { orientation: error } };
      return { ok: true, value: OrientationSchema.parse(values.orientation) };
    },
    save: async (orientation, receipt) => {
      await model.updateRow('appointment', row.id, { status: 'done', orientation }, receipt);
    },
  });
  return (
    <RowEditor
      form={form}
      title={t('followup.appointments.doneTitle', { date: formatDate(row.startsAt.slice(0, 10)) })}
      submitText={t('followup.appointments.doneSave')}
      savedText={t('followup.appointments.saved')}
      onClose={onDone}
    >
      <SelectField
        id={`appointment-${row.id}-orientation`}
        label={t('followup.field.orientation')}
        value={form.values.value.orientation}
        onChange={(v) => void form.edit('orientation', v)}
        error={fieldError(form.errors.value.orientation)}
        placeholder={t('followup.orientation.choose')}
        options={choices(ORIENTATIONS, 'followup.orientation')}
      />
    </RowEditor>
  );
}

/** Appointments: the next one first and big, the others listed; add, edit, cancel. */
export function Appointments({
  model,
  dossier,
  now,
}: {
  model: DossierModel;
  dossier: Dossier;
  now: string;
}) {
  // A row id (edit), `done:<id>` (consultation held), 'new' or 'walk-in'.
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  useOpenWhenDrafted(`appointment:new:${model.householdId}`, () => setEditing((current) => current ?? 'new'));
  useOpenWhenDrafted(`appointment:walk-in:${model.householdId}`, () =>
    setEditing((current) => current ?? 'walk-in'),
  );
  // Closes that form only: a save that ends late must not close a form opened since.
  const closeForm = (key: string) => setEditing((current) => (current === key ? null : current));
  const next = nextAppointment(dossier.appointments, now);
  const all = sortedAppointments(dossier.appointments);

  return (
    <section class="card" aria-labelledby="followup-appointments-title">
      <h2 id="followup-appointments-title">{t('followup.appointments.title')}</h2>
      <div class="next-appointment" data-testid="next-appointment">
        <h3>{t('followup.appointments.next')}</h3>
        {next ? (
          <>
            <p class="big">{when(next)}</p>
            {next.place && <p>{t('followup.appointments.at', { place: next.place })}</p>}
            {next.purpose && <p>{t('followup.appointments.for', { purpose: next.purpose })}</p>}
          </>
        ) : (
          <p>{t('followup.appointments.none')}</p>
        )}
      </div>
      {error && (
        <p role="alert" class="error">
          {t('followup.failed', { reason: t(error as MessageKey) })}
        </p>
      )}
      {saved && editing === null && (
        <p role="status" class="save-status">
          {t('followup.appointments.saved')}
        </p>
      )}
      {all.length > 0 && (
        <>
          <h3>{t('followup.appointments.all')}</h3>
          <ul class="followup-list">
            {all.map((row) => {
              const date = formatDate(row.startsAt.slice(0, 10));
              return (
                <li key={row.id} data-testid="appointment">
                  <p>
                    <strong>{when(row)}</strong> ·{' '}
                    {t(`followup.appointment.status.${row.status}` as MessageKey)}
                    {row.durationMinutes
                      ? ` · ${t('followup.appointments.duration', { count: row.durationMinutes })}`
                      : ''}
                  </p>
                  {row.place && <p>{t('followup.appointments.at', { place: row.place })}</p>}
                  {row.purpose && <p>{t('followup.appointments.for', { purpose: row.purpose })}</p>}
                  {row.status === 'done' && row.orientation && (
                    <p>
                      {t('followup.appointments.orientation', {
                        orientation: t(`followup.orientation.${row.orientation}` as MessageKey),
                      })}
                    </p>
                  )}
                  {editing === `done:${row.id}` ? (
                    <ConsultationForm model={model} row={row} onDone={() => closeForm(`done:${row.id}`)} />
                  ) : editing === row.id ? (
                    <AppointmentForm
                      formId={`appointment:${row.id}`}
                      row={row}
                      title={t('followup.appointments.editTitle', { date })}
                      save={(fields, receipt) =>
                        model.updateRow(
                          'appointment',
                          row.id,
                          {
                            durationMinutes: undefined,
                            place: undefined,
                            purpose: undefined,
                            orientation: undefined,
                            ...fields,
                          },
                          receipt,
                        )
                      }
                      onDone={() => closeForm(row.id)}
                    />
                  ) : (
                    <div class="row-actions">
                      <button type="button" onClick={() => setEditing(row.id)}>
                        {t('followup.appointments.edit', { date })}
                      </button>
                      {row.status === 'planned' && (
                        <button type="button" onClick={() => setEditing(`done:${row.id}`)}>
                          {t('followup.appointments.markDone', { date })}
                        </button>
                      )}
                      {row.status === 'planned' && (
                        <button
                          type="button"
                          onClick={async () => {
                            setError(null);
                            try {
                              await model.updateRow('appointment', row.id, { status: 'cancelled' });
                            } catch (cause) {
                              setError(describeWriteError(cause));
                            }
                          }}
                        >
                          {t('followup.appointments.cancel', { date })}
                        </button>
                      )}
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
      {editing === 'new' ? (
        <AppointmentForm
          formId={`appointment:new:${model.householdId}`}
          title={t('followup.appointments.new')}
          save={async (fields, receipt) => {
            await model.addRow('appointment', fields, receipt);
            setSaved(true);
          }}
          onDone={() => closeForm('new')}
        />
      ) : editing === 'walk-in' ? (
        <AppointmentForm
          formId={`appointment:walk-in:${model.householdId}`}
          initial={walkInInitial(`${now.slice(0, 10)}T${localDateTime(new Date()).slice(11)}`)}
          hint={t('followup.appointments.walkInHint')}
          title={t('followup.appointments.walkInTitle')}
          save={async (fields, receipt) => {
            await model.addRow('appointment', fields, receipt);
            setSaved(true);
          }}
          onDone={() => closeForm('walk-in')}
        />
      ) : (
        <div class="row-actions">
          <button type="button" onClick={() => setEditing('new')}>
            {t('followup.appointments.add')}
          </button>
          <button type="button" onClick={() => setEditing('walk-in')}>
            {t('followup.appointments.walkIn')}
          </button>
        </div>
      )}
    </section>
  );
}
