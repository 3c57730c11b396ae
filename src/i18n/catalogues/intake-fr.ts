/** Strings of the intake screens. French reference: add keys here first, then in intake-en.ts. */
export const intakeFr = {} as const;
