import { useEffect, useRef } from 'preact/hooks';
import { supervisionEn } from '../../../i18n/catalogues/supervision-en';
import { supervisionFr } from '../../../i18n/catalogues/supervision-fr';
import { provideLazyCatalogue, t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import { useAppState } from '../../../state/app-state';
import type {
  DeviceAlert,
  QuarantineItem,
  QuarantineReason,
  SupervisionModel,
  SupervisionStatus,
} from '../../../state/supervision-model';
import { supervisionModelFor } from '../../../state/supervision-model';
import { PageTitle } from '../../components/page-title';
import { formatMoment } from '../../components/sync-format';
import './supervision.css';

// The screen's strings come with its chunk (ADR 0015), not with the app's first load.
provideLazyCatalogue({ fr: supervisionFr, en: supervisionEn });

/** Every reason in plain words: a new reason fails to compile until it has its sentence. */
const REASONS: Record<QuarantineReason, MessageKey> = {
  'invalid-mutation': 'supervision.reason.invalid-mutation',
  'upcast-failed': 'supervision.reason.upcast-failed',
  'invalid-patch': 'supervision.reason.invalid-patch',
  'schema-invalid': 'supervision.reason.schema-invalid',
  'unknown-row': 'supervision.reason.unknown-row',
  'unknown-household': 'supervision.reason.unknown-household',
  'household-mismatch': 'supervision.reason.household-mismatch',
  'append-only': 'supervision.reason.append-only',
  'transition-not-allowed': 'supervision.reason.transition-not-allowed',
  'left-scope': 'supervision.reason.left-scope',
  'erased-household': 'supervision.reason.erased-household',
};

const ALERT_REASONS: Record<DeviceAlert['reason'], MessageKey> = {
  'reported-by-device': 'supervision.alert.reported-by-device',
  'recent-activity': 'supervision.alert.recent-activity',
  'wiped-lost': 'supervision.alert.wiped-lost',
  'wiped-withdrawn': 'supervision.alert.wiped-withdrawn',
};

/** The filter's choices, in the order shown (QUAR3: `?status=` of both lists). */
const FILTERS: readonly { status: SupervisionStatus; label: MessageKey }[] = [
  { status: 'open', label: 'supervision.filter.open' },
  { status: 'handled', label: 'supervision.filter.handled' },
  { status: 'all', label: 'supervision.filter.all' },
];

function shortId(id: string): string {
  return id.length > 8 ? id.slice(-8) : id;
}

/** "Sam Martin (sam)", or the one name when both are the same. */
function named(displayName: string, username: string): string {
  return displayName === username ? displayName : `${displayName} (${username})`;
}

function person(displayName: string | null, username: string | null, userId: string): string {
  if (displayName === null || username === null)
    return t('supervision.unknownPerson', { id: shortId(userId) });
  return named(displayName, username);
}

/** Who marked an item handled, by name; an account that no longer exists says so, never its id. */
function handler(displayName: string | null, username: string | null): string {
  if (displayName === null || username === null) return t('supervision.deletedAccount');
  return named(displayName, username);
}

/** When and by whom an item was marked handled (QUAR3), as two more facts; nothing while open. */
function HandledFacts({
  item,
}: {
  item: { handledAt: number | null; handledByDisplayName: string | null; handledByUsername: string | null };
}) {
  if (item.handledAt === null) return null;
  return (
    <>
      <dt>{t('supervision.field.handledAt')}</dt>
      <dd>{formatMoment(item.handledAt)}</dd>
      <dt>{t('supervision.field.handledBy')}</dt>
      <dd data-testid="handled-by">{handler(item.handledByDisplayName, item.handledByUsername)}</dd>
    </>
  );
}

function device(name: string | null, id: string): string {
  const label = name?.trim();
  return label === undefined || label === '' ? t('supervision.unnamedDevice', { id: shortId(id) }) : label;
}

/** The "handled" button with its in-flight state and, on failure, the reason next to it. */
function HandledButton({
  model,
  id,
  describedBy,
  onHandle,
}: {
  model: SupervisionModel;
  id: string;
  describedBy: string;
  onHandle: () => void;
}) {
  const busy = model.pending.value.has(id);
  const failure = model.actionError.value?.id === id ? model.actionError.value.kind : null;
  return (
    <div class="supervision-action">
      <button type="button" class="primary" aria-describedby={describedBy} disabled={busy} onClick={onHandle}>
        {busy ? t('supervision.handling') : t('supervision.handled')}
      </button>
      {failure !== null && (
        <p class="error" role="alert">
          {t(`supervision.error.${failure}` as MessageKey)}
        </p>
      )}
    </div>
  );
}

function QuarantineCard({
  item,
  model,
  onHandled,
}: {
  item: QuarantineItem;
  model: SupervisionModel;
  onHandled: () => void;
}) {
  const headingId = `quarantine-${item.id}`;
  return (
    <li class="card supervision-item" data-testid="quarantine-item">
      <h3 id={headingId} tabIndex={-1}>
        {t(REASONS[item.reason])}
      </h3>
      <dl class="facts">
        <dt>{t('supervision.field.household')}</dt>
        <dd>
          {item.householdId === null ? (
            t('supervision.noHousehold')
          ) : (
            <a href={`/dossiers/${item.householdId}`}>{item.householdId}</a>
          )}
        </dd>
        <dt>{t('supervision.field.who')}</dt>
        <dd>{person(item.displayName, item.username, item.userId)}</dd>
        <dt>{t('supervision.field.device')}</dt>
        <dd>{device(item.deviceName, item.deviceId)}</dd>
        <dt>{t('supervision.field.when')}</dt>
        <dd>{formatMoment(item.receivedAt)}</dd>
        <dt>{t('supervision.field.detail')}</dt>
        <dd class="supervision-detail">{item.detail}</dd>
        <HandledFacts item={item} />
      </dl>
      <details class="supervision-payload">
        <summary>{t('supervision.quarantine.payload')}</summary>
        <pre>{JSON.stringify(item.payload, null, 2)}</pre>
      </details>
      {item.handledAt === null && (
        <HandledButton
          model={model}
          id={item.id}
          describedBy={headingId}
          onHandle={() => void model.markQuarantineHandled(item.id).then(onHandled)}
        />
      )}
    </li>
  );
}

function AlertCard({
  alert,
  model,
  onHandled,
}: {
  alert: DeviceAlert;
  model: SupervisionModel;
  onHandled: () => void;
}) {
  const headingId = `alert-${alert.id}`;
  return (
    <li class="card supervision-item" data-testid="device-alert">
      <h3 id={headingId} tabIndex={-1}>
        {t(ALERT_REASONS[alert.reason])}
      </h3>
      <dl class="facts">
        <dt>{t('supervision.field.who')}</dt>
        <dd>{person(alert.displayName, alert.username, alert.userId)}</dd>
        {alert.newDeviceId !== null && (
          <>
            <dt>{t('supervision.field.newDevice')}</dt>
            <dd>{device(alert.newDeviceName, alert.newDeviceId)}</dd>
          </>
        )}
        <dt>
          {t(alert.newDeviceId === null ? 'supervision.field.device' : 'supervision.field.previousDevice')}
        </dt>
        <dd>{device(alert.previousDeviceName, alert.previousDeviceId)}</dd>
        {alert.pendingChanges !== null && (
          <>
            <dt>{t('supervision.field.pending')}</dt>
            <dd>{alert.pendingChanges}</dd>
            <dt>{t('supervision.field.pendingHouseholds')}</dt>
            <dd>
              {(alert.pendingHouseholdIds ?? []).length === 0
                ? t('supervision.field.noHouseholds')
                : (alert.pendingHouseholdIds ?? []).map(shortId).join(', ')}
            </dd>
          </>
        )}
        <dt>{t('supervision.field.previousSeen')}</dt>
        <dd>{formatMoment(alert.previousLastSeenAt)}</dd>
        <dt>{t('supervision.field.when')}</dt>
        <dd>{formatMoment(alert.createdAt)}</dd>
        <HandledFacts item={alert} />
      </dl>
      {alert.handledAt === null && (
        <HandledButton
          model={model}
          id={alert.id}
          describedBy={headingId}
          onHandle={() => void model.markAlertHandled(alert.id).then(onHandled)}
        />
      )}
    </li>
  );
}

/** Which items both lists show: to handle, handled, or all (native radios: arrows move). */
function FilterChoice({ model, disabled }: { model: SupervisionModel; disabled: boolean }) {
  const current = model.filter.value;
  return (
    <fieldset class="supervision-filter" disabled={disabled}>
      <legend>{t('supervision.filter.legend')}</legend>
      {FILTERS.map(({ status, label }) => (
        <div class="supervision-filter-choice" key={status}>
          <input
            id={`supervision-filter-${status}`}
            type="radio"
            name="supervision-filter"
            value={status}
            checked={current === status}
            onChange={() => void model.setFilter(status)}
          />
          <label for={`supervision-filter-${status}`}>{t(label)}</label>
        </div>
      ))}
    </fieldset>
  );
}

/**
 * /supervision: for coordinators and admins, the quarantined mutations (QUAR1, QUAR3) and the
 * device alerts (DEV1), each to mark handled; a filter shows the handled ones (when, by whom)
 * instead, or all. Online only; others get a plain refusal.
 */
export function SupervisionPage() {
  const state = useAppState();
  const model = supervisionModelFor(state);
  const online = state.isOnline.value;
  const allowed = model.allowed.value;
  const quarantineHeading = useRef<HTMLHeadingElement>(null);
  const alertsHeading = useRef<HTMLHeadingElement>(null);

  // Load on arrival, and again when the connection comes back.
  useEffect(() => {
    if (allowed && online) void model.load();
  }, [allowed, online, model]);

  // Before the saved session is read (the first paint), nobody is refused yet: the title only.
  if (!allowed && !state.sync.sessionLoaded.value)
    return (
      <div class="supervision-page">
        <PageTitle>{t('supervision.title')}</PageTitle>
      </div>
    );
  if (!allowed) {
    const signedIn = state.sync.session.value !== null;
    return (
      <div class="supervision-page">
        <PageTitle>{t('supervision.title')}</PageTitle>
        <section class="card" aria-labelledby="supervision-refused">
          <h2 id="supervision-refused">{t('supervision.refused.title')}</h2>
          <p data-testid="supervision-refused">
            {signedIn ? t('supervision.refused.text') : t('supervision.refused.signIn')}
          </p>
          {!signedIn && <a href="/login">{t('supervision.refused.login')}</a>}
        </section>
      </div>
    );
  }

  const error = online ? model.loadError.value : 'offline';
  const loading = model.loading.value;
  const loaded = model.loaded.value;
  const items = model.quarantine.value;
  const alerts = model.alerts.value;
  const listed = model.listed.value;
  // After an item leaves the list, the focus goes to its section's heading, not to the page's
  // end; an item that stays (all items listed) keeps it on its own heading, its button gone.
  const focus =
    (ref: { current: HTMLHeadingElement | null }, list: { value: { id: string }[] }, prefix: string) =>
    () => {
      const id = model.lastHandled.value;
      if (id === null || model.actionError.value !== null) return;
      const stays = list.value.some((item) => item.id === id);
      const target = stays ? document.getElementById(`${prefix}-${id}`) : ref.current;
      target?.focus();
    };

  return (
    <div class="supervision-page">
      <PageTitle>{t('supervision.title')}</PageTitle>
      <p>{t('supervision.intro')}</p>
      <FilterChoice model={model} disabled={!online} />
      <div class="supervision-toolbar">
        <button type="button" onClick={() => void model.load()} disabled={loading || !online}>
          {t('supervision.refresh')}
        </button>
        <p role="status" class="supervision-live">
          {loading ? t('supervision.loading') : ''}
          {!loading && model.lastHandled.value !== null ? t('supervision.handledDone') : ''}
        </p>
      </div>
      {error !== null && (
        <p class="notice" role="alert" data-testid="supervision-error">
          {t(`supervision.error.${error}` as MessageKey)}
        </p>
      )}
      {loaded && (
        <>
          <section aria-labelledby="supervision-quarantine" class="supervision-section">
            <h2 id="supervision-quarantine" tabIndex={-1} ref={quarantineHeading}>
              {t('supervision.quarantine.title')} ({items.length})
            </h2>
            <p class="hint">{t('supervision.quarantine.help')}</p>
            {items.length === 0 ? (
              <p class="supervision-empty">
                {t(
                  listed === 'handled'
                    ? 'supervision.quarantine.emptyHandled'
                    : 'supervision.quarantine.empty',
                )}
              </p>
            ) : (
              <ul class="supervision-list">
                {items.map((item) => (
                  <QuarantineCard
                    key={item.id}
                    item={item}
                    model={model}
                    onHandled={focus(quarantineHeading, model.quarantine, 'quarantine')}
                  />
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="supervision-alerts" class="supervision-section">
            <h2 id="supervision-alerts" tabIndex={-1} ref={alertsHeading}>
              {t('supervision.alerts.title')} ({alerts.length})
            </h2>
            <p class="hint">{t('supervision.alerts.help')}</p>
            {alerts.length === 0 ? (
              <p class="supervision-empty">
                {t(listed === 'handled' ? 'supervision.alerts.emptyHandled' : 'supervision.alerts.empty')}
              </p>
            ) : (
              <ul class="supervision-list">
                {alerts.map((alert) => (
                  <AlertCard
                    key={alert.id}
                    alert={alert}
                    model={model}
                    onHandled={focus(alertsHeading, model.alerts, 'alert')}
                  />
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </div>
  );
}
