/**
 * The two account forms: editing a user in place (name, role, welcome points, a new password)
 * and creating an account (the same, with the user name). On a refusal the first field in
 * error takes the focus.
 */
import { useState } from 'preact/hooks';
import { t } from '../../../i18n/i18n';
import type {
  AdminActionError,
  AdminField,
  AdminModel,
  User,
  WelcomePoint,
} from '../../../state/admin-model';
import { AddForm, errorFor, focusFirstError, SaveOrCancel } from './admin-shared';
import { UserFields, type UserValues } from './user-fields';

const NEW_USER_ORDER: readonly AdminField[] = [
  'displayName',
  'username',
  'role',
  'welcomePointIds',
  'password',
];
const EDIT_ORDER: readonly AdminField[] = ['displayName', 'role', 'welcomePointIds', 'password'];

const BLANK_USER: UserValues = {
  displayName: '',
  username: '',
  role: 'volunteer',
  welcomePointIds: [],
  password: '',
};

/** Active welcome points, plus archived ones the user still has (so saving keeps them). */
function placeChoices(admin: AdminModel, selected: readonly string[]): WelcomePoint[] {
  return admin.welcomePoints.value.filter((wp) => !wp.archived || selected.includes(wp.id));
}

export function EditUserForm(props: {
  admin: AdminModel;
  user: User;
  /** Prefix of the form's field ids (`<idPrefix>-<field>`). */
  idPrefix: string;
  error: AdminActionError | undefined;
  busy: boolean;
  onSaved: (user: User) => void;
  onCancel: () => void;
}) {
  const { admin, user, idPrefix } = props;
  const [values, setValues] = useState<UserValues>({
    displayName: user.displayName,
    username: user.username,
    role: user.role,
    welcomePointIds: user.welcomePointIds,
    // An empty password keeps the current one.
    password: '',
  });
  const change = (next: Partial<UserValues>) => setValues((current) => ({ ...current, ...next }));

  async function save(event: Event) {
    event.preventDefault();
    const { displayName, role, welcomePointIds, password } = values;
    const outcome = await admin.updateUser(user.id, {
      displayName,
      role,
      welcomePointIds,
      ...(password === '' ? {} : { password }),
    });
    if (outcome.ok) props.onSaved(outcome.value);
    else focusFirstError(idPrefix, outcome.fields, EDIT_ORDER);
  }

  return (
    <form
      class="admin-form"
      onSubmit={(e) => void save(e)}
      noValidate
      aria-label={t('admin.users.editTitle', { name: user.displayName })}
    >
      <UserFields
        idPrefix={idPrefix}
        values={values}
        onChange={change}
        errors={props.error?.fields}
        placeOptions={placeChoices(admin, values.welcomePointIds)}
        withUsername={false}
        password={{ label: t('admin.users.newPassword'), hint: t('admin.users.newPasswordHint') }}
      />
      <SaveOrCancel busy={props.busy} onCancel={props.onCancel} />
    </form>
  );
}

export function NewUserForm({
  admin,
  onDone,
}: {
  admin: AdminModel;
  onDone: (text: string, id: string) => void;
}) {
  const [values, setValues] = useState<UserValues>(BLANK_USER);
  const change = (next: Partial<UserValues>) => setValues((current) => ({ ...current, ...next }));
  const action = admin.actions.createUser;
  const error = errorFor(action.error.value, '');

  async function create(event: Event) {
    event.preventDefault();
    const outcome = await admin.createUser(values);
    if (outcome.ok) {
      setValues(BLANK_USER);
      onDone(t('admin.users.added', { name: outcome.value.displayName }), outcome.value.id);
    } else {
      focusFirstError('admin-user-new', outcome.fields, NEW_USER_ORDER);
    }
  }

  return (
    <AddForm
      titleId="admin-user-add-title"
      title={t('admin.users.add.title')}
      submitLabel={t('admin.users.add.submit')}
      pending={action.pending.value !== null}
      error={error}
      onSubmit={create}
    >
      <UserFields
        idPrefix="admin-user-new"
        values={values}
        onChange={change}
        errors={error?.fields}
        placeOptions={admin.activeWelcomePoints.value}
        withUsername={true}
        password={{ label: t('admin.users.password'), hint: t('admin.users.passwordHint') }}
      />
    </AddForm>
  );
}
