import { formatDate, t } from '../../../i18n/i18n';
import { enumText } from './field-text';

export interface ConsentPrintContent {
  householdName: string;
  reference?: string | undefined;
  /** Who consents, when it is one person rather than the household. */
  personName?: string | undefined;
  purpose: string;
  purposeDetails?: string | undefined;
  /** 'YYYY-MM-DD', or '' when not chosen yet. */
  date: string;
  recordedBy: string;
}

/** The consent form as printed: hidden on screen, the only thing on paper (see intake.css). */
export function ConsentPrint({ content }: { content: ConsentPrintContent }) {
  return (
    <section class="consent-print" data-testid="consent-print" aria-labelledby="consent-print-title">
      <h2 id="consent-print-title">{t('intake.print.title')}</h2>
      <p>{t('intake.print.household', { name: content.householdName })}</p>
      {content.reference && <p>{t('intake.print.reference', { reference: content.reference })}</p>}
      {content.personName && <p>{t('intake.consent.givenBy', { name: content.personName })}</p>}
      <p>
        <strong>{t('intake.print.body', { purpose: enumText('intake.purpose.', content.purpose) })}</strong>
      </p>
      {content.purposeDetails && <p>{t('intake.print.details', { details: content.purposeDetails })}</p>}
      <p>{t('intake.print.rights')}</p>
      <p>{t('intake.print.date', { date: content.date ? formatDate(content.date) : '' })}</p>
      <p>{t('intake.print.recordedBy', { name: content.recordedBy })}</p>
      <p class="signature">{t('intake.print.signPerson')}</p>
      <p class="signature">{t('intake.print.signCounsellor')}</p>
    </section>
  );
}
