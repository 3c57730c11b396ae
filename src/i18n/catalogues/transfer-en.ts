import type { transferFr } from './transfer-fr';

export const transferEn: Record<keyof typeof transferFr, string> = {};
