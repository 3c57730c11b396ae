import type { budgetFr } from './budget-fr';

export const budgetEn: Record<keyof typeof budgetFr, string> = {};
