/** Strings of the followup screens. French reference: add keys here first, then in followup-en.ts. */
export const followupFr = {} as const;
