/** Strings of the debts screens. French reference: add keys here first, then in debts-en.ts. */
export const debtsFr = {} as const;
