/**
 * The totals-only fast path of the month-by-month engine, for the case a portfolio run meets
 * most (the Banque de France defaults): no debt with its own instalment, no interest, groups in
 * a fixed order, no contractual instalments first, no month rows. In that case a month only
 * shares the capacity between the balances still owed, and a repaid debt never owes again, so
 * the loop keeps each group's debts still owed and their sum from month to month instead of
 * rescanning every debt, and does the largest-remainder split and the minimum instalment rule
 * in place, in buffers reused from run to run (same arithmetic, tie rules and order of steps
 * as splitProRataInto and splitWithMinimum in split-capacity.ts; copied because a call into
 * another module from this loop, and the small arrays splitWithMinimum allocates, cost more
 * than the split itself).
 *
 * It gives exactly what the general loop of simulate-schedule.ts gives; tests hold them equal
 * on generated cases (tests/domain/rescheduling/shared-totals.property.test.ts) and on the
 * golden portfolio. Months with no interest and no money are skipped there too.
 */
import type { ResolvedPolicy } from './allocation-policy';
import type { CapacityPlan } from './capacity-plan';
import type { ScheduleDebt } from './schedule-types';
import { floorShareInto, handOutLeftoverCents } from './split-capacity';

/** Per-debt totals, indexed like the request's debts. */
export interface SharedTotals {
  readonly capital: Float64Array;
  readonly paid: Float64Array;
  /** Last month with a payment, 0 = never. */
  readonly lastMonth: Float64Array;
  /** Zeros: no interest accrues on this path. */
  readonly zeros: Float64Array;
}

/**
 * Whether the fast path applies: totals only, no own-instalment debt, no interest, static
 * order, no contractual instalments first, and every product capacity × balance exact in a
 * double (then the general split never needs its BigInt fallback either).
 */
export function fitsSharedTotals(
  debts: readonly ScheduleDebt[],
  policy: ResolvedPolicy,
  capacity: CapacityPlan,
  withSchedule: boolean,
): boolean {
  if (withSchedule || policy.staticRank === null || policy.contractualInstalmentsFirst) return false;
  let maxBalance = 0;
  let total = 0;
  for (const d of debts) {
    if (d.fixed !== undefined || d.annualRateBps !== 0) return false;
    const b = d.balanceCents;
    if (!Number.isSafeInteger(b) || b < 0) return false;
    if (b > maxBalance) maxBalance = b;
    total += b;
  }
  // Every amount of the plan, steps past the last month included: a bound on any month's.
  let maxCapacity = capacity.monthlyCents;
  if (!Number.isSafeInteger(maxCapacity)) return false;
  for (const step of capacity.steps ?? []) {
    if (!Number.isSafeInteger(step.monthlyCents)) return false;
    if (step.monthlyCents > maxCapacity) maxCapacity = step.monthlyCents;
  }
  return Number.isSafeInteger(total) && maxCapacity * maxBalance <= Number.MAX_SAFE_INTEGER;
}

/**
 * Buffers reused from run to run: a portfolio makes some 65,000 runs, and allocating a few typed
 * arrays for each cost more in garbage collection than the months themselves. The engine is
 * synchronous and never re-entered, so one set is enough; the totals are read before the next
 * run overwrites them.
 */
interface Scratch {
  // By debt index.
  readonly capital: Float64Array;
  readonly paid: Float64Array;
  readonly last: Float64Array;
  readonly zeros: Float64Array;
  readonly rank: Float64Array;
  // By position: each group's debts still owed, packed in payment order, and their balances.
  readonly members: Int32Array;
  readonly balance: Float64Array;
  readonly lastAt: Float64Array;
  // One group's split, by position within the group.
  readonly parts: Float64Array;
  readonly remainders: Float64Array;
  // The minimum instalment rule's pool of positions, their balances and shares.
  readonly pool: Int32Array;
  readonly poolBalance: Float64Array;
  readonly shares: Float64Array;
  readonly shareRemainders: Float64Array;
  // By group (at most one per debt).
  readonly start: Int32Array;
  readonly count: Int32Array;
  readonly owed: Float64Array;
}

function createScratch(debts: number): Scratch {
  return {
    capital: new Float64Array(debts),
    paid: new Float64Array(debts),
    last: new Float64Array(debts),
    zeros: new Float64Array(debts),
    rank: new Float64Array(debts),
    members: new Int32Array(debts),
    balance: new Float64Array(debts),
    lastAt: new Float64Array(debts),
    parts: new Float64Array(debts),
    remainders: new Float64Array(debts),
    pool: new Int32Array(debts),
    poolBalance: new Float64Array(debts),
    shares: new Float64Array(debts),
    shareRemainders: new Float64Array(debts),
    start: new Int32Array(debts),
    count: new Int32Array(debts),
    owed: new Float64Array(debts),
  };
}

let scratch = createScratch(16);

/**
 * Runs the shared months of a plan that fits (see fitsSharedTotals).
 * @param debts - the plan's debts, all shared, no interest
 * @param policy - a policy with a static rank (groups in rank order, debts in index order)
 * @param plan - capacity per month, cents
 * @param firstMonth - first month after the moratorium
 * @param lastMonth - last month in which shared debts may be paid
 * @returns remaining capital, paid and last payment month per debt, in shared buffers valid
 *   until the next run (entries past the debts' count are stale)
 */
export function simulateSharedTotals(
  debts: readonly ScheduleDebt[],
  policy: ResolvedPolicy,
  plan: CapacityPlan,
  firstMonth: number,
  lastMonth: number,
): SharedTotals {
  const n = debts.length;
  if (scratch.capital.length < n) scratch = createScratch(Math.max(n, 2 * scratch.capital.length));
  const s = scratch;
  const { capital, paid, last, members, balance, lastAt, parts, start, count, owed } = s;
  const minimumCents = policy.minimumInstalmentCents;
  const groupCount = orderPositions(debts, policy, s);
  let owedTotal = 0;
  for (let g = 0; g < groupCount; g += 1) owedTotal += owed[g]!;
  for (let i = 0; i < n; i += 1) {
    capital[i] = 0;
    last[i] = 0;
  }
  // The capacity of month m, as capacityByMonth gives it: steps in month order, the later wins.
  const steps = plan.steps === undefined ? [] : [...plan.steps].sort((x, y) => x.fromMonth - y.fromMonth);
  let monthCapacity = plan.monthlyCents;
  let nextStep = 0;

  for (let m = firstMonth; m <= lastMonth && owedTotal > 0; m += 1) {
    while (nextStep < steps.length && steps[nextStep]!.fromMonth <= m) {
      monthCapacity = steps[nextStep]!.monthlyCents;
      nextStep += 1;
    }
    let left = monthCapacity;
    for (let g = 0; g < groupCount && left > 0; g += 1) {
      const sum = owed[g]!;
      if (sum === 0) continue;
      const from = start[g]!;
      const end = from + count[g]!;
      if (sum <= left) {
        // The whole group is repaid this month; what is left goes to the next group.
        for (let p = from; p < end; p += 1) last[members[p]!] = m;
        left -= sum;
        owedTotal -= sum;
        owed[g] = 0;
        count[g] = 0;
        continue;
      }
      splitGroup(left, sum, from, end - from, minimumCents, s);
      let closed = false;
      for (let p = from; p < end; p += 1) {
        const amount = parts[p - from]!;
        if (amount === 0) continue;
        const rest = balance[p]! - amount;
        balance[p] = rest;
        lastAt[p] = m;
        if (rest === 0) closed = true;
      }
      // The split always hands out the whole amount when the group owes more than it.
      owed[g] = sum - left;
      owedTotal -= left;
      left = 0;
      if (closed) {
        let kept = from;
        for (let p = from; p < end; p += 1) {
          if (balance[p]! > 0) {
            members[kept] = members[p]!;
            balance[kept] = balance[p]!;
            lastAt[kept] = lastAt[p]!;
            kept += 1;
          } else {
            last[members[p]!] = lastAt[p]!;
          }
        }
        count[g] = kept - from;
      }
    }
  }
  // What is still owed; repaid debts left the positions and keep 0. With no interest, every
  // cent paid came off the capital.
  for (let g = 0; g < groupCount; g += 1) {
    const from = start[g]!;
    for (let p = from; p < from + count[g]!; p += 1) {
      capital[members[p]!] = balance[p]!;
      last[members[p]!] = lastAt[p]!;
    }
  }
  for (let i = 0; i < n; i += 1) paid[i] = debts[i]!.balanceCents - capital[i]!;
  return { capital, paid, lastMonth: last, zeros: s.zeros };
}

/**
 * Lays the debts still owed out by position in payment order, as orderGroups would: by static
 * rank, then by index, one group per rank; fills each group's start, count and sum.
 * @returns the number of groups
 */
function orderPositions(debts: readonly ScheduleDebt[], policy: ResolvedPolicy, s: Scratch): number {
  const { members, balance, lastAt, rank, start, count, owed } = s;
  const rankOf = policy.staticRank ?? (() => 0);
  let filled = 0;
  for (let i = 0; i < debts.length; i += 1) {
    const d = debts[i]!;
    const b = d.balanceCents;
    if (b <= 0) continue;
    const r = rankOf(d);
    // Insertion by rank; equal ranks keep index order (a stable sort by rank, then index).
    let p = filled;
    while (p > 0 && rank[p - 1]! > r) {
      members[p] = members[p - 1]!;
      balance[p] = balance[p - 1]!;
      rank[p] = rank[p - 1]!;
      p -= 1;
    }
    members[p] = i;
    balance[p] = b;
    rank[p] = r;
    filled += 1;
  }
  let groups = 0;
  for (let p = 0; p < filled; p += 1) {
    lastAt[p] = 0;
    if (p === 0 || rank[p]! !== rank[p - 1]!) {
      start[groups] = p;
      count[groups] = 0;
      owed[groups] = 0;
      groups += 1;
    }
    count[groups - 1] = count[groups - 1]! + 1;
    owed[groups - 1] = owed[groups - 1]! + balance[p]!;
  }
  return groups;
}

/**
 * Shares `total` (< sum) over the group's balances at positions [from, from + k) into
 * parts[0..k): largest remainder, then the minimum instalment rule when a part falls under it.
 */
function splitGroup(
  total: number,
  sum: number,
  from: number,
  k: number,
  minimumCents: number,
  s: Scratch,
): void {
  const { parts } = s;
  // Parts are the floors or one more: when the smallest floor reaches the minimum, none is under.
  if (proRata(total, sum, s.balance, from, k, parts, s.remainders) >= minimumCents) return;
  let underMinimum = false;
  for (let p = 0; p < k; p += 1) if (parts[p]! < minimumCents) underMinimum = true;
  if (underMinimum) splitWithMinimumInPlace(total, sum, from, k, minimumCents, s);
}

/**
 * splitWithMinimum (split-capacity.ts) over positive balances whose sum is above `total`: the
 * smallest balance whose share falls under the minimum gets the minimum (or its balance), and
 * the rest is shared again over the others; when the money left cannot make a minimum, it goes
 * to the largest balance. `parts` holds the plain split of `total` on entry.
 */
function splitWithMinimumInPlace(
  total: number,
  sum: number,
  from: number,
  k: number,
  minimumCents: number,
  s: Scratch,
): void {
  const { parts, pool, poolBalance, shares, balance } = s;
  // The first round's split is the one splitGroup just made (same amount, same balances).
  for (let p = 0; p < k; p += 1) {
    shares[p] = parts[p]!;
    parts[p] = 0;
    pool[p] = p;
    poolBalance[p] = balance[from + p]!;
  }
  let size = k;
  let poolSum = sum;
  let remaining = total;
  let firstRound = true;
  while (size > 0 && remaining > 0) {
    if (poolSum <= remaining) {
      for (let j = 0; j < size; j += 1) parts[pool[j]!] = poolBalance[j]!;
      return;
    }
    if (!firstRound) proRata(remaining, poolSum, poolBalance, 0, size, shares, s.shareRemainders);
    firstRound = false;
    // Since remaining < poolSum, every share is below its balance: none is a final payment.
    let smallest = -1;
    for (let j = 0; j < size; j += 1) {
      if (shares[j]! < minimumCents && (smallest < 0 || poolBalance[j]! < poolBalance[smallest]!))
        smallest = j;
    }
    if (smallest < 0) {
      for (let j = 0; j < size; j += 1) parts[pool[j]!] = shares[j]!;
      return;
    }
    const closing = poolBalance[smallest]!;
    const payment = Math.min(minimumCents, closing);
    if (payment > remaining) {
      // The money left cannot make a minimum instalment: it goes to the largest debt.
      let largest = 0;
      for (let j = 1; j < size; j += 1) if (poolBalance[j]! > poolBalance[largest]!) largest = j;
      parts[pool[largest]!] = remaining;
      return;
    }
    parts[pool[smallest]!] = payment;
    remaining -= payment;
    poolSum -= closing;
    for (let j = smallest + 1; j < size; j += 1) {
      pool[j - 1] = pool[j]!;
      poolBalance[j - 1] = poolBalance[j]!;
    }
    size -= 1;
  }
}

/**
 * splitProRataInto (split-capacity.ts) of `total` over weights[off..off + k), whose sum `sum`
 * is positive and every product total × weight exact: parts and remainders in [0, k).
 * @returns the smallest part before the leftover cents
 */
function proRata(
  total: number,
  sum: number,
  weights: Float64Array,
  off: number,
  k: number,
  parts: Float64Array,
  remainders: Float64Array,
): number {
  if (k === 1) {
    parts[0] = total;
    return total;
  }
  let given = 0;
  let smallest = total;
  for (let p = 0; p < k; p += 1) {
    const q = floorShareInto(total * weights[off + p]!, sum, p, parts, remainders);
    given += q;
    if (q < smallest) smallest = q;
  }
  handOutLeftoverCents(total - given, k, sum, parts, remainders);
  return smallest;
}
