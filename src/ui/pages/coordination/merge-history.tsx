/**
 * The merge history (MERGE7): who merged, when, why, the value kept per field, the children in
 * both households, the changes redirected since (MERGE9), the status; for an active merge,
 * "Annuler la fusion" with a reason (MERGE6), its LIFO refusal in plain words with a way to the
 * later merge; after an undo, what was left to check.
 */
import { t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import type { CoordinationModel, MergeLogEntry } from '../../../state/coordination-model';
import { formatMoment } from '../../components/sync-format';
import { fieldLabel, valueText } from './coordination-words';

const entryHeading = (mergeId: string) => `merge-${mergeId}`;

function UndoForm({
  entry,
  model,
  online,
}: {
  entry: MergeLogEntry;
  model: CoordinationModel;
  online: boolean;
}) {
  const id = entry.mergeId;
  const missing = model.undoReasonMissing.value === id;
  const failure = model.undoFailure.value?.mergeId === id ? model.undoFailure.value : null;
  const later = failure?.refusal?.laterMergeId;
  const busy = model.undoing.value === id;
  return (
    <div class="coordination-undo">
      <div class="field">
        <label for={`undo-reason-${id}`}>{t('coordination.history.undoReasonLabel')}</label>
        <textarea
          id={`undo-reason-${id}`}
          rows={2}
          maxLength={1000}
          aria-required="true"
          aria-invalid={missing ? 'true' : undefined}
          aria-describedby={missing ? `undo-reason-error-${id}` : undefined}
          value={model.undoReasons.value[id] ?? ''}
          onInput={(e) => model.setUndoReason(id, (e.target as HTMLTextAreaElement).value)}
        />
        {missing && (
          <p id={`undo-reason-error-${id}`} class="error" role="alert">
            {t('coordination.history.undoReasonMissing')}
          </p>
        )}
      </div>
      <button
        type="button"
        aria-describedby={entryHeading(id)}
        disabled={!online || model.undoing.value !== null}
        onClick={() =>
          void model.undo(id).then(() => {
            if (model.undoReasonMissing.value === id) document.getElementById(`undo-reason-${id}`)?.focus();
            else if (model.undoFailure.value === null) document.getElementById(entryHeading(id))?.focus();
          })
        }
      >
        {busy ? t('coordination.history.undoing') : t('coordination.history.undo')}
      </button>
      {failure !== null && (
        <div class="notice" role="alert" data-testid="undo-refusal">
          <p>
            {failure.refusal !== null
              ? t(`coordination.refusal.${failure.refusal.reason}` as MessageKey)
              : t(`coordination.error.${failure.kind ?? 'server'}` as MessageKey)}
          </p>
          {later !== undefined && model.log.value.some((e) => e.mergeId === later) && (
            <a
              href={`#${entryHeading(later)}`}
              onClick={(event) => {
                event.preventDefault();
                document.getElementById(entryHeading(later))?.focus();
              }}
            >
              {t('coordination.refusal.showLater')}
            </a>
          )}
        </div>
      )}
    </div>
  );
}

function Entry({
  entry,
  model,
  online,
  label,
  welcomePointName,
}: {
  entry: MergeLogEntry;
  model: CoordinationModel;
  online: boolean;
  label: (id: string) => string;
  welcomePointName: (id: string) => string;
}) {
  const both = entry.childChoices.filter((c) => c.keep === 'both').length;
  const survivorOnly = entry.childChoices.length - both;
  return (
    <li class="card coordination-merge" data-testid="merge-entry" data-status={entry.status}>
      <h3 id={entryHeading(entry.mergeId)} tabIndex={-1}>
        {t('coordination.history.entry', {
          merged: label(entry.mergedId),
          survivor: label(entry.survivorId),
        })}
      </h3>
      <dl class="facts">
        <dt>{t('coordination.history.status')}</dt>
        <dd data-testid="merge-status">
          {t(entry.status === 'active' ? 'coordination.history.active' : 'coordination.history.undone')}
        </dd>
        <dt>{t('coordination.history.by')}</dt>
        <dd>{entry.mergedBy.displayName ?? t('coordination.unknownPerson')}</dd>
        <dt>{t('coordination.history.when')}</dt>
        <dd>{formatMoment(entry.mergedAt)}</dd>
        <dt>{t('coordination.history.why')}</dt>
        <dd>{entry.reason}</dd>
        <dt>{t('coordination.history.kept')}</dt>
        <dd>
          {entry.keptFields.length === 0 ? (
            t('coordination.history.keptNone')
          ) : (
            <ul class="coordination-kept">
              {entry.keptFields.map((kept) => (
                <li key={kept.field}>
                  {t('coordination.history.keptValue', {
                    field: fieldLabel(kept.field),
                    value: valueText(kept.field, kept.value, welcomePointName),
                    side: t(
                      kept.pick === 'survivor'
                        ? 'coordination.history.sideSurvivor'
                        : 'coordination.history.sideMerged',
                    ),
                  })}
                </li>
              ))}
            </ul>
          )}
        </dd>
        {entry.childChoices.length > 0 && (
          <>
            <dt>{t('coordination.history.children')}</dt>
            <dd>
              {[
                both > 0 ? t('coordination.history.childBoth', { count: both }) : '',
                survivorOnly > 0 ? t('coordination.history.childSurvivor', { count: survivorOnly }) : '',
              ]
                .filter((s) => s !== '')
                .join(' ; ')}
            </dd>
          </>
        )}
        <dt>{t('coordination.history.redirects')}</dt>
        <dd data-testid="merge-redirects">
          {t('coordination.history.redirectCount', { count: entry.redirects })}
        </dd>
        {entry.undoneAt !== null && (
          <>
            <dt>{t('coordination.history.undoneBy')}</dt>
            <dd>{entry.undoneBy?.displayName ?? t('coordination.unknownPerson')}</dd>
            <dt>{t('coordination.history.undoneAt')}</dt>
            <dd>{formatMoment(entry.undoneAt)}</dd>
            <dt>{t('coordination.history.undoReason')}</dt>
            <dd>{entry.undoReason ?? ''}</dd>
          </>
        )}
      </dl>
      {entry.flags.length > 0 && (
        <>
          <h4>{t('coordination.history.flags')}</h4>
          <ul class="coordination-flags" data-testid="merge-flags">
            {entry.flags.map((flag) => (
              <li key={`${flag.why}-${flag.entityId}-${flag.field ?? ''}`}>
                {t(`coordination.history.flag.${flag.why}` as MessageKey, {
                  field: fieldLabel(flag.field ?? ''),
                  entity: flag.entity,
                })}{' '}
                <a href={`/dossiers/${flag.householdId}`}>{label(flag.householdId)}</a>
              </li>
            ))}
          </ul>
        </>
      )}
      {entry.status === 'active' && <UndoForm entry={entry} model={model} online={online} />}
    </li>
  );
}

export function MergeHistory({
  model,
  online,
  welcomePointName,
}: {
  model: CoordinationModel;
  online: boolean;
  welcomePointName: (id: string) => string;
}) {
  const labels = model.labels.value;
  const label = (id: string) => labels.get(id) ?? id;
  const entries = model.log.value;
  return (
    <section aria-labelledby="coordination-history" class="coordination-section">
      <h2 id="coordination-history" tabIndex={-1}>
        {t('coordination.history.title', { count: entries.length })}
      </h2>
      <p class="hint">{t('coordination.history.help')}</p>
      {model.lastUndo.value !== null && (
        <p role="status" class="coordination-live">
          {t('coordination.history.undoneDone')}
        </p>
      )}
      {model.logError.value !== null && (
        <p class="notice" role="alert">
          {t(`coordination.error.${model.logError.value}` as MessageKey)}
        </p>
      )}
      {model.logLoaded.value &&
        (entries.length === 0 ? (
          <p class="coordination-empty">{t('coordination.history.empty')}</p>
        ) : (
          <ul class="coordination-list">
            {entries.map((entry) => (
              <Entry
                key={entry.mergeId}
                entry={entry}
                model={model}
                online={online}
                label={label}
                welcomePointName={welcomePointName}
              />
            ))}
          </ul>
        ))}
    </section>
  );
}
