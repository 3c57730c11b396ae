/** Formatting shared by the sync components: ages ("2 jours") and sync times. */
import { formatDateTime, t } from '../../i18n/i18n';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** An age in words: "quelques instants", "5 minutes", "3 heures", "2 jours". */
export function formatAge(ms: number): string {
  if (ms < MINUTE) return t('sync.age.justNow');
  if (ms < HOUR) {
    return t('sync.age.minutes', { count: Math.floor(ms / MINUTE) });
  }
  if (ms < DAY) {
    return t('sync.age.hours', { count: Math.floor(ms / HOUR) });
  }
  return t('sync.age.days', { count: Math.floor(ms / DAY) });
}

/** A moment (Unix ms) as a short local date and time. */
export function formatMoment(ms: number): string {
  return formatDateTime(ms);
}
