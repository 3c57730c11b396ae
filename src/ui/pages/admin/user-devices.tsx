/**
 * One user's devices on the Administration screen (WIPE3, WIPE5, docs/remote-wipe.md): last
 * contact and state of each, "Déclarer perdu" and "Retirer l'accès" (each after a confirmation
 * that says what happens to unsent changes), and "Annuler la demande" while an order waits.
 * The focus comes back to the device's name after each action.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { formatDateTime, t } from '../../../i18n/i18n';
import {
  type AdminDevice,
  deviceState,
  type UserDevicesModel,
  type WipeMode,
} from '../../../state/admin-devices-model';
import type { AdminModel, User } from '../../../state/admin-model';
import { ConfirmBox, failureMessage, focusSoon } from './admin-shared';

function deviceLabel(device: AdminDevice): string {
  const name = device.name?.trim();
  return name === undefined || name === ''
    ? t('admin.devices.unnamed', { id: device.deviceId.slice(-8) })
    : name;
}

function stateText(device: AdminDevice): string {
  const state = deviceState(device);
  return t(`admin.devices.state.${state}`, { when: formatDateTime(device.wipe?.confirmedAt ?? 0) });
}

function DeviceRow(props: {
  model: UserDevicesModel;
  device: AdminDevice;
  idPrefix: string;
  onDone: (text: string) => void;
}) {
  const { model, device } = props;
  const [asking, setAsking] = useState<WipeMode | null>(null);
  const base = `${props.idPrefix}-${device.deviceId}`;
  const label = deviceLabel(device);
  const busy = model.pending.value === device.deviceId;
  const failure = model.failure.value?.target === device.deviceId ? model.failure.value : null;
  const waiting = device.wipe !== null && device.wipe.confirmedAt === null;

  function back(): void {
    setAsking(null);
    focusSoon(`${base}-name`);
  }

  async function order(mode: WipeMode): Promise<void> {
    if (!(await model.order(device.deviceId, mode))) return;
    props.onDone(t('admin.devices.ordered', { device: label }));
    back();
  }

  async function cancel(): Promise<void> {
    if (!(await model.cancel(device.deviceId))) return;
    props.onDone(t('admin.devices.cancelled', { device: label }));
    back();
  }

  return (
    <li data-testid="admin-device">
      <p id={`${base}-name`} class="admin-item-name" tabIndex={-1}>
        {label}
      </p>
      <p>{t('admin.devices.lastContact', { when: formatDateTime(device.lastSeenAt) })}</p>
      <p>{stateText(device)}</p>
      {asking !== null ? (
        <ConfirmBox
          id={`${base}-confirm`}
          question={t(asking === 'lost' ? 'admin.devices.confirmLost' : 'admin.devices.confirmWithdraw', {
            device: label,
          })}
          yes={t(asking === 'lost' ? 'admin.devices.confirmLostYes' : 'admin.devices.confirmWithdrawYes')}
          busy={busy}
          onYes={() => void order(asking)}
          onCancel={back}
          error={failure === null ? undefined : failureMessage(failure.kind)}
        />
      ) : (
        device.wipe?.confirmedAt == null && (
          <div class="admin-actions">
            {device.wipe?.mode !== 'lost' && (
              <button type="button" disabled={busy} onClick={() => setAsking('lost')}>
                {t('admin.devices.markLost')}
              </button>
            )}
            {device.wipe === null && (
              <button type="button" disabled={busy} onClick={() => setAsking('withdrawn')}>
                {t('admin.devices.withdraw')}
              </button>
            )}
            {waiting && (
              <button type="button" disabled={busy} onClick={() => void cancel()}>
                {t('admin.devices.cancel')}
              </button>
            )}
          </div>
        )
      )}
      {failure !== null && asking === null && (
        <p class="error" role="alert">
          {failureMessage(failure.kind)}
        </p>
      )}
    </li>
  );
}

/** The devices of `user`, loaded when shown. */
export function UserDevices(props: {
  admin: AdminModel;
  user: User;
  idPrefix: string;
  onDone: (text: string) => void;
}) {
  const { admin, user } = props;
  const model = useMemo(() => admin.devicesOf(user.id), [admin, user.id]);
  useEffect(() => {
    void model.load();
  }, [model]);
  const devices = model.devices.value;
  const headingId = `${props.idPrefix}-title`;
  const listFailure = model.failure.value?.target === '' ? model.failure.value : null;
  return (
    <section class="admin-devices" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('admin.devices.title', { name: user.displayName })}</h3>
      {listFailure !== null ? (
        <p class="error" role="alert">
          {failureMessage(listFailure.kind)}
        </p>
      ) : devices === null ? (
        <p role="status">{t('admin.devices.loading')}</p>
      ) : devices.length === 0 ? (
        <p>{t('admin.devices.none')}</p>
      ) : (
        <ul class="admin-list">
          {devices.map((device) => (
            <DeviceRow
              key={device.deviceId}
              model={model}
              device={device}
              idPrefix={props.idPrefix}
              onDone={props.onDone}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
