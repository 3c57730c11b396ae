import { t } from '../../../i18n/i18n';
import type { WelcomePointChoice } from '../../../state/intake/household-intake';
import { HOUSING_STATUSES, REFERRAL_SOURCES, TERRITORIES } from '../../../state/intake/intake-fields';
import { SelectField } from '../../components/fields/select-field';
import { TextField } from '../../components/fields/text-field';
import { errorText, optionsOf } from './field-text';

export interface FieldGroupProps {
  values: Record<string, string>;
  errors: Record<string, string | undefined>;
  onEdit: (field: string, text: string) => void;
  /** Prefix of the controls' ids, unique on the page. */
  idPrefix: string;
}

function useField(props: FieldGroupProps) {
  return (field: string) => ({
    id: `${props.idPrefix}-${field}`,
    value: props.values[field] ?? '',
    error: errorText(props.errors[field]),
  });
}

/** Where the household lives and its housing. */
export function HouseholdFields(props: FieldGroupProps) {
  const field = useField(props);
  return (
    <div class="intake-grid">
      <SelectField
        {...field('territory')}
        label={t('intake.field.territory')}
        options={optionsOf(TERRITORIES, 'intake.territory.')}
        onChange={(v) => props.onEdit('territory', v)}
      />
      <TextField
        {...field('departement')}
        label={t('intake.field.departement')}
        hint={t('intake.field.departementHint')}
        onInput={(v) => props.onEdit('departement', v)}
      />
      <SelectField
        {...field('housingStatus')}
        label={t('intake.field.housingStatus')}
        placeholder={t('intake.choose')}
        options={optionsOf(HOUSING_STATUSES, 'intake.housing.')}
        onChange={(v) => props.onEdit('housingStatus', v)}
      />
    </div>
  );
}

/**
 * Phone, e-mail and postal address. They are the household's, not the counsellor's: no autofill
 * token, so the browser neither offers one household's address for another nor keeps them in its
 * autofill and session files on disk (issue 16, tests/e2e/profile-scan.e2e.test.ts).
 */
export function ContactFields(props: FieldGroupProps) {
  const field = useField(props);
  const optional = (key: Parameters<typeof t>[0]) => `${t(key)} ${t('common.optional')}`;
  return (
    <div class="intake-grid">
      <TextField
        {...field('phone')}
        type="tel"
        inputMode="tel"
        autoComplete="off"
        label={optional('intake.field.phone')}
        onInput={(v) => props.onEdit('phone', v)}
      />
      <TextField
        {...field('email')}
        type="email"
        inputMode="email"
        autoComplete="off"
        label={optional('intake.field.email')}
        onInput={(v) => props.onEdit('email', v)}
      />
      <TextField
        {...field('addressLine1')}
        autoComplete="off"
        label={optional('intake.field.addressLine1')}
        onInput={(v) => props.onEdit('addressLine1', v)}
      />
      <TextField
        {...field('addressLine2')}
        autoComplete="off"
        label={optional('intake.field.addressLine2')}
        onInput={(v) => props.onEdit('addressLine2', v)}
      />
      <TextField
        {...field('postcode')}
        inputMode="numeric"
        autoComplete="off"
        label={optional('intake.field.postcode')}
        onInput={(v) => props.onEdit('postcode', v)}
      />
      <TextField
        {...field('city')}
        autoComplete="off"
        label={optional('intake.field.city')}
        onInput={(v) => props.onEdit('city', v)}
      />
    </div>
  );
}

/** A welcome point as the select words it: its name, flagged when closed or not allowed. */
function welcomePointLabel(choice: WelcomePointChoice): string {
  if (choice.kind === 'archived') return t('intake.welcomePoint.archived', { name: choice.name });
  if (choice.kind === 'not-allowed') return t('intake.welcomePoint.notYours', { name: choice.name });
  return choice.name;
}

export interface ReferralFieldsProps extends FieldGroupProps {
  /** The welcome points offered (state: `welcomePointChoices`), after "none" when `offerNone`. */
  welcomePoints: readonly WelcomePointChoice[];
  /**
   * Whether "none" is a choice: only for a household that has no welcome point yet (AUTH6c). An
   * empty value left in a draft then shows as "choose…", with its error.
   */
  offerNone?: boolean;
}

/** How the household came, where it is seen (a welcome point of the person's, by name), the association's reference. */
export function ReferralFields(props: ReferralFieldsProps) {
  const field = useField(props);
  const optional = (key: Parameters<typeof t>[0]) => `${t(key)} ${t('common.optional')}`;
  const offerNone = props.offerNone ?? true;
  return (
    <div class="intake-grid">
      <SelectField
        {...field('referralSource')}
        label={optional('intake.field.referralSource')}
        placeholder={t('intake.choose')}
        options={optionsOf(REFERRAL_SOURCES, 'intake.referral.')}
        onChange={(v) => props.onEdit('referralSource', v)}
      />
      <TextField
        {...field('referralDetails')}
        label={
          props.values.referralSource === 'other'
            ? t('intake.field.referralDetails')
            : optional('intake.field.referralDetails')
        }
        hint={t('intake.field.referralDetailsHint')}
        onInput={(v) => props.onEdit('referralDetails', v)}
      />
      <SelectField
        {...field('welcomePointId')}
        label={t('intake.field.welcomePoint')}
        hint={t(offerNone ? 'intake.field.welcomePointHint' : 'intake.field.welcomePointHintPlaced')}
        {...(offerNone
          ? { placeholder: t('intake.welcomePoint.none') }
          : props.values.welcomePointId
            ? {}
            : { placeholder: t('intake.choose') })}
        options={props.welcomePoints.map((choice) => ({
          value: choice.id,
          label: welcomePointLabel(choice),
        }))}
        onChange={(v) => props.onEdit('welcomePointId', v)}
      />
      <TextField
        {...field('reference')}
        label={optional('intake.field.reference')}
        hint={t('intake.field.referenceHint')}
        onInput={(v) => props.onEdit('reference', v)}
      />
    </div>
  );
}
