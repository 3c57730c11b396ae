/**
 * Utilisateurs: the list (name, user name, role, welcome points, deactivated or not; each row
 * and its actions in user-item.tsx) and the form to create an account (user-forms.tsx). What
 * was just done is said in the section's live region.
 */
import { useState } from 'preact/hooks';
import { t } from '../../../i18n/i18n';
import type { AdminModel } from '../../../state/admin-model';
import { AdminListSection, focusSoon } from './admin-shared';
import { NewUserForm } from './user-forms';
import { UserItem, userItemId } from './user-item';

export function UsersSection({ admin, selfId }: { admin: AdminModel; selfId: string | null }) {
  const [done, setDone] = useState('');
  return (
    <AdminListSection
      titleId="admin-users-title"
      title={t('admin.users.title')}
      done={done}
      emptyText={t('admin.users.empty')}
      items={admin.users.value.map((user) => (
        <UserItem key={user.id} admin={admin} user={user} selfId={selfId} onDone={setDone} />
      ))}
    >
      <NewUserForm
        admin={admin}
        onDone={(text, id) => {
          setDone(text);
          focusSoon(`${userItemId(id)}-name`);
        }}
      />
    </AdminListSection>
  );
}
