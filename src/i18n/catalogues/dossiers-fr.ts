/** Strings of the dossiers screens. French reference: add keys here first, then in dossiers-en.ts. */
export const dossiersFr = {} as const;
