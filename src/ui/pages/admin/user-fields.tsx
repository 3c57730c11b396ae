/**
 * The fields of an account, as the edit form and the new-account form both ask them: name,
 * user name (new accounts only: it never changes), role, welcome points (checkboxes) and
 * password, each with the server's refusal next to it.
 */
import { t } from '../../../i18n/i18n';
import {
  type AdminField,
  type AdminFieldErrors,
  isRole,
  ROLES,
  type Role,
  type WelcomePoint,
} from '../../../state/admin-model';
import { PasswordField } from '../../components/fields/password-field';
import { SelectField } from '../../components/fields/select-field';
import { TextField } from '../../components/fields/text-field';
import { fieldMessage } from './admin-shared';

/** What the fields hold while the person types. */
export interface UserValues {
  displayName: string;
  username: string;
  role: Role;
  welcomePointIds: string[];
  password: string;
}

function roleOptions() {
  return ROLES.map((role) => ({ value: role, label: t(`login.role.${role}`) }));
}

function WelcomePointChecks(props: {
  id: string;
  options: readonly WelcomePoint[];
  selected: readonly string[];
  onChange: (ids: string[]) => void;
  error: string | undefined;
}) {
  const { id, options, selected } = props;
  const describedBy = [`${id}-hint`, props.error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <fieldset id={id} tabIndex={-1} aria-describedby={describedBy} class="admin-checks">
      <legend>{t('admin.users.places.legend')}</legend>
      <p id={`${id}-hint`} class="hint">
        {options.length === 0 ? t('admin.users.places.none') : t('admin.users.places.hint')}
      </p>
      {options.map((wp) => (
        <label key={wp.id}>
          <input
            type="checkbox"
            checked={selected.includes(wp.id)}
            onChange={(event) => {
              const checked = event.currentTarget.checked;
              props.onChange(checked ? [...selected, wp.id] : selected.filter((x) => x !== wp.id));
            }}
          />
          {wp.name}
        </label>
      ))}
      {props.error && (
        <p id={`${id}-error`} class="field-error">
          {props.error}
        </p>
      )}
    </fieldset>
  );
}

export interface UserFieldsProps {
  /** Prefix of the field ids: `<idPrefix>-<field>` (what focusFirstError moves to). */
  idPrefix: string;
  values: UserValues;
  onChange: (change: Partial<UserValues>) => void;
  errors: AdminFieldErrors | undefined;
  /** The welcome points offered as checkboxes. */
  placeOptions: readonly WelcomePoint[];
  /** Asked only when the account is created. */
  withUsername: boolean;
  /** A starting password, or a new one (empty keeps the current one). */
  password: { label: string; hint: string };
}

export function UserFields({ idPrefix, values, onChange, errors, ...props }: UserFieldsProps) {
  const id = (field: AdminField) => `${idPrefix}-${field}`;
  const text = (field: 'displayName' | 'username', label: string, hint?: string) => (
    <TextField
      id={id(field)}
      label={label}
      hint={hint}
      value={values[field]}
      onInput={(value) => onChange({ [field]: value })}
      error={fieldMessage(errors, field)}
      autoComplete="off"
    />
  );
  return (
    <>
      {text('displayName', t('admin.users.displayName'))}
      {props.withUsername && text('username', t('admin.users.usernameLabel'), t('admin.users.usernameHint'))}
      <SelectField
        id={id('role')}
        label={t('admin.users.roleLabel')}
        value={values.role}
        options={roleOptions()}
        onChange={(value) => {
          if (isRole(value)) onChange({ role: value });
        }}
        error={fieldMessage(errors, 'role')}
      />
      <WelcomePointChecks
        id={id('welcomePointIds')}
        options={props.placeOptions}
        selected={values.welcomePointIds}
        onChange={(ids) => onChange({ welcomePointIds: ids })}
        error={fieldMessage(errors, 'welcomePointIds')}
      />
      <PasswordField
        id={id('password')}
        label={props.password.label}
        hint={props.password.hint}
        value={values.password}
        onInput={(value) => onChange({ password: value })}
        error={fieldMessage(errors, 'password')}
        autoComplete="new-password"
      />
    </>
  );
}
