import { useEffect, useMemo, useRef } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { t } from '../../i18n/i18n';
import { useAppState } from '../../state/app-state';
import { createFormModel } from '../../state/form-model';
import {
  allowedWelcomePointIds,
  newHouseholdFields,
  welcomePointChoices,
} from '../../state/intake/household-intake';
import { MEMBER_FIELDS, type MemberField } from '../../state/intake/member-intake';
import {
  duplicateProbeOf,
  emptyNewDossierValues,
  MEMBER_SLOTS_FIELD,
  memberFieldName,
  memberSlots,
  memberValuesAt,
  type NewDossier,
  validateNewDossier,
  withAddedMember,
  withoutMember,
} from '../../state/intake/new-dossier-form';
import { describeWriteError } from '../../state/workspace/workspace-model';
import { PageTitle } from '../components/page-title';
import { DuplicateNotice, usePossibleDuplicates } from './intake/duplicate-notice';
import { errorText } from './intake/field-text';
import { ContactFields, HouseholdFields, ReferralFields } from './intake/household-fields';
import { IntakeCard } from './intake/intake-card';
import { MemberFields } from './intake/member-fields';
import './intake/intake.css';

export const NEW_DOSSIER_FORM_ID = 'intake:new';

/** Intake of a new household: the household, its people, contact, how it came; one write creates it all. */
export function NewDossierPage() {
  const { workspace, drafts, sync } = useAppState();
  // The welcome points the person may choose (AUTH6): another one would block the device's sync.
  const knownWelcomePoints = sync.welcomePoints.value;
  // New households default to the signed-in person's first (open) welcome point (still editable).
  const allowedAtStart = allowedWelcomePointIds(knownWelcomePoints, undefined);
  const defaultWelcomePointId = sync.session.value?.user.welcomePointIds.find((id) =>
    allowedAtStart.includes(id),
  );
  const { route } = useLocation();
  const createdId = useRef<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const form = useMemo(
    () =>
      createFormModel<string, NewDossier>({
        formId: NEW_DOSSIER_FORM_ID,
        drafts,
        initial: emptyNewDossierValues(defaultWelcomePointId),
        validate: (values) =>
          validateNewDossier(
            values,
            workspace.today(),
            allowedWelcomePointIds(sync.welcomePoints.peek(), undefined),
          ),
        save: async ({ household, members }, receipt) => {
          const created = await workspace.createHousehold(newHouseholdFields(household), members, receipt);
          createdId.current = created.household.id;
        },
        describeError: describeWriteError,
      }),
    [workspace, drafts, sync, defaultWelcomePointId],
  );
  // The default welcome point comes with the session, read from the device after the first
  // render: the form waits for it. Typing into a form made before it would be saved as a draft
  // without the welcome point, which the form made after would restore: the dossier would become
  // personal (unseen by the team) without the person choosing it.
  const sessionLoaded = sync.sessionLoaded.value;
  useEffect(() => {
    if (sessionLoaded) void form.load();
  }, [form, sessionLoaded]);

  const values = form.values.value;
  const errors = form.errors.value;
  const status = form.status.value;
  const slots = memberSlots(values);
  const matches = usePossibleDuplicates(workspace, duplicateProbeOf(values));
  const hasErrors = Object.keys(errors).length > 0;

  const edit = (field: string, text: string) => void form.edit(field, text);
  const replaceAll = (next: Record<string, string>) => {
    form.values.value = next;
    void form.edit(MEMBER_SLOTS_FIELD, next[MEMBER_SLOTS_FIELD] ?? '');
  };

  async function onSubmit(event: Event) {
    event.preventDefault();
    const created = await form.submit();
    if (created && createdId.current) {
      route(`/dossiers/${createdId.current}/intake`);
      return;
    }
    // Bring the first field to correct into view and focus.
    setTimeout(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
  }

  if (!sessionLoaded) {
    return (
      <section class="page intake">
        <PageTitle>{t('dossiers.new')}</PageTitle>
        <p role="status">{t('intake.preparing')}</p>
      </section>
    );
  }

  return (
    <section class="page intake">
      <PageTitle>{t('dossiers.new')}</PageTitle>
      <p>{t('intake.intro')}</p>
      {form.draftRestored.value && (
        <p class="notice" role="status" data-testid="draft-restored">
          {t('common.draftRestored')}
        </p>
      )}
      <form ref={formRef} noValidate onSubmit={(event) => void onSubmit(event)}>
        <IntakeCard titleId="new-people-title" title={t('intake.section.people')}>
          {errors[MEMBER_SLOTS_FIELD] && <p class="field-error">{errorText(errors[MEMBER_SLOTS_FIELD])}</p>}
          {slots.map((slot, index) => {
            const memberErrors: Partial<Record<MemberField, string>> = {};
            for (const field of MEMBER_FIELDS) memberErrors[field] = errors[memberFieldName(slot, field)];
            return (
              <fieldset key={slot} class="member-fieldset">
                <legend>
                  <h3>{t('intake.member.heading', { n: index + 1 })}</h3>
                </legend>
                <MemberFields
                  idPrefix={`new-m${slot}`}
                  values={memberValuesAt(values, slot)}
                  errors={memberErrors}
                  onEdit={(field, text) => edit(memberFieldName(slot, field as MemberField), text)}
                />
                {slots.length > 1 && (
                  <button type="button" onClick={() => replaceAll(withoutMember(values, slot))}>
                    {t('intake.member.remove', { n: index + 1 })}
                  </button>
                )}
              </fieldset>
            );
          })}
          <div class="actions">
            <button type="button" onClick={() => replaceAll(withAddedMember(values, 'co_applicant'))}>
              {t('intake.member.addAdult')}
            </button>
            <button type="button" onClick={() => replaceAll(withAddedMember(values, 'child'))}>
              {t('intake.member.addChild')}
            </button>
          </div>
        </IntakeCard>

        <DuplicateNotice matches={matches} />

        <IntakeCard titleId="new-contact-title" title={t('intake.section.contact')}>
          <ContactFields idPrefix="new" values={values} errors={errors} onEdit={edit} />
        </IntakeCard>
        <IntakeCard titleId="new-household-title" title={t('intake.section.household')}>
          <HouseholdFields idPrefix="new" values={values} errors={errors} onEdit={edit} />
        </IntakeCard>
        <IntakeCard titleId="new-referral-title" title={t('intake.section.referral')}>
          <ReferralFields
            idPrefix="new"
            values={values}
            errors={errors}
            onEdit={edit}
            welcomePoints={welcomePointChoices(knownWelcomePoints, undefined, values.welcomePointId ?? '')}
          />
        </IntakeCard>

        <div class="actions">
          <button type="submit" class="primary big-button" disabled={status.kind === 'saving'}>
            {t('intake.create')}
          </button>
        </div>
        <div role="status" class="save-status">
          {status.kind === 'saving' && t('intake.creating')}
          {status.kind === 'failed' && (
            <span class="error">
              {t('intake.createFailed', { reason: t(status.reason as 'storage.unknown') })}
            </span>
          )}
        </div>
        {hasErrors && (
          <p class="error" role="alert">
            {t('intake.formHasErrors')}
          </p>
        )}
      </form>
    </section>
  );
}
