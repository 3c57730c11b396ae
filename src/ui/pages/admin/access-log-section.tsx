/**
 * Journal des accès (issue 16, docs/access-log.md ALOG6): who pulled, changed, opened, exported
 * or erased which household, newest first, filtered by a household id or a person. Dates in
 * Paris time wherever the admin reads them; people by display name, devices by their label;
 * actions in plain words. Part of the Administration chunk (ADR 0015).
 */
import { formatDateTime, t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import type { AccessLogEntry, AccessLogModel } from '../../../state/access-log-model';
import type { User } from '../../../state/admin-model';
import { SelectField } from '../../components/fields/select-field';
import { TextField } from '../../components/fields/text-field';
import { failureMessage } from './admin-shared';

const FORM = 'admin-access-log';
/** The association works in metropolitan France: its log reads in its own time. */
const PARIS = 'Europe/Paris';

function EntryRow({ entry }: { entry: AccessLogEntry }) {
  return (
    <tr>
      <td>{formatDateTime(entry.at, PARIS)}</td>
      <td>{entry.userDisplayName ?? t('admin.accessLog.unknownPerson')}</td>
      <td>{entry.deviceName ?? t('admin.accessLog.noDevice')}</td>
      <td>{t(`admin.accessLog.action.${entry.action}` as MessageKey)}</td>
      <td>{entry.householdId === null ? t('admin.accessLog.network') : <code>{entry.householdId}</code>}</td>
    </tr>
  );
}

export function AccessLogSection({
  model,
  users,
  online,
}: {
  model: AccessLogModel;
  users: readonly User[];
  online: boolean;
}) {
  const filter = model.filter.value;
  const failure = model.failure.value;
  const entries = model.entries.value;
  const pending = model.pending.value;
  return (
    <section aria-labelledby="access-log" class="card">
      <h2 id="access-log">{t('admin.accessLog.title')}</h2>
      <p class="hint">{t('admin.accessLog.intro')}</p>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void model.search().then(() => {
            if (model.householdInvalid.value) document.getElementById(`${FORM}-household`)?.focus();
          });
        }}
      >
        <TextField
          id={`${FORM}-household`}
          label={t('admin.accessLog.household')}
          hint={t('admin.accessLog.household.hint')}
          value={filter.householdId}
          onInput={(text) => model.setFilter({ householdId: text })}
          error={model.householdInvalid.value ? t('admin.accessLog.household.invalid') : undefined}
        />
        <SelectField
          id={`${FORM}-person`}
          label={t('admin.accessLog.person')}
          value={filter.userId}
          placeholder={t('admin.accessLog.everyone')}
          options={users.map((user) => ({ value: user.id, label: user.displayName }))}
          onChange={(userId) => model.setFilter({ userId })}
        />
        <button type="submit" class="primary" disabled={!online || pending}>
          {t('admin.accessLog.search')}
        </button>
      </form>
      <p role="status" data-testid="access-log-status">
        {pending ? t('admin.accessLog.loading') : ''}
        {!pending && model.searched.value && entries.length === 0 ? t('admin.accessLog.empty') : ''}
      </p>
      {failure !== null && (
        <p role="alert" class="notice" data-testid="access-log-failure">
          {failureMessage(failure)}
        </p>
      )}
      {entries.length > 0 && (
        <div class="access-log-scroll">
          <table data-testid="access-log-table">
            <caption>{t('admin.accessLog.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.accessLog.col.date')}</th>
                <th scope="col">{t('admin.accessLog.col.person')}</th>
                <th scope="col">{t('admin.accessLog.col.device')}</th>
                <th scope="col">{t('admin.accessLog.col.action')}</th>
                <th scope="col">{t('admin.accessLog.col.household')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <EntryRow key={entry.id} entry={entry} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {model.hasMore.value !== null && (
        <p>
          <button type="button" disabled={!online || pending} onClick={() => void model.more()}>
            {t('admin.accessLog.more')}
          </button>
        </p>
      )}
    </section>
  );
}
