/**
 * The review of one pair (MERGE4): the two households side by side, a value to keep for each
 * differing field (the most recent preselected), a choice for each child in both households,
 * which household stays (swap), a required reason, and the two decisions: "Fusionner" or
 * "Pas un doublon". A refusal "already merged" says into which household and offers its review.
 */
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import type {
  ChildDuplicate,
  CoordinationModel,
  FieldPick,
  MergePreview,
  ReviewHousehold,
} from '../../../state/coordination-model';
import { childKey } from '../../../state/coordination-model';
import { formatMoment } from '../../components/sync-format';
import { fieldLabel, personName, valueText } from './coordination-words';
import { HouseholdColumn } from './household-column';

const ADULT_ROLES = new Set(['applicant', 'co_applicant', 'non_filing_spouse']);

/** The adults' names, as the queue writes a household; its reference when nobody is named. */
export function householdLabel(household: ReviewHousehold, known: string | undefined): string {
  if (known !== undefined) return known;
  const adults = household.children
    .filter((c) => c.entity === 'member' && !c.row.deleted && ADULT_ROLES.has(String(c.row.role)))
    .map((c) => personName(c.row as Record<string, unknown>));
  if (adults.length > 0) return adults.join(', ');
  return String(household.household.reference ?? household.household.id);
}

function childName(preview: MergePreview, duplicate: ChildDuplicate, side: 'survivor' | 'merged'): string {
  const id = side === 'survivor' ? duplicate.survivorChildId : duplicate.mergedChildId;
  const row = preview[side].children.find((c) => c.row.id === id)?.row as Record<string, unknown> | undefined;
  if (row === undefined) return id;
  if (duplicate.entity === 'member') return personName(row);
  if (duplicate.entity === 'creditor') return String(row.name ?? id);
  return String(row.reference ?? row.label ?? id);
}

function FieldChoice({
  model,
  preview,
  index,
  welcomePointName,
}: {
  model: CoordinationModel;
  preview: MergePreview;
  index: number;
  welcomePointName: (id: string) => string;
}) {
  const difference = preview.differences[index];
  if (difference === undefined) return null;
  const picked = model.fieldPicks.value[difference.field] ?? difference.defaultPick;
  const name = `pick-${difference.field}`;
  const option = (pick: FieldPick) => {
    const value = pick === 'survivor' ? difference.survivorValue : difference.mergedValue;
    const changedAt = pick === 'survivor' ? difference.survivorChangedAt : difference.mergedChangedAt;
    const id = `${name}-${pick}`;
    const text = valueText(difference.field, value, welcomePointName);
    return (
      <div class="coordination-choice" key={pick}>
        <input
          id={id}
          type="radio"
          name={name}
          value={pick}
          checked={picked === pick}
          onChange={() => model.setPick(difference.field, pick)}
        />
        <label for={id}>
          {t(pick === 'survivor' ? 'coordination.review.fromSurvivor' : 'coordination.review.fromMerged', {
            value: text,
          })}
          {changedAt !== null && (
            <span class="hint">
              {' '}
              · {t('coordination.review.changedAt', { when: formatMoment(changedAt) })}
            </span>
          )}
          {difference.defaultPick === pick && (
            <span class="coordination-mark"> {t('coordination.review.mostRecent')}</span>
          )}
        </label>
      </div>
    );
  };
  return (
    <fieldset class="coordination-fieldset" data-testid={`difference-${difference.field}`}>
      <legend>{t('coordination.review.keep', { field: fieldLabel(difference.field) })}</legend>
      {option('survivor')}
      {option('merged')}
    </fieldset>
  );
}

function ChildChoiceGroup({
  model,
  preview,
  duplicate,
}: {
  model: CoordinationModel;
  preview: MergePreview;
  duplicate: ChildDuplicate;
}) {
  const key = childKey(duplicate);
  const keep = model.childChoices.value[key] ?? 'both';
  const what = `${t(`coordination.review.why.${duplicate.why}` as MessageKey)} : « ${childName(preview, duplicate, 'survivor')} » / « ${childName(preview, duplicate, 'merged')} »`;
  const safe = key.replace(/[^A-Za-z0-9_-]/g, '_');
  return (
    <fieldset class="coordination-fieldset" data-testid="child-duplicate">
      <legend>{t('coordination.review.childKeep', { what })}</legend>
      {(['both', 'survivor'] as const).map((choice) => (
        <div class="coordination-choice" key={choice}>
          <input
            id={`child-${safe}-${choice}`}
            type="radio"
            name={`child-${safe}`}
            value={choice}
            checked={keep === choice}
            onChange={() => model.setChildChoice(duplicate, choice)}
          />
          <label for={`child-${safe}-${choice}`}>
            {t(choice === 'both' ? 'coordination.review.keepBoth' : 'coordination.review.keepSurvivor')}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

function Refusal({ model, label }: { model: CoordinationModel; label: (id: string) => string }) {
  const refusal = model.mergeRefusal.value ?? model.previewRefusal.value;
  const pair = model.pair.value;
  if (refusal === null || pair === null) return null;
  if (refusal.reason === 'already-merged' && refusal.survivorId !== undefined) {
    const here = refusal.survivorId === pair.survivorId || refusal.survivorId === pair.mergedId;
    return (
      <div class="notice" role="alert" data-testid="merge-refusal">
        <p>
          {here
            ? t('coordination.refusal.already-merged-here')
            : t('coordination.refusal.already-merged', { target: label(refusal.survivorId) })}
        </p>
        {!here && (
          <button type="button" onClick={() => void model.reviewCurrentSurvivor()}>
            {t('coordination.refusal.reviewTarget')}
          </button>
        )}
      </div>
    );
  }
  return (
    <p class="notice" role="alert" data-testid="merge-refusal">
      {t(`coordination.refusal.${refusal.reason}` as MessageKey)}
    </p>
  );
}

export function PairReview({
  model,
  online,
  welcomePointName,
  onClose,
}: {
  model: CoordinationModel;
  online: boolean;
  welcomePointName: (id: string) => string;
  onClose: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  const pair = model.pair.value;
  const preview = model.preview.value;
  const key = pair === null ? '' : `${pair.survivorId}|${pair.mergedId}`;
  // A new pair (or the other direction) takes the focus to the review's heading.
  useEffect(() => {
    if (key !== '') heading.current?.focus();
  }, [key]);
  if (pair === null) return null;

  const labels = model.labels.value;
  const label = (id: string): string => {
    if (preview?.survivor.household.id === id) return householdLabel(preview.survivor, labels.get(id));
    if (preview?.merged.household.id === id) return householdLabel(preview.merged, labels.get(id));
    return labels.get(id) ?? id;
  };
  const duplicated = new Set<string>();
  for (const d of preview?.childDuplicates ?? []) {
    duplicated.add(d.survivorChildId);
    duplicated.add(d.mergedChildId);
  }
  const busy = model.merging.value || model.deciding.value;
  const failure = model.mergeError.value ?? model.decideError.value ?? model.previewError.value;
  const unknownOutcome = model.mergeError.value === 'offline' || model.mergeError.value === 'server';
  const reasonMissing = model.reasonMissing.value;

  return (
    <section class="coordination-section coordination-review" aria-labelledby="coordination-review">
      <h2 id="coordination-review" tabIndex={-1} ref={heading}>
        {t('coordination.review.title')}
      </h2>
      <p class="hint">{t('coordination.review.help')}</p>
      <div class="coordination-toolbar">
        <button type="button" onClick={() => void model.swap()} disabled={busy || !online}>
          {t('coordination.review.swap')}
        </button>
        <button type="button" onClick={onClose} disabled={busy}>
          {t('coordination.review.close')}
        </button>
      </div>
      <p role="status" class="coordination-live">
        {model.previewLoading.value ? t('coordination.review.loading') : ''}
      </p>
      <Refusal model={model} label={label} />
      {failure !== null && (
        <p class="error" role="alert" data-testid="review-error">
          {unknownOutcome
            ? t('coordination.error.mergeUnknown')
            : t(`coordination.error.${failure}` as MessageKey)}
        </p>
      )}
      {preview !== null && (
        <>
          <div class="coordination-sides">
            <HouseholdColumn
              household={preview.survivor}
              side="survivor"
              headingId="review-survivor"
              label={label(preview.survivor.household.id)}
              duplicated={duplicated}
            />
            <HouseholdColumn
              household={preview.merged}
              side="merged"
              headingId="review-merged"
              label={label(preview.merged.household.id)}
              duplicated={duplicated}
            />
          </div>
          <section aria-labelledby="review-differences" class="coordination-subsection">
            <h3 id="review-differences">
              {t('coordination.review.differences', { count: preview.differences.length })}
            </h3>
            {preview.differences.length === 0 ? (
              <p>{t('coordination.review.noDifferences')}</p>
            ) : (
              preview.differences.map((d, index) => (
                <FieldChoice
                  key={d.field}
                  model={model}
                  preview={preview}
                  index={index}
                  welcomePointName={welcomePointName}
                />
              ))
            )}
          </section>
          {preview.childDuplicates.length > 0 && (
            <section aria-labelledby="review-children" class="coordination-subsection">
              <h3 id="review-children">
                {t('coordination.review.children', { count: preview.childDuplicates.length })}
              </h3>
              <p class="hint">{t('coordination.review.childrenHelp')}</p>
              {preview.childDuplicates.map((d) => (
                <ChildChoiceGroup key={childKey(d)} model={model} preview={preview} duplicate={d} />
              ))}
            </section>
          )}
          <div class="field coordination-reason">
            <label for="merge-reason">{t('coordination.review.reason')}</label>
            <p id="merge-reason-help" class="hint">
              {t('coordination.review.reasonHelp')}
            </p>
            <textarea
              id="merge-reason"
              rows={3}
              maxLength={1000}
              aria-required="true"
              aria-invalid={reasonMissing ? 'true' : undefined}
              aria-describedby={reasonMissing ? 'merge-reason-help merge-reason-error' : 'merge-reason-help'}
              value={model.reason.value}
              onInput={(e) => model.setReason((e.target as HTMLTextAreaElement).value)}
            />
            {reasonMissing && (
              <p id="merge-reason-error" class="error" role="alert">
                {t('coordination.review.reasonMissing')}
              </p>
            )}
          </div>
          <div class="coordination-actions">
            <button
              type="button"
              class="primary"
              disabled={!online || model.deciding.value}
              aria-disabled={model.merging.value ? 'true' : undefined}
              onClick={() => {
                void model.merge().then(() => {
                  if (model.reasonMissing.value) document.getElementById('merge-reason')?.focus();
                });
              }}
            >
              {model.merging.value ? t('coordination.review.merging') : t('coordination.review.merge')}
            </button>
            <button type="button" disabled={!online || busy} onClick={() => void model.notDuplicate()}>
              {model.deciding.value
                ? t('coordination.review.deciding')
                : t('coordination.review.notDuplicate')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
