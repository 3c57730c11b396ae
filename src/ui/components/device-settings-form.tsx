import { useEffect } from 'preact/hooks';
import { t } from '../../i18n/i18n';
import type { DeviceSettingsModel } from '../../state/device-settings-model';

export function DeviceSettingsForm({ model, maxLength }: { model: DeviceSettingsModel; maxLength: number }) {
  useEffect(() => {
    void model.load();
  }, [model]);

  const error = model.error.value;
  const status = model.status.value;
  const errorText =
    error === 'tooLong'
      ? t('settings.device.tooLong', { max: maxLength })
      : error === 'required'
        ? t('settings.device.required')
        : null;

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void model.save();
      }}
    >
      {model.draftRestored.value && (
        <p class="notice" role="status" data-testid="draft-restored">
          {t('settings.device.draftRestored')}
        </p>
      )}
      <div class="field">
        <label for="device-label">{t('settings.device.label')}</label>
        <p id="device-label-hint" class="hint">
          {t('settings.device.hint')}
        </p>
        <input
          id="device-label"
          name="deviceLabel"
          type="text"
          autoComplete="off"
          value={model.value.value}
          aria-describedby={errorText ? 'device-label-hint device-label-error' : 'device-label-hint'}
          aria-invalid={errorText ? 'true' : undefined}
          onInput={(event) => void model.edit(event.currentTarget.value)}
        />
        {errorText && (
          <p id="device-label-error" class="field-error">
            {errorText}
          </p>
        )}
      </div>
      <button type="submit" class="primary">
        {t('settings.device.save')}
      </button>
      <p role="status" class="save-status">
        {status.kind === 'saved' && t('settings.device.saved')}
        {status.kind === 'failed' && t('settings.device.saveFailed', { reason: status.reason })}
      </p>
    </form>
  );
}
