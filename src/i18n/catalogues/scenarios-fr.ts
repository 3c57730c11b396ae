/** Strings of the scenarios screens. French reference: add keys here first, then in scenarios-en.ts. */
export const scenariosFr = {} as const;
