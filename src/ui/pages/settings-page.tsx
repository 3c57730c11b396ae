import { useEffect } from 'preact/hooks';
import { DEVICE_LABEL_MAX_LENGTH } from '../../domain/device-settings';
import { formatBytes, t } from '../../i18n/i18n';
import { useAppState } from '../../state/app-state';
import { DeviceSettingsForm } from '../components/device-settings-form';
import { PageTitle } from '../components/page-title';
import { IdleMinutesForm } from './lock/idle-minutes-form';

export function SettingsPage() {
  const state = useAppState();
  const { storage, server, app } = state;
  useEffect(() => {
    void storage.refresh();
    void server.check();
  }, [storage, server]);

  const info = storage.info.value;
  const persistedText =
    info.persisted === 'granted'
      ? t('settings.storage.persistedYes')
      : info.persisted === 'denied'
        ? t('settings.storage.persistedNo')
        : t('settings.storage.persistedUnknown');
  const serverState = server.state.value;

  return (
    <section class="page">
      <PageTitle>{t('settings.title')}</PageTitle>

      <section class="card" aria-labelledby="device-title">
        <h2 id="device-title">{t('settings.device.title')}</h2>
        <DeviceSettingsForm model={state.deviceSettings} maxLength={DEVICE_LABEL_MAX_LENGTH} />
      </section>

      {state.lock !== undefined && (
        <section class="card" aria-labelledby="lock-settings-title">
          <h2 id="lock-settings-title">{t('lock.settings.title')}</h2>
          <IdleMinutesForm lock={state.lock} />
        </section>
      )}

      <section class="card" aria-labelledby="storage-title">
        <h2 id="storage-title">{t('settings.storage.title')}</h2>
        <dl class="facts">
          <dt>{t('settings.storage.persisted')}</dt>
          <dd data-testid="storage-persisted">{persistedText}</dd>
          <dt>{t('settings.storage.used')}</dt>
          <dd>{info.usageBytes === null ? t('settings.storage.unknown') : formatBytes(info.usageBytes)}</dd>
          <dt>{t('settings.storage.quota')}</dt>
          <dd>{info.quotaBytes === null ? t('settings.storage.unknown') : formatBytes(info.quotaBytes)}</dd>
        </dl>
      </section>

      <section class="card" aria-labelledby="app-title">
        <h2 id="app-title">{t('settings.app.title')}</h2>
        <dl class="facts">
          <dt>{t('settings.app.version')}</dt>
          <dd data-testid="app-version">{app.version}</dd>
          <dt>{t('settings.app.build')}</dt>
          <dd data-testid="app-build">{app.buildId}</dd>
          <dt>{t('settings.app.server')}</dt>
          <dd data-testid="server-url">{server.url}</dd>
          <dt>{t('settings.app.serverState')}</dt>
          <dd data-testid="server-state">
            {serverState.kind === 'reachable'
              ? t('settings.app.serverOk', { version: serverState.version })
              : serverState.kind === 'unreachable'
                ? t('settings.app.serverDown')
                : t('settings.app.serverChecking')}
          </dd>
        </dl>
      </section>
    </section>
  );
}
