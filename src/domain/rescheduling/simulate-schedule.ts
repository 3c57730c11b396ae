/**
 * The month-by-month engine. Each month: interest accrues on the capital (monthly rate =
 * annual / 12, rounded once per debt with roundRatio), debts with their own instalment are
 * paid, and what is left of the capacity is shared between the other debts under the policy:
 * groups in order, pro rata within a group, largest remainder, minimum instalment. While any
 * shared debt is owed, the shared payments add up exactly to the capacity left.
 *
 * Speed (a portfolio run simulates some 40 million debt-months): the per-debt state lives in
 * plain packed arrays indexed by debt, created once per run; every index used below is in
 * bounds by construction, so reads use `!` rather than `?? 0` (the fallback costs a check on
 * each access, about 15 % of a portfolio run). The golden test
 * tests/domain/rescheduling/portfolio-golden.test.ts holds the outputs fixed.
 */
import { addMonths } from '../dates';
import { type Cents, roundRatio } from '../money';
import { orderGroups, type ResolvedPolicy, resolvePolicy } from './allocation-policy';
import { capacityByMonth } from './capacity-plan';
import type {
  DebtOutcome,
  ScheduleMonth,
  SchedulePayment,
  ScheduleRequest,
  ScheduleResult,
} from './schedule-types';
import { fitsSharedTotals, simulateSharedTotals } from './shared-totals';
import { splitProRata, splitProRataInto, splitWithMinimum } from './split-capacity';

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
  const n = debts.length;

  if (fitsSharedTotals(debts, policy, request.capacity, withSchedule)) {
    // Totals of a plan with shared debts only and no interest (the portfolio's common case).
    const totals = simulateSharedTotals(debts, policy, request.capacity, moratorium + 1, maxMonths);
    const { capital, zeros, paid, lastMonth } = totals;
    return summarise(request, capital, zeros, paid, zeros, lastMonth, []);
  }
  const capacity = capacityByMonth(request.capacity, horizon);

  const capital: number[] = debts.map((d) => d.balanceCents);
  const interestDue: number[] = debts.map(() => 0);
  const paid: number[] = debts.map(() => 0);
  const accrued: number[] = debts.map(() => 0);
  /** Last month with a payment, 0 = never (months start at 1). */
  const lastMonth: number[] = debts.map(() => 0);
  const isFixed: boolean[] = debts.map((d) => d.fixed !== undefined);
  const shared: number[] = [];
  for (let i = 0; i < n; i += 1) if (!isFixed[i]) shared.push(i);

  const pool = createPool(debts, shared, policy);
  const rates: number[] = debts.map((d) => d.annualRateBps);
  const schedule: ScheduleMonth[] = [];
  const payment: number[] = debts.map(() => 0);
  const monthInterest: number[] = debts.map(() => 0);
  const due: number[] = debts.map(() => 0);

  const fixedInstalment: number[] = debts.map((d) => d.fixed?.instalmentCents ?? 0);
  const fixedTerm: number[] = debts.map((d) => d.fixed?.termMonths ?? Number.POSITIVE_INFINITY);

  // With no own-instalment debt and no interest, a month with no money changes nothing: in
  // totals-only runs it is skipped (households with a nil capacity, moratorium months).
  const canSkipIdleMonths = !withSchedule && !isFixed.includes(true);
  const noInterest = rates.every((r) => r === 0);

  for (let m = 1; m <= horizon; m += 1) {
    const inMoratorium = m <= moratorium;
    const sharedOpen = m <= maxMonths;
    if (canSkipIdleMonths && (inMoratorium || (noInterest && capacity[m] === 0))) continue;
    let anyOwed = false;
    let fixedTotal = 0;
    for (let i = 0; i < n; i += 1) {
      payment[i] = 0;
      monthInterest[i] = 0;
      const c = capital[i]!;
      const owed = c + interestDue[i]!;
      const fixed = isFixed[i]!;
      if (owed === 0 || !(fixed || sharedOpen)) {
        due[i] = 0;
        continue;
      }
      anyOwed = true;
      const rate = rates[i]!;
      let d = owed;
      if (rate > 0 && c > 0 && (fixed || !inMoratorium)) {
        const interest = roundRatio(c * rate, MONTHLY_RATE_DENOMINATOR);
        monthInterest[i] = interest;
        interestDue[i] = interestDue[i]! + interest;
        accrued[i] = accrued[i]! + interest;
        d += interest;
      }
      due[i] = d;
      if (fixed) {
        // At the end of its term a debt pays whatever is left: the last instalment absorbs the residue.
        const amount = m >= fixedTerm[i]! ? d : Math.min(fixedInstalment[i]!, d);
        payment[i] = amount;
        fixedTotal += amount;
      }
    }
    if (!anyOwed) break;

    const monthCapacity = inMoratorium ? 0 : capacity[m]!;
    if (sharedOpen && !inMoratorium) {
      allocateShared(Math.max(0, monthCapacity - fixedTotal), pool, due, payment);
    }

    const rows: SchedulePayment[] | null = withSchedule ? [] : null;
    let monthPaid = 0;
    for (let i = 0; i < n; i += 1) {
      if (due[i]! === 0) continue;
      const amount = payment[i]!;
      // Nothing paid changes no balance: only a month row would record it.
      if (amount === 0 && rows === null) continue;
      const toCapital = capitalFirst
        ? Math.min(amount, capital[i]!)
        : amount - Math.min(amount, interestDue[i]!);
      const toInterest = amount - toCapital;
      capital[i] = capital[i]! - toCapital;
      interestDue[i] = interestDue[i]! - toInterest;
      paid[i] = paid[i]! + amount;
      if (amount > 0) lastMonth[i] = m;
      monthPaid += amount;
      if (rows !== null) {
        rows.push({
          debtId: debts[i]?.id ?? '',
          amountCents: amount,
          interestCents: toInterest,
          principalCents: toCapital,
          interestAccruedCents: monthInterest[i]!,
          balanceAfterCents: capital[i]! + interestDue[i]!,
        });
      }
    }
    if (rows !== null) {
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

/** Reusable per-run buffers and the debts' fixed facts, so the monthly loop allocates little. */
interface Pool {
  readonly shared: readonly number[];
  /** Groups in payment order when the order does not depend on balances. */
  readonly staticGroups: readonly (readonly number[])[] | null;
  readonly ranks: readonly number[];
  readonly contractInstalment: readonly number[];
  readonly policy: ResolvedPolicy;
  readonly rest: number[];
  // Scratch buffers for one group's split.
  readonly members: number[];
  readonly weights: number[];
  readonly parts: number[];
  readonly remainders: number[];
}

function createPool(
  debts: ScheduleRequest['debts'],
  shared: readonly number[],
  policy: ResolvedPolicy,
): Pool {
  const ranks = debts.map((d) => policy.staticRank?.(d) ?? 0);
  return {
    shared,
    staticGroups: policy.staticRank === null ? null : orderGroups(shared, ranks, [], policy),
    ranks,
    contractInstalment: debts.map((d) => d.contractInstalmentCents ?? 0),
    policy,
    rest: debts.map(() => 0),
    members: debts.map(() => 0),
    weights: debts.map(() => 0),
    parts: debts.map(() => 0),
    remainders: debts.map(() => 0),
  };
}

function allocateShared(amount: Cents, pool: Pool, due: readonly number[], payment: number[]): void {
  const { shared, policy } = pool;
  let left = amount;
  let rest: readonly number[] = due;
  if (policy.contractualInstalmentsFirst) {
    for (const i of shared) pool.rest[i] = due[i]!;
    left = payContractualFirst(left, pool, payment);
    rest = pool.rest;
  }
  if (left === 0) return;
  const groups =
    pool.staticGroups ??
    orderGroups(
      shared.filter((i) => rest[i]! > 0),
      pool.ranks,
      rest,
      policy,
    );
  const { members, weights, parts, remainders } = pool;
  for (const group of groups) {
    if (left === 0) break;
    // The group's debts still owed, with what each is owed.
    let owed = 0;
    let count = 0;
    for (const i of group) {
      const r = rest[i]!;
      if (r > 0) {
        members[count] = i;
        weights[count] = r;
        owed += r;
        count += 1;
      }
    }
    if (owed === 0) continue;
    if (owed <= left) {
      // The whole group is repaid this month; what is left goes to the next group.
      for (let k = 0; k < count; k += 1) {
        const i = members[k]!;
        payment[i] = payment[i]! + weights[k]!;
      }
      left -= owed;
      continue;
    }
    splitProRataInto(left, weights, count, parts, remainders);
    let underMinimum = false;
    for (let k = 0; k < count; k += 1) if (parts[k]! < policy.minimumInstalmentCents) underMinimum = true;
    const shares = underMinimum
      ? splitWithMinimum(left, weights.slice(0, count), policy.minimumInstalmentCents)
      : parts;
    for (let k = 0; k < count; k += 1) {
      const i = members[k]!;
      payment[i] = payment[i]! + shares[k]!;
    }
    left = 0;
  }
}

/** Support-track strategies pay each contractual instalment first (pro rata when short). */
function payContractualFirst(amount: Cents, pool: Pool, payment: number[]): Cents {
  const active = pool.shared.filter((i) => pool.rest[i]! > 0);
  const mins = active.map((i) => Math.min(pool.contractInstalment[i]!, pool.rest[i]!));
  const minsTotal = mins.reduce((a, b) => a + b, 0);
  if (minsTotal === 0) return amount;
  const parts = minsTotal >= amount ? splitProRata(amount, mins) : mins;
  let left = amount;
  for (let k = 0; k < active.length; k += 1) {
    const i = active[k]!;
    const part = parts[k]!;
    payment[i] = payment[i]! + part;
    pool.rest[i] = pool.rest[i]! - part;
    left -= part;
  }
  return left;
}

function summarise(
  request: ScheduleRequest,
  capital: ArrayLike<number>,
  interestDue: ArrayLike<number>,
  paid: ArrayLike<number>,
  accrued: ArrayLike<number>,
  lastMonth: ArrayLike<number>,
  schedule: ScheduleMonth[],
): ScheduleResult {
  const perDebt: DebtOutcome[] = [];
  let feasible = true;
  let lastPlanMonth = 0;
  let lastPaymentMonth = 0;
  let totalPaid = 0;
  let totalInterest = 0;
  let writeOff = 0;
  let remainingTotal = 0;
  for (let i = 0; i < request.debts.length; i += 1) {
    const d = request.debts[i];
    if (d === undefined) continue;
    const remaining = capital[i]! + interestDue[i]!;
    const inPlan = d.inPlan ?? true;
    const last = lastMonth[i]!;
    const outcome: DebtOutcome = {
      debtId: d.id,
      creditorCategory: d.creditorCategory,
      inPlan,
      initialBalanceCents: d.balanceCents,
      paidCents: paid[i]!,
      interestCents: accrued[i]!,
      remainingCents: remaining,
      writeOffCents: inPlan && (d.writeOffAllowed ?? true) ? remaining : 0,
      lastMonth: last === 0 ? null : last,
    };
    perDebt.push(outcome);
    if (inPlan) {
      if (remaining !== 0) feasible = false;
      lastPlanMonth = Math.max(lastPlanMonth, last);
    }
    lastPaymentMonth = Math.max(lastPaymentMonth, last);
    totalPaid += outcome.paidCents;
    totalInterest += outcome.interestCents;
    writeOff += outcome.writeOffCents;
    remainingTotal += remaining;
  }
  return {
    feasible,
    months: feasible ? lastPlanMonth : request.maxMonths,
    lastPaymentMonth,
    maxMonths: request.maxMonths,
    totalPaidCents: totalPaid,
    totalInterestCents: totalInterest,
    writeOffCents: writeOff,
    remainingNotWrittenOffCents: remainingTotal - writeOff,
    perDebt,
    schedule,
  };
}
