import type { followupFr } from './followup-fr';

export const followupEn: Record<keyof typeof followupFr, string> = {};
