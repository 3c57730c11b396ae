import { useEffect, useMemo, useRef } from 'preact/hooks';
import type { HouseholdRow } from '../../../domain/dossier/rows';
import { t } from '../../../i18n/i18n';
import { useAppState } from '../../../state/app-state';
import { createFormModel } from '../../../state/form-model';
import {
  allowedWelcomePointIds,
  type HouseholdField,
  type HouseholdIntake,
  householdIntakeOf,
  householdPatch,
  householdValuesOf,
  validateHouseholdValues,
  welcomePointChoices,
} from '../../../state/intake/household-intake';
import type { DossierModel } from '../../../state/workspace/dossier-model';
import { describeWriteError } from '../../../state/workspace/workspace-model';
import { ContactFields, HouseholdFields, ReferralFields } from './household-fields';
import { IntakeCard } from './intake-card';
import { SaveStatus } from './save-status';

/** Edits the household's fields, contact and referral; a draft is kept on every keystroke. */
export function HouseholdForm({ model, household }: { model: DossierModel; household: HouseholdRow }) {
  const { drafts, sync } = useAppState();
  // The household's welcome point as stored stays a choice, so editing never moves it silently.
  const current = household.welcomePointId;
  const currentRef = useRef(current);
  currentRef.current = current;
  const form = useMemo(() => {
    // What the form started from: only the fields typed since then are written.
    let before = householdIntakeOf(household);
    return createFormModel<HouseholdField, HouseholdIntake>({
      formId: `household:${household.id}`,
      drafts,
      initial: householdValuesOf(household),
      // AUTH6: only the person's welcome points (or the current one) reach the outbox;
      // AUTH6c: the current one may be changed, not taken away.
      validate: (values) =>
        validateHouseholdValues(
          values,
          allowedWelcomePointIds(sync.welcomePoints.peek(), currentRef.current),
          currentRef.current,
        ),
      save: async (value, receipt) => {
        await model.updateHousehold(householdPatch(value, before), receipt);
        before = value;
      },
      describeError: describeWriteError,
    });
  }, [household.id, drafts, model, sync]);
  useEffect(() => {
    void form.load();
  }, [form]);

  const values = form.values.value;
  const errors = form.errors.value;
  const edit = (field: string, text: string) => void form.edit(field as HouseholdField, text);
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void form.submit();
      }}
    >
      {form.draftRestored.value && (
        <p class="notice" role="status" data-testid="household-draft-restored">
          {t('common.draftRestored')}
        </p>
      )}
      <IntakeCard titleId="intake-household-title" title={t('intake.section.household')}>
        <HouseholdFields idPrefix="hh" values={values} errors={errors} onEdit={edit} />
      </IntakeCard>
      <IntakeCard titleId="intake-contact-title" title={t('intake.section.contact')}>
        <ContactFields idPrefix="hh" values={values} errors={errors} onEdit={edit} />
      </IntakeCard>
      <IntakeCard titleId="intake-referral-title" title={t('intake.section.referral')}>
        <ReferralFields
          idPrefix="hh"
          values={values}
          errors={errors}
          onEdit={edit}
          welcomePoints={welcomePointChoices(sync.welcomePoints.value, current, values.welcomePointId ?? '')}
          offerNone={!current}
        />
        <div class="actions">
          <button type="submit" class="primary" disabled={form.status.value.kind === 'saving'}>
            {t('intake.household.save')}
          </button>
          {form.isDirty.value && (
            <button type="button" onClick={() => void form.discard()}>
              {t('common.discard')}
            </button>
          )}
        </div>
        <SaveStatus status={form.status.value} />
      </IntakeCard>
    </form>
  );
}
