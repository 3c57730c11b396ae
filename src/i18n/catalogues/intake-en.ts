import type { intakeFr } from './intake-fr';

export const intakeEn: Record<keyof typeof intakeFr, string> = {};
