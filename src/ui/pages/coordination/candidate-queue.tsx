/**
 * The queue of candidate pairs (DUP1, DUP2), highest score first: a filter by status (to review,
 * not duplicates) and by welcome point, and for each pair the two households, their welcome
 * points, the score in words and its reasons field by field.
 */
import { t } from '../../../i18n/i18n';
import type {
  CandidateStatus,
  CoordinationModel,
  DuplicateCandidate,
} from '../../../state/coordination-model';
import type { WelcomePoint } from '../../../state/sync-model';
import { formatMoment } from '../../components/sync-format';
import { reasonWords, scoreWords } from './coordination-words';

const STATUSES: readonly CandidateStatus[] = ['open', 'not_duplicate'];

export function pairKey(c: DuplicateCandidate): string {
  return `${c.householdA.id}--${c.householdB.id}`.replace(/[^A-Za-z0-9_-]/g, '_');
}

function Side({ household }: { household: DuplicateCandidate['householdA'] }) {
  return (
    <li>
      <strong>{household.label}</strong>
      <span class="hint">
        {' · '}
        {household.reference ?? t('coordination.pair.noReference')}
        {' · '}
        {household.welcomePointName ?? t('coordination.pair.noWelcomePoint')}
      </span>
    </li>
  );
}

function PairCard({
  candidate,
  model,
  online,
}: {
  candidate: DuplicateCandidate;
  model: CoordinationModel;
  online: boolean;
}) {
  const key = pairKey(candidate);
  const headingId = `pair-${key}`;
  return (
    <li class="card coordination-pair" data-testid="candidate-pair">
      <h3 id={headingId}>
        {t('coordination.pair.heading', { a: candidate.householdA.label, b: candidate.householdB.label })}
      </h3>
      <ul class="coordination-sides-list">
        <Side household={candidate.householdA} />
        <Side household={candidate.householdB} />
      </ul>
      <dl class="facts">
        <dt>{t('coordination.pair.score')}</dt>
        <dd class="coordination-score" data-testid="pair-score">
          {scoreWords(candidate.score)}
        </dd>
        <dt>{t('coordination.pair.reasons')}</dt>
        <dd>
          <ul class="coordination-reasons">
            {candidate.reasons.map((reason, index) => (
              <li key={`${reason.field}-${index}`} data-level={reason.level}>
                {reasonWords(reason)}
              </li>
            ))}
          </ul>
        </dd>
      </dl>
      {candidate.status === 'not_duplicate' && candidate.decidedAt !== null && (
        <p class="hint">
          {/* decidedBy is an account id: the queue does not name it. */}
          {t('coordination.pair.decided', { when: formatMoment(candidate.decidedAt) })}
        </p>
      )}
      <button
        type="button"
        id={`review-${key}`}
        aria-describedby={headingId}
        disabled={!online}
        onClick={() => void model.review(candidate.householdA.id, candidate.householdB.id)}
      >
        {t('coordination.pair.review')}
      </button>
    </li>
  );
}

export function CandidateQueue({
  model,
  online,
  welcomePoints,
  headingRef,
}: {
  model: CoordinationModel;
  online: boolean;
  welcomePoints: readonly WelcomePoint[];
  headingRef: { current: HTMLHeadingElement | null };
}) {
  const status = model.queueStatus.value;
  const candidates = model.candidates.value;
  return (
    <section aria-labelledby="coordination-queue" class="coordination-section">
      <h2 id="coordination-queue" tabIndex={-1} ref={headingRef}>
        {t('coordination.queue.title', { count: candidates.length })}
      </h2>
      <p class="hint">{t('coordination.queue.help')}</p>
      <div class="coordination-filters">
        <fieldset class="coordination-filter" disabled={!online}>
          <legend>{t('coordination.filter.legend')}</legend>
          {STATUSES.map((s) => (
            <div class="coordination-choice" key={s}>
              <input
                id={`coordination-status-${s}`}
                type="radio"
                name="coordination-status"
                value={s}
                checked={status === s}
                onChange={() => void model.setQueueStatus(s)}
              />
              <label for={`coordination-status-${s}`}>{t(`coordination.filter.${s}`)}</label>
            </div>
          ))}
        </fieldset>
        <div class="field coordination-welcome-point">
          <label for="coordination-welcome-point">{t('coordination.filter.welcomePoint')}</label>
          <select
            id="coordination-welcome-point"
            disabled={!online}
            value={model.welcomePointFilter.value ?? ''}
            onChange={(e) => {
              const value = (e.target as HTMLSelectElement).value;
              void model.setWelcomePoint(value === '' ? null : value);
            }}
          >
            <option value="">{t('coordination.filter.allWelcomePoints')}</option>
            {welcomePoints.map((wp) => (
              <option key={wp.id} value={wp.id}>
                {wp.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      {model.queueLoaded.value &&
        (candidates.length === 0 ? (
          <p class="coordination-empty">
            {t(
              model.listedStatus.value === 'open'
                ? 'coordination.queue.empty'
                : 'coordination.queue.emptyNotDuplicate',
            )}
          </p>
        ) : (
          <ul class="coordination-list">
            {candidates.map((c) => (
              <PairCard key={pairKey(c)} candidate={c} model={model} online={online} />
            ))}
          </ul>
        ))}
    </section>
  );
}
