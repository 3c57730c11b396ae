import type { scenariosFr } from './scenarios-fr';

export const scenariosEn: Record<keyof typeof scenariosFr, string> = {};
