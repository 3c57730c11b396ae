import { t } from '../../i18n/i18n';
import { PageTitle } from '../components/page-title';

/** The dossiers list. The device store and its search arrive with the counsellor workspace. */
export function DossiersPage() {
  return (
    <section class="page">
      <PageTitle>{t('dossiers.title')}</PageTitle>
      <div class="empty-state">
        <p class="big">{t('dossiers.empty')}</p>
        <p>{t('dossiers.emptyHint')}</p>
      </div>
    </section>
  );
}
