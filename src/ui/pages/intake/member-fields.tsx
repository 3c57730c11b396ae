import { t } from '../../../i18n/i18n';
import { asksCustody, CUSTODIES, MEMBER_ROLES } from '../../../state/intake/intake-fields';
import { SelectField } from '../../components/fields/select-field';
import { TextField } from '../../components/fields/text-field';
import { errorText, optionsOf } from './field-text';

export interface MemberFieldsProps {
  /** The person's values, by member field (role, firstName, lastName, birthName, birthDate, custody). */
  values: Record<string, string>;
  errors: Record<string, string | undefined>;
  onEdit: (field: string, text: string) => void;
  idPrefix: string;
}

/** One person: place in the household, names (usage and birth names), birth date, and where a child lives. */
export function MemberFields(props: MemberFieldsProps) {
  const field = (name: string) => ({
    id: `${props.idPrefix}-${name}`,
    value: props.values[name] ?? '',
    error: errorText(props.errors[name]),
  });
  const role = props.values.role ?? '';
  const applicant = role === 'applicant';
  return (
    <div class="intake-grid">
      <SelectField
        {...field('role')}
        label={t('intake.field.role')}
        options={optionsOf(MEMBER_ROLES, 'intake.role.')}
        onChange={(v) => props.onEdit('role', v)}
      />
      <TextField
        {...field('firstName')}
        autoComplete="off"
        label={
          applicant ? t('intake.field.firstName') : `${t('intake.field.firstName')} ${t('common.optional')}`
        }
        onInput={(v) => props.onEdit('firstName', v)}
      />
      <TextField
        {...field('lastName')}
        autoComplete="off"
        label={
          applicant ? t('intake.field.lastName') : `${t('intake.field.lastName')} ${t('common.optional')}`
        }
        onInput={(v) => props.onEdit('lastName', v)}
      />
      <TextField
        {...field('birthName')}
        autoComplete="off"
        label={`${t('intake.field.birthName')} ${t('common.optional')}`}
        onInput={(v) => props.onEdit('birthName', v)}
      />
      <TextField
        {...field('birthDate')}
        type="date"
        label={t('intake.field.birthDate')}
        onInput={(v) => props.onEdit('birthDate', v)}
      />
      {asksCustody(role) && (
        <SelectField
          {...field('custody')}
          label={`${t('intake.field.custody')} ${t('common.optional')}`}
          placeholder={t('intake.choose')}
          options={optionsOf(CUSTODIES, 'intake.custody.')}
          onChange={(v) => props.onEdit('custody', v)}
        />
      )}
    </div>
  );
}
