import { t } from '../i18n/i18n';
import { Brand } from './components/brand';

/** The frame shown while the application loads: the same header and navigation, no data yet. */
export function LoadingFrame() {
  return (
    <>
      <header class="app-header">
        <Brand />
        <nav aria-label={t('nav.label')}>
          <ul>
            <li>
              <a href="/dossiers">{t('nav.dossiers')}</a>
            </li>
            <li>
              <a href="/settings">{t('nav.settings')}</a>
            </li>
          </ul>
        </nav>
      </header>
      <main id="main">
        <p role="status" class="loading-frame">
          {t('app.opening')}
        </p>
      </main>
    </>
  );
}
