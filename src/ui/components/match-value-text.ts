/**
 * A value a duplicate reason compares (DUP1), as people read it: a birth date written out, a phone
 * number in pairs of digits, a creditor reference as "creditor · reference". One place for the
 * intake's warning and the coordinator's console.
 */
import type { MatchReason } from '../../domain/matching';
import { formatDate } from '../../i18n/i18n';
import { displayPhone } from '../pages/intake/field-text';

export function matchValueText(field: MatchReason['field'], value: string): string {
  if (field === 'birth_date' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
  if (field === 'phone') return displayPhone(value);
  if (field === 'creditor_reference') return value.replace('|', ' · ');
  return value;
}
