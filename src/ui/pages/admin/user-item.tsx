/**
 * One user in the list: name, user name, role and welcome points, and its row actions: edit in
 * place, sign out their devices and deactivate (each after a confirmation), or reactivate; and
 * their devices on demand (user-devices.tsx, WIPE3). The focus comes back to where the person
 * was after each.
 */
import { useState } from 'preact/hooks';
import { t } from '../../../i18n/i18n';
import { type AdminModel, ALL_SCOPE_ROLES, type User } from '../../../state/admin-model';
import {
  ConfirmBox,
  errorFor,
  FailureAlert,
  failureMessage,
  focusSoon,
  TakeAwayButton,
} from './admin-shared';
import { UserDevices } from './user-devices';
import { EditUserForm } from './user-forms';

/** The id prefix of a user's row: `<prefix>-name` is the focus target after an action. */
export const userItemId = (id: string) => `admin-user-${id}`;

function placesText(admin: AdminModel, user: User): string {
  if (ALL_SCOPE_ROLES.includes(user.role)) {
    return t('admin.users.allPlaces', { role: t(`login.role.${user.role}`) });
  }
  const names = user.welcomePointIds.map(
    (id) => admin.welcomePoints.value.find((wp) => wp.id === id)?.name ?? id,
  );
  return names.length === 0 ? t('admin.users.noPlace') : names.join(', ');
}

type Mode = 'view' | 'edit' | 'confirm-deactivate' | 'confirm-revoke';

export function UserItem(props: {
  admin: AdminModel;
  user: User;
  selfId: string | null;
  onDone: (text: string) => void;
}) {
  const { admin, user } = props;
  const [mode, setMode] = useState<Mode>('view');
  const [showDevices, setShowDevices] = useState(false);
  const update = admin.actions.updateUser;
  const revoke = admin.actions.revokeSessions;
  const busy = update.pending.value === user.id || revoke.pending.value === user.id;
  const error = errorFor(update.error.value, user.id) ?? errorFor(revoke.error.value, user.id);
  const base = userItemId(user.id);
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
          idPrefix={`${base}-edit`}
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
          {(user.disabled || !self) && (
            <TakeAwayButton
              id={`${base}-disable`}
              takenAway={user.disabled}
              busy={busy}
              takeAwayLabel={t('admin.users.deactivate')}
              giveBackLabel={t('admin.users.reactivate')}
              onTakeAway={() => setMode('confirm-deactivate')}
              onGiveBack={() => void setDisabled(false)}
            />
          )}
        </div>
      )}
      {error && (mode === 'view' || mode === 'edit') && <FailureAlert error={error} />}
      {/* WIPE3: the devices, shown on demand (one request per user, not one per list). */}
      <button
        type="button"
        id={`${base}-devices`}
        aria-expanded={showDevices}
        aria-controls={showDevices ? `${base}-devices-list` : undefined}
        onClick={() => setShowDevices(!showDevices)}
      >
        {t('admin.devices.show', { name })}
      </button>
      {showDevices && (
        <div id={`${base}-devices-list`}>
          <UserDevices admin={admin} user={user} idPrefix={`${base}-device`} onDone={props.onDone} />
        </div>
      )}
    </li>
  );
}
