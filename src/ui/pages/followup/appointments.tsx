/** The appointments of the Suivi tab: the next one, the list, and the form to add or edit one. */
import { useState } from 'preact/hooks';
import { AppointmentStatusSchema } from '../../../domain/dossier/appointment';
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
import { choices } from '../../components/fields/choices';
import { SelectField } from '../../components/fields/select-field';
import { TextField } from '../../components/fields/text-field';
import { useOpenWhenDrafted } from '../../components/open-when-drafted';
import { fieldBindings, useForm } from './form-bits';
import { RowEditor } from './row-editor';

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
      </div>
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
                      ? ` · ${t('followup.appointments.duration', { count: row.durationMinutes })}`
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
