/** Inputs and outputs of the month-by-month simulation (simulate-schedule.ts). */
import type { IsoDate } from '../dates';
import type { CreditorCategory } from '../household/creditor';
import type { Cents } from '../money';
import type { AllocationPolicy } from './allocation-policy';
import type { CapacityPlan } from './capacity-plan';

/**
 * How a payment is imputed. 'interest-first': the usual amortisation (interest due, then
 * capital). 'capital-first': capital, then interest (C. consom. L733-1 2°, our reading in
 * docs/decisions/0006-rescheduling-allocation.md). In both, interest is computed on the
 * capital only and is never capitalised.
 */
export type Imputation = 'interest-first' | 'capital-first';

export interface ScheduleDebt {
  readonly id: string;
  readonly creditorCategory: CreditorCategory;
  /** Amount owed at the start, cents. */
  readonly balanceCents: Cents;
  /** Nominal annual rate applied in this run, basis points (monthly rate = annual / 12). */
  readonly annualRateBps: number;
  /**
   * A debt with its own instalment instead of a share of the capacity (contract kept, amicable
   * new terms, main-residence mortgage, debts outside the plan). At `termMonths` the payment
   * is whatever is left (the last instalment absorbs the residue).
   */
  readonly fixed?: { readonly instalmentCents: Cents; readonly termMonths?: number };
  /** Contractual instalment, cents per month: paid first when the policy says so. */
  readonly contractInstalmentCents?: Cents;
  /** False: what is left at the end stays owed, never written off (default true). */
  readonly writeOffAllowed?: boolean;
  /** False: outside the plan (L711-4), not counted in feasibility (default true). */
  readonly inPlan?: boolean;
}

export interface ScheduleRequest {
  readonly debts: readonly ScheduleDebt[];
  /** Month 1 is the month of this date; the engine never reads the clock. */
  readonly startDate: IsoDate;
  readonly capacity: CapacityPlan;
  /** Months in which shared debts may be paid (the plan's maximum duration). */
  readonly maxMonths: number;
  /** Last month for debts with their own instalment (≥ maxMonths; default maxMonths). */
  readonly horizonMonths?: number;
  /** First months in which shared debts are neither paid nor accrue interest (default 0). */
  readonly moratoriumMonths?: number;
  readonly policy: AllocationPolicy;
  readonly imputation?: Imputation;
  /** False: totals only, no month rows (portfolio runs). Default true. */
  readonly withSchedule?: boolean;
}

export interface SchedulePayment {
  readonly debtId: string;
  /** Paid this month, cents (= interestCents + principalCents). */
  readonly amountCents: Cents;
  /** Part of the payment imputed to interest, cents. */
  readonly interestCents: Cents;
  /** Part of the payment imputed to capital, cents. */
  readonly principalCents: Cents;
  /** Interest accrued this month, cents. */
  readonly interestAccruedCents: Cents;
  /** Still owed after the payment (capital + unpaid interest), cents. */
  readonly balanceAfterCents: Cents;
}

export interface ScheduleMonth {
  /** 1 = the start month. */
  readonly month: number;
  readonly date: IsoDate;
  /** Capacity of the month, cents (0 in moratorium). */
  readonly capacityCents: Cents;
  readonly isMoratorium: boolean;
  /** Sum of the month's payments, cents. */
  readonly paidCents: Cents;
  /** One line per debt still owed at the start of the month (zero payments included). */
  readonly payments: readonly SchedulePayment[];
}

export interface DebtOutcome {
  readonly debtId: string;
  readonly creditorCategory: CreditorCategory;
  readonly inPlan: boolean;
  readonly initialBalanceCents: Cents;
  readonly paidCents: Cents;
  /** Interest accrued over the run, cents. */
  readonly interestCents: Cents;
  /** Still owed at the end, cents. */
  readonly remainingCents: Cents;
  /** Part of the remainder written off at the end (0 when not allowed), cents. */
  readonly writeOffCents: Cents;
  /** Last month with a payment; null when never paid. */
  readonly lastMonth: number | null;
}

export interface ScheduleResult {
  /** Every debt of the plan repaid within maxMonths, nothing written off. */
  readonly feasible: boolean;
  /** Last month with a payment to a plan debt when feasible, else maxMonths. */
  readonly months: number;
  /** Last month with any payment (debts with their own term may run past maxMonths). */
  readonly lastPaymentMonth: number;
  readonly maxMonths: number;
  readonly totalPaidCents: Cents;
  readonly totalInterestCents: Cents;
  readonly writeOffCents: Cents;
  /** Owed at the end on debts that cannot be written off, cents. */
  readonly remainingNotWrittenOffCents: Cents;
  readonly perDebt: readonly DebtOutcome[];
  /** Empty when withSchedule is false. */
  readonly schedule: readonly ScheduleMonth[];
}
