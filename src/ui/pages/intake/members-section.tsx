import { useEffect, useMemo, useState } from 'preact/hooks';
import type { MemberRow } from '../../../domain/dossier/rows';
import { formatDate, t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import { useAppState } from '../../../state/app-state';
import { createFormModel } from '../../../state/form-model';
import {
  emptyMemberValues,
  type MemberField,
  type MemberIntake,
  memberFields,
  memberPatch,
  memberValuesOf,
  validateMemberValues,
} from '../../../state/intake/member-intake';
import type { DossierModel } from '../../../state/workspace/dossier-model';
import { describeWriteError } from '../../../state/workspace/workspace-model';
import { enumText } from './field-text';
import { IntakeCard } from './intake-card';
import { MemberFields } from './member-fields';
import { SaveStatus } from './save-status';

export function memberName(member: Pick<MemberRow, 'firstName' | 'lastName' | 'role'>): string {
  return (
    [member.firstName, member.lastName].filter(Boolean).join(' ') || enumText('intake.role.', member.role)
  );
}

function MemberForm({
  model,
  member,
  onDone,
  title,
}: {
  model: DossierModel;
  member?: MemberRow;
  onDone: () => void;
  title: string;
}) {
  const { drafts, workspace } = useAppState();
  const form = useMemo(
    () =>
      createFormModel<MemberField, MemberIntake>({
        formId: member ? `member:${member.id}` : `member:new:${model.householdId}`,
        drafts,
        initial: member ? memberValuesOf(member) : emptyMemberValues('child'),
        validate: (values) => validateMemberValues(values, workspace.today()),
        save: async (value, receipt) => {
          if (member) await model.updateRow('member', member.id, memberPatch(value, member), receipt);
          else await model.addRow('member', memberFields(value), receipt);
        },
        describeError: describeWriteError,
      }),
    [member?.id, model, drafts, workspace],
  );
  useEffect(() => {
    void form.load();
  }, [form]);
  const idPrefix = member ? `member-${member.id}` : 'member-new';
  return (
    <form
      class="member-fieldset"
      noValidate
      aria-labelledby={`${idPrefix}-title`}
      onSubmit={async (event) => {
        event.preventDefault();
        if (await form.submit()) onDone();
      }}
    >
      <h3 id={`${idPrefix}-title`}>{title}</h3>
      {form.draftRestored.value && (
        <p class="notice" role="status">
          {t('common.draftRestored')}
        </p>
      )}
      <MemberFields
        idPrefix={idPrefix}
        values={form.values.value}
        errors={form.errors.value}
        onEdit={(field, text) => void form.edit(field as MemberField, text)}
      />
      <div class="actions">
        <button type="submit" class="primary" disabled={form.status.value.kind === 'saving'}>
          {t('intake.member.save')}
        </button>
        <button
          type="button"
          onClick={async () => {
            await form.discard();
            onDone();
          }}
        >
          {t('common.cancel')}
        </button>
      </div>
      <SaveStatus status={form.status.value} />
    </form>
  );
}

/** The people of the household: listed, added, edited, removed (as a tombstone). */
export function MembersSection({ model, members }: { model: DossierModel; members: readonly MemberRow[] }) {
  const { drafts } = useAppState();
  const [editing, setEditing] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);

  // A draft left by a reload reopens its form.
  useEffect(() => {
    let live = true;
    void (async () => {
      if (await drafts.load(`member:new:${model.householdId}`)) {
        if (live) setAdding(true);
        return;
      }
      for (const member of members) {
        if (await drafts.load(`member:${member.id}`)) {
          if (live) setEditing(member.id);
          return;
        }
      }
    })();
    return () => {
      live = false;
    };
  }, [model.householdId, drafts]);

  async function remove(member: MemberRow) {
    setDeleteError(null);
    try {
      await model.removeRow('member', member.id);
      setConfirming(null);
    } catch (cause) {
      setDeleteError(describeWriteError(cause));
    }
  }

  return (
    <IntakeCard titleId="intake-members-title" title={t('intake.members.title')}>
      {members.length === 0 && <p>{t('intake.members.empty')}</p>}
      <ul class="member-list">
        {members.map((member) => {
          const name = memberName(member);
          if (editing === member.id) {
            return (
              <li key={member.id}>
                <MemberForm
                  model={model}
                  member={member}
                  title={t('intake.member.editTitle', { name })}
                  onDone={() => setEditing(null)}
                />
              </li>
            );
          }
          return (
            <li key={member.id}>
              <p class="member-name">{name}</p>
              <p>
                {enumText('intake.role.', member.role)} ·{' '}
                {t('intake.member.born', { date: formatDate(member.birthDate) })}
                {member.custody ? ` · ${enumText('intake.custody.', member.custody)}` : ''}
              </p>
              {confirming === member.id ? (
                <div class="confirm-box">
                  <p>{t('intake.member.confirmDelete', { name })}</p>
                  <div class="actions">
                    <button type="button" class="primary" onClick={() => void remove(member)}>
                      {t('intake.member.confirmYes', { name })}
                    </button>
                    <button type="button" onClick={() => setConfirming(null)}>
                      {t('common.cancel')}
                    </button>
                  </div>
                  {deleteError && (
                    <p class="error" role="alert">
                      {t('intake.member.deleteFailed', { reason: t(deleteError as MessageKey) })}
                    </p>
                  )}
                </div>
              ) : (
                <div class="actions">
                  <button type="button" onClick={() => setEditing(member.id)}>
                    {t('intake.member.edit', { name })}
                  </button>
                  <button type="button" onClick={() => setConfirming(member.id)}>
                    {t('intake.member.delete', { name })}
                  </button>
                </div>
              )}
            </li>
          );
        })}
      </ul>
      {adding ? (
        <MemberForm model={model} title={t('intake.member.addTitle')} onDone={() => setAdding(false)} />
      ) : (
        <button type="button" onClick={() => setAdding(true)}>
          {t('intake.member.add')}
        </button>
      )}
    </IntakeCard>
  );
}
