/** The form of a new plan: kind, first due date, reference and its steps (months × monthly amount). */
import { useState } from 'preact/hooks';
import type { FieldsOf } from '../../../domain/dossier/rows';
import { PlanKindSchema } from '../../../domain/plans/plan';
import { t } from '../../../i18n/i18n';
import {
  filledStepCount,
  MAX_FORM_STEPS,
  type PlanField,
  type PlanValues,
  STEP_INDEXES,
  validatePlan,
} from '../../../state/plans/plan-form';
import type { DossierModel } from '../../../state/workspace/dossier-model';
import { choices } from '../../components/fields/choices';
import { SelectField } from '../../components/fields/select-field';
import { TextField } from '../../components/fields/text-field';
import { fieldBindings, fieldError, useForm } from '../followup/form-bits';
import { RowEditor } from '../followup/row-editor';

export function PlanForm({
  model,
  initial,
  scenarioName,
  onDone,
}: {
  model: DossierModel;
  initial: PlanValues;
  /** The chosen scenario the form was prefilled from, if any. */
  scenarioName?: string | undefined;
  onDone: () => void;
}) {
  const formId = `plan:new:${model.householdId}`;
  const form = useForm<PlanField, FieldsOf<'plan'>>({
    formId,
    initial,
    validate: validatePlan,
    save: async (fields, receipt) => {
      await model.addRow('plan', fields, receipt);
    },
  });
  const values = form.values.value;
  const errors = form.errors.value;
  const edit = (field: PlanField, value: string) => void form.edit(field, value);
  const { typed, chosen } = fieldBindings(values, errors, edit, 'plan-new', 'plans.field');
  const [shownSteps, setShownSteps] = useState(() => filledStepCount(values));
  const steps = Math.max(shownSteps, filledStepCount(values));
  const stepsError = fieldError(errors.steps);

  return (
    <RowEditor
      form={form}
      title={t('plans.new')}
      submitText={t('common.save')}
      savedText={t('plans.saved')}
      onClose={onDone}
    >
      {scenarioName !== undefined && values.scenarioId !== '' && (
        <p class="notice">{t('plans.fromScenario', { name: scenarioName })}</p>
      )}
      <div class="followup-grid">
        <SelectField {...chosen('kind')} options={choices(PlanKindSchema.options, 'plans.kind')} />
        <TextField {...typed('firstDueOn')} type="date" />
        <TextField {...typed('reference')} />
      </div>
      <fieldset
        class="plan-steps"
        aria-describedby={stepsError ? 'plan-new-steps-error' : 'plan-new-steps-help'}
      >
        <legend>{t('plans.steps.legend')}</legend>
        <p id="plan-new-steps-help" class="hint">
          {t('plans.steps.help')}
        </p>
        {STEP_INDEXES.slice(0, steps).map((i) => (
          <div class="plan-step" key={i}>
            <TextField
              id={`plan-new-months${i}`}
              label={t('plans.step.months', { n: i + 1 })}
              value={values[`months${i}`]}
              error={fieldError(errors[`months${i}`])}
              onInput={(v) => edit(`months${i}`, v)}
              inputMode="numeric"
              unit={t('plans.unit.months')}
            />
            <TextField
              id={`plan-new-amount${i}`}
              label={t('plans.step.amount', { n: i + 1 })}
              value={values[`amount${i}`]}
              error={fieldError(errors[`amount${i}`])}
              onInput={(v) => edit(`amount${i}`, v)}
              inputMode="decimal"
              unit="€"
            />
          </div>
        ))}
        {stepsError && (
          <p id="plan-new-steps-error" class="field-error">
            {stepsError}
          </p>
        )}
        <div class="row-actions">
          {steps < MAX_FORM_STEPS && (
            <button type="button" onClick={() => setShownSteps(steps + 1)}>
              {t('plans.step.add')}
            </button>
          )}
          {steps > 1 && (
            <button
              type="button"
              onClick={() => {
                edit(`months${STEP_INDEXES[steps - 1] ?? 0}`, '');
                edit(`amount${STEP_INDEXES[steps - 1] ?? 0}`, '');
                setShownSteps(steps - 1);
              }}
            >
              {t('plans.step.remove', { n: steps })}
            </button>
          )}
        </div>
      </fieldset>
    </RowEditor>
  );
}
