import { formatMoney, t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import { BDF_POLICIES, type ParamField, SCENARIO_CHOICES } from '../../../state/scenarios/compare-input';
import type { ScenariosModel } from '../../../state/scenarios/scenarios-model';
import { SelectField } from '../../components/fields/select-field';
import { TextField } from '../../components/fields/text-field';
import { legalParameterName } from '../budget/diagnosis-panel';
import { choiceLabel } from './results-table';

/** The parameters of the comparison; every change reruns it and is kept as a draft. */
export function ParamsForm({ state }: { state: ScenariosModel }) {
  const form = state.params;
  const values = form.values.value;
  const errors = state.paramErrors.value;
  const err = (field: ParamField | 'scenarios') => {
    const key = errors[field];
    return key ? t(key as MessageKey) : undefined;
  };
  const edit = (field: ParamField) => (text: string) => void form.edit(field, text);
  const capacity = state.capacity.value;
  const capacityHint =
    capacity.kind === 'ok'
      ? t('scenarios.capacity.fromDiagnosis', { amount: formatMoney(capacity.monthlyCents) })
      : t(`scenarios.capacity.${capacity.kind}` as MessageKey, {
          // The parameter's name in words, never its internal name.
          detail:
            capacity.kind === 'missing-parameter' ? legalParameterName(capacity.detail) : capacity.detail,
        });
  const months = t('scenarios.unit.months');
  const chosenCount = SCENARIO_CHOICES.filter((c) => values[`use:${c}`] === '1').length;

  return (
    <form
      class="card scenario-params"
      noValidate
      aria-labelledby="scenario-params-title"
      onSubmit={(event) => {
        event.preventDefault();
        void form.submit();
      }}
    >
      <h2 id="scenario-params-title">{t('scenarios.params.title')}</h2>
      {form.draftRestored.value && (
        <p class="notice" role="status">
          {t('common.draftRestored')}
        </p>
      )}
      <fieldset
        class="scenario-choices"
        aria-describedby={errors.scenarios ? 'scenario-choices-error' : undefined}
        aria-invalid={errors.scenarios ? 'true' : undefined}
      >
        <legend>{t('scenarios.params.choose')}</legend>
        {SCENARIO_CHOICES.map((choice) => {
          const field = `use:${choice}` as const;
          const id = `scenario-use-${choice}`;
          const checked = values[field] === '1';
          return (
            <div class="check" key={choice}>
              <input
                id={id}
                type="checkbox"
                checked={checked}
                disabled={!checked && chosenCount >= 6}
                onChange={(event) => void form.edit(field, event.currentTarget.checked ? '1' : '')}
              />
              <label for={id}>{choiceLabel(choice)}</label>
            </div>
          );
        })}
        {errors.scenarios && (
          <p id="scenario-choices-error" class="field-error">
            {err('scenarios')}
          </p>
        )}
      </fieldset>
      <div class="param-grid">
        <TextField
          id="scenario-start"
          type="date"
          label={t('scenarios.field.startDate')}
          value={values.startDate}
          onInput={edit('startDate')}
          error={err('startDate')}
        />
        <TextField
          id="scenario-capacity"
          label={t('scenarios.field.capacity')}
          value={values.capacity}
          onInput={edit('capacity')}
          inputMode="decimal"
          unit="€"
          hint={capacityHint}
          error={err('capacity')}
        />
      </div>
      <fieldset>
        <legend>{t('scenarios.steps.title')}</legend>
        <p class="hint">{t('scenarios.steps.hint')}</p>
        <div class="param-grid">
          {([1, 2] as const).map((n) => (
            <div class="param-pair" key={n}>
              <TextField
                id={`scenario-step${n}-month`}
                label={t('scenarios.field.stepMonth', { n })}
                value={values[`step${n}Month`]}
                onInput={edit(`step${n}Month`)}
                inputMode="numeric"
                error={err(`step${n}Month`)}
              />
              <TextField
                id={`scenario-step${n}-amount`}
                label={t('scenarios.field.stepAmount', { n })}
                value={values[`step${n}Amount`]}
                onInput={edit(`step${n}Amount`)}
                inputMode="decimal"
                unit="€"
                error={err(`step${n}Amount`)}
              />
            </div>
          ))}
        </div>
      </fieldset>
      <div class="param-grid">
        <TextField
          id="scenario-moratorium"
          label={t('scenarios.field.moratoriumMonths')}
          value={values.moratoriumMonths}
          onInput={edit('moratoriumMonths')}
          inputMode="numeric"
          unit={months}
          error={err('moratoriumMonths')}
        />
        <TextField
          id="scenario-max-duration"
          label={t('scenarios.field.maxDurationMonths')}
          value={values.maxDurationMonths}
          onInput={edit('maxDurationMonths')}
          inputMode="numeric"
          unit={months}
          error={err('maxDurationMonths')}
        />
        <TextField
          id="scenario-earlier"
          label={t('scenarios.field.monthsUsedByEarlierPlans')}
          value={values.monthsUsedByEarlierPlans}
          onInput={edit('monthsUsedByEarlierPlans')}
          inputMode="numeric"
          unit={months}
          error={err('monthsUsedByEarlierPlans')}
        />
        <SelectField
          id="scenario-bdf-rate"
          label={t('scenarios.field.bdfRate')}
          value={values.bdfRate}
          onChange={edit('bdfRate')}
          options={[
            { value: 'zero', label: t('scenarios.bdfRate.zero') },
            { value: 'legal', label: t('scenarios.bdfRate.legal') },
          ]}
        />
        <SelectField
          id="scenario-bdf-policy"
          label={t('scenarios.field.bdfPolicy')}
          value={values.bdfPolicy}
          onChange={edit('bdfPolicy')}
          options={BDF_POLICIES.map((p) => ({ value: p, label: t(`scenarios.policy.${p}` as MessageKey) }))}
        />
      </div>
      <fieldset>
        <legend>{t('scenarios.amicable.title')}</legend>
        <div class="param-grid">
          <TextField
            id="scenario-amicable-term"
            label={t('scenarios.field.amicableMaxTerm')}
            value={values.amicableMaxTerm}
            onInput={edit('amicableMaxTerm')}
            inputMode="numeric"
            unit={months}
            error={err('amicableMaxTerm')}
          />
          <TextField
            id="scenario-amicable-min"
            label={t('scenarios.field.amicableMinInstalment')}
            value={values.amicableMinInstalment}
            onInput={edit('amicableMinInstalment')}
            inputMode="decimal"
            unit="€"
            error={err('amicableMinInstalment')}
          />
          <TextField
            id="scenario-amicable-rate"
            label={t('scenarios.field.amicableMaxRate')}
            value={values.amicableMaxRate}
            onInput={edit('amicableMaxRate')}
            inputMode="decimal"
            unit="%"
            hint={t('scenarios.field.amicableMaxRate.hint')}
            error={err('amicableMaxRate')}
          />
        </div>
      </fieldset>
      <div class="check">
        <input
          id="scenario-income-recover"
          type="checkbox"
          checked={values.incomeMayRecover === '1'}
          onChange={(event) => void form.edit('incomeMayRecover', event.currentTarget.checked ? '1' : '')}
        />
        <label for="scenario-income-recover">{t('scenarios.field.incomeMayRecover')}</label>
      </div>
      <button type="submit" class="primary">
        {t('scenarios.compare')}
      </button>
    </form>
  );
}
