import { t } from '../../i18n/i18n';
import { PageTitle } from '../components/page-title';

// Filled in by the intake change (issue 5): household, members, consent, duplicate warning.
export function NewDossierPage() {
  return (
    <section class="page">
      <PageTitle>{t('dossiers.new')}</PageTitle>
    </section>
  );
}
