/**
 * The month-by-month engine. Each month: interest accrues on the capital (monthly rate =
 * annual / 12, rounded once per debt with roundRatio), debts with their own instalment are
 * paid, and what is left of the capacity is shared between the other debts under the policy:
 * groups in order, pro rata within a group, largest remainder, minimum instalment. While any
 * shared debt is owed, the shared payments add up exactly to the capacity left.
 */
import { addMonths } from '../dates';
import { type Cents, roundRatio } from '../money';
import { orderGroups, resolvePolicy } from './allocation-policy';
import { capacityByMonth } from './capacity-plan';
import type {
  DebtOutcome,
  ScheduleMonth,
  SchedulePayment,
  ScheduleRequest,
  ScheduleResult,
} from './schedule-types';
import { splitProRata, splitWithMinimum } from './split-capacity';

// 12 months × 10 000 bps: monthly interest = capital × bps / 120 000.
const MONTHLY_RATE_DENOMINATOR = 120_000;

/**
 * Simulates a schedule. Pure: the input is not modified.
 * @param request - debts (cents, bps), start date, capacity (cents/month), max months, policy
 * @returns totals per debt (cents), feasibility, end month and, unless disabled, the month rows
 * @example simulateSchedule({ debts: [{ id: 'a', creditorCategory: 'other', balanceCents: 1_000, annualRateBps: 0 }], startDate: '2026-01-01', capacity: { monthlyCents: 400 }, maxMonths: 84, policy: { name: 'pro-rata' } }).months // 3
 */
export function simulateSchedule(request: ScheduleRequest): ScheduleResult {
  const { debts, maxMonths } = request;
  const policy = resolvePolicy(request.policy);
  const horizon = Math.max(maxMonths, request.horizonMonths ?? maxMonths);
  const moratorium = request.moratoriumMonths ?? 0;
  const capitalFirst = request.imputation === 'capital-first';
  const withSchedule = request.withSchedule ?? true;
  const capacity = capacityByMonth(request.capacity, horizon);
  const n = debts.length;

  const capital: number[] = debts.map((d) => d.balanceCents);
  const interestDue: number[] = debts.map(() => 0);
  const paid: number[] = debts.map(() => 0);
  const accrued: number[] = debts.map(() => 0);
  const lastMonth: (number | null)[] = debts.map(() => null);
  const ranks: number[] = debts.map((d) => policy.staticRank?.(d) ?? 0);
  const isFixed: boolean[] = debts.map((d) => d.fixed !== undefined);
  const shared: number[] = [];
  for (let i = 0; i < n; i += 1) if (!isFixed[i]) shared.push(i);

  const schedule: ScheduleMonth[] = [];
  const payment: number[] = debts.map(() => 0);
  const monthInterest: number[] = debts.map(() => 0);
  const due: number[] = debts.map(() => 0);

  for (let m = 1; m <= horizon; m += 1) {
    const inMoratorium = m <= moratorium;
    const sharedOpen = m <= maxMonths;
    let anyOwed = false;
    for (let i = 0; i < n; i += 1) {
      payment[i] = 0;
      monthInterest[i] = 0;
      const owed = (capital[i] ?? 0) + (interestDue[i] ?? 0);
      const live = owed > 0 && (isFixed[i] || sharedOpen);
      if (!live) {
        due[i] = 0;
        continue;
      }
      anyOwed = true;
      const rate = debts[i]?.annualRateBps ?? 0;
      const accrues = isFixed[i] || !inMoratorium;
      if (accrues && rate > 0 && (capital[i] ?? 0) > 0) {
        const interest = roundRatio((capital[i] ?? 0) * rate, MONTHLY_RATE_DENOMINATOR);
        monthInterest[i] = interest;
        interestDue[i] = (interestDue[i] ?? 0) + interest;
        accrued[i] = (accrued[i] ?? 0) + interest;
      }
      due[i] = (capital[i] ?? 0) + (interestDue[i] ?? 0);
    }
    if (!anyOwed) break;

    let fixedTotal = 0;
    for (let i = 0; i < n; i += 1) {
      const fixed = debts[i]?.fixed;
      if (!fixed || (due[i] ?? 0) === 0) continue;
      const last = fixed.termMonths !== undefined && m >= fixed.termMonths;
      payment[i] = last ? (due[i] ?? 0) : Math.min(fixed.instalmentCents, due[i] ?? 0);
      fixedTotal += payment[i] ?? 0;
    }

    const monthCapacity = inMoratorium ? 0 : (capacity[m] ?? 0);
    if (sharedOpen && !inMoratorium) {
      allocateShared(Math.max(0, monthCapacity - fixedTotal), shared, due, ranks, payment, debts, policy);
    }

    const rows: SchedulePayment[] = [];
    let monthPaid = 0;
    for (let i = 0; i < n; i += 1) {
      if ((due[i] ?? 0) === 0) continue;
      const amount = payment[i] ?? 0;
      const toCapital = capitalFirst
        ? Math.min(amount, capital[i] ?? 0)
        : amount - Math.min(amount, interestDue[i] ?? 0);
      const toInterest = amount - toCapital;
      capital[i] = (capital[i] ?? 0) - toCapital;
      interestDue[i] = (interestDue[i] ?? 0) - toInterest;
      paid[i] = (paid[i] ?? 0) + amount;
      if (amount > 0) lastMonth[i] = m;
      monthPaid += amount;
      if (withSchedule) {
        rows.push({
          debtId: debts[i]?.id ?? '',
          amountCents: amount,
          interestCents: toInterest,
          principalCents: toCapital,
          interestAccruedCents: monthInterest[i] ?? 0,
          balanceAfterCents: (capital[i] ?? 0) + (interestDue[i] ?? 0),
        });
      }
    }
    if (withSchedule) {
      schedule.push({
        month: m,
        date: addMonths(request.startDate, m - 1),
        capacityCents: monthCapacity,
        isMoratorium: inMoratorium,
        paidCents: monthPaid,
        payments: rows,
      });
    }
  }
  return summarise(request, capital, interestDue, paid, accrued, lastMonth, schedule);
}

function allocateShared(
  amount: Cents,
  shared: readonly number[],
  due: number[],
  ranks: readonly number[],
  payment: number[],
  debts: ScheduleRequest['debts'],
  policy: ReturnType<typeof resolvePolicy>,
): void {
  const active = shared.filter((i) => (due[i] ?? 0) > 0);
  if (active.length === 0 || amount === 0) return;
  let left = amount;
  // What is still due after this month's contractual instalments (support-track strategies).
  const rest = [...due];
  if (policy.contractualInstalmentsFirst) {
    const mins = active.map((i) => Math.min(debts[i]?.contractInstalmentCents ?? 0, due[i] ?? 0));
    const minsTotal = mins.reduce((a, b) => a + b, 0);
    if (minsTotal > 0) {
      const parts = minsTotal >= left ? splitProRata(left, mins) : mins;
      active.forEach((i, k) => {
        payment[i] = (payment[i] ?? 0) + (parts[k] ?? 0);
        rest[i] = (rest[i] ?? 0) - (parts[k] ?? 0);
        left -= parts[k] ?? 0;
      });
    }
  }
  if (left === 0) return;
  const stillOwed = active.filter((i) => (rest[i] ?? 0) > 0);
  for (const group of orderGroups(stillOwed, ranks, rest, policy)) {
    if (left === 0) break;
    const parts = splitWithMinimum(
      left,
      group.map((i) => rest[i] ?? 0),
      policy.minimumInstalmentCents,
    );
    group.forEach((i, k) => {
      payment[i] = (payment[i] ?? 0) + (parts[k] ?? 0);
      left -= parts[k] ?? 0;
    });
  }
}

function summarise(
  request: ScheduleRequest,
  capital: readonly number[],
  interestDue: readonly number[],
  paid: readonly number[],
  accrued: readonly number[],
  lastMonth: readonly (number | null)[],
  schedule: ScheduleMonth[],
): ScheduleResult {
  const perDebt: DebtOutcome[] = request.debts.map((d, i) => {
    const remaining = (capital[i] ?? 0) + (interestDue[i] ?? 0);
    const inPlan = d.inPlan ?? true;
    return {
      debtId: d.id,
      creditorCategory: d.creditorCategory,
      inPlan,
      initialBalanceCents: d.balanceCents,
      paidCents: paid[i] ?? 0,
      interestCents: accrued[i] ?? 0,
      remainingCents: remaining,
      writeOffCents: inPlan && (d.writeOffAllowed ?? true) ? remaining : 0,
      lastMonth: lastMonth[i] ?? null,
    };
  });
  const plan = perDebt.filter((d) => d.inPlan);
  const feasible = plan.every((d) => d.remainingCents === 0);
  const lastPlanMonth = Math.max(0, ...plan.map((d) => d.lastMonth ?? 0));
  const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
  const writeOff = sum(perDebt.map((d) => d.writeOffCents));
  return {
    feasible,
    months: feasible ? lastPlanMonth : request.maxMonths,
    lastPaymentMonth: Math.max(0, ...perDebt.map((d) => d.lastMonth ?? 0)),
    maxMonths: request.maxMonths,
    totalPaidCents: sum(perDebt.map((d) => d.paidCents)),
    totalInterestCents: sum(perDebt.map((d) => d.interestCents)),
    writeOffCents: writeOff,
    remainingNotWrittenOffCents: sum(perDebt.map((d) => d.remainingCents)) - writeOff,
    perDebt,
    schedule,
  };
}
