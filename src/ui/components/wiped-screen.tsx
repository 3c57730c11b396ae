import { t } from '../../i18n/i18n';

import { lazyWithWords } from '../lazy-page';

const LoginPage = lazyWithWords(() => import('../pages/login/login-page'), 'LoginPage');

/**
 * WIPE10: after the device erased itself on the association's order, the app shows one plain
 * sentence and the login page, whatever page was open (it held dossiers that are gone).
 * The sentence stays until someone signs in.
 */
export function WipedScreen() {
  return (
    <>
      <section
        class="banner sync-banner"
        role="alert"
        aria-labelledby="wiped-title"
        data-testid="wiped-screen"
      >
        <h1 id="wiped-title" class="sync-banner-title">
          {t('wiped.title')}
        </h1>
      </section>
      <LoginPage />
    </>
  );
}
