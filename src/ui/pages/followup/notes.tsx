/** The notes of the Suivi tab: append-only, each edit a revision, the history on demand. */
import { useState } from 'preact/hooks';
import type { Dossier } from '../../../domain/dossier/dossier';
import type { NoteRow } from '../../../domain/dossier/rows';
import { formatDate, t } from '../../../i18n/i18n';
import { type NoteThread, noteError, noteThreads } from '../../../state/followup/notes';
import type { FormModel } from '../../../state/form-model';
import type { DossierModel } from '../../../state/workspace/dossier-model';
import { TextAreaField } from '../../components/fields/text-area-field';
import { fieldError, useForm } from './form-bits';
import { RowEditor } from './row-editor';

function day(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return formatDate(`${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`);
}

function validateNote(values: { text: string }) {
  const error = noteError(values.text);
  return error
    ? { ok: false as const, errors: { text: error } }
    : { ok: true as const, value: values.text.trim() };
}

type NoteForm = FormModel<'text', string>;

/** The one field of a note form: its text. */
function NoteText({ form, id, label }: { form: NoteForm; id: string; label: string }) {
  return (
    <TextAreaField
      id={id}
      label={label}
      value={form.values.value.text}
      onInput={(v) => void form.edit('text', v)}
      error={fieldError(form.errors.value.text)}
    />
  );
}

function NewNoteForm({ model }: { model: DossierModel }) {
  const form = useForm<'text', string>({
    formId: `note:new:${model.householdId}`,
    initial: { text: '' },
    validate: validateNote,
    save: async (text, receipt) => {
      await model.appendNote(text, receipt);
    },
  });
  return (
    <RowEditor
      form={form}
      submitText={t('followup.notes.add')}
      savedText={t('followup.notes.added')}
      afterSave={() => form.discard()}
    >
      <NoteText form={form} id="note-new" label={t('followup.notes.new')} />
    </RowEditor>
  );
}

function ReviseForm({ model, note, onDone }: { model: DossierModel; note: NoteRow; onDone: () => void }) {
  const form = useForm<'text', string>({
    formId: `note:${note.id}`,
    initial: { text: note.text },
    validate: validateNote,
    save: async (text, receipt) => {
      await model.reviseNote(note.id, text, receipt);
    },
  });
  return (
    <RowEditor
      form={form}
      submitText={t('followup.notes.saveRevision')}
      savedText={t('common.saved')}
      onClose={onDone}
    >
      <NoteText form={form} id={`note-edit-${note.id}`} label={t('followup.notes.editLabel')} />
    </RowEditor>
  );
}

function NoteItem({ model, thread }: { model: DossierModel; thread: NoteThread }) {
  const [editing, setEditing] = useState(false);
  const { current, history } = thread;
  return (
    <li data-testid="note">
      <p class="hint">
        {current.supersedes
          ? t('followup.notes.revised', { date: day(current.writtenAt) })
          : t('followup.notes.written', { date: day(current.writtenAt) })}
      </p>
      <p class="pre">{current.text}</p>
      {editing ? (
        <ReviseForm model={model} note={current} onDone={() => setEditing(false)} />
      ) : (
        <button type="button" onClick={() => setEditing(true)}>
          {t('followup.notes.edit', { date: day(current.writtenAt) })}
        </button>
      )}
      {history.length > 0 && (
        <details class="note-history">
          <summary>{t('followup.notes.history', { n: history.length })}</summary>
          <ol>
            {history.map((old) => (
              <li key={old.id}>
                <p class="hint">{t('followup.notes.written', { date: day(old.writtenAt) })}</p>
                <p class="pre">{old.text}</p>
              </li>
            ))}
          </ol>
        </details>
      )}
    </li>
  );
}

/** Notes: append-only; an edit adds a revision, the history stays visible on demand. */
export function Notes({ model, dossier }: { model: DossierModel; dossier: Dossier }) {
  const threads = noteThreads(dossier.notes);
  return (
    <section class="card" aria-labelledby="followup-notes-title">
      <h2 id="followup-notes-title">{t('followup.notes.title')}</h2>
      <NewNoteForm model={model} />
      {threads.length === 0 ? (
        <p>{t('followup.notes.empty')}</p>
      ) : (
        <ul class="followup-list">
          {threads.map((thread) => (
            <NoteItem key={thread.current.id} model={model} thread={thread} />
          ))}
        </ul>
      )}
    </section>
  );
}
