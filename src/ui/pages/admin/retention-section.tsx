/**
 * Conservation des dossiers (docs/household-rights.md RIGHT8, RIGHT10, RIGHT12): the years a
 * closed dossier is kept before it is anonymised, and the latest anonymisation runs as a table.
 */
import { useEffect } from 'preact/hooks';
import { formatDate, formatDateTime, t } from '../../../i18n/i18n';
import type { RetentionModel } from '../../../state/retention-model';
import { TextField } from '../../components/fields/text-field';
import { failureMessage } from './admin-shared';

const FIELD = 'admin-retention-years';

function Runs({ model }: { model: RetentionModel }) {
  const runs = model.runs.value;
  if (runs.length === 0) return <p data-testid="retention-runs-empty">{t('retention.runs.empty')}</p>;
  return (
    <table data-testid="retention-runs">
      <caption class="visually-hidden">{t('retention.runs.title')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('retention.runs.when')}</th>
          <th scope="col">{t('retention.runs.origin')}</th>
          <th scope="col">{t('retention.runs.cutoff')}</th>
          <th scope="col">{t('retention.runs.households')}</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => (
          <tr key={run.runId}>
            <td>{formatDateTime(run.startedAt)}</td>
            <td>{t(run.origin === 'cli' ? 'retention.runs.origin.cli' : 'retention.runs.origin.job')}</td>
            <td>{formatDate(run.cutoff)}</td>
            <td>{run.households}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function RetentionSection({ model, online }: { model: RetentionModel; online: boolean }) {
  useEffect(() => {
    if (online && model.saved.value === null) void model.load();
  }, [model, online]);
  const failure = model.failure.value;
  return (
    <section aria-labelledby="retention" class="card">
      <h2 id="retention">{t('retention.title')}</h2>
      <p class="hint">{t('retention.intro')}</p>
      {model.loadFailed.value && <p data-testid="retention-unread">{t('retention.unread')}</p>}
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void model.save().then((ok) => {
            if (!ok && model.yearsError.value) document.getElementById(FIELD)?.focus();
          });
        }}
      >
        <TextField
          id={FIELD}
          label={t('retention.years')}
          hint={t('retention.years.hint')}
          inputMode="numeric"
          value={model.years.value}
          onInput={(text) => model.setYears(text)}
          error={model.yearsError.value ? t('retention.years.error') : undefined}
        />
        {model.saved.value?.isDefault === true && <p class="hint">{t('retention.default')}</p>}
        <button
          type="submit"
          class="primary"
          disabled={!online || model.pending.value || model.saved.value === null}
        >
          {t('retention.save')}
        </button>
      </form>
      <p role="status" data-testid="retention-status">
        {model.done.value ? t('retention.saved') : ''}
      </p>
      {failure !== null && (
        <p role="alert" class="notice" data-testid="retention-failure">
          {failureMessage(failure)}
        </p>
      )}
      <h3>{t('retention.runs.title')}</h3>
      <Runs model={model} />
    </section>
  );
}
