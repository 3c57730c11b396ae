import type { Dossier } from '../../../domain/dossier/dossier';
import { formatDate, formatMoney, t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import { savedScenarios } from '../../../state/scenarios/comparison-view';
import type { ScenariosModel } from '../../../state/scenarios/scenarios-model';
import { SelectField } from '../../components/fields/select-field';
import { TextField } from '../../components/fields/text-field';
import { choiceLabel, writeOffText } from './results-table';

function savedDate(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return formatDate(`${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`);
}

/** Saves one of the compared scenarios to the dossier. */
export function SaveScenarioForm({ state }: { state: ScenariosModel }) {
  const form = state.saveForm;
  const shown = state.shown.value;
  if (!shown) return null;
  const values = form.values.value;
  const errors = form.errors.value;
  const status = form.status.value;
  const err = (key: string | undefined) => (key ? t(key as MessageKey) : undefined);
  return (
    <form
      class="card"
      noValidate
      aria-labelledby="scenario-save-title"
      onSubmit={(event) => {
        event.preventDefault();
        void form.submit();
      }}
    >
      <h3 id="scenario-save-title">{t('scenarios.save.title')}</h3>
      {form.draftRestored.value && (
        <p class="notice" role="status">
          {t('common.draftRestored')}
        </p>
      )}
      <SelectField
        id="scenario-save-which"
        label={t('scenarios.save.which')}
        value={values.which}
        onChange={(v) => void form.edit('which', v)}
        options={shown.comparison.outcomes.map((outcome, index) => ({
          value: String(index),
          label: choiceLabel(outcome.spec.kind === 'payoff' ? outcome.spec.strategy : outcome.spec.kind),
        }))}
        error={err(errors.which)}
      />
      <TextField
        id="scenario-save-name"
        label={t('scenarios.save.name')}
        hint={t('scenarios.save.name.hint')}
        value={values.name}
        onInput={(v) => void form.edit('name', v)}
        error={err(errors.name)}
      />
      <div class="check">
        <input
          id="scenario-save-chosen"
          type="checkbox"
          checked={values.chosen === '1'}
          onChange={(event) => void form.edit('chosen', event.currentTarget.checked ? '1' : '')}
        />
        <label for="scenario-save-chosen">{t('scenarios.save.chosen')}</label>
      </div>
      <button type="submit" class="primary" disabled={status.kind === 'saving'}>
        {t('scenarios.save.submit')}
      </button>
      <p role="status" class="save-status">
        {status.kind === 'saving' && t('common.saving')}
        {status.kind === 'saved' && t('scenarios.save.saved', { name: state.lastSavedName.value })}
      </p>
      {status.kind === 'failed' && (
        <p role="alert" class="error">
          {t('common.saveFailed', { reason: t(status.reason as MessageKey) })}
        </p>
      )}
    </form>
  );
}

/** The scenarios saved to the dossier, the chosen one first. */
export function SavedScenarios({ state, dossier }: { state: ScenariosModel; dossier: Dossier }) {
  const saved = savedScenarios(dossier.scenarios);
  const error = state.savedError.value;
  return (
    <section class="card" aria-labelledby="saved-scenarios-title">
      <h2 id="saved-scenarios-title">{t('scenarios.saved.title')}</h2>
      {error && (
        <p role="alert" class="error">
          {t('scenarios.saved.failed', { reason: t(error as MessageKey) })}
        </p>
      )}
      {saved.length === 0 ? (
        <p>{t('scenarios.saved.empty')}</p>
      ) : (
        <ul class="saved-scenarios">
          {saved.map((s) => (
            <li key={s.id} class={s.isChosen ? 'chosen' : undefined} data-testid="saved-scenario">
              <h3>
                {s.name}
                {s.isChosen && <span class="badge"> ★ {t('scenarios.saved.chosen')}</span>}
              </h3>
              <p class="hint">
                {s.choice ? `${choiceLabel(s.choice)} · ` : ''}
                {t('scenarios.saved.savedOn', { date: savedDate(s.savedAt) })}
              </p>
              {s.summary ? (
                <p>
                  {t('scenarios.saved.figures', {
                    months: s.summary.months,
                    monthly: formatMoney(s.summary.firstMonthlyPaymentCents),
                    paid: formatMoney(s.summary.totalPaidCents),
                    interest: formatMoney(s.summary.totalInterestCents),
                    writeOff: s.writeOff ? writeOffText(s.writeOff) : formatMoney(s.summary.writeOffCents),
                  })}
                </p>
              ) : (
                <p>{t('scenarios.saved.unreadable')}</p>
              )}
              {s.capacityMonthlyCents !== null && s.startDate && (
                <p class="hint">
                  {t('scenarios.saved.capacity', {
                    amount: formatMoney(s.capacityMonthlyCents),
                    date: formatDate(s.startDate),
                  })}
                </p>
              )}
              <div class="row-actions">
                {!s.isChosen && (
                  <button type="button" onClick={() => void state.choose(s.id)}>
                    {t('scenarios.saved.choose', { name: s.name })}
                  </button>
                )}
                <button type="button" onClick={() => void state.remove(s.id)}>
                  {t('scenarios.saved.remove', { name: s.name })}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
