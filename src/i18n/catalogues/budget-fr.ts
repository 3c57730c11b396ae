/** Strings of the budget screens. French reference: add keys here first, then in budget-en.ts. */
export const budgetFr = {} as const;
