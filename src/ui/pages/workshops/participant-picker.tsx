import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../../i18n/i18n';
import type { ParticipantChoice, WorkshopsModel } from '../../../state/workshops/workshops-model';

export interface ParticipantPickerProps {
  model: WorkshopsModel;
  chosen: readonly string[];
  onAdd: (householdId: string) => void;
  onRemove: (householdId: string) => void;
  error?: string | undefined;
}

/**
 * The households who came: a search among the dossiers held on this device (name, phone or
 * reference), each result an "Add" button, and the chosen ones as chips with a "Remove" button.
 * Keyboard: type, Tab to a result, Enter; the focus comes back to the search box, and a status
 * line says what happened (screen readers hear it).
 */
export function ParticipantPicker({ model, chosen, onAdd, onRemove, error }: ParticipantPickerProps) {
  const [text, setText] = useState('');
  const [results, setResults] = useState<ParticipantChoice[] | null>(null);
  const [announce, setAnnounce] = useState('');
  // The households added here, so their chip has its name before the device's list is read.
  const [picked, setPicked] = useState<ReadonlyMap<string, ParticipantChoice>>(new Map());
  const search = useRef<HTMLInputElement>(null);
  const chosenKey = chosen.join(' ');

  useEffect(() => {
    let current = true;
    if (text.trim() === '') {
      setResults(null);
      return;
    }
    void model.searchParticipants(text, chosenKey.split(' ')).then((found) => {
      if (current) setResults(found);
    });
    return () => {
      current = false;
    };
  }, [model, text, chosenKey]);

  const names = model.names.value;
  const nameOf = (id: string) => {
    const known = picked.get(id) ?? names.get(id);
    if (known === undefined) return t('workshops.participant.unknown');
    return known.name === '' ? t('workshops.participant.unnamed') : known.name;
  };

  function add(choice: ParticipantChoice) {
    onAdd(choice.householdId);
    setPicked(new Map(picked).set(choice.householdId, choice));
    setAnnounce(
      t('workshops.participant.added', { name: choice.name || t('workshops.participant.unnamed') }),
    );
    search.current?.focus();
  }

  function remove(id: string) {
    const name = nameOf(id);
    onRemove(id);
    setAnnounce(t('workshops.participant.removed', { name }));
    search.current?.focus();
  }

  const describedBy = ['ws-search-hint', error ? 'ws-participants-error' : ''].filter(Boolean).join(' ');
  return (
    <fieldset class="participant-picker">
      <legend>{t('workshops.field.participants')}</legend>
      {chosen.length === 0 ? (
        <p class="hint">{t('workshops.participants.none')}</p>
      ) : (
        <ul class="chips" aria-label={t('workshops.field.participants')}>
          {chosen.map((id) => (
            <li key={id} class="chip">
              <span>{nameOf(id)}</span>
              <button
                type="button"
                class="chip-remove"
                aria-label={t('workshops.participant.remove', { name: nameOf(id) })}
                onClick={() => remove(id)}
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div class="field">
        <label for="ws-search">{t('workshops.field.search')}</label>
        <p id="ws-search-hint" class="hint">
          {t('workshops.field.searchHint')}
        </p>
        <input
          id="ws-search"
          ref={search}
          type="search"
          autoComplete="off"
          value={text}
          onInput={(event) => setText(event.currentTarget.value)}
          // Enter in the search box adds the only result, and never submits the form.
          onKeyDown={(event) => {
            if (event.key !== 'Enter') return;
            event.preventDefault();
            if (results?.length === 1 && results[0]) add(results[0]);
          }}
          aria-describedby={describedBy}
          {...(error ? { 'aria-invalid': 'true' as const } : {})}
        />
        {error && (
          <p id="ws-participants-error" class="field-error">
            {error}
          </p>
        )}
      </div>
      {results !== null && results.length > 0 && (
        <ul class="participant-results">
          {results.map((choice) => (
            <li key={choice.householdId}>
              <button type="button" onClick={() => add(choice)}>
                {t('workshops.participant.add', { name: choice.name || t('workshops.participant.unnamed') })}
                {choice.reference && <span class="reference"> · {choice.reference}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
      <p role="status" class="hint">
        {results === null
          ? announce
          : results.length === 0
            ? t('workshops.search.none')
            : `${announce} ${t('workshops.search.results', { count: results.length })}`.trim()}
      </p>
    </fieldset>
  );
}
