/** How the Ateliers screen words durations and hours of training, in the user's language. */
import { formatDecimal, t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import { ANONYMOUS_MAX, DURATION_MAX, DURATION_MIN } from '../../../state/workshops/workshop-form';

/** « 2 h », « 1 h 30 », « 45 min ». */
export function durationText(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return t('workshops.duration.minutes', { m });
  if (m === 0) return t('workshops.duration.hours', { h });
  return t('workshops.duration.hoursMinutes', { h, m: String(m).padStart(2, '0') });
}

/** Hours to the tenth in the user's number format: « 4,5 ». */
export function hoursNumber(hours: number): string {
  return formatDecimal(hours, 1);
}

/** The words of a workshop field's error code, with the schema's bounds where it names them. */
export function workshopErrorText(code: string | undefined): string | undefined {
  if (code === undefined) return undefined;
  return t(code as MessageKey, {
    min: durationText(DURATION_MIN),
    max: code === 'workshops.error.anonymous' ? ANONYMOUS_MAX : durationText(DURATION_MAX),
  });
}
