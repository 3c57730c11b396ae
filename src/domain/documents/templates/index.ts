/** Every letter template shipped with the app (one per kind and language). */
import type { DocumentLocale } from '../document-model';
import { gracePeriodRequestEn, gracePeriodRequestFr } from './grace-period-request';
import { reschedulingRequestEn, reschedulingRequestFr } from './rescheduling-request';
import { taxReliefRequestEn, taxReliefRequestFr } from './tax-relief-request';
import type { LetterKind, LetterTemplate } from './template-types';

export const LETTER_TEMPLATES: readonly LetterTemplate[] = [
  reschedulingRequestFr,
  reschedulingRequestEn,
  gracePeriodRequestFr,
  gracePeriodRequestEn,
  taxReliefRequestFr,
  taxReliefRequestEn,
];

/**
 * The template of a kind in a language.
 * @throws Error when none exists (every kind ships in both languages; a test checks it)
 */
export function letterTemplate(kind: LetterKind, locale: DocumentLocale): LetterTemplate {
  const found = LETTER_TEMPLATES.find((t) => t.kind === kind && t.locale === locale);
  if (!found) throw new Error(`no ${kind} template in ${locale}`);
  return found;
}
