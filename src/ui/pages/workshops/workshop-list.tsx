import { useEffect, useRef, useState } from 'preact/hooks';
import type { WorkshopRow } from '../../../domain/dossier/rows';
import { formatDate, t } from '../../../i18n/i18n';
import type { WorkshopsModel } from '../../../state/workshops/workshops-model';
import { describeWriteError } from '../../../state/workspace/workspace-model';
import { durationText, hoursNumber } from './workshop-text';

export interface WorkshopListProps {
  model: WorkshopsModel;
  onEdit: (row: WorkshopRow) => void;
}

/** The sessions shown (filters applied), most recent first, with their total (WS3). */
export function WorkshopList({ model, onEdit }: WorkshopListProps) {
  const [confirming, setConfirming] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const sessions = model.sessions.value;
  const lines = model.lines.value;
  // The focus goes to the safe choice when a confirmation opens.
  useEffect(() => {
    if (confirming !== null) document.getElementById(`ws-${confirming}-keep`)?.focus();
  }, [confirming]);
  const nameOf = (id: string) => model.welcomePoints.value.find((wp) => wp.id === id)?.name ?? id;

  async function remove(row: WorkshopRow) {
    try {
      await model.remove(row.id);
      setMessage(t('workshops.deleted'));
    } catch (cause) {
      setMessage(t('workshops.deleteFailed', { reason: t(describeWriteError(cause) as 'storage.unknown') }));
    }
    setConfirming(null);
    heading.current?.focus();
  }

  return (
    <section class="workshop-list" aria-labelledby="workshop-list-title">
      <h2 id="workshop-list-title" ref={heading} tabIndex={-1}>
        {t('workshops.list.title')}
      </h2>
      <p role="status">{message}</p>
      {model.error.value !== null && <p class="error">{t('workshops.list.failed')}</p>}
      {sessions === null && model.error.value === null && <p>{t('workshops.list.loading')}</p>}
      {sessions !== null && lines.length === 0 && <p>{t('workshops.list.empty')}</p>}
      {lines.length > 0 && (
        <p class="workshop-total" data-testid="workshop-total">
          {t('workshops.list.total', {
            count: lines.length,
            hours: hoursNumber(model.totalHours.value),
          })}
        </p>
      )}
      <ul class="workshop-sessions">
        {lines.map(({ row, participants, hours }) => {
          const date = formatDate(row.date);
          return (
            <li key={row.id}>
              <article aria-labelledby={`ws-${row.id}-title`}>
                <h3 id={`ws-${row.id}-title`}>{row.topic}</h3>
                <p>
                  {date} · {nameOf(row.welcomePointId)}
                  {row.facilitatorName &&
                    ` · ${t('workshops.line.facilitatorPartner', { name: row.facilitatorName })}`}
                </p>
                <dl class="workshop-figures">
                  <div>
                    <dt>{t('workshops.line.duration')}</dt>
                    <dd>{durationText(row.durationMinutes)}</dd>
                  </div>
                  <div>
                    <dt>{t('workshops.line.participants')}</dt>
                    <dd>{participants}</dd>
                  </div>
                  <div>
                    <dt>{t('workshops.line.hours')}</dt>
                    <dd>{t('workshops.hours', { hours: hoursNumber(hours) })}</dd>
                  </div>
                </dl>
                {confirming === row.id ? (
                  <div class="confirm">
                    <p id={`ws-${row.id}-confirm`}>
                      {t('workshops.delete.confirm', { topic: row.topic, date })}
                    </p>
                    <div class="row-actions">
                      <button type="button" onClick={() => void remove(row)}>
                        {t('workshops.delete.yes')}
                      </button>
                      <button
                        type="button"
                        id={`ws-${row.id}-keep`}
                        // The question is read with the button that takes the focus.
                        aria-describedby={`ws-${row.id}-confirm`}
                        onClick={() => {
                          setConfirming(null);
                          setTimeout(() => document.getElementById(`ws-${row.id}-delete`)?.focus(), 0);
                        }}
                      >
                        {t('workshops.delete.no')}
                      </button>
                    </div>
                  </div>
                ) : (
                  <div class="row-actions">
                    <button
                      type="button"
                      aria-label={t('workshops.line.editLabel', { topic: row.topic, date })}
                      onClick={() => onEdit(row)}
                    >
                      {t('workshops.line.edit')}
                    </button>
                    <button
                      type="button"
                      id={`ws-${row.id}-delete`}
                      aria-label={t('workshops.line.deleteLabel', { topic: row.topic, date })}
                      onClick={() => setConfirming(row.id)}
                    >
                      {t('workshops.line.delete')}
                    </button>
                  </div>
                )}
              </article>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
