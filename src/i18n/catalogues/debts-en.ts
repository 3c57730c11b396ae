import type { debtsFr } from './debts-fr';

export const debtsEn: Record<keyof typeof debtsFr, string> = {};
