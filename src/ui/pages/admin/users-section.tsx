/**
 * Utilisateurs: the list (name, user name, role, welcome points, deactivated or not), editing
 * a user's name, role and welcome points, signing out their devices and deactivating them
 * after a confirmation (or reactivating), and the form to create an account.
 */
import { useState } from 'preact/hooks';
import { t } from '../../../i18n/i18n';
import {
  type AdminActionError,
  type AdminField,
  type AdminFieldErrors,
  type AdminModel,
  ALL_SCOPE_ROLES,
  isRole,
  ROLES,
  type Role,
  type User,
  type WelcomePoint,
} from '../../../state/admin-model';
import { FieldShell } from '../../components/fields/field-shell';
import { SelectField } from '../../components/fields/select-field';
import { TextField } from '../../components/fields/text-field';
import {
  ConfirmBox,
  errorFor,
  failureMessage,
  fieldMessage,
  focusFirstError,
  focusSoon,
} from './admin-shared';

const NEW_USER_ORDER: readonly AdminField[] = [
  'displayName',
  'username',
  'role',
  'welcomePointIds',
  'password',
];
const EDIT_ORDER: readonly AdminField[] = ['displayName', 'role', 'welcomePointIds', 'password'];

const itemId = (id: string) => `admin-user-${id}`;

function roleOptions() {
  return ROLES.map((role) => ({ value: role, label: t(`login.role.${role}`) }));
}

function PasswordField(props: {
  id: string;
  label: string;
  hint: string;
  value: string;
  onInput: (value: string) => void;
  error: string | undefined;
}) {
  return (
    <FieldShell id={props.id} label={props.label} hint={props.hint} error={props.error}>
      {(aria) => (
        <input
          id={props.id}
          name={props.id}
          type="password"
          autoComplete="new-password"
          value={props.value}
          onInput={(event) => props.onInput(event.currentTarget.value)}
          {...aria}
        />
      )}
    </FieldShell>
  );
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

/** Active welcome points, plus archived ones the user still has (so saving keeps them). */
function placeChoices(admin: AdminModel, selected: readonly string[]): WelcomePoint[] {
  return admin.welcomePoints.value.filter((wp) => !wp.archived || selected.includes(wp.id));
}

function placesText(admin: AdminModel, user: User): string {
  if (ALL_SCOPE_ROLES.includes(user.role)) {
    return t('admin.users.allPlaces', { role: t(`login.role.${user.role}`) });
  }
  const names = user.welcomePointIds.map(
    (id) => admin.welcomePoints.value.find((wp) => wp.id === id)?.name ?? id,
  );
  return names.length === 0 ? t('admin.users.noPlace') : names.join(', ');
}

function EditUserForm(props: {
  admin: AdminModel;
  user: User;
  error: AdminActionError | undefined;
  busy: boolean;
  onSaved: (user: User) => void;
  onCancel: () => void;
}) {
  const { admin, user, error } = props;
  const base = itemId(user.id);
  const [displayName, setDisplayName] = useState(user.displayName);
  const [role, setRole] = useState<Role>(user.role);
  const [places, setPlaces] = useState<string[]>(user.welcomePointIds);
  const [password, setPassword] = useState('');

  async function save(event: Event) {
    event.preventDefault();
    const outcome = await admin.updateUser(user.id, {
      displayName,
      role,
      welcomePointIds: places,
      ...(password === '' ? {} : { password }),
    });
    if (outcome.ok) props.onSaved(outcome.value);
    else focusFirstError(`${base}-edit`, outcome.fields, EDIT_ORDER);
  }

  return (
    <form
      class="admin-form"
      onSubmit={(e) => void save(e)}
      noValidate
      aria-label={t('admin.users.editTitle', { name: user.displayName })}
    >
      <TextField
        id={`${base}-edit-displayName`}
        label={t('admin.users.displayName')}
        value={displayName}
        onInput={setDisplayName}
        error={fieldMessage(error?.fields, 'displayName')}
        autoComplete="off"
      />
      <SelectField
        id={`${base}-edit-role`}
        label={t('admin.users.roleLabel')}
        value={role}
        options={roleOptions()}
        onChange={(value) => {
          if (isRole(value)) setRole(value);
        }}
        error={fieldMessage(error?.fields, 'role')}
      />
      <WelcomePointChecks
        id={`${base}-edit-welcomePointIds`}
        options={placeChoices(admin, places)}
        selected={places}
        onChange={setPlaces}
        error={fieldMessage(error?.fields, 'welcomePointIds')}
      />
      <PasswordField
        id={`${base}-edit-password`}
        label={t('admin.users.newPassword')}
        hint={t('admin.users.newPasswordHint')}
        value={password}
        onInput={setPassword}
        error={fieldMessage(error?.fields, 'password')}
      />
      <div class="admin-actions">
        <button type="submit" class="primary" disabled={props.busy}>
          {t('admin.save')}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('admin.cancel')}
        </button>
      </div>
    </form>
  );
}

type Mode = 'view' | 'edit' | 'confirm-deactivate' | 'confirm-revoke';

function UserItem(props: {
  admin: AdminModel;
  user: User;
  selfId: string | null;
  onDone: (text: string) => void;
}) {
  const { admin, user } = props;
  const [mode, setMode] = useState<Mode>('view');
  const update = admin.actions.updateUser;
  const revoke = admin.actions.revokeSessions;
  const busy = update.pending.value === user.id || revoke.pending.value === user.id;
  const error = errorFor(update.error.value, user.id) ?? errorFor(revoke.error.value, user.id);
  const base = itemId(user.id);
  const name = user.displayName;
  const self = user.id === props.selfId;

  function back(focusId: string) {
    setMode('view');
    update.clearError();
    revoke.clearError();
    focusSoon(focusId);
  }

  async function setDisabled(disabled: boolean) {
    const outcome = await admin.setUserDisabled(user.id, disabled);
    if (!outcome.ok) return;
    props.onDone(t(disabled ? 'admin.users.deactivated' : 'admin.users.reactivated', { name }));
    back(`${base}-name`);
  }

  async function revokeAll() {
    const outcome = await admin.revokeSessions(user.id);
    if (!outcome.ok) return;
    props.onDone(t('admin.users.revoked', { name, count: outcome.value }));
    back(`${base}-revoke`);
  }

  return (
    <li class={user.disabled ? 'archived' : undefined} data-testid="admin-user">
      <p id={`${base}-name`} class="admin-item-name" tabIndex={-1}>
        {name} {self && t('admin.users.you')}
        {user.disabled && <span class="admin-badge">{t('admin.users.disabled')}</span>}
      </p>
      <p>{t('admin.users.username', { username: user.username })}</p>
      <p>{t('admin.users.role', { role: t(`login.role.${user.role}`) })}</p>
      <p>{t('admin.users.places', { places: placesText(admin, user) })}</p>
      {mode === 'edit' ? (
        <EditUserForm
          admin={admin}
          user={user}
          error={errorFor(update.error.value, user.id)}
          busy={busy}
          onSaved={(saved) => {
            props.onDone(t('admin.users.saved', { name: saved.displayName }));
            back(`${base}-name`);
          }}
          onCancel={() => back(`${base}-edit`)}
        />
      ) : mode === 'confirm-deactivate' ? (
        <ConfirmBox
          id={`${base}-confirm`}
          question={t('admin.users.confirmDeactivate', { name })}
          yes={t('admin.users.confirmDeactivateYes', { name })}
          busy={busy}
          onYes={() => void setDisabled(true)}
          onCancel={() => back(`${base}-disable`)}
          error={error && failureMessage(error.kind)}
        />
      ) : mode === 'confirm-revoke' ? (
        <ConfirmBox
          id={`${base}-confirm`}
          question={t('admin.users.confirmRevoke', { name })}
          yes={t('admin.users.confirmRevokeYes')}
          busy={busy}
          onYes={() => void revokeAll()}
          onCancel={() => back(`${base}-revoke`)}
          error={error && failureMessage(error.kind)}
        />
      ) : (
        <div class="admin-actions">
          <button
            type="button"
            id={`${base}-edit`}
            onClick={() => {
              update.clearError();
              setMode('edit');
              focusSoon(`${base}-edit-displayName`);
            }}
          >
            {t('admin.users.edit')}
          </button>
          {/* Not on one's own account: that would lock the admin out of this screen. */}
          {!user.disabled && !self && (
            <button type="button" id={`${base}-revoke`} onClick={() => setMode('confirm-revoke')}>
              {t('admin.users.revoke')}
            </button>
          )}
          {user.disabled ? (
            <button
              type="button"
              id={`${base}-disable`}
              disabled={busy}
              onClick={() => void setDisabled(false)}
            >
              {t('admin.users.reactivate')}
            </button>
          ) : (
            !self && (
              <button type="button" id={`${base}-disable`} onClick={() => setMode('confirm-deactivate')}>
                {t('admin.users.deactivate')}
              </button>
            )
          )}
        </div>
      )}
      {error && (mode === 'view' || mode === 'edit') && (
        <p class="error" role="alert">
          {failureMessage(error.kind)}
        </p>
      )}
    </li>
  );
}

function NewUserForm({ admin, onDone }: { admin: AdminModel; onDone: (text: string, id: string) => void }) {
  const [displayName, setDisplayName] = useState('');
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<Role>('volunteer');
  const [places, setPlaces] = useState<string[]>([]);
  const [password, setPassword] = useState('');
  const action = admin.actions.createUser;
  const error = errorFor(action.error.value, '');
  const fields: AdminFieldErrors | undefined = error?.fields;

  async function create(event: Event) {
    event.preventDefault();
    const outcome = await admin.createUser({
      displayName,
      username,
      role,
      welcomePointIds: places,
      password,
    });
    if (outcome.ok) {
      setDisplayName('');
      setUsername('');
      setRole('volunteer');
      setPlaces([]);
      setPassword('');
      onDone(t('admin.users.added', { name: outcome.value.displayName }), outcome.value.id);
    } else {
      focusFirstError('admin-user-new', outcome.fields, NEW_USER_ORDER);
    }
  }

  return (
    <form
      class="admin-form card"
      onSubmit={(e) => void create(e)}
      noValidate
      aria-labelledby="admin-user-add-title"
    >
      <h3 id="admin-user-add-title">{t('admin.users.add.title')}</h3>
      <TextField
        id="admin-user-new-displayName"
        label={t('admin.users.displayName')}
        value={displayName}
        onInput={setDisplayName}
        error={fieldMessage(fields, 'displayName')}
        autoComplete="off"
      />
      <TextField
        id="admin-user-new-username"
        label={t('admin.users.usernameLabel')}
        hint={t('admin.users.usernameHint')}
        value={username}
        onInput={setUsername}
        error={fieldMessage(fields, 'username')}
        autoComplete="off"
      />
      <SelectField
        id="admin-user-new-role"
        label={t('admin.users.roleLabel')}
        value={role}
        options={roleOptions()}
        onChange={(value) => {
          if (isRole(value)) setRole(value);
        }}
        error={fieldMessage(fields, 'role')}
      />
      <WelcomePointChecks
        id="admin-user-new-welcomePointIds"
        options={admin.activeWelcomePoints.value}
        selected={places}
        onChange={setPlaces}
        error={fieldMessage(fields, 'welcomePointIds')}
      />
      <PasswordField
        id="admin-user-new-password"
        label={t('admin.users.password')}
        hint={t('admin.users.passwordHint')}
        value={password}
        onInput={setPassword}
        error={fieldMessage(fields, 'password')}
      />
      <button type="submit" class="primary" disabled={action.pending.value !== null}>
        {t('admin.users.add.submit')}
      </button>
      {error && (
        <p class="error" role="alert">
          {failureMessage(error.kind)}
        </p>
      )}
    </form>
  );
}

export function UsersSection({ admin, selfId }: { admin: AdminModel; selfId: string | null }) {
  const [done, setDone] = useState('');
  const list = admin.users.value;
  return (
    <section aria-labelledby="admin-users-title">
      <h2 id="admin-users-title">{t('admin.users.title')}</h2>
      <p class="admin-done" role="status">
        {done}
      </p>
      {list.length === 0 ? (
        <p>{t('admin.users.empty')}</p>
      ) : (
        <ul class="admin-list" aria-labelledby="admin-users-title">
          {list.map((user) => (
            <UserItem key={user.id} admin={admin} user={user} selfId={selfId} onDone={setDone} />
          ))}
        </ul>
      )}
      <NewUserForm
        admin={admin}
        onDone={(text, id) => {
          setDone(text);
          focusSoon(`${itemId(id)}-name`);
        }}
      />
    </section>
  );
}
