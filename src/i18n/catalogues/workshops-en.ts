import type { Message } from '../i18n';
import type { workshopsFr } from './workshops-fr';

/** Strings of budget workshops the app needs before the Workshops page loads. English. */
export const workshopsEn: Record<keyof typeof workshopsFr, Message> = {
  'nav.workshops': 'Workshops',
  'workshops.attended': {
    one: 'Workshop attended: {count} ({hours} h)',
    other: 'Workshops attended: {count} ({hours} h)',
  },
  'workshops.attended.session': '{date}: {topic}',
};
