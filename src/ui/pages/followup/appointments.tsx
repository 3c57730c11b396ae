import { useState } from 'preact/hooks';
import type { Dossier } from '../../../domain/dossier/dossier';
import type { AppointmentRow, FieldsOf } from '../../../domain/dossier/rows';
import { formatDate, t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import type { DraftReceipt } from '../../../state/drafts';
import {
  type AppointmentField,
  appointmentInitial,
  nextAppointment,
  sortedAppointments,
  validateAppointment,
} from '../../../state/followup/appointments';
import type { DossierModel } from '../../../state/workspace/dossier-model';
import { describeWriteError } from '../../../state/workspace/workspace-model';
import { SelectField } from '../../components/fields/select-field';
import { TextField } from '../../components/fields/text-field';
import { DraftNotice, FormStatusLine, fieldError, useForm, useOpenWhenDrafted } from './form-bits';

const STATUSES = ['planned', 'done', 'missed', 'cancelled'] as const;

function when(row: AppointmentRow): string {
  return t('followup.appointments.when', {
    date: formatDate(row.startsAt.slice(0, 10)),
    time: row.startsAt.slice(11, 16),
  });
}

function AppointmentForm({
  formId,
  row,
  title,
  save,
  onDone,
}: {
  formId: string;
  row?: AppointmentRow;
  title: string;
  save: (fields: FieldsOf<'appointment'>, receipt: DraftReceipt | undefined) => Promise<unknown>;
  onDone: () => void;
}) {
  const form = useForm<AppointmentField, FieldsOf<'appointment'>>({
    formId,
    initial: appointmentInitial(row),
    validate: validateAppointment,
    save: async (fields, receipt) => {
      await save(fields, receipt);
    },
  });
  const values = form.values.value;
  const errors = form.errors.value;
  const id = (name: string) => `${formId.replace(/[^a-z0-9-]/gi, '-')}-${name}`;
  const edit = (field: AppointmentField) => (v: string) => void form.edit(field, v);
  return (
    <form
      noValidate
      class="subform"
      aria-label={title}
      onSubmit={async (event) => {
        event.preventDefault();
        if (await form.submit()) onDone();
      }}
    >
      <h3>{title}</h3>
      <DraftNotice form={form} />
      <div class="followup-grid">
        <TextField
          id={id('date')}
          type="date"
          label={t('followup.field.date')}
          value={values.date}
          onInput={edit('date')}
          error={fieldError(errors.date)}
        />
        <TextField
          id={id('time')}
          label={t('followup.field.time')}
          value={values.time}
          onInput={edit('time')}
          inputMode="numeric"
          error={fieldError(errors.time)}
        />
        <TextField
          id={id('duration')}
          label={t('followup.field.duration')}
          value={values.duration}
          onInput={edit('duration')}
          inputMode="numeric"
          unit={t('followup.unit.minutes')}
          error={fieldError(errors.duration)}
        />
        <TextField
          id={id('place')}
          label={t('followup.field.place')}
          value={values.place}
          onInput={edit('place')}
          error={fieldError(errors.place)}
        />
        <TextField
          id={id('purpose')}
          label={t('followup.field.purpose')}
          value={values.purpose}
          onInput={edit('purpose')}
          error={fieldError(errors.purpose)}
        />
        {row && (
          <SelectField
            id={id('status')}
            label={t('followup.field.status')}
            value={values.status}
            options={STATUSES.map((s) => ({
              value: s,
              label: t(`followup.appointment.status.${s}` as MessageKey),
            }))}
            onChange={edit('status')}
            error={fieldError(errors.status)}
          />
        )}
      </div>
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
      <FormStatusLine form={form} savedText={t('followup.appointments.saved')} />
    </form>
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
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  useOpenWhenDrafted(`appointment:new:${model.householdId}`, () => setEditing((current) => current ?? 'new'));
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
                      ? ` · ${t('followup.appointments.duration', { n: row.durationMinutes })}`
                      : ''}
                  </p>
                  {row.place && <p>{t('followup.appointments.at', { place: row.place })}</p>}
                  {row.purpose && <p>{t('followup.appointments.for', { purpose: row.purpose })}</p>}
                  {editing === row.id ? (
                    <AppointmentForm
                      formId={`appointment:${row.id}`}
                      row={row}
                      title={t('followup.appointments.editTitle', { date })}
                      save={(fields, receipt) =>
                        model.updateRow(
                          'appointment',
                          row.id,
                          { durationMinutes: undefined, place: undefined, purpose: undefined, ...fields },
                          receipt,
                        )
                      }
                      onDone={() => setEditing(null)}
                    />
                  ) : (
                    <div class="row-actions">
                      <button type="button" onClick={() => setEditing(row.id)}>
                        {t('followup.appointments.edit', { date })}
                      </button>
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
          onDone={() => setEditing(null)}
        />
      ) : (
        <button type="button" onClick={() => setEditing('new')}>
          {t('followup.appointments.add')}
        </button>
      )}
    </section>
  );
}
