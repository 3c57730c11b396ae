import { t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';

/** The words of a field's error code, in the user's language (undefined when no error). */
export function errorText(code: string | undefined): string | undefined {
  return code ? t(code as MessageKey) : undefined;
}

/** Options of a select from an enum, each worded with `prefix + value`. */
export function optionsOf(values: readonly string[], prefix: string) {
  return values.map((value) => ({ value, label: t(`${prefix}${value}` as MessageKey) }));
}

/** Words of an enum value, e.g. enumText('intake.role.', 'child'). */
export function enumText(prefix: string, value: string): string {
  return t(`${prefix}${value}` as MessageKey);
}

/** A normalised French number in pairs for reading, e.g. '0612345678' → '06 12 34 56 78'. */
export function displayPhone(phone: string): string {
  return /^0\d{9}$/.test(phone) ? (phone.match(/\d{2}/g) ?? []).join(' ') : phone;
}
