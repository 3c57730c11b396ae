/**
 * What the report is about: the period (this year, last year, a quarter, or two dates) and the
 * welcome points of the coordinator's scope. A date refused shows its reason next to its field and
 * takes the focus; so does an empty choice of welcome points.
 */
import { useEffect, useRef } from 'preact/hooks';

import { t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import type { ReportModel, WelcomePoint } from '../../../state/network-model';
import type { PeriodPreset } from '../../../state/network-period';
import { recentQuarters } from '../../../state/network-period';
import { quarterText } from './network-words';

const PRESETS: readonly PeriodPreset[] = ['thisYear', 'lastYear', 'quarter', 'custom'];

interface Props {
  model: ReportModel;
  welcomePoints: readonly WelcomePoint[];
  today: string;
  online: boolean;
}

function DateField({ field, model }: { field: 'from' | 'to'; model: ReportModel }) {
  const error = model.periodErrors.value[field];
  const id = `network-period-${field}`;
  return (
    <div class="field">
      <label for={id}>{t(`network.period.${field}`)}</label>
      <input
        id={id}
        type="date"
        value={model.choice.value[field]}
        aria-invalid={error === undefined ? undefined : 'true'}
        aria-describedby={error === undefined ? undefined : `${id}-error`}
        onInput={(event) => model.setDate(field, event.currentTarget.value)}
      />
      {error !== undefined && (
        <p id={`${id}-error`} class="field-error">
          {t(`network.period.error.${error}` as MessageKey)}
        </p>
      )}
    </div>
  );
}

export function ReportForm({ model, welcomePoints, today, online }: Props) {
  const choice = model.choice.value;
  const year = Number(today.slice(0, 4));
  const selected = model.selectedWelcomePoints.value;
  const errors = model.periodErrors.value;
  const missing = model.welcomePointsMissing.value;
  const attempt = useRef(0);
  const form = useRef<HTMLFormElement>(null);

  // After a refused "Afficher", the first field in error takes the focus.
  useEffect(() => {
    if (attempt.current === 0) return;
    const target =
      form.current?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      (missing ? form.current?.querySelector<HTMLElement>('.network-wp-list input') : null);
    target?.focus();
  }, [errors, missing]);

  return (
    <form
      ref={form}
      class="network-form card"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        attempt.current += 1;
        void model.load();
      }}
    >
      <fieldset>
        <legend>{t('network.period.legend')}</legend>
        <div class="network-presets">
          {PRESETS.map((preset) => (
            <label key={preset} class="choice">
              <input
                type="radio"
                name="network-period"
                value={preset}
                checked={choice.preset === preset}
                onChange={() => model.setPreset(preset)}
              />
              {t(`network.period.${preset}`, {
                year: preset === 'lastYear' ? year - 1 : year,
              })}
            </label>
          ))}
        </div>
        {choice.preset === 'quarter' && (
          <div class="field">
            <label for="network-quarter">{t('network.period.quarterLabel')}</label>
            <select
              id="network-quarter"
              value={choice.quarter}
              onChange={(event) => model.setQuarter(event.currentTarget.value)}
            >
              {recentQuarters(today).map((quarter) => (
                <option key={quarter} value={quarter}>
                  {quarterText(quarter)}
                </option>
              ))}
            </select>
          </div>
        )}
        {choice.preset === 'custom' && (
          <div class="network-dates">
            <DateField field="from" model={model} />
            <DateField field="to" model={model} />
          </div>
        )}
      </fieldset>
      {welcomePoints.length > 0 && (
        <fieldset aria-describedby={missing ? 'network-wp-error' : undefined}>
          <legend>{t('network.wp.legend')}</legend>
          <div class="network-wp-actions">
            <button type="button" class="link-button" onClick={() => model.setAllWelcomePoints(true)}>
              {t('network.wp.all')}
            </button>
            <button type="button" class="link-button" onClick={() => model.setAllWelcomePoints(false)}>
              {t('network.wp.none')}
            </button>
          </div>
          <ul class="network-wp-list">
            {welcomePoints.map((wp) => (
              <li key={wp.id}>
                <label class="choice">
                  <input
                    type="checkbox"
                    checked={selected.includes(wp.id)}
                    onChange={(event) => model.toggleWelcomePoint(wp.id, event.currentTarget.checked)}
                  />
                  {wp.name}
                </label>
              </li>
            ))}
          </ul>
          {missing && (
            <p id="network-wp-error" class="field-error">
              {t('network.wp.error')}
            </p>
          )}
        </fieldset>
      )}
      <div class="network-form-actions">
        <button type="submit" class="primary" disabled={!online || model.loading.value}>
          {t('network.show')}
        </button>
      </div>
    </form>
  );
}
