/**
 * Plans : seuils (issue 15, PLAN5): the association's thresholds of plan monitoring, what the
 * server and every device use to call a plan late, failing, due for review or ending soon. Each
 * refusal shows next to its field with the allowed range; the 15 days of a formal notice are law
 * (R732-2) and not here.
 */
import { useEffect } from 'preact/hooks';
import { t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import {
  type PlanThresholdsModel,
  THRESHOLD_FIELDS,
  type ThresholdField,
  thresholdRange,
} from '../../../state/plan-thresholds-model';
import { TextField } from '../../components/fields/text-field';
import { failureMessage } from './admin-shared';

const FORM = 'admin-plan-thresholds';

function errorText(model: PlanThresholdsModel, field: ThresholdField): string | undefined {
  const reason = model.errors.value[field];
  if (reason === undefined) return undefined;
  return t(`admin.planThresholds.error.${reason}` as MessageKey, thresholdRange(field));
}

export function PlanThresholdsSection({ model, online }: { model: PlanThresholdsModel; online: boolean }) {
  // On opening, and again when the connection comes back while they are still unread.
  useEffect(() => {
    if (online && model.saved.value === null) void model.load();
  }, [model, online]);
  const failure = model.failure.value;
  return (
    <section aria-labelledby="plan-thresholds" class="card">
      <h2 id="plan-thresholds">{t('admin.planThresholds.title')}</h2>
      <p class="hint">{t('admin.planThresholds.intro')}</p>
      {model.loadFailed.value && (
        <p data-testid="plan-thresholds-unread">{t('admin.planThresholds.unread')}</p>
      )}
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void model.save().then((ok) => {
            if (ok) return;
            const first = THRESHOLD_FIELDS.find((f) => model.errors.value[f] !== undefined);
            if (first !== undefined) document.getElementById(`${FORM}-${first}`)?.focus();
          });
        }}
      >
        {THRESHOLD_FIELDS.map((field) => (
          <TextField
            key={field}
            id={`${FORM}-${field}`}
            label={t(`admin.planThresholds.${field}` as MessageKey)}
            hint={t(`admin.planThresholds.${field}.hint` as MessageKey)}
            inputMode="numeric"
            value={model.values.value[field]}
            onInput={(text) => model.setValue(field, text)}
            error={errorText(model, field)}
          />
        ))}
        <button
          type="submit"
          class="primary"
          disabled={!online || model.pending.value || model.saved.value === null}
        >
          {t('admin.planThresholds.save')}
        </button>
      </form>
      <p role="status" data-testid="plan-thresholds-status">
        {model.done.value ? t('admin.planThresholds.saved') : ''}
      </p>
      {failure !== null && (
        <p role="alert" class="notice" data-testid="plan-thresholds-failure">
          {failureMessage(failure)}
        </p>
      )}
    </section>
  );
}
