import { t } from '../../i18n/i18n';

/** The app's name and tagline, in the header and in the frame painted while the app loads. */
export function Brand() {
  return (
    <div class="brand">
      <span class="brand-name">{t('app.name')}</span>
      <span class="brand-tagline">{t('app.tagline')}</span>
    </div>
  );
}
