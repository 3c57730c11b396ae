/** The totals of the Debts screen, over the live debts of a dossier (integer cents). */
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
    owed += d.capitalRemainingCents + d.arrearsCents + (d.accruedInterestCents ?? 0);
    arrears += d.arrearsCents;
    monthly += d.instalmentMonthlyCents + d.insuranceMonthlyCents;
  }
  return { owedCents: owed, arrearsCents: arrears, monthlyCents: monthly, count: live.length };
}
