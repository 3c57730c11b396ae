/** Strings of the transfer screens. French reference: add keys here first, then in transfer-en.ts. */
export const transferFr = {} as const;
