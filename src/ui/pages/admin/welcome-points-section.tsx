/**
 * Lieux d'accueil: the list (name, open or archived), rename in place, archive after a
 * confirmation (or reopen), and the form to add one.
 */
import { useState } from 'preact/hooks';
import { t } from '../../../i18n/i18n';
import type { AdminModel, WelcomePoint } from '../../../state/admin-model';
import { TextField } from '../../components/fields/text-field';
import {
  AddForm,
  AdminListSection,
  ConfirmBox,
  errorFor,
  FailureAlert,
  failureMessage,
  fieldMessage,
  focusSoon,
  SaveOrCancel,
  TakeAwayButton,
} from './admin-shared';

const itemId = (id: string) => `admin-wp-${id}`;

function WelcomePointItem({
  admin,
  wp,
  onDone,
}: {
  admin: AdminModel;
  wp: WelcomePoint;
  onDone: (text: string) => void;
}) {
  const action = admin.actions.updateWelcomePoint;
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(wp.name);
  const [confirming, setConfirming] = useState(false);
  const busy = action.pending.value === wp.id;
  const error = errorFor(action.error.value, wp.id);
  const base = itemId(wp.id);

  async function rename(event: Event) {
    event.preventDefault();
    const outcome = await admin.renameWelcomePoint(wp.id, name);
    if (outcome.ok) {
      setRenaming(false);
      onDone(t('admin.wp.renamed', { name: outcome.value.name }));
      focusSoon(`${base}-name`);
    } else if (outcome.fields.name !== undefined) {
      focusSoon(`${base}-rename-name`);
    }
  }

  async function setArchived(archived: boolean) {
    const outcome = await admin.setWelcomePointArchived(wp.id, archived);
    if (!outcome.ok) return;
    setConfirming(false);
    onDone(t(archived ? 'admin.wp.archivedDone' : 'admin.wp.restored', { name: wp.name }));
    focusSoon(`${base}-name`);
  }

  return (
    <li class={wp.archived ? 'archived' : undefined} data-testid="admin-wp">
      <p id={`${base}-name`} class="admin-item-name" tabIndex={-1}>
        {wp.name}
        <span class="admin-badge">{wp.archived ? t('admin.wp.archived') : t('admin.wp.active')}</span>
      </p>
      {renaming ? (
        <form class="admin-form" onSubmit={(e) => void rename(e)} noValidate>
          <TextField
            id={`${base}-rename-name`}
            label={t('admin.wp.renameLabel', { name: wp.name })}
            value={name}
            onInput={setName}
            error={fieldMessage(error?.fields, 'name')}
          />
          <SaveOrCancel
            busy={busy}
            onCancel={() => {
              setRenaming(false);
              setName(wp.name);
              action.clearError();
              focusSoon(`${base}-rename`);
            }}
          />
        </form>
      ) : confirming ? (
        <ConfirmBox
          id={`${base}-confirm`}
          question={t('admin.wp.confirmArchive', { name: wp.name })}
          yes={t('admin.wp.confirmArchiveYes', { name: wp.name })}
          busy={busy}
          onYes={() => void setArchived(true)}
          onCancel={() => {
            setConfirming(false);
            action.clearError();
            focusSoon(`${base}-archive`);
          }}
          error={error && failureMessage(error.kind)}
        />
      ) : (
        <div class="admin-actions">
          <button
            type="button"
            id={`${base}-rename`}
            onClick={() => {
              setName(wp.name);
              setRenaming(true);
              action.clearError();
              focusSoon(`${base}-rename-name`);
            }}
          >
            {t('admin.wp.rename')}
          </button>
          <TakeAwayButton
            id={`${base}-archive`}
            takenAway={wp.archived}
            busy={busy}
            takeAwayLabel={t('admin.wp.archive')}
            giveBackLabel={t('admin.wp.restore')}
            onTakeAway={() => {
              action.clearError();
              setConfirming(true);
            }}
            onGiveBack={() => void setArchived(false)}
          />
        </div>
      )}
      {error && !confirming && <FailureAlert error={error} />}
    </li>
  );
}

export function WelcomePointsSection({ admin }: { admin: AdminModel }) {
  const [name, setName] = useState('');
  const [done, setDone] = useState('');
  const action = admin.actions.createWelcomePoint;
  const error = errorFor(action.error.value, '');
  const list = admin.welcomePoints.value;

  async function add(event: Event) {
    event.preventDefault();
    const outcome = await admin.createWelcomePoint(name);
    if (outcome.ok) {
      setName('');
      setDone(t('admin.wp.added', { name: outcome.value.name }));
      focusSoon(`${itemId(outcome.value.id)}-name`);
    } else if (outcome.fields.name !== undefined) {
      focusSoon('admin-wp-new-name');
    }
  }

  return (
    <AdminListSection
      titleId="admin-wp-title"
      title={t('admin.wp.title')}
      done={done}
      emptyText={t('admin.wp.empty')}
      items={list.map((wp) => <WelcomePointItem key={wp.id} admin={admin} wp={wp} onDone={setDone} />)}
    >
      <AddForm
        titleId="admin-wp-add-title"
        title={t('admin.wp.add.title')}
        submitLabel={t('admin.wp.add.submit')}
        pending={action.pending.value !== null}
        error={error}
        onSubmit={add}
      >
        <TextField
          id="admin-wp-new-name"
          label={t('admin.wp.add.name')}
          value={name}
          onInput={setName}
          error={fieldMessage(error?.fields, 'name')}
        />
      </AddForm>
    </AdminListSection>
  );
}
