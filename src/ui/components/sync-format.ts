/** Formatting shared by the sync components: ages ("2 jours") and sync times. */
import { intlTag, t } from '../../i18n/i18n';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** An age in words: "quelques instants", "5 minutes", "3 heures", "2 jours". */
export function formatAge(ms: number): string {
  if (ms < MINUTE) return t('sync.age.justNow');
  if (ms < HOUR) {
    const n = Math.floor(ms / MINUTE);
    return n === 1 ? t('sync.age.minute') : t('sync.age.minutes', { count: n });
  }
  if (ms < DAY) {
    const n = Math.floor(ms / HOUR);
    return n === 1 ? t('sync.age.hour') : t('sync.age.hours', { count: n });
  }
  const n = Math.floor(ms / DAY);
  return n === 1 ? t('sync.age.day') : t('sync.age.days', { count: n });
}

/** A moment (Unix ms) as a short local date and time. */
export function formatMoment(ms: number): string {
  return new Intl.DateTimeFormat(intlTag(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(ms));
}
