import type { dossiersFr } from './dossiers-fr';

export const dossiersEn: Record<keyof typeof dossiersFr, string> = {};
