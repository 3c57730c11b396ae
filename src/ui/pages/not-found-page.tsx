import { t } from '../../i18n/i18n';
import { PageTitle } from '../components/page-title';

export function NotFoundPage() {
  return (
    <section class="page">
      <PageTitle>{t('notFound.title')}</PageTitle>
      <p>{t('notFound.body')}</p>
      <p>
        <a href="/dossiers">{t('notFound.back')}</a>
      </p>
    </section>
  );
}
