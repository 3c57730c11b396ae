/** The totals of the Debts screen, over the live debts of a dossier (integer cents). */
import { monthlyServiceCents, outstandingCents } from '../../domain/budget/debt-summary';
import type { DebtRow } from '../../domain/dossier/rows';

export interface DebtTotals {
  /** Capital remaining + arrears + accrued interest, as the diagnosis counts what is owed. */
  readonly owedCents: number;
  readonly arrearsCents: number;
  /** Instalments plus insurance, a month. */
  readonly monthlyCents: number;
  readonly count: number;
}

export function debtTotals(debts: readonly DebtRow[]): DebtTotals {
  const live = debts.filter((d) => !d.deleted);
  let owed = 0;
  let arrears = 0;
  let monthly = 0;
  for (const d of live) {
    owed += outstandingCents(d);
    arrears += d.arrearsCents;
    monthly += monthlyServiceCents(d);
  }
  return { owedCents: owed, arrearsCents: arrears, monthlyCents: monthly, count: live.length };
}
